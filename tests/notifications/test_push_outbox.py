"""The durable delivery outbox: a crash between queueing and sending loses nothing and sends
once, backoff survives a restart, two workers never send one row twice, and coalescing windows
survive a restart and are flushed by one worker only."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from api.container import Services
from api.db.notification_tables import (
    NotificationDelivery,
    NotificationRecord,
    PushOutbox,
    PushPending,
)
from api.services.notifications import Notifications
from notifications.model import Notice, NoticeAction
from tests.support.push_fixtures import FakeClock, build_push
from tests.support.standins.fcm import FcmStandin
from tests.support.users import new_user

Restart = Callable[[], Awaitable[Notifications]]


@pytest.fixture
async def restart(
    services: Services, clock: FakeClock, fcm_credentials: Path
) -> AsyncIterator[Restart]:
    """A fresh notification stack (another process after a crash, or a second replica) on the
    same database; nothing of the earlier one's memory carries over."""
    built: list[Notifications] = []

    async def start() -> Notifications:
        stack = build_push(services, clock, fcm_credentials)
        built.append(stack)
        return stack

    try:
        yield start
    finally:
        for stack in built:
            await stack.close()


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


async def phone(push: Notifications, user_id: str, token: str, platform: str = "android") -> None:
    await push.devices.register(
        user_id, token, platform, "en", "UTC", "1.4.0", push.service.clock()
    )


async def rows(services: Services, table: Any, *where: Any) -> list[Any]:
    async with services.db.session() as session:
        return list((await session.exec(select(table).where(*where))).all())


async def test_a_push_queued_before_a_crash_is_sent_once_after_the_restart(
    services: Services, restart: Restart, fcm_standin: FcmStandin
) -> None:
    before = await restart()
    alice = await new_user(services, "alice@example.com")
    await phone(before, alice, "phone")
    record = await before.notify(risk_limit(alice))
    assert record is not None and record.delivery == "push"
    [queued] = await rows(services, PushOutbox)
    assert (queued.status, queued.attempts, queued.notification_id) == ("queued", 0, record.id)
    # The process dies here: nothing was sent, nothing of it is in memory any more.
    after = await restart()
    assert await after.delivery.queued() == 1
    assert await after.delivery.process_due() == 1
    assert await after.delivery.process_due() == 0
    assert await before.delivery.process_due() == 0  # the old one, were it alive, finds nothing
    [body] = fcm_standin.bodies_for("phone")
    assert body["message"]["data"]["notificationId"] == record.id
    [done] = await rows(services, PushOutbox)
    assert (done.status, done.attempts) == ("sent", 1)
    assert done.content == "{}" and done.token == ""  # raw action tokens are not kept
    log = await rows(services, NotificationDelivery)
    assert [(e.attempt, e.status) for e in log] == [(1, "sent")]


