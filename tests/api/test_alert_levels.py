"""Whale events from the bus and portfolio P&L / drawdown samples fire event alerts in the
running evaluator: once per event, on entering the range, with the recurring cooldown honoured,
and only for the alert's owner."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select

from api.container import Services
from api.db.alert_tables import AlertTrigger, PnlPeak
from api.services.accounts import Principal
from api.services.alerts.spec import AlertSpec
from api.services.market import MarketService
from api.workers.alert_evaluator import AlertEvaluator
from api.workers.pnl_sampler import PnlSampler
from engine.alerts import EventCondition, Mode
from engine.alerts.events import EventKind
from notifications.model import Notice
from tests.support.polling import eventually
from tests.support.round_trips import record_round_trip
from tests.support.users import new_user

pytestmark = pytest.mark.paper_trading_without_step_up


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def evaluator_of(services: Services, clock: Clock, notices: list[Notice]) -> AlertEvaluator:
    evaluator = AlertEvaluator(
        services.alert_evaluator.store,
        services.bus,
        services.alert_evaluator.actions,
        MarketService(services.venues),
        clock=clock,
    )

    async def notify(notice: Notice) -> None:
        notices.append(notice)

    evaluator.actions.notify = notify
    return evaluator


async def triggers(services: Services, alert_id: str) -> list[AlertTrigger]:
    async with services.db.session() as session:
        query = select(AlertTrigger).where(col(AlertTrigger.alert_id) == alert_id)
        return list((await session.exec(query.order_by(col(AlertTrigger.fired_at)))).all())


def whale(event_id: str, notional: str, symbol: str = "BTC/USDT") -> dict[str, str]:
    return {
        "id": event_id,
        "venue": "sim",
        "symbol": symbol,
        "kind": "trade",
        "side": "buy",
        "qty": "10",
        "price": str(Decimal(notional) / 10),
        "notional": notional,
        "ts": "2030-01-01T12:00:00+00:00",
    }


async def test_a_whale_event_on_the_bus_fires_the_whale_alert_once(services: Services) -> None:
    clock, notices = Clock(), []
    alice = await new_user(services, "alice@example.com")
    bob = await new_user(services, "bob@example.com")
    big = EventCondition(EventKind.WHALE, {"symbol": "BTC/USDT"}, at_least=1_000_000)
    mine = await services.alerts.create(Principal(alice, "t", "full"), AlertSpec("whale", big))
    # Bob's alert on another symbol: a BTC whale is none of its business.
    eth = EventCondition(EventKind.WHALE, {"symbol": "ETH/USDT"}, at_least=1.0)
    bobs = await services.alerts.create(Principal(bob, "t", "full"), AlertSpec("eth", eth))
    evaluator = evaluator_of(services, clock, notices)
    await evaluator.load()
    assert "whales:sim:BTC/USDT" in evaluator.event_topics()
    task = asyncio.create_task(evaluator.run_event_topics())
    actions = asyncio.create_task(evaluator.run_actions())
    try:

        async def subscribed() -> bool:
            return "whales:sim:BTC/USDT" in evaluator.following

        await eventually(subscribed)
        await services.bus.publish("whales:sim:BTC/USDT", whale("w-1", "500000"))  # too small
        await services.bus.publish("whales:sim:BTC/USDT", whale("w-2", "2000000"))
        await services.bus.publish("whales:sim:BTC/USDT", whale("w-2", "2000000"))  # redelivery
        await services.bus.publish("whales:sim:BTC/USDT", whale("w-3", "3000000"))  # once: done

        async def fired() -> list[AlertTrigger]:
            return await triggers(services, mine.id)

        await eventually(fired)
        await asyncio.sleep(0.2)  # let the later messages arrive too
        await evaluator.drain()
    finally:
        for t in (task, actions):
            t.cancel()
        await asyncio.gather(task, actions, return_exceptions=True)
    [trigger] = await triggers(services, mine.id)
    assert trigger.trigger_key == "e:whale:w-2" and trigger.value == "2000000"
    assert await triggers(services, bobs.id) == []
    assert [(n.user_id, n.data["alertId"]) for n in notices] == [(alice, mine.id)]
    assert (await services.alerts.store.by_id(mine.id)).status == "done"  # type: ignore[union-attr]


async def _round_trip(services: Services, user: str, account: str, n: int, gain: str) -> None:
    """The n-th recorded round trip (n minutes into 2030): realised P&L moves by `gain`."""
    at = datetime(2030, 1, 1, tzinfo=UTC) + timedelta(minutes=n)
    await record_round_trip(services.db, user, account, tag=f"rt-{n}", gain=gain, at=at)


async def test_pnl_crossing_fires_once_and_recurring_alerts_respect_their_cooldown(
    services: Services,
) -> None:
    clock, notices = Clock(), []
    alice = await new_user(services, "alice@example.com")
    bob = await new_user(services, "bob@example.com")
    account = await services.portfolio.open_paper_account(alice, {"USDT": Decimal(10_000)})
    await services.portfolio.open_paper_account(bob, {"USDT": Decimal(10_000)})
    me = Principal(alice, "t", "full")
    level = EventCondition(EventKind.PNL, at_least=150.0)
    once = await services.alerts.create(me, AlertSpec("pnl once", level))
    recurring = await services.alerts.create(
        me, AlertSpec("pnl again", level, mode=Mode.RECURRING, cooldown_s=300)
    )
    # Bob's P&L alert is sampled on Bob's P&L only (0 here): it never fires.
    bobs = await services.alerts.create(
        Principal(bob, "t", "full"), AlertSpec("bob", EventCondition(EventKind.PNL, at_most=-1.0))
    )
    evaluator = evaluator_of(services, clock, notices)
    await evaluator.load()
    acting = asyncio.create_task(evaluator.run_actions())
    sampler = PnlSampler(
        evaluator,
        services.pnl,
        services.db,
        services.bus,
        MarketService(services.venues),
        clock=clock,
    )
    assert evaluator.level_users() == {alice, bob}

    async def sample() -> float:
        sampler.mark_all()
        assert await sampler.sample_dirty() == 2
        await evaluator.drain()
        return sampler.levels._last[alice].pnl

    async def fires(alert_id: str) -> int:
        return len(await triggers(services, alert_id))

    assert await sample() == 0.0  # the first sample crosses nothing
    await _round_trip(services, alice, account.id, 1, "200")
    assert await sample() == 200.0  # 0 → 200 enters [150, ∞): both fire
    assert (await fires(once.id), await fires(recurring.id)) == (1, 1)
    clock.advance(10)
    assert await sample() == 200.0  # still inside: no new crossing
    await _round_trip(services, alice, account.id, 2, "-100")
    clock.advance(60)
    assert await sample() == 100.0
    await _round_trip(services, alice, account.id, 3, "100")
    clock.advance(60)
    assert await sample() == 200.0  # crossed again, but within the 300 s cooldown
    assert (await fires(once.id), await fires(recurring.id)) == (1, 1)
    await _round_trip(services, alice, account.id, 4, "-100")
    clock.advance(200)
    await sample()
    await _round_trip(services, alice, account.id, 5, "100")
    clock.advance(60)
    assert await sample() == 200.0  # cooled down: fires again
    assert (await fires(once.id), await fires(recurring.id)) == (1, 2)
    assert await fires(bobs.id) == 0
    assert {n.category for n in notices} == {"RISK_LIMIT"}
    assert {n.user_id for n in notices} == {alice}
    assert len(notices) == 3
    acting.cancel()


async def test_drawdown_is_measured_from_a_peak_that_survives_a_restart(
    services: Services,
) -> None:
    clock, notices = Clock(), []
    alice = await new_user(services, "alice@example.com")
    account = await services.portfolio.open_paper_account(alice, {"USDT": Decimal(10_000)})
    alert = await services.alerts.create(
        Principal(alice, "t", "full"),
        AlertSpec("drawdown", EventCondition(EventKind.DRAWDOWN, at_least=5.0)),
    )

    def sampler_of(evaluator: AlertEvaluator) -> PnlSampler:
        return PnlSampler(
            evaluator,
            services.pnl,
            services.db,
            services.bus,
            MarketService(services.venues),
            clock=clock,
        )

    evaluator = evaluator_of(services, clock, notices)
    await evaluator.load()
    first = await sampler_of(evaluator).sample(alice)
    assert (first.value, first.peak, first.drawdown) == (10_000.0, 10_000.0, 0.0)

    async def lose(amount: str) -> None:
        """A trading loss: the paper desk's USDT balance drops (the venue has no withdrawal)."""
        funds = services.venues.sim.desk.account(account.id)._free
        funds["USDT"] -= Decimal(amount)

    # "Restart": a new evaluator and sampler; the peak comes back from the database.
    evaluator = evaluator_of(services, clock, notices)
    await evaluator.load()
    acting = asyncio.create_task(evaluator.run_actions())
    sampler = sampler_of(evaluator)
    await lose("300")
    assert (await sampler.sample(alice)).drawdown == pytest.approx(3.0)
    await lose("400")
    clock.advance(61)
    assert (await sampler.sample(alice)).drawdown == pytest.approx(7.0)
    await evaluator.drain()
    [trigger] = await triggers(services, alert.id)
    assert float(trigger.value) == pytest.approx(7.0)
    async with services.db.session() as session:
        peak = await session.get(PnlPeak, alice)
    assert peak is not None and peak.peak == Decimal(10_000)
    assert [n.category for n in notices] == ["RISK_LIMIT"]
    acting.cancel()
