"""notify → inbox → preferences / quiet hours → rate limit / coalescing → tokens → FCM, with the
clock injected and real firebase-admin talking to the loopback stand-in."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from api.container import Services
from api.db.notification_tables import (
    NotificationActionToken,
    NotificationDelivery,
    NotificationRecord,
    PushDevice,
)
from api.services.accounts import Principal
from api.services.notifications import Notifications
from api.services.orders import PlaceOrder
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from notifications.model import Notice, NoticeAction
from tests.support.polling import eventually
from tests.support.push_fixtures import FakeClock
from tests.support.standins.fcm import FcmStandin
from tests.support.users import new_user


def price_above(user_id: str, **params: str) -> Notice:
    return Notice(
        user_id=user_id,
        category="PRICE_ALERT",
        template="price_above",
        params={"symbol": "BTC/USDT", "price": "65010.5", "threshold": "65000", **params},
        data={"alertId": "a-1", "symbol": "BTC/USDT"},
        actions=(
            NoticeAction("BUY_PRESET", "placeOrder", {"symbol": "BTC/USDT", "qty": "0.01"}),
            NoticeAction("SNOOZE_1H", "snooze", {"alertId": "a-1", "minutes": 60}),
        ),
    )


def risk_limit(user_id: str) -> Notice:
    return Notice(user_id, "RISK_LIMIT", "risk_limit", {"limit": "Daily loss"})


def filled(user_id: str, n: int) -> Notice:
    return Notice(
        user_id,
        "ORDER_FILLED",
        "buy_filled",
        {"symbol": "ETH/USDT", "qty": "0.1", "price": f"{3000 + n}"},
        {"orderId": f"o-{n}"},
        (NoticeAction("VIEW", "view"),),
    )


async def device(push: Notifications, user_id: str, token: str, **kw: Any) -> PushDevice:
    args: dict[str, Any] = {"platform": "android", "locale": "en", "timezone": "UTC"} | kw
    return await push.devices.register(
        user_id,
        token,
        args["platform"],
        args["locale"],
        args["timezone"],
        "1.4.0",
        push.service.clock(),
    )


async def rows(services: Services, table: Any, *where: Any) -> list[Any]:
    async with services.db.session() as session:
        return list((await session.exec(select(table).where(*where))).all())


async def log_of(services: Services, notification_id: str) -> list[tuple[int, str]]:
    entries = await rows(
        services,
        NotificationDelivery,
        col(NotificationDelivery.notification_id) == notification_id,
    )
    return sorted((e.attempt, e.status) for e in entries)


def data_of(body: dict[str, Any]) -> dict[str, str]:
    data: dict[str, str] = body["message"]["data"]
    return data


async def test_a_price_alert_reaches_every_device_in_its_own_language(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "android-de", locale="de-DE")
    clock.advance(seconds=1)
    await device(push, alice, "iphone-en", platform="ios", locale="en-GB")
    record = await push.notify(price_above(alice))
    assert record is not None and record.delivery == "push"
    assert await push.delivery.process_due() == 2

    android = data_of(fcm_standin.bodies_for("android-de")[0])
    assert android["title"] == "BTC/USDT über 65000"
    assert android["body"] == "BTC/USDT ist über 65000 gestiegen und steht jetzt bei 65010.5."
    assert android["notificationId"] == record.id
    buttons = json.loads(android["actions"])
    assert [(b["id"], b["label"], b["stepUp"]) for b in buttons] == [
        ("BUY_PRESET", "Kaufen", True),
        ("SNOOZE_1H", "1 Std. pausieren", False),
    ]
    aps = fcm_standin.bodies_for("iphone-en")[0]["message"]["apns"]["payload"]
    assert aps["aps"]["category"] == "PRICE_ALERT"
    assert aps["aps"]["alert"]["title"] == "BTC/USDT above 65000"
    # One token per button, the same on every device; only its SHA-256 is stored.
    assert aps["actions"] == [{"id": b["id"], "token": b["token"]} for b in buttons]
    stored = await rows(services, NotificationActionToken)
    assert sorted(t.token_digest for t in stored) == sorted(
        hashlib.sha256(b["token"].encode()).hexdigest() for b in buttons
    )
    assert all(t.user_id == alice and t.notification_id == record.id for t in stored)
    assert await log_of(services, record.id) == [(1, "sent"), (1, "sent")]
    # The inbox row is in the language of the most recently seen device.
    inbox = await push.service.inbox(alice)
    assert [n.title for n in inbox.items] == ["BTC/USDT above 65000"]


async def test_an_unregistered_token_is_removed_and_logged(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "old-phone")
    await device(push, alice, "new-phone")
    fcm_standin.unregister("old-phone")
    record = await push.notify(risk_limit(alice))
    assert record is not None
    await push.delivery.process_due()
    assert [d.token for d in await push.devices.of_user(alice)] == ["new-phone"]
    assert await log_of(services, record.id) == [(1, "sent"), (1, "token_removed")]
    [removed] = await rows(
        services, NotificationDelivery, col(NotificationDelivery.status) == "token_removed"
    )
    assert removed.error is not None and removed.error.startswith("UNREGISTERED")


async def test_an_invalid_token_is_removed_too(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "garbled")
    fcm_standin.fail_next("garbled", "INVALID_TOKEN")
    await push.notify(risk_limit(alice))
    await push.delivery.process_due()
    assert await push.devices.of_user(alice) == []


async def test_quota_errors_are_retried_with_exponential_backoff(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone")
    fcm_standin.fail_next("phone", "QUOTA_EXCEEDED", times=3)
    record = await push.notify(risk_limit(alice))
    assert record is not None
    start = clock()
    assert await push.delivery.process_due() == 1  # attempt 1 → retry in 1 s
    clock.advance(seconds=1)
    assert await push.delivery.process_due() == 1  # attempt 2 → retry in 2 s
    clock.advance(seconds=2)
    assert await push.delivery.process_due() == 1  # attempt 3 → retry in 4 s
    clock.advance(seconds=3.9)
    assert await push.delivery.process_due() == 0  # not yet
    clock.advance(seconds=0.1)
    assert await push.delivery.process_due() == 1  # attempt 4 → sent
    entries = sorted(await rows(services, NotificationDelivery), key=lambda e: e.attempt)
    assert [(e.attempt, e.status) for e in entries] == [
        (1, "retry"),
        (2, "retry"),
        (3, "retry"),
        (4, "sent"),
    ]
    assert [
        (e.next_attempt_at - start).total_seconds() for e in entries[:3] if e.next_attempt_at
    ] == [
        1,
        3,
        7,
    ]
    assert len(fcm_standin.bodies_for("phone")) == 1
    assert await push.delivery.queued() == 0


async def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone")
    fcm_standin.fail_next("phone", "QUOTA_EXCEEDED", times=100)
    record = await push.notify(risk_limit(alice))
    assert record is not None
    for _ in range(push.delivery.max_attempts):
        await push.delivery.process_due()
        clock.advance(minutes=10)
    statuses = [s for _, s in await log_of(services, record.id)]
    assert statuses == ["retry"] * (push.delivery.max_attempts - 1) + ["failed"]
    assert await push.delivery.queued() == 0
    assert len(await push.devices.of_user(alice)) == 1  # a busy FCM is no reason to drop it


async def test_quiet_hours_keep_pushes_in_the_inbox_except_risk_limits(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone", timezone="Asia/Tokyo")
    # 22:00-07:00 in the device's zone; it is 21:00 in Tokyo now (12:00 UTC).
    await push.preferences.update(alice, clock(), quiet_hours=(22 * 60, 7 * 60))
    assert (await push.notify(price_above(alice))).delivery == "push"  # type: ignore[union-attr]
    clock.advance(hours=2)  # 23:00 Tokyo
    quiet = await push.notify(price_above(alice, price="65100"))
    urgent = await push.notify(risk_limit(alice))
    assert quiet is not None and quiet.delivery == "in_app"
    assert urgent is not None and urgent.delivery == "push"
    clock.advance(hours=8)  # 07:00 Tokyo: quiet hours are over
    assert (await push.notify(price_above(alice))).delivery == "push"  # type: ignore[union-attr]
    await push.delivery.process_due()
    sent_titles = sorted(data_of(b)["title"] for b in fcm_standin.bodies_for("phone"))
    assert sent_titles == ["BTC/USDT above 65000", "BTC/USDT above 65000", "Risk limit reached"]
    assert urgent.id in {n.id for n in (await push.service.inbox(alice)).items}


async def test_quiet_hours_in_an_explicit_time_zone(
    services: Services, push: Notifications, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone", timezone="UTC")
    # 12:00 UTC is 07:00 in New York (EST): inside 00:00-08:00 there, outside in UTC.
    await push.preferences.update(
        alice, clock(), quiet_hours=(0, 8 * 60), timezone="America/New_York"
    )
    assert (await push.notify(price_above(alice))).delivery == "in_app"  # type: ignore[union-attr]


async def test_a_muted_category_stays_in_the_inbox(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone")
    await push.preferences.update(alice, clock(), muted=["PRICE_ALERT"])
    record = await push.notify(price_above(alice))
    assert record is not None and record.delivery == "in_app"
    await push.delivery.process_due()
    assert fcm_standin.sent == []
    assert await rows(services, NotificationActionToken) == []  # no buttons were issued


async def test_ten_fills_in_a_second_become_one_push(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone", locale="en")
    await device(push, alice, "tablet", locale="ru")
    for n in range(10):
        record = await push.notify(filled(alice, n))
        assert record is not None and record.delivery == "pending"
        clock.advance(seconds=0.1)
    assert await push.service.flush_due() == 0  # the 2 s window is still open
    clock.advance(seconds=1.1)
    assert await push.service.flush_due() == 1
    await push.delivery.process_due()
    [phone] = fcm_standin.bodies_for("phone")
    [tablet] = fcm_standin.bodies_for("tablet")
    assert data_of(phone)["title"] == "10 orders filled"
    assert data_of(phone)["body"] == "Open the inbox to see every fill."
    assert data_of(tablet)["title"] == "10 ордеров исполнено"
    assert json.loads(data_of(phone)["data"]) == {"count": "10", "orderId": "o-9"}
    assert phone["message"]["android"]["collapse_key"] == "ORDER_FILLED"
    inbox = (await push.service.inbox(alice)).items
    assert len(inbox) == 10  # every fill stays readable in the app
    assert sorted(n.delivery for n in inbox) == ["coalesced"] * 9 + ["push"]
    assert inbox[0].delivery == "push" and data_of(phone)["notificationId"] == inbox[0].id


async def test_a_single_fill_is_pushed_as_itself_when_its_window_closes(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone")
    await push.notify(filled(alice, 1))
    clock.advance(seconds=2)
    await push.service.flush_due()
    await push.delivery.process_due()
    [body] = fcm_standin.bodies_for("phone")
    assert data_of(body)["title"] == "Buy order filled"
    assert data_of(body)["body"] == "Bought 0.1 ETH/USDT at 3001."


async def test_the_per_user_rate_limit_keeps_the_rest_in_the_inbox(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    bob = await new_user(services, "bob@example.com")
    await device(push, alice, "alice-phone")
    await device(push, bob, "bob-phone")
    deliveries = []
    for _ in range(push.service.max_per_minute + 2):
        record = await push.notify(price_above(alice))
        assert record is not None
        deliveries.append(record.delivery)
        clock.advance(seconds=1)
    assert deliveries == ["push"] * push.service.max_per_minute + ["rate_limited"] * 2
    # Other users have their own budget, and risk limits always go out.
    assert (await push.notify(price_above(bob))).delivery == "push"  # type: ignore[union-attr]
    assert (await push.notify(risk_limit(alice))).delivery == "push"  # type: ignore[union-attr]
    clock.advance(minutes=1)
    assert (await push.notify(price_above(alice))).delivery == "push"  # type: ignore[union-attr]
    await push.delivery.process_due()
    assert len(fcm_standin.bodies_for("alice-phone")) == push.service.max_per_minute + 2


async def test_a_notice_with_the_same_dedupe_key_is_written_once(
    services: Services, push: Notifications
) -> None:
    alice = await new_user(services, "alice@example.com")
    assert await push.notify(risk_limit(alice), dedupe_key="risk:daily") is not None
    assert await push.notify(risk_limit(alice), dedupe_key="risk:daily") is None
    assert len((await push.service.inbox(alice)).items) == 1


async def test_without_a_device_a_notice_only_reaches_the_inbox(
    services: Services, push: Notifications
) -> None:
    alice = await new_user(services, "alice@example.com")
    record = await push.notify(price_above(alice))
    assert record is not None and record.delivery == "in_app"
    assert await push.delivery.queued() == 0


async def test_a_filled_order_on_the_bus_becomes_an_order_filled_notice(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    account = await services.portfolio.open_paper_account(alice)
    await device(push, alice, "phone")
    await push.fills.start()
    order = await services.orders.place_order(
        Principal(alice, "session", "full"),
        PlaceOrder(
            account_id=account.id,
            symbol="BTC/USDT",
            side=Side.BUY,
            type=OrderType.MARKET,
            qty=Decimal("0.001"),
            time_in_force=TimeInForce.IOC,
            source="bot",
        ),
    )
    assert order.status == "filled"

    async def inbox() -> list[NotificationRecord]:
        return (await push.service.inbox(alice)).items

    # "pending": in the coalescing window.
    [notice] = await eventually(inbox, lambda found: [n.delivery for n in found] == ["pending"])
    assert notice.category == "ORDER_FILLED" and notice.title == "Buy order filled"
    assert json.loads(notice.data) == {"orderId": order.id, "symbol": "BTC/USDT"}
    clock.advance(seconds=2)
    await push.service.flush_due()
    await push.delivery.process_due()
    [body] = fcm_standin.bodies_for("phone")
    buttons = {b["id"]: b for b in json.loads(data_of(body)["actions"])}
    assert set(buttons) == {"VIEW", "CANCEL_REST"}
    [cancel] = await rows(
        services, NotificationActionToken, col(NotificationActionToken.action_id) == "CANCEL_REST"
    )
    assert json.loads(cancel.payload) == {"accountId": account.id, "symbol": "BTC/USDT"}


async def test_an_alerts_notice_is_rendered_and_buttons_its_category_lacks_are_dropped(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    await device(push, alice, "phone", locale="fr")
    # What the alert evaluator hands over for an event alert (a fill) with a snooze button.
    notice = Notice(
        alice,
        "ORDER_FILLED",
        "alert_event",
        {"name": "Mon ordre ETH", "symbol": "", "value": "3010"},
        {"alertId": "a-9"},
        (NoticeAction("SNOOZE_1H", "snooze", {"alertId": "a-9", "minutes": 60}),),
    )
    record = await push.notify(notice)
    assert record is not None and record.title == "Alerte : Mon ordre ETH"
    assert record.body == "Mon ordre ETH s'est déclenchée à 3010."
    assert await rows(services, NotificationActionToken) == []
