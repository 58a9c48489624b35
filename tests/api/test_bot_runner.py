"""Bots on the sim venue, through the one order path: a grid places its ladder and re-quotes
after a fill; DCA places its safety orders at the right prices; a failing strategy goes to
`error` while another bot keeps running; risk limits refuse orders and pause on losses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.container import Services
from api.db.bot_tables import Bot, BotOrder
from api.db.models import FillRecord, Order
from api.services.orders import AccountNotReconciled, PlaceOrder
from api.settings import Settings
from engine.market.models import Market, OrderBookSnapshot, Side
from engine.strategies import registry
from engine.strategies.base import Intent, Strategy, StrategyContext, round_to
from engine.strategies.dca import safety_ladder
from engine.trading.models import OrderType, TimeInForce
from tests.conftest import GraphQLClient
from tests.support.app_services import bot_orders, paper_user, services_of
from tests.support.faulty_exchange import FaultyExchange
from tests.support.polling import eventually

pytestmark = pytest.mark.paper_trading_without_step_up

BTC = "BTC/USDT"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A quiet market: the feed steps once at start-up, then only when a test calls `step`."""
    return settings.model_copy(update={"sim_tick_seconds": 60.0})


async def step(services: Services, times: int = 1) -> None:
    """Advance the sim venue one tick (a minute) and record what happened to our orders."""
    for _ in range(times):
        await services.feed.step_and_publish()


async def orders_of(services: Services, account_id: str) -> list[Order]:
    async with services.db.session() as session:
        rows = await session.exec(select(Order).where(col(Order.account_id) == account_id))
        return list(rows.all())


async def bot_row(services: Services, bot_id: str) -> Bot:
    async with services.db.session() as session:
        bot = await session.get(Bot, bot_id)
        assert bot is not None
        return bot


def mid(services: Services, symbol: str = BTC) -> Decimal:
    """The book's mid rounded UP to the tick: the grid's first price is at or below it."""
    book = services.venues.sim.order_book(symbol, 1)
    return ((book.bids[0][0] + book.asks[0][0]) / 2).quantize(Decimal("0.1"), ROUND_CEILING)


def tight_grid(center: Decimal) -> dict[str, Any]:
    """Levels center-6, center-3, center: both buys rest inside the makers' spread (the upper
    one is the best bid). The top level is a sell (after a seed buy) or, when the price is
    exactly on it, empty."""
    return {
        "low": str(center - 6),
        "high": str(center),
        "levels": 3,
        "qty_per_level": "0.001",
    }


async def test_grid_places_its_ladder_and_requotes_after_a_fill(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "grid@example.com")
    center = mid(services)
    bot = await services.bots.create_bot(
        principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(center)
    )
    await services.bots.start_bot(principal, bot.id, None)

    def has_ladder(rows: list[BotOrder]) -> bool:
        return [r.state for r in rows[:2]] == ["open", "open"]

    rows = await eventually(lambda: bot_orders(services, bot.id), has_ladder)
    assert {r.tag for r in rows[2:]} <= {"grid-seed"}
    rows = rows[:2]
    assert [(r.tag, r.side, r.price, r.qty) for r in rows] == [
        ("grid-buy-0-1", "buy", center - 6, Decimal("0.001")),
        ("grid-buy-1-2", "buy", center - 3, Decimal("0.001")),
    ]
    # Every bot order went through the order path, marked as a bot's.
    placed = {o.client_order_id: o for o in await orders_of(services, account)}
    assert [placed[r.client_order_id].source for r in rows] == ["bot", "bot"]
    assert [placed[r.client_order_id].status for r in rows] == ["open", "open"]

    # Someone sells at market: the grid's upper buy is the best bid and fills.
    taker, taker_account = await paper_user(gql, services, "taker@example.com")
    for side in (Side.BUY, Side.SELL):
        request = PlaceOrder(
            account_id=taker_account,
            symbol=BTC,
            side=side,
            type=OrderType.MARKET,
            qty=Decimal("0.001"),
            time_in_force=TimeInForce.IOC,
        )
        await services.orders.place_order(taker, request, step_up=None)
    await step(services)  # the venue reports the fills

    def requotes(rows: list[BotOrder]) -> list[tuple[BotOrder, BotOrder]]:
        """(filled grid order, the order placed one level away after it) pairs."""
        pairs = []
        for filled in rows:
            if filled.delivered_qty < filled.qty or filled.tag.count("-") != 3:
                continue  # not filled, or not a level order (the seed buy)
            _, side, level, _ = filled.tag.split("-")
            wanted = (
                f"grid-sell-{int(level) + 1}-" if side == "buy" else f"grid-buy-{int(level) - 1}-"
            )
            pairs += [(filled, r) for r in rows if r.seq > filled.seq and r.tag.startswith(wanted)]
        return pairs

    def upper_requoted(rows: list[BotOrder]) -> bool:
        return any(filled.tag == "grid-buy-1-2" for filled, _ in requotes(rows))

    # (The minute the venue advanced may fill more of the grid; each fill re-quotes.)
    rows = await eventually(lambda: bot_orders(services, bot.id), upper_requoted)
    for filled, requote in requotes(rows):
        if filled.side != "buy":
            continue
        level = int(filled.tag.split("-")[2]) + 1
        assert (requote.side, requote.price) == ("sell", [center - 6, center - 3, center][level])
        assert requote.qty == filled.qty
    state = await bot_row(services, bot.id)
    assert state.state == "running" and state.error is None and state.fees_paid > 0
    # Client order ids are unique: nothing was placed twice.
    ids = [o.client_order_id for o in await orders_of(services, account)]
    assert len(ids) == len(set(ids))