async def test_a_worker_that_died_mid_send_is_taken_over_when_its_lease_ends(
    services: Services, restart: Restart, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    before = await restart()
    alice = await new_user(services, "alice@example.com")
    await phone(before, alice, "phone")
    await before.notify(risk_limit(alice))
    [claimed] = await before.delivery.claim()  # ... and the process dies before sending
    after = await restart()
    assert await after.delivery.process_due() == 0  # still leased to the dead worker
    clock.advance(seconds=after.delivery.lease.total_seconds())
    assert await after.delivery.process_due() == 1
    assert len(fcm_standin.bodies_for("phone")) == 1
    [done] = await rows(services, PushOutbox)
    assert (done.id, done.status, done.attempts) == (claimed.id, "sent", 2)


async def test_the_backoff_of_a_retry_survives_a_restart(
    services: Services, restart: Restart, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    before = await restart()
    alice = await new_user(services, "alice@example.com")
    await phone(before, alice, "phone")
    fcm_standin.fail_next("phone", "QUOTA_EXCEEDED")
    record = await before.notify(risk_limit(alice))
    assert record is not None
    assert await before.delivery.process_due() == 1  # attempt 1: quota → retry in 1 s
    after = await restart()
    clock.advance(seconds=0.5)
    assert await after.delivery.process_due() == 0
    clock.advance(seconds=0.5)
    assert await after.delivery.process_due() == 1
    assert len(fcm_standin.bodies_for("phone")) == 1
    log = await rows(services, NotificationDelivery)
    assert sorted((e.attempt, e.status) for e in log) == [(1, "retry"), (2, "sent")]


async def test_two_workers_on_one_database_never_send_one_row_twice(
    services: Services, restart: Restart, fcm_standin: FcmStandin
) -> None:
    one, two = await restart(), await restart()
    users = [await new_user(services, f"u{n}@example.com") for n in range(3)]
    for n, user in enumerate(users):
        await phone(one, user, f"android-{n}")
        await phone(one, user, f"ios-{n}", platform="ios")
    records = []
    for user in users:
        for _ in range(4):
            record = await one.notify(risk_limit(user))
            assert record is not None
            records.append(record.id)
    assert len(await rows(services, PushOutbox)) == 24
    sent = await asyncio.gather(one.delivery.process_due(), two.delivery.process_due())
    assert sum(sent) == 24
    delivered: list[tuple[str, str]] = []
    for message in fcm_standin.sent:
        body = message.body["message"]
        notification = body["data"]["notificationId"] if "data" in body else None
        notification = notification or body["apns"]["payload"]["notificationId"]
        delivered.append((message.token, notification))
    assert len(delivered) == 24 and len(set(delivered)) == 24
    outbox = await rows(services, PushOutbox)
    assert {(r.status, r.attempts) for r in outbox} == {("sent", 1)}
    assert len(await rows(services, NotificationDelivery)) == 24


async def test_a_coalescing_window_survives_a_restart_and_is_pushed_once(
    services: Services, restart: Restart, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    before = await restart()
    alice = await new_user(services, "alice@example.com")
    await phone(before, alice, "phone")
    for n in range(10):
        record = await before.notify(filled(alice, n))
        assert record is not None and record.delivery == "pending"
        clock.advance(seconds=0.1)
    assert len(await rows(services, PushPending)) == 10
    assert await rows(services, PushOutbox) == []
    # Crash; the window closes while two replicas run.
    one, two = await restart(), await restart()
    clock.advance(seconds=2)
    flushed = await asyncio.gather(one.service.flush_due(), two.service.flush_due())
    assert sorted(flushed) == [0, 1]
    assert await one.delivery.process_due() + await two.delivery.process_due() == 1
    [body] = fcm_standin.bodies_for("phone")
    data = body["message"]["data"]
    assert data["title"] == "10 orders filled"
    assert json.loads(data["data"]) == {"count": "10", "orderId": "o-9"}
    assert [a["id"] for a in json.loads(data["actions"])] == ["VIEW"]
    assert await rows(services, PushPending) == []
    inbox = await rows(services, NotificationRecord, col(NotificationRecord.user_id) == alice)
    assert sorted(n.delivery for n in inbox) == ["coalesced"] * 9 + ["push"]


async def test_a_notice_written_twice_leaves_no_outbox_rows_behind(
    services: Services, restart: Restart
) -> None:
    push = await restart()
    alice = await new_user(services, "alice@example.com")
    await phone(push, alice, "phone")
    assert await push.notify(risk_limit(alice), dedupe_key="risk:1") is not None
    assert await push.notify(risk_limit(alice), dedupe_key="risk:1") is None
    assert len(await rows(services, PushOutbox)) == 1
    assert len(await rows(services, NotificationRecord)) == 1


async def test_a_skipped_copy_is_pushed_with_a_view_button_in_the_followers_language(
    services: Services, restart: Restart, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    push = await restart()
    follower = await new_user(services, "follower@example.com")
    await push.devices.register(follower, "phone", "android", "ja-JP", "UTC", "1.4.0", clock())
    notice = Notice(
        follower,
        "COPY_SKIPPED",
        "copy_skipped",
        {"leader": "ada", "symbol": "BTC/USDT", "reason": "slippage"},
        {"followId": "f-1", "symbol": "BTC/USDT"},
        (NoticeAction("VIEW", "view"),),
    )
    record = await push.notify(notice, dedupe_key="copy-skipped:c-1")
    assert record is not None and record.delivery == "pending"  # COPY_SKIPPED coalesces
    clock.advance(seconds=2)
    assert await push.service.flush_due() == 1
    assert await push.delivery.process_due() == 1
    data = fcm_standin.bodies_for("phone")[0]["message"]["data"]
    assert data["category"] == "COPY_SKIPPED"
    assert data["title"] == "コピーをスキップ: BTC/USDT"
    assert [(a["id"], a["label"], a["stepUp"]) for a in json.loads(data["actions"])] == [
        ("VIEW", "表示", False)
    ]
