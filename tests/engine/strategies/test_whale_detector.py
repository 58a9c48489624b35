"""The live whale detector (what the whale feed publishes) uses the whale strategy's rules: a
trade above the floor and the robust size band, a wall on a side that had none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from engine.market.models import OrderBookSnapshot, Side, Trade
from engine.strategies.whale import MIN_SAMPLES, WhaleDetector, book_walls, is_large_trade

T0 = datetime(2026, 3, 1, tzinfo=UTC)
BTC = "BTC/USDT"


def trade(i: int, qty: str, side: Side = Side.BUY, price: str = "50000") -> Trade:
    return Trade(f"t{i}", BTC, Decimal(price), Decimal(qty), side, T0 + timedelta(seconds=i))


def book(bid_qty: str = "1", ask_qty: str = "1", at: int = 0) -> OrderBookSnapshot:
    bids = [(Decimal(50_000 - i), Decimal(bid_qty if i == 2 else "1")) for i in range(10)]
    asks = [(Decimal(50_001 + i), Decimal(ask_qty if i == 3 else "1")) for i in range(10)]
    return OrderBookSnapshot(BTC, at, bids, asks, T0 + timedelta(seconds=at))


def test_a_large_trade_is_flagged_only_after_enough_samples_and_above_the_floor() -> None:
    detector = WhaleDetector(BTC, min_notional=Decimal(10_000))
    assert detector.on_trade(trade(0, "2")) is None  # large but no distribution yet
    for i in range(1, MIN_SAMPLES + 1):
        assert detector.on_trade(trade(i, "0.01")) is None
    flow = detector.on_trade(trade(99, "1", Side.SELL))
    assert flow is not None
    assert (flow.kind, flow.side, flow.qty, flow.ref) == ("trade", Side.SELL, Decimal(1), "t99")
    assert flow.notional == Decimal(50_000)
    assert detector.on_trade(trade(100, "0.1")) is None  # 5,000 < the floor
    other = Trade("x", "ETH/USDT", Decimal(1), Decimal(1_000_000), Side.BUY, T0)
    assert detector.on_trade(other) is None  # another symbol


def test_a_wall_counts_once_per_side_until_it_goes() -> None:
    detector = WhaleDetector(BTC, min_notional=Decimal(100_000))
    assert detector.on_book(book()) == []
    [flow] = detector.on_book(book(bid_qty="20", at=1))
    assert (flow.kind, flow.side, flow.price, flow.qty) == ("wall", Side.BUY, Decimal(49_998), 20)
    assert detector.on_book(book(bid_qty="25", at=2)) == []  # the same side still has one
    assert detector.on_book(book(at=3)) == []
    flows = detector.on_book(book(bid_qty="20", ask_qty="30", at=4))
    assert [(f.side, f.qty) for f in flows] == [(Side.BUY, 20), (Side.SELL, 30)]


def test_the_shared_rules_match_the_strategy_thresholds() -> None:
    sizes = [100.0] * MIN_SAMPLES
    assert is_large_trade(sizes, 60_000, Decimal(50_000), Decimal(8))
    assert not is_large_trade(sizes, 40_000, Decimal(50_000), Decimal(8))
    assert not is_large_trade(sizes[:-1], 60_000, Decimal(50_000), Decimal(8))
    walls = book_walls(book(bid_qty="20"), 10, Decimal(100_000), Decimal(8))
    assert list(walls) == [Side.BUY] and walls[Side.BUY].notional == 20 * Decimal(49_998)