async def fills_of(services: Services, order_id: str) -> list[FillRecord]:
    async with services.db.session() as session:
        rows = await session.exec(select(FillRecord).where(col(FillRecord.order_id) == order_id))
        return list(rows.all())


async def test_dca_places_its_safety_orders_at_the_right_prices(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "dca@example.com")
    params = {
        "base_qty": "0.001",
        "safety_qty": "0.001",
        "price_deviation_pct": "1",
        "max_safety_orders": 3,
        "take_profit_pct": "1.5",
        "step_scale": "2",
        "volume_scale": "1.5",
    }
    bot = await services.bots.create_bot(
        principal, account_id=account, kind="dca", symbol=BTC, params=params
    )
    await services.bots.start_bot(principal, bot.id, None)
    [base] = await eventually(  # sent to the venue (a market order fills at once)
        lambda: bot_orders(services, bot.id), lambda r: [o.state for o in r] == ["open"]
    )
    assert (base.tag, base.type, base.qty) == ("dca-1-base", "market", Decimal("0.001"))
    await step(services)  # the venue reports the base order's fill

    rows = await eventually(
        lambda: bot_orders(services, bot.id),
        lambda r: len(r) == 5 and all(o.state != "intent" for o in r),
    )
    base = rows[0]
    assert base.order_id is not None and base.delivered_qty == base.qty
    [entry] = await fills_of(services, base.order_id)
    market = services.venues.sim.markets[BTC]
    expected = safety_ladder(entry.price, registry.parse_params("dca", params), market)
    safety = [r for r in rows if r.tag.startswith("dca-1-so")]
    assert [(r.price, r.qty) for r in safety] == expected
    # The deviations compound (1%, 1+2=3%, 3+4=7%) and the sizes grow 1.5x.
    assert [r.price for r in safety] == [
        round_to(entry.price * (1 - Decimal(d) / 100), market.price_tick, ROUND_FLOOR)
        for d in (1, 3, 7)
    ]
    [take_profit] = [r for r in rows if r.tag == "dca-1-tp"]
    assert take_profit.side == "sell" and take_profit.price is not None
    assert take_profit.price > entry.price

    # The position the bot holds shows in the account's risk, with its 1-day VaR.
    [risk] = await services.bots.risk(principal)
    assert risk.bots_running == 1 and risk.open_orders == 4
    assert risk.exposure == pytest.approx(Decimal("0.001") * mid(services), rel=Decimal("0.01"))
    assert risk.var is not None and risk.var.days >= 20
    assert {(f.method.value, f.confidence) for f in risk.var.figures} == {
        ("historical", 0.95),
        ("historical", 0.99),
        ("parametric", 0.95),
        ("parametric", 0.99),
    }
    assert all(0 < f.amount < risk.exposure for f in risk.var.figures)


