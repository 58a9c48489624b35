"""The matching engine: price-time priority, order types, time in force, fees and L2 views."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from engine.exchanges.errors import InvalidOrder
from engine.market.models import BookLevel, Market, OrderBookSnapshot, Side
from engine.market.sim.matching import MatchingEngine, SubmitResult
from engine.trading.models import Liquidity, OrderRequest, OrderStatus, OrderType, TimeInForce

NOW = datetime(2026, 11, 20, tzinfo=UTC)
MARKET = Market(
    symbol="SOL/USDT",
    base="SOL",
    quote="USDT",
    price_tick=Decimal("0.01"),
    qty_step=Decimal("0.001"),
    min_qty=Decimal("0.001"),
    min_notional=Decimal("5"),
    maker_fee=Decimal("0.0008"),
    taker_fee=Decimal("0.001"),
)


def place(
    engine: MatchingEngine,
    owner: str,
    side: Side,
    qty: str,
    price: str | None = None,
    tif: TimeInForce = TimeInForce.GTC,
) -> SubmitResult:
    request = OrderRequest(
        client_order_id=f"{owner}-{len(engine.book)}",
        symbol=MARKET.symbol,
        side=side,
        type=OrderType.LIMIT if price is not None else OrderType.MARKET,
        qty=Decimal(qty),
        price=Decimal(price) if price is not None else None,
        time_in_force=tif,
    )
    return engine.submit(engine.validate(request, Decimal("100")), owner=owner)


def fills(
    engine: MatchingEngine, result: SubmitResult
) -> list[tuple[str | None, Decimal, Decimal]]:
    return [(e.maker.owner, engine.price(e.price), engine.qty(e.lots)) for e in result.executions]


@pytest.fixture
def engine() -> MatchingEngine:
    return MatchingEngine(MARKET)


def test_limit_orders_match_in_price_then_time_priority(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.SELL, "1", "101.00")
    place(engine, "bob", Side.SELL, "1", "100.00")
    place(engine, "carol", Side.SELL, "1", "100.00")

    result = place(engine, "dave", Side.BUY, "2.5", "101.00")

    assert fills(engine, result) == [
        ("bob", Decimal("100.00"), Decimal("1.000")),  # best price first ...
        ("carol", Decimal("100.00"), Decimal("1.000")),  # ... then who came first
        ("alice", Decimal("101.00"), Decimal("0.500")),
    ]
    assert result.status is OrderStatus.FILLED
    assert engine.book.levels(False) == [(10100, 500)]


def test_limit_order_never_trades_through_its_price(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.SELL, "1", "100.50")

    result = place(engine, "bob", Side.BUY, "1", "100.49")

    assert result.executions == []
    assert result.status is OrderStatus.OPEN
    assert engine.best_bid() == Decimal("100.49")
    assert engine.best_ask() == Decimal("100.50")


def test_market_order_partially_fills_across_levels(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.BUY, "1", "99.00")
    place(engine, "bob", Side.BUY, "2", "98.00")

    result = place(engine, "carol", Side.SELL, "2")

    assert fills(engine, result) == [
        ("alice", Decimal("99.00"), Decimal("1.000")),
        ("bob", Decimal("98.00"), Decimal("1.000")),
    ]
    assert result.status is OrderStatus.FILLED
    assert result.resting is None
    (bob,) = engine.book.queue(True, 9800)
    assert bob.remaining == 1000  # bob is partially filled and keeps his place


def test_market_order_larger_than_the_book_expires_after_taking_it_all(
    engine: MatchingEngine,
) -> None:
    place(engine, "alice", Side.SELL, "0.5", "100.00")

    result = place(engine, "bob", Side.BUY, "3")

    assert result.filled_lots == 500
    assert result.status is OrderStatus.EXPIRED
    assert len(engine.book) == 0


def test_limit_order_rests_its_remainder_after_a_partial_fill(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.SELL, "1", "100.00")

    result = place(engine, "bob", Side.BUY, "3", "100.00")

    assert result.status is OrderStatus.PARTIALLY_FILLED
    assert result.resting is not None and result.resting.remaining == 2000
    assert engine.book.levels(True) == [(10000, 2000)]
    assert engine.book.levels(False) == []


def test_post_only_that_would_cross_is_rejected(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.SELL, "1", "100.00")
    seq = engine.book.seq

    crossing = place(engine, "bob", Side.BUY, "1", "100.00", TimeInForce.POST_ONLY)
    passive = place(engine, "bob", Side.BUY, "1", "99.99", TimeInForce.POST_ONLY)

    assert crossing.status is OrderStatus.REJECTED
    assert crossing.reject_reason is not None and "post-only" in crossing.reject_reason
    assert crossing.executions == []
    assert passive.status is OrderStatus.OPEN  # not repriced: rests at its own price
    assert engine.book.levels(True) == [(9999, 1000)]
    assert engine.book.seq == seq + 1  # only the passive order changed the book


def test_ioc_remainder_is_cancelled(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.SELL, "1", "100.00")
    place(engine, "alice", Side.SELL, "1", "100.10")

    result = place(engine, "bob", Side.BUY, "1.5", "100.05", TimeInForce.IOC)

    assert fills(engine, result) == [("alice", Decimal("100.00"), Decimal("1.000"))]
    assert result.status is OrderStatus.EXPIRED
    assert result.resting is None
    assert engine.book.levels(True) == []  # nothing of bob's rests


def test_own_resting_order_is_removed_instead_of_traded_against(engine: MatchingEngine) -> None:
    place(engine, "alice", Side.SELL, "1", "100.00")
    place(engine, "bob", Side.SELL, "1", "100.01")

    result = place(engine, "alice", Side.BUY, "1", "100.01")

    assert [o.owner for o in result.self_trade_cancelled] == ["alice"]
    assert fills(engine, result) == [("bob", Decimal("100.01"), Decimal("1.000"))]
    assert engine.book.levels(False) == []


def test_maker_and_taker_fees_are_charged_on_each_execution(engine: MatchingEngine) -> None:
    ticks, lots = 10_000, 1_500  # 1.5 SOL at 100.00

    assert engine.fee(ticks, lots, Liquidity.MAKER) == Decimal("150") * MARKET.maker_fee
    assert engine.fee(ticks, lots, Liquidity.TAKER) == Decimal("150") * MARKET.taker_fee


@pytest.mark.parametrize(
    ("qty", "price", "type_", "tif", "reason"),
    [
        ("0.0005", "100.00", OrderType.LIMIT, TimeInForce.GTC, "below the SOL/USDT minimum"),
        (
            "1.0005",
            "100.00",
            OrderType.LIMIT,
            TimeInForce.GTC,
            "not a multiple of the SOL/USDT step",
        ),
        ("1", "100.005", OrderType.LIMIT, TimeInForce.GTC, "not a multiple of the SOL/USDT tick"),
        ("0.04", "100.00", OrderType.LIMIT, TimeInForce.GTC, r"notional 4\.0+ is below"),
        ("1", None, OrderType.LIMIT, TimeInForce.GTC, "needs a price"),
        ("-1", "100.00", OrderType.LIMIT, TimeInForce.GTC, "positive"),
        ("1", "0", OrderType.LIMIT, TimeInForce.GTC, "positive"),
        ("0.01", None, OrderType.MARKET, TimeInForce.IOC, r"notional 1\.0+ is below"),
        ("1", None, OrderType.MARKET, TimeInForce.POST_ONLY, "cannot be post-only"),
    ],
)
def test_invalid_orders_are_rejected_with_a_clear_reason(
    engine: MatchingEngine,
    qty: str,
    price: str | None,
    type_: OrderType,
    tif: TimeInForce,
    reason: str,
) -> None:
    request = OrderRequest(
        "c1", MARKET.symbol, Side.BUY, type_, Decimal(qty),
        Decimal(price) if price else None, tif,
    )  # fmt: skip
    with pytest.raises(InvalidOrder, match=reason):
        engine.validate(request, reference_price=Decimal("100"))


def apply(snapshot: OrderBookSnapshot, bids: list[BookLevel], asks: list[BookLevel]) -> tuple:
    def merged(levels: list[BookLevel], changes: list[BookLevel], best_high: bool) -> list:
        book = dict(levels)
        for price, qty in changes:
            if qty == 0:
                book.pop(price, None)
            else:
                book[price] = qty
        return sorted(book.items(), reverse=best_high)

    return merged(snapshot.bids, bids, True), merged(snapshot.asks, asks, False)


def random_activity(engine: MatchingEngine, rng: random.Random, owners: list[str]) -> None:
    """A burst of random placing, crossing and cancelling around 100."""
    for _ in range(rng.randint(1, 12)):
        action = rng.random()
        side = Side.BUY if rng.random() < 0.5 else Side.SELL
        owner = rng.choice(owners)
        if action < 0.6:
            offset = rng.randint(-30, 30) * (1 if side is Side.SELL else -1)
            price = Decimal(10_000 + offset) / 100
            place(engine, owner, side, str(Decimal(rng.randint(60, 3000)) / 1000), str(price))
        elif action < 0.8:
            place(engine, owner, side, str(Decimal(rng.randint(60, 2000)) / 1000))
        else:
            is_buy = rng.random() < 0.5
            levels = engine.book.levels(is_buy)
            if levels:
                queue = engine.book.queue(is_buy, rng.choice(levels)[0])
                engine.cancel(rng.choice(queue).order_no)


def test_book_delta_applied_to_previous_snapshot_gives_next_snapshot(
    engine: MatchingEngine,
) -> None:
    rng = random.Random(5)
    previous = engine.snapshot(NOW, depth=None)
    engine.take_delta(NOW)
    applied = 0
    for _ in range(300):
        random_activity(engine, rng, ["a", "b", "c"])
        delta = engine.take_delta(NOW)
        current = engine.snapshot(NOW, depth=None)
        if delta is None:
            assert current.seq == previous.seq
            continue
        assert (delta.prev_seq, delta.seq) == (previous.seq, current.seq)
        assert apply(previous, delta.bids, delta.asks) == (current.bids, current.asks)
        assert all(qty >= 0 for _, qty in delta.bids + delta.asks)
        previous = current
        applied += 1
    assert applied > 250


def test_sequence_numbers_strictly_increase(engine: MatchingEngine) -> None:
    rng = random.Random(9)
    seqs = []
    last_seq = engine.take_delta(NOW)
    chain_from = 0 if last_seq is None else last_seq.seq
    for _ in range(200):
        random_activity(engine, rng, ["a", "b"])
        delta = engine.take_delta(NOW)
        if delta is not None:
            assert delta.prev_seq == chain_from  # no gap between consecutive deltas
            assert delta.seq > delta.prev_seq
            chain_from = delta.seq
            seqs.append(delta.seq)
    assert len(seqs) > 100
    assert seqs == sorted(set(seqs))


def test_snapshot_lists_best_levels_first_and_respects_depth(engine: MatchingEngine) -> None:
    for i in range(5):
        place(engine, "mm", Side.BUY, "1", str(Decimal(9900 - i) / 100))
        place(engine, "mm", Side.SELL, "2", str(Decimal(10000 + i) / 100))

    snapshot = engine.snapshot(NOW, depth=3)

    assert [p for p, _ in snapshot.bids] == [Decimal("99.00"), Decimal("98.99"), Decimal("98.98")]
    assert [p for p, _ in snapshot.asks] == [
        Decimal("100.00"),
        Decimal("100.01"),
        Decimal("100.02"),
    ]
    assert all(q == Decimal("2.000") for _, q in snapshot.asks)
