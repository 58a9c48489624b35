"""Copy fan-out on the service: sizes per follower, skips with reasons, exactly once."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import col, select

from api.container import Services
from api.db.database import Database
from api.db.models import FillRecord, Order, User
from api.db.notification_tables import NotificationRecord
from api.db.social_tables import CopyTrade, Follow
from api.services.accounts import Principal
from api.services.orders import PlaceOrder
from api.services.social import CopyFanoutService, CopyQueue
from api.settings import Settings
from engine.market.models import Side
from engine.social.copy import copy_client_order_id, round_down
from engine.trading.models import OrderType, TimeInForce
from tests.support.polling import eventually

# The leader's own order is the subject here, not its step-up.
pytestmark = pytest.mark.paper_trading_without_step_up


async def trader(services: Services, name: str, usdt: str) -> tuple[str, str]:
    """A user with a paper account holding `usdt`; (user id, account id)."""
    user = User(email=f"{name}@example.com", password_hash="not-used", display_name=name)
    async with services.db.session() as session:
        session.add(user)
        await session.commit()
    account = await services.portfolio.open_paper_account(user.id, {"USDT": Decimal(usdt)})
    return user.id, account.id


async def follow(
    services: Services, follower: tuple[str, str], leader: str, **terms: Any
) -> Follow:
    row = Follow(follower_id=follower[0], leader_id=leader, account_id=follower[1], **terms)
    async with services.db.session() as session:
        session.add(row)
        await session.commit()
    return row


async def leader_buys(services: Services, leader: tuple[str, str], qty: str) -> FillRecord:
    """The leader buys BTC at market; the market feed records the fill (as in production)."""
    principal = Principal(leader[0], "session", "full")
    request = PlaceOrder(
        leader[1], "BTC/USDT", Side.BUY, OrderType.MARKET, Decimal(qty), None, TimeInForce.IOC
    )
    order = await services.orders.place_order(principal, request)

    async def fills() -> list[FillRecord]:
        await services.feed.step_and_publish()
        async with services.db.session() as session:
            rows = await session.exec(select(FillRecord).where(FillRecord.order_id == order.id))
            return list(rows.all())

    recorded = await eventually(fills)
    assert len(recorded) == 1
    return recorded[0]


async def copies(services: Services) -> tuple[list[Order], list[CopyTrade]]:
    async with services.db.session() as session:
        orders = (await session.exec(select(Order).where(Order.source == "copy"))).all()
        trades = (await session.exec(select(CopyTrade))).all()
    return list(orders), list(trades)


async def test_each_follower_gets_an_order_sized_from_their_allocation(
    services: Services,
) -> None:
    leader = await trader(services, "leader", "10000")
    big = await trader(services, "big", "5000")
    fixed = await trader(services, "fixed", "5000")
    broke = await trader(services, "broke", "1")
    await follow(services, big, leader[0], allocation=Decimal("4000"))
    await follow(services, fixed, leader[0], allocation=Decimal("1000"), sizing="fixed",
                 fixed_amount=Decimal("50"))  # fmt: skip
    await follow(services, broke, leader[0], allocation=Decimal("4000"))  # spent since
    fill = await leader_buys(services, leader, "0.01")

    result = await services.copy_dispatcher.fanout.fan_out(fill)

    assert (result.planned, result.skipped, result.duplicate) == (2, 1, False)
    assert set(result.stages) == {"load", "plan", "persist", "queue"}
    orders, trades = await copies(services)
    by_user = {o.user_id: o for o in orders}
    step = Decimal("0.00001")
    # Proportional: the leader put fill/10,000 of the account in; `big` puts that share of 4,000.
    share = fill.price * fill.qty / Decimal("10000")
    expected = round_down(share * 4000 / fill.price, step)
    assert abs(by_user[big[0]].qty - expected) <= step
    assert by_user[fixed[0]].qty == round_down(Decimal("50") / fill.price, step)
    for order in orders:
        assert order.status == "pending_submit" and order.type == "limit"
        assert order.time_in_force == "ioc" and order.price is not None
        assert order.price >= fill.price  # the guard's limit: leader price + 1 %, on the tick
        assert order.client_order_id == copy_client_order_id(fill.id, order.user_id)
    reasons = {t.follower_id: t.skip_reason for t in trades}
    assert reasons == {big[0]: None, fixed[0]: None, broke[0]: "insufficient_funds"}


async def test_the_submitter_sends_copies_through_the_order_path_and_they_fill(
    services: Services,
) -> None:
    leader = await trader(services, "leader", "10000")
    follower = await trader(services, "follower", "5000")
    await follow(services, follower, leader[0], allocation=Decimal("2000"))
    await leader_buys(services, leader, "0.01")

    results = await services.copy_dispatcher.dispatch_once()
    assert [r.planned for r in results] == [1]
    assert await services.copy_dispatcher.submit_queued() == 1
    assert await services.copy_dispatcher.dispatch_once() == []  # nothing left to copy

    orders, _ = await copies(services)
    assert [o.status for o in orders] == ["filled"]
    balances = await services.portfolio.balances(follower[0])
    btc = {b.currency: b.free for b in balances}["BTC"]
    assert btc == orders[0].filled_qty


async def test_a_fill_processed_twice_creates_each_copy_once(services: Services) -> None:
    leader = await trader(services, "leader", "10000")
    followers = [await trader(services, f"f{n}", "3000") for n in range(3)]
    for f in followers:
        await follow(services, f, leader[0], allocation=Decimal("2000"))
    fill = await leader_buys(services, leader, "0.01")

    first = await services.copy_dispatcher.fanout.fan_out(fill)
    again = await services.copy_dispatcher.fanout.fan_out(fill)  # a retry, a restart

    assert first.planned == 3 and again.duplicate and again.order_ids == []
    orders, trades = await copies(services)
    assert len(orders) == 3 and len(trades) == 3
    assert len(services.copy_dispatcher.fanout.queue) == 3  # queued once


async def test_two_replicas_racing_on_one_fill_create_each_copy_once(
    services: Services, settings: Settings
) -> None:
    leader = await trader(services, "leader", "10000")
    followers = [await trader(services, f"f{n}", "3000") for n in range(5)]
    for f in followers:
        await follow(services, f, leader[0], allocation=Decimal("2000"))
    fill = await leader_buys(services, leader, "0.01")
    replicas = [Database(settings.resolved_database_url) for _ in range(2)]
    try:
        fanouts = [CopyFanoutService(db, services.venues, CopyQueue()) for db in replicas]
        results = await asyncio.gather(*(f.fan_out(fill) for f in fanouts))
    finally:
        for db in replicas:
            await db.dispose()

    assert sorted(r.duplicate for r in results) == [False, True]
    assert sum(len(f.queue) for f in fanouts) == 5
    orders, trades = await copies(services)
    assert len(orders) == 5 and len(trades) == 5
    assert len({o.client_order_id for o in orders}) == 5


async def test_trades_from_before_a_follow_and_inactive_follows_are_not_copied(
    services: Services,
) -> None:
    leader = await trader(services, "leader", "10000")
    gone = await trader(services, "gone", "3000")
    await follow(services, gone, leader[0], allocation=Decimal("2000"), active=False)
    early = await trader(services, "early", "3000")
    await follow(services, early, leader[0], allocation=Decimal("2000"))
    fill = await leader_buys(services, leader, "0.01")
    late = await trader(services, "late", "3000")
    await follow(services, late, leader[0], allocation=Decimal("2000"))

    result = await services.copy_dispatcher.fanout.fan_out(fill)

    assert result.planned == 1
    orders, _ = await copies(services)
    assert [o.user_id for o in orders] == [early[0]]
    async with services.db.session() as session:
        others = select(Order).where(col(Order.user_id).in_([gone[0], late[0]]))
        assert (await session.exec(others)).all() == []


async def test_a_skipped_copy_is_pushed_to_its_follower_once(services: Services) -> None:
    leader = await trader(services, "leader", "10000")
    funded = await trader(services, "funded", "5000")
    broke = await trader(services, "broke", "1")
    for f in (funded, broke):
        await follow(services, f, leader[0], allocation=Decimal("2000"))
    fill = await leader_buys(services, leader, "0.01")
    fanout = services.copy_dispatcher.fanout

    await fanout.fan_out(fill)
    await fanout.fan_out(fill)  # a retry: nothing new, nothing pushed twice
    await fanout.pushes_sent()

    async with services.db.session() as session:
        rows = (await session.exec(select(NotificationRecord))).all()
    assert [(r.user_id, r.category, r.template) for r in rows] == [
        (broke[0], "COPY_SKIPPED", "copy_skipped")
    ]
    assert "BTC/USDT" in rows[0].title and "leader" in rows[0].body
    assert "free balance below the venue minimum" in rows[0].body
    data = json.loads(rows[0].data)
    assert data["leaderFillId"] == fill.id and data["skipReason"] == "insufficient_funds"


async def test_a_sqlite_fan_out_leaves_the_wal_checkpointed_and_the_setting_restored(
    services: Services,
) -> None:
    if services.db.dialect != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    leader = await trader(services, "leader", "10000")
    follower = await trader(services, "follower", "5000")
    await follow(services, follower, leader[0], allocation=Decimal("2000"))
    fill = await leader_buys(services, leader, "0.01")

    result = await services.copy_dispatcher.fanout.fan_out(fill)

    assert result.planned == 1 and result.checkpoint_s > 0
    assert "checkpoint" not in result.stages  # after the timed span, not in it
    for _ in range(3):  # whichever pooled connection: the default is back
        async with services.db.engine.connect() as conn:
            pages = (await conn.exec_driver_sql("PRAGMA wal_autocheckpoint")).scalar_one()
            assert pages == 1000
