"""Exactly-once firing: two evaluators (replicas) on one database, restarts, and the lifecycle
rules the claim enforces in SQL (once, cooldown, snooze, expiry, max fires)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from starlette.applications import Starlette

from api.bus import Message
from api.container import Services
from api.db.alert_tables import Alert
from api.db.database import Database
from api.services.accounts import Principal
from api.services.alerts import AlertStore
from api.services.alerts.spec import AlertSpec
from api.services.market import ticker_topic
from api.workers.alert_evaluator import AlertEvaluator
from engine.alerts import Direction, Metric, Mode, ThresholdCondition
from tests.conftest import GraphQLClient

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def services(app: Starlette) -> Services:
    services: Services = app.state.services
    return services


@pytest.fixture
async def replica_db(services: Services) -> AsyncIterator[Database]:
    """A second connection pool on the same database, as another API replica would have."""
    db = Database(services.settings.resolved_database_url)
    yield db
    await db.dispose()


async def principal_of(services: Services, gql: GraphQLClient, email: str) -> Principal:
    await gql.register(email)
    user = await services.accounts.find_by_email(email)
    assert user is not None
    return Principal(user_id=user.id, session_id="test", scope="full")


async def far_price_alert(
    services: Services, principal: Principal, **spec: Any
) -> tuple[Alert, float]:
    """An alert far above the simulated market, which only our synthetic ticks can cross."""
    ticker = await services.market.ticker("sim", "BTC/USDT")
    threshold = float(ticker.last * 3)
    condition = ThresholdCondition(Metric.PRICE, Direction.ABOVE, threshold)
    alert = await services.alerts.create(
        principal, AlertSpec(name="far", condition=condition, symbol="BTC/USDT", **spec)
    )
    return alert, threshold


def tick(price: float, stamp: str) -> Message:
    data = {
        "venue": "sim",
        "symbol": "BTC/USDT",
        "bid": None,
        "ask": None,
        "last": repr(price),
        "base_volume_24h": "0",
        "timestamp": stamp,
    }
    return Message(ticker_topic("sim", "BTC/USDT"), data)


def evaluator(services: Services, db: Database, clock: Clock) -> AlertEvaluator:
    store = AlertStore(db)
    actions = services.alert_evaluator.actions
    return AlertEvaluator(store, services.bus, actions, services.market, clock=clock)


async def test_two_replicas_seeing_the_same_crossing_fire_it_once(
    services: Services, replica_db: Database, gql: GraphQLClient
) -> None:
    principal = await principal_of(services, gql, "rep@example.com")
    clock = Clock()
    alert, threshold = await far_price_alert(services, principal, mode=Mode.RECURRING, cooldown_s=0)
    a, b = evaluator(services, services.db, clock), evaluator(services, replica_db, clock)
    assert await a.load() >= 1 and await b.load() >= 1
    for replica in (a, b):
        await replica.on_message(tick(threshold - 1, "2026-11-25T12:00:00+00:00"))
    up = tick(threshold + 1, "2026-11-25T12:00:01+00:00")
    await asyncio.gather(a.on_message(up), b.on_message(up))
    assert a.fired + b.fired == 1
    page = await services.alerts.store.triggers(principal.user_id, alert.id, 50, None)
    assert len(page.items) == 1
    assert a.queue.qsize() + b.queue.qsize() == 1


async def test_a_once_alert_fires_once_across_restarts(
    services: Services, replica_db: Database, gql: GraphQLClient
) -> None:
    principal = await principal_of(services, gql, "once@example.com")
    clock = Clock()
    alert, threshold = await far_price_alert(services, principal)
    first = evaluator(services, services.db, clock)
    await first.load()
    await first.on_message(tick(threshold - 1, "t1"))
    await first.on_message(tick(threshold + 1, "t2"))
    assert first.fired == 1 and not first.armed(alert.id)
    restarted = evaluator(services, replica_db, clock)
    await restarted.load()
    assert not restarted.armed(alert.id)  # done: not loaded again
    # Even a stale replica that still holds the rule cannot fire it again.
    stale = evaluator(services, replica_db, clock)
    stale.arm(alert)
    await stale.on_message(tick(threshold - 1, "t3"))
    await stale.on_message(tick(threshold + 1, "t4"))
    assert stale.fired == 0
    stored = await services.alerts.store.by_id(alert.id)
    assert stored is not None and stored.status == "done" and stored.fires == 1


async def test_claim_enforces_cooldown_snooze_expiry_and_max_fires(
    services: Services, gql: GraphQLClient
) -> None:
    principal = await principal_of(services, gql, "life@example.com")
    store = services.alerts.store
    alert, _ = await far_price_alert(
        services, principal, mode=Mode.RECURRING, cooldown_s=60, max_fires=2
    )

    async def claim(key: str, at: datetime) -> bool:
        claimed = await store.claim(
            alert.id, key, at, 60, symbol="BTC/USDT", value="1", detail={}, action_status="none"
        )
        return claimed is not None

    assert await claim("k1", T0)
    assert not await claim("k1", T0 + timedelta(hours=1))  # same trigger: never twice
    assert not await claim("k2", T0 + timedelta(seconds=30))  # cooling down
    row = await store.by_id(alert.id)
    assert row is not None
    row.snoozed_until = T0 + timedelta(minutes=10)
    await store.save(row)
    assert not await claim("k3", T0 + timedelta(minutes=5))  # snoozed
    assert await claim("k4", T0 + timedelta(minutes=11))  # second and last
    assert not await claim("k5", T0 + timedelta(hours=2))  # max fires reached
    row = await store.by_id(alert.id)
    assert row is not None and (row.status, row.fires) == ("done", 2)

    expiring, _ = await far_price_alert(
        services, principal, expires_at=datetime.now(UTC) + timedelta(minutes=1)
    )
    late = datetime.now(UTC) + timedelta(minutes=2)
    assert (
        await store.claim(
            expiring.id, "k", late, 0, symbol=None, value="1", detail={}, action_status="none"
        )
        is None
    )


async def test_paused_alerts_are_not_armed(services: Services, gql: GraphQLClient) -> None:
    principal = await principal_of(services, gql, "pause@example.com")
    alert, _ = await far_price_alert(services, principal)
    row = await services.alerts.store.by_id(alert.id)
    assert row is not None
    row.status = "paused"
    replica = evaluator(services, services.db, Clock())
    replica.arm(row)
    assert not replica.armed(alert.id)
