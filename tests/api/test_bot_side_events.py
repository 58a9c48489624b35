"""Live bots hear ML signals, headlines and whale events, not only market data: a sentiment bot
buys on a strong sim headline published by the news feed, a whale follower buys on a simulated
large transfer published by the whale feed, a DCA bot's ML timing sees the live signal; the
whale events keep the shared payload contract, each published once; user B cannot see or
stop user A's bots."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.container import Services
from api.db.bot_tables import BotOrder
from api.db.models import Order
from api.errors import NotFound
from api.services.bots.feeds import whale_topic
from api.services.bots.runtime import BotRuntime
from api.services.signals import signal_topic
from engine.news.sim import sim_headlines
from engine.strategies.base import TransferDirection
from engine.strategies.dca import DcaStrategy
from engine.strategies.transfers import SimulatedTransfers
from tests.conftest import GraphQLClient
from tests.support.app_services import bot_orders, paper_user, services_of
from tests.support.polling import eventually

pytestmark = pytest.mark.paper_trading_without_step_up

BTC = "BTC/USDT"
SEED = 7


@pytest.fixture
def settings(settings: Any) -> Any:
    """A quiet market: the feed steps once at start-up, then only when a test calls it."""
    return settings.model_copy(update={"sim_tick_seconds": 60.0})


async def running(services: Services, bot_id: str) -> BotRuntime:
    async def probe() -> BotRuntime | None:
        return services.bots.runner.runtime(bot_id)

    runtime = await eventually(probe, lambda r: r is not None)
    assert runtime is not None
    await asyncio.wait_for(runtime.ready.wait(), 5)
    return runtime


async def test_a_sentiment_bot_buys_on_a_strong_headline_from_the_news_feed(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "news@example.com")
    bot = await services.bots.create_bot(
        principal,
        account_id=account,
        kind="sentiment",
        symbol=BTC,
        params={"quote_amount": "100", "entry_level": 0.6},
    )
    await services.bots.start_bot(principal, bot.id, None)
    runtime = await running(services, bot.id)
    assert await bot_orders(services, bot.id) == []  # no news yet: no trade

    # The sim stream's headline for a +5 % jump of BTC right now (seeded: always this one).
    now = services.venues.sim.now
    [headline] = sim_headlines(SEED, BTC, [(now, 0.05)], lead_s=0.0, lag_s=1.0)
    assert headline.assets == ("BTC",)
    # A neutral one first: scored, published, ignored by the strategy.
    neutral = sim_headlines(SEED, BTC, [], start=now - timedelta(hours=2), end=now)
    assert await services.news_feed.publish("sim", neutral[:1]) == len(neutral[:1])
    assert await services.news_feed.publish("sim", [headline]) == 1
    assert await services.news_feed.publish("sim", [headline]) == 0  # each headline once

    def sent(rows: list[BotOrder]) -> bool:
        return len(rows) == 1 and rows[0].order_id is not None

    [row] = await eventually(lambda: bot_orders(services, bot.id), sent)
    assert (row.side, row.type, row.tag.startswith("news")) == ("buy", "market", True)
    async with services.db.session() as session:
        order = await session.get(Order, row.order_id)
    assert order is not None and order.source == "bot" and order.user_id == principal.user_id
    assert runtime.strategy is not None
    assert runtime.strategy.level(headline.published) >= 0.6  # type: ignore[attr-defined]


async def test_a_whale_follower_buys_on_a_simulated_transfer_from_the_whale_feed(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "whale@example.com")
    bot = await services.bots.create_bot(
        principal,
        account_id=account,
        kind="whale",
        symbol=BTC,
        params={"quote_amount": "100", "mode": "follow", "transfer_min": "1"},
    )
    await services.bots.start_bot(principal, bot.id, None)
    await running(services, bot.id)
    # The real simulated source at a high rate, so a few sim minutes bring transfers.
    source = SimulatedTransfers(SEED, "BTC", per_day=5000, typical_amount=Decimal(300))
    services.whale_feed.transfers[BTC] = source

    async def polled() -> Any:
        return services.whale_feed.polled_until

    await services.feed.step_and_publish()  # the feed marks where its transfer polls start
    start = await eventually(polled, lambda at: at == services.venues.sim.now)

    async with services.bus.subscribe(whale_topic("sim", BTC), conflate=False) as sub:
        for _ in range(4):
            await services.feed.step_and_publish()
        end = await eventually(polled, lambda at: at == services.venues.sim.now)
        expected = source.transfers(start, end)
        bullish = [t for t in expected if t.direction is TransferDirection.FROM_EXCHANGE]
        assert bullish, "the seeded source brings a transfer off exchanges in 4 minutes"
        seen: list[dict[str, Any]] = []
        while len([m for m in seen if m["kind"] == "transfer"]) < len(expected):
            seen.append((await sub.get(timeout=5)).data)

    # The shared payload contract (helper D's alert evaluator reads the same messages).
    transfers = [m for m in seen if m["kind"] == "transfer"]
    assert len({m["id"] for m in transfers}) == len(transfers) == len(expected)
    assert [m["ts"] for m in transfers] == [t.timestamp.isoformat() for t in expected]
    first = transfers[0]
    assert set(first) == {
        "id", "venue", "symbol", "kind", "side", "qty", "price", "notional", "ts"
    }  # fmt: skip
    assert (first["venue"], first["symbol"]) == ("sim", BTC)
    assert Decimal(first["notional"]) == Decimal(first["qty"]) * Decimal(first["price"])
    assert first["side"] == ("buy" if expected[0].direction.value == "from_exchange" else "sell")

    rows = await eventually(lambda: bot_orders(services, bot.id), lambda r: len(r) >= 1)
    assert (rows[0].side, rows[0].type, rows[0].tag.startswith("whale")) == (
        "buy",
        "market",
        True,
    )
    # Re-running the poll over the same span publishes nothing twice.
    assert await services.whale_feed.poll_transfers(services.venues.sim.now) == 0


async def test_a_dca_bot_sees_the_live_ml_signal_and_other_users_cannot_touch_it(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "signal@example.com")
    params = {
        "base_qty": "0.001",
        "safety_qty": "0.001",
        "price_deviation_pct": "1",
        "max_safety_orders": 2,
        "take_profit_pct": "2",
        "ml_timing_threshold": 0.99,
    }
    bot = await services.bots.create_bot(
        principal, account_id=account, kind="dca", symbol=BTC, params=params
    )
    await services.bots.start_bot(principal, bot.id, None)
    runtime = await running(services, bot.id)
    async with services.bus.subscribe(signal_topic(BTC), conflate=False) as sub:
        signals = await services.signal_feed.publish_all()
        await sub.get(timeout=5)
    [btc] = [s for s in signals if s.symbol == BTC]

    def seen(strategy: object) -> bool:
        return isinstance(strategy, DcaStrategy) and strategy.state.probability_up is not None

    async def probe() -> object:
        return runtime.strategy

    strategy = await eventually(probe, seen)
    assert isinstance(strategy, DcaStrategy)
    assert strategy.state.probability_up == pytest.approx(btc.probability_up)

    other, _ = await paper_user(gql, services, "other@example.com")
    with pytest.raises(NotFound):
        await services.bots.bot(other, bot.id)
    with pytest.raises(NotFound):
        await services.bots.stop_bot(other, bot.id, None)
    assert bot.id in services.bots.runner.running_ids