@pytest.fixture
def exploding_kind(monkeypatch: pytest.MonkeyPatch) -> str:
    """A strategy kind (test-only) that raises on its first price."""
    kind = "test_exploding"
    entry = registry._Kind(
        "Exploding", "raises", ExplodingParams, ExplodingStrategy, {"after": "events"}
    )
    monkeypatch.setitem(registry._KINDS, kind, entry)
    return kind


@dataclass(frozen=True)
class ExplodingParams:
    after: int = 0

    def validate(self, market: Market | None = None) -> None:
        return None


class ExplodingStrategy(Strategy):
    def __init__(self, params: ExplodingParams, market: Market) -> None:
        self.params = params

    def on_book(self, book: OrderBookSnapshot, ctx: StrategyContext) -> list[Intent]:
        raise RuntimeError("boom: the model file is missing")


async def test_a_strategy_that_raises_goes_to_error_and_other_bots_keep_running(
    app: Starlette, gql: GraphQLClient, exploding_kind: str
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "boom@example.com")
    center = mid(services)
    steady = await services.bots.create_bot(
        principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(center)
    )
    failing = await services.bots.create_bot(
        principal, account_id=account, kind=exploding_kind, symbol=BTC, params={}
    )
    await services.bots.start_bot(principal, steady.id, None)
    await services.bots.start_bot(principal, failing.id, None)

    broken = await eventually(lambda: bot_row(services, failing.id), lambda b: b.state == "error")
    assert broken.error == "RuntimeError: boom: the model file is missing"
    events = await services.bots.events(principal, failing.id)
    assert events[0].kind == "error" and "boom" in events[0].message

    await step(services)  # the market moves on; the grid still trades
    assert (await bot_row(services, steady.id)).state == "running"
    assert steady.id in services.bots.runner.running_ids
    assert failing.id not in services.bots.runner.running_ids
    rows = await eventually(lambda: bot_orders(services, steady.id), lambda r: len(r) >= 2)
    assert all(r.state != "failed" for r in rows)


async def test_risk_limits_refuse_orders_and_a_daily_loss_pauses_the_bot(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "limits@example.com")
    center = mid(services)
    grid = await services.bots.create_bot(
        principal,
        account_id=account,
        kind="grid",
        symbol=BTC,
        params=tight_grid(center),
        limits={"maxOpenOrders": 1},
    )
    await services.bots.start_bot(principal, grid.id, None)
    # The refusal and the first order's event can be stamped in either order: find the refusal.
    events = await eventually(
        lambda: services.bots.events(principal, grid.id),
        lambda e: any(x.kind == "limit" for x in e),
    )
    assert "max_open_orders" in next(x for x in events if x.kind == "limit").message
    assert [r.tag for r in await bot_orders(services, grid.id)] == ["grid-buy-0-1"]

    dca = await services.bots.create_bot(
        principal,
        account_id=account,
        kind="dca",
        symbol=BTC,
        params={
            "base_qty": "0.001",
            "safety_qty": "0.001",
            "price_deviation_pct": "1",
            "max_safety_orders": 1,
            "take_profit_pct": "1",
        },
        limits={"dailyLossLimit": "0.01"},
    )
    await services.bots.start_bot(principal, dca.id, None)
    await eventually(
        lambda: bot_orders(services, dca.id), lambda r: [o.state for o in r] == ["open"]
    )
    await step(services)  # the base order fills: the spread and the fee are a loss today
    paused = await eventually(lambda: bot_row(services, dca.id), lambda b: b.state == "paused")
    assert paused.realised_today < 0 or paused.position > 0
    [last, *_] = await services.bots.events(principal, dca.id)
    assert last.kind == "limit" and "daily loss limit" in last.message
    assert dca.id not in services.bots.runner.running_ids


