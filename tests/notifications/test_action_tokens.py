"""Action tokens: single use, short-lived, bound to their user; stored only as SHA-256."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from api.container import Services
from api.db.notification_tables import NotificationActionToken
from api.errors import ApiError
from api.services.accounts import Principal
from api.services.notifications import ActionOutcome, Notifications
from api.services.notifications.action_tokens import ActionGrant
from api.services.notifications.actions import preset_order
from engine.market.models import Side
from engine.trading.models import TimeInForce
from notifications.model import Notice, NoticeAction
from tests.support.push_fixtures import FakeClock
from tests.support.standins.fcm import FcmStandin
from tests.support.users import new_user


async def view_token(push: Notifications, fcm: FcmStandin, user_id: str) -> str:
    await push.devices.register(
        user_id, "phone", "android", "en", "UTC", None, push.service.clock()
    )
    notice = Notice(
        user_id,
        "RISK_LIMIT",
        "risk_limit",
        {"limit": "Daily loss"},
        {},
        (NoticeAction("VIEW", "view"),),
    )
    assert await push.notify(notice) is not None
    await push.delivery.process_due()
    [body] = fcm.bodies_for("phone")
    [button] = json.loads(body["message"]["data"]["actions"])
    token: str = button["token"]
    return token


def principal(user_id: str) -> Principal:
    return Principal(user_id, "session", "full")


async def code_of(call: object) -> str:
    with pytest.raises(ApiError) as raised:
        await call  # type: ignore[misc]
    return raised.value.code


async def test_a_token_expires_after_fifteen_minutes(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    token = await view_token(push, fcm_standin, alice)
    clock.advance(minutes=15)
    assert await code_of(push.actions.describe(principal(alice), token)) == "ACTION_TOKEN_EXPIRED"
    assert await code_of(push.actions.perform(principal(alice), token, None)) == (
        "ACTION_TOKEN_EXPIRED"
    )
    inbox = await push.service.inbox(alice)
    assert inbox.items[0].read_at is None  # nothing was done


async def test_a_token_works_once(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    token = await view_token(push, fcm_standin, alice)
    clock.advance(minutes=14, seconds=59)
    outcome = await push.actions.perform(principal(alice), token, None)
    assert outcome.deep_link is not None
    assert await code_of(push.actions.perform(principal(alice), token, None)) == "ACTION_TOKEN_USED"


async def test_two_taps_at_once_perform_it_once(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    token = await view_token(push, fcm_standin, alice)
    results = await asyncio.gather(
        *(push.actions.perform(principal(alice), token, None) for _ in range(3)),
        return_exceptions=True,
    )
    codes = sorted(r.code if isinstance(r, ApiError) else "ok" for r in results)
    assert codes == ["ACTION_TOKEN_USED", "ACTION_TOKEN_USED", "ok"]


async def test_another_users_token_is_not_found_and_stays_usable(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    bob = await new_user(services, "bob@example.com")
    token = await view_token(push, fcm_standin, alice)
    assert await code_of(push.actions.perform(principal(bob), token, None)) == "NOT_FOUND"
    assert await code_of(push.actions.describe(principal(bob), token)) == "NOT_FOUND"
    await push.actions.perform(principal(alice), token, None)


async def test_only_the_digest_is_stored(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    token = await view_token(push, fcm_standin, alice)
    async with services.db.session() as session:
        [row] = (await session.exec(select(NotificationActionToken))).all()
    assert row.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.model_dump_json()
    assert (row.action_id, row.kind, row.user_id) == ("VIEW", "view", alice)


async def test_a_bot_action_wired_later_gets_its_step_up_action_and_assertion(
    services: Services, push: Notifications, fcm_standin: FcmStandin
) -> None:
    alice = await new_user(services, "alice@example.com")
    await push.devices.register(alice, "phone", "android", "en", "UTC", None, push.service.clock())
    notice = Notice(
        alice,
        "BOT_ERROR",
        "bot_error",
        {"bot": "Grid BTC", "error": "insufficient funds"},
        {"botId": "b-1"},
        (NoticeAction("STOP", "stopBot", {"botId": "b-1"}),),
    )
    await push.notify(notice)
    await push.delivery.process_due()
    [button] = json.loads(fcm_standin.bodies_for("phone")[0]["message"]["data"]["actions"])
    token = button["token"]
    assert await code_of(push.actions.perform(principal(alice), token, "x")) == (
        "ACTION_NOT_SUPPORTED"
    )
    seen: list[tuple[str, object, str | None]] = []

    async def stop_bot(who: Principal, grant: ActionGrant, step_up: str | None) -> ActionOutcome:
        seen.append((who.user_id, grant.payload["botId"], step_up))
        return ActionOutcome("stopBot", "stopped")

    push.actions.register("stopBot", stop_bot)
    preview = await push.actions.describe(principal(alice), token)
    assert preview.step_up_action == {"kind": "stopBot", "botId": "b-1"}
    assert preview.summary == "Stop bot b-1"
    outcome = await push.actions.perform(principal(alice), token, "assertion-json")
    assert outcome.message == "stopped"
    assert seen == [(alice, "b-1", "assertion-json")]


def grant_of(payload: Mapping[str, object]) -> ActionGrant:
    return ActionGrant("a" * 32, "u", "n", "BUY_PRESET", "placeOrder", payload, datetime.now(UTC))


def test_a_preset_order_is_read_from_the_token_payload_with_a_derived_client_order_id() -> None:
    by_qty = preset_order(
        grant_of(
            {
                "accountId": "acc",
                "symbol": "BTC/USDT",
                "side": "buy",
                "type": "market",
                "qty": "0.002",
                "price": None,
            }
        )
    )
    assert (by_qty.qty, by_qty.quote_qty, by_qty.price) == (Decimal("0.002"), None, None)
    assert by_qty.time_in_force is TimeInForce.IOC  # market orders default to IOC
    assert (by_qty.source, by_qty.client_order_id) == ("push", "push-" + "a" * 31)
    by_quote = preset_order(
        grant_of(
            {
                "accountId": "acc",
                "symbol": "BTC/USDT",
                "side": "sell",
                "type": "limit",
                "quoteQty": "100",
                "price": "65000",
            }
        )
    )
    assert (by_quote.quote_qty, by_quote.side, by_quote.time_in_force) == (
        Decimal(100),
        Side.SELL,
        TimeInForce.GTC,
    )
    for broken in (
        {"accountId": "acc", "symbol": "BTC/USDT", "side": "buy"},  # no size
        {"accountId": "acc", "symbol": "BTC/USDT", "side": "hold", "qty": "1"},
        {"accountId": "acc", "symbol": "BTC/USDT", "side": "buy", "qty": "lots"},
    ):
        with pytest.raises(ApiError) as raised:
            preset_order(grant_of(broken))
        assert raised.value.code == "BAD_USER_INPUT"
