"""Accounts trading on the shared simulated market through SimExchange."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from engine.exchanges.errors import (
    AuthenticationError,
    DuplicateClientOrderId,
    InsufficientFunds,
    InvalidOrder,
    OrderNotFound,
)
from engine.exchanges.protocol import Exchange
from engine.market.models import Side
from engine.market.sim.exchange import SimExchange
from engine.market.sim.venue import SimVenue
from engine.trading.models import Liquidity, OrderStatus, TimeInForce

from .conftest import limit, market

BTC = "BTC/USDT"
TAKER = Decimal("0.001")
MAKER = Decimal("0.0008")


@pytest.fixture
def alice(small_venue: SimVenue) -> SimExchange:
    small_venue.open_account("alice", {"USDT": Decimal(100_000), "BTC": Decimal(1)})
    return SimExchange(small_venue, "alice")


@pytest.fixture
def bob(small_venue: SimVenue) -> SimExchange:
    small_venue.open_account("bob", {"USDT": Decimal(100_000)})
    return SimExchange(small_venue, "bob")


def best(venue: SimVenue, symbol: str = BTC) -> tuple[Decimal, Decimal]:
    ticker = venue.ticker(symbol)
    assert ticker.bid is not None and ticker.ask is not None
    return ticker.bid, ticker.ask


async def test_sim_exchange_implements_the_exchange_protocol(alice: SimExchange) -> None:
    assert isinstance(alice, Exchange)
    assert alice.id == "sim"
    markets = await alice.load_markets()
    assert markets[BTC].base == "BTC" and markets[BTC].quote == "USDT"


async def test_open_account_is_idempotent(small_venue: SimVenue, alice: SimExchange) -> None:
    small_venue.open_account("alice", {"USDT": Decimal(5)})
    small_venue.deposit("alice", "ETH", Decimal("2.5"))

    balances = await alice.fetch_balance()
    assert balances["USDT"].free == Decimal(100_000)
    assert balances["ETH"].total == Decimal("2.5")


async def test_unknown_account_is_refused(small_venue: SimVenue) -> None:
    with pytest.raises(AuthenticationError):
        await SimExchange(small_venue, "nobody").fetch_balance()


async def test_open_order_reserves_funds_and_cancel_releases_them(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    bid, _ = best(small_venue)
    price = bid - 100
    order = await alice.create_order(limit(BTC, Side.BUY, "0.5", price))

    usdt = (await alice.fetch_balance())["USDT"]
    assert order.status is OrderStatus.OPEN
    assert usdt.used == Decimal("0.5") * price * (1 + TAKER)
    assert usdt.free + usdt.used == Decimal(100_000)

    cancelled = await alice.cancel_order(BTC, client_order_id=order.client_order_id)

    assert cancelled.status is OrderStatus.CANCELED
    usdt = (await alice.fetch_balance())["USDT"]
    assert (usdt.free, usdt.used) == (Decimal(100_000), 0)
    assert await alice.fetch_open_orders() == []
    assert await alice.cancel_order(BTC, order_id=order.id) == cancelled  # final: as is


async def test_insufficient_funds_rejected(small_venue: SimVenue, alice: SimExchange) -> None:
    bid, _ = best(small_venue)
    too_big = limit(BTC, Side.BUY, "2", bid, client_order_id="big")  # ~190k USDT

    with pytest.raises(InsufficientFunds, match="USDT"):
        await alice.create_order(too_big)
    with pytest.raises(InsufficientFunds, match="BTC"):
        await alice.create_order(market(BTC, Side.SELL, "1.5"))
    with pytest.raises(InsufficientFunds):
        await alice.create_order(market(BTC, Side.BUY, "1.5"))

    assert await alice.fetch_open_orders() == []
    assert (await alice.fetch_balance())["USDT"].used == 0
    small_venue.deposit("alice", "USDT", Decimal(200_000))
    accepted = await alice.create_order(too_big)  # the refused id was not used up
    assert accepted.status is OrderStatus.OPEN


async def test_duplicate_client_order_id_returns_same_order(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    bid, _ = best(small_venue)
    request = limit(BTC, Side.BUY, "0.1", bid - 50, client_order_id="retry-me")

    first = await alice.create_order(request)
    again = await alice.create_order(request)

    assert again == first
    assert len(await alice.fetch_open_orders()) == 1
    assert (await alice.fetch_balance())["USDT"].used == Decimal("0.1") * (bid - 50) * (1 + TAKER)
    with pytest.raises(DuplicateClientOrderId):
        await alice.create_order(limit(BTC, Side.BUY, "0.2", bid - 50, client_order_id="retry-me"))
    assert len(await alice.fetch_open_orders()) == 1


async def test_market_buy_fills_across_levels_and_settles_balances(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    small_venue.deposit("alice", "USDT", Decimal(400_000))
    top_ask_qty = small_venue.order_book(BTC, 1).asks[0][1]
    qty = top_ask_qty + Decimal("0.05")

    order = await alice.create_order(market(BTC, Side.BUY, qty))

    fills = await alice.fetch_my_trades(BTC)
    assert order.status is OrderStatus.FILLED
    assert order.filled_qty == qty == sum(f.qty for f in fills)
    assert len({f.price for f in fills}) >= 2  # walked more than one level
    assert [f.price for f in fills] == sorted(f.price for f in fills)
    assert all(f.liquidity is Liquidity.TAKER for f in fills)
    assert all(f.fee == f.price * f.qty * TAKER and f.fee_currency == "USDT" for f in fills)
    assert order.fee_paid == sum(f.fee for f in fills)
    assert order.avg_fill_price == sum(f.price * f.qty for f in fills) / qty
    balances = await alice.fetch_balance()
    spent = sum(f.price * f.qty + f.fee for f in fills)
    assert balances["USDT"].free == Decimal(500_000) - spent
    assert balances["USDT"].used == 0
    assert balances["BTC"].free == 1 + qty


async def test_maker_and_taker_fees_are_charged(
    small_venue: SimVenue, alice: SimExchange, bob: SimExchange
) -> None:
    _bid, ask = best(small_venue)
    price = ask - Decimal("0.1")  # inside the spread: alice becomes the best ask
    resting = await alice.create_order(limit(BTC, Side.SELL, "0.3", price, TimeInForce.POST_ONLY))
    taking = await bob.create_order(limit(BTC, Side.BUY, "0.2", price))

    (maker_fill,) = await alice.fetch_my_trades()
    (taker_fill,) = await bob.fetch_my_trades()
    notional = price * Decimal("0.2")
    assert maker_fill.trade_id == taker_fill.trade_id
    assert (maker_fill.liquidity, maker_fill.fee) == (Liquidity.MAKER, notional * MAKER)
    assert (taker_fill.liquidity, taker_fill.fee) == (Liquidity.TAKER, notional * TAKER)
    assert taking.status is OrderStatus.FILLED
    assert (
        await alice.fetch_order(BTC, order_id=resting.id)
    ).status is OrderStatus.PARTIALLY_FILLED

    a, b = await alice.fetch_balance(), await bob.fetch_balance()
    assert (a["BTC"].free, a["BTC"].used) == (Decimal("0.7"), Decimal("0.1"))
    assert a["USDT"].free == Decimal(100_000) + notional - notional * MAKER
    assert b["BTC"].free == Decimal("0.2")
    assert (b["USDT"].free, b["USDT"].used) == (Decimal(100_000) - notional * (1 + TAKER), 0)


async def test_ioc_takes_what_it_can_and_the_rest_expires(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    small_venue.deposit("alice", "USDT", Decimal(400_000))
    _, ask = best(small_venue)
    top_qty = small_venue.order_book(BTC, 1).asks[0][1]

    order = await alice.create_order(limit(BTC, Side.BUY, top_qty + 1, ask, TimeInForce.IOC))

    assert order.status is OrderStatus.EXPIRED
    assert order.filled_qty == top_qty
    assert await alice.fetch_open_orders() == []
    assert (await alice.fetch_balance())["USDT"].used == 0


async def test_post_only_that_would_cross_is_rejected(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    _, ask = best(small_venue)
    request = limit(BTC, Side.BUY, "0.1", ask, TimeInForce.POST_ONLY)

    order = await alice.create_order(request)

    assert order.status is OrderStatus.REJECTED
    assert order.reject_reason is not None and "post-only" in order.reject_reason
    assert order.price == ask  # not repriced
    assert await alice.create_order(request) == order  # recorded: a retry gets the same answer
    assert (await alice.fetch_balance())["USDT"].free == Decimal(100_000)
    assert await alice.fetch_my_trades() == []


async def test_invalid_order_is_refused_without_trace(alice: SimExchange) -> None:
    with pytest.raises(InvalidOrder, match="tick"):
        await alice.create_order(limit(BTC, Side.BUY, "0.1", "90000.05"))
    assert await alice.fetch_open_orders() == []


async def test_user_limit_order_fills_when_price_reaches_it(small_venue: SimVenue) -> None:
    symbol = "DOGE/USDT"
    small_venue.open_account("carol", {"USDT": Decimal(1_000)})
    carol = SimExchange(small_venue, "carol")
    bid, _ = best(small_venue, symbol)
    price = (bid * Decimal("0.999")).quantize(Decimal("0.00001"))  # about a dozen levels down
    order = await carol.create_order(limit(symbol, Side.BUY, "400", price))
    assert small_venue.step().accounts["carol"].orders == [order]  # the placement itself

    for _ in range(20_000):
        events = small_venue.step()
        if "carol" in events.accounts:
            break
        assert (await carol.fetch_order(symbol, order_id=order.id)).status is OrderStatus.OPEN
    else:
        pytest.fail("the price never came down to the order")

    fills = events.accounts["carol"].fills
    tape = {t.id: t for t in events.symbols[symbol].trades}
    assert fills and all(f.price == price and f.liquidity is Liquidity.MAKER for f in fills)
    assert all(tape[f.trade_id].price == price for f in fills)  # printed on the public tape
    assert events.accounts["carol"].orders[-1].filled_qty == sum(f.qty for f in fills)
    assert (await carol.fetch_balance())["DOGE"].total == sum(f.qty for f in fills)
    assert await carol.fetch_my_trades(symbol) == fills


async def test_self_trade_prevention_expires_the_resting_order(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    _, ask = best(small_venue)
    resting = await alice.create_order(limit(BTC, Side.SELL, "0.1", ask - Decimal("0.1")))

    bought = await alice.create_order(market(BTC, Side.BUY, "0.05"))

    expired = await alice.fetch_order(BTC, order_id=resting.id)
    assert expired.status is OrderStatus.EXPIRED and expired.filled_qty == 0
    assert expired.reject_reason is not None and "self-trade" in expired.reject_reason
    assert bought.status is OrderStatus.FILLED
    assert all(f.order_id == bought.id for f in await alice.fetch_my_trades())
    assert (await alice.fetch_balance())["BTC"].used == 0


async def test_accounts_are_isolated(
    small_venue: SimVenue, alice: SimExchange, bob: SimExchange
) -> None:
    bid, _ = best(small_venue)
    order = await alice.create_order(limit(BTC, Side.BUY, "0.1", bid - 10))

    assert await bob.fetch_open_orders() == []
    with pytest.raises(OrderNotFound):
        await bob.fetch_order(BTC, order_id=order.id)
    with pytest.raises(OrderNotFound):
        await bob.cancel_order(BTC, client_order_id=order.client_order_id)
    with pytest.raises(OrderNotFound):
        await alice.fetch_order("ETH/USDT", order_id=order.id)  # wrong symbol
    assert (await bob.fetch_balance())["USDT"].used == 0


async def test_step_events_report_order_updates_and_fills(
    small_venue: SimVenue, alice: SimExchange
) -> None:
    small_venue.step()
    order = await alice.create_order(market(BTC, Side.SELL, "0.01"))

    events = small_venue.step()

    update = events.accounts["alice"]
    assert [o.id for o in update.orders] == [order.id]
    assert update.orders[0].status is OrderStatus.FILLED
    assert {f.trade_id for f in update.fills} <= {t.id for t in events.symbols[BTC].trades}
    assert "alice" not in small_venue.step().accounts


async def test_balances_reconcile_with_fills_after_random_trading(small_venue: SimVenue) -> None:
    initial = {"USDT": Decimal(50_000), "BTC": Decimal("0.5"), "ETH": Decimal(5)}
    small_venue.open_account("dan", initial)
    dan = SimExchange(small_venue, "dan")
    rng = random.Random(1)
    for i in range(3_000):
        small_venue.step()
        if i % 15:
            continue
        symbol = rng.choice([BTC, "ETH/USDT"])
        bid, ask = best(small_venue, symbol)
        side = rng.choice([Side.BUY, Side.SELL])
        qty = Decimal("0.004") if symbol == BTC else Decimal("0.1")
        tick = Decimal("0.1") if symbol == BTC else Decimal("0.01")
        near = (bid if side is Side.BUY else ask) + tick * rng.randint(-20, 20)
        try:
            if rng.random() < 0.25:
                await dan.create_order(market(symbol, side, qty))
            else:
                await dan.create_order(limit(symbol, side, qty, near))
        except InsufficientFunds:
            pass
        open_orders = await dan.fetch_open_orders()
        if open_orders and rng.random() < 0.3:
            victim = rng.choice(open_orders)
            await dan.cancel_order(victim.symbol, order_id=victim.id)
        assert all(b.free >= 0 and b.used >= 0 for b in (await dan.fetch_balance()).values())

    fills = await dan.fetch_my_trades()
    assert len(fills) > 30
    expected = defaultdict(Decimal, initial)
    for f in fills:
        base = f.symbol.split("/")[0]
        sign = 1 if f.side is Side.BUY else -1
        expected[base] += sign * f.qty
        expected["USDT"] += -sign * f.price * f.qty - f.fee
    balances = await dan.fetch_balance()
    assert {c: b.total for c, b in balances.items()} == dict(expected)

    reserved = defaultdict(Decimal)
    for o in await dan.fetch_open_orders():
        if o.side is Side.BUY:
            assert o.price is not None
            reserved["USDT"] += o.remaining_qty * o.price * (1 + TAKER)
        else:
            reserved[o.symbol.split("/")[0]] += o.remaining_qty
    assert {c: b.used for c, b in balances.items() if b.used} == dict(reserved)