async def test_a_bot_cannot_start_on_an_account_that_is_not_reconciled(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "unreconciled@example.com")
    bot = await services.bots.create_bot(
        principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(mid(services))
    )
    # An order in doubt that the venue cannot be asked about: the account is not reconciled.
    venue = FaultyExchange(services.venues.sim_account(account, {}))
    services.venues.attach_account(account, venue)
    venue.lose_responses = True
    request = PlaceOrder(
        account_id=account,
        symbol=BTC,
        side=Side.BUY,
        type=OrderType.LIMIT,
        qty=Decimal("0.001"),
        price=Decimal("50000"),
    )
    await services.orders.place_order(principal, request)
    venue.unreachable_lookups = True
    await services.reconciler.reconcile(grace=timedelta(0))

    with pytest.raises(AccountNotReconciled):
        await services.bots.start_bot(principal, bot.id, None)
    assert (await bot_row(services, bot.id)).state == "stopped"
    assert await bot_orders(services, bot.id) == []

    venue.unreachable_lookups = False
    await services.reconciler.reconcile(grace=timedelta(0))
    assert (await services.bots.start_bot(principal, bot.id, None)).state == "running"


async def test_account_limits_count_every_open_order_on_the_account(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "account-limits@example.com")
    manual = PlaceOrder(
        account_id=account,
        symbol=BTC,
        side=Side.BUY,
        type=OrderType.LIMIT,
        qty=Decimal("0.001"),
        price=Decimal("50000"),
    )
    await services.orders.place_order(principal, manual)  # one open order already
    limits = await services.bots.set_account_limits(principal, account, {"maxOpenOrders": 2})
    assert limits.max_open_orders == 2
    grid = await services.bots.create_bot(
        principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(mid(services))
    )
    await services.bots.start_bot(principal, grid.id, None)
    events = await eventually(
        lambda: services.bots.events(principal, grid.id),
        lambda e: any(x.kind == "limit" for x in e),
    )
    [refused] = [e for e in events if e.kind == "limit"]
    assert refused.message.startswith("order refused: account limit max_open_orders")
    rows = await eventually(  # the first buy is sent; the second would be the third order
        lambda: bot_orders(services, grid.id), lambda r: [o.state for o in r] == ["open"]
    )
    assert [r.tag for r in rows] == ["grid-buy-0-1"]
    [risk] = await services.bots.risk(principal)
    assert risk.limits.max_open_orders == 2 and risk.open_orders == 2
    await step(services, 3)  # the grid keeps asking for its missing level on every event
    runtime, _ = services.bots.runner._bots[grid.id]
    latest = services.feed.venue.ticker(BTC).timestamp

    async def seen() -> object:
        async with runtime.lock:  # an event being handled finishes first
            return runtime.now

    await eventually(seen, lambda now: now == latest)
    events = await services.bots.events(principal, grid.id)
    assert [e.kind for e in events].count("limit") == 1  # the standing refusal is told once


async def test_pause_keeps_orders_and_start_resumes_without_a_second_ladder(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    principal, account = await paper_user(gql, services, "pause@example.com")
    grid = await services.bots.create_bot(
        principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(mid(services))
    )
    await services.bots.start_bot(principal, grid.id, None)
    ladder = await eventually(
        lambda: bot_orders(services, grid.id),
        lambda r: len(r) >= 2 and all(o.state == "open" for o in r),
    )
    paused = await services.bots.pause_bot(principal, grid.id)
    assert paused.state == "paused" and grid.id not in services.bots.runner.running_ids
    resting = [r.order_id for r in ladder if r.type == "limit"]
    kept = await services.bots.open_orders(principal, grid.id)
    assert sorted(o.id for o in kept) == sorted(resting)

    resumed = await services.bots.start_bot(principal, grid.id, None)
    assert resumed.state == "running"
    await eventually(lambda: _running(services), lambda ids: grid.id in ids)
    await step(services)  # market events reach the resumed strategy: it does not start over
    rows = await bot_orders(services, grid.id)
    assert [r.id for r in rows[: len(ladder)]] == [r.id for r in ladder]
    # A fresh strategy would lay the same ladder again (same tags); a resumed one only re-quotes.
    assert not {r.tag for r in rows[len(ladder) :]} & {r.tag for r in ladder}
    assert (await bot_row(services, grid.id)).state == "running"


async def _running(services: Services) -> set[str]:
    return services.bots.runner.running_ids
