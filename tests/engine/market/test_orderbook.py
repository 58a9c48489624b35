"""L2 order book: snapshot + sequenced deltas, gaps, top-N and derived figures."""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
import pytest
from ccxt.async_support.base.ws.order_book import OrderBook as CcxtOrderBook

from engine.market.models import BookLevel, OrderBookDelta, OrderBookSnapshot
from engine.market.orderbook import OrderBook, OutOfSync, PriceRangeError, to_ticks

T = datetime(2026, 11, 25, tzinfo=UTC)
TICK = Decimal("0.01")
D = Decimal


def lv(*pairs: tuple[str, str]) -> list[BookLevel]:
    return [(D(p), D(q)) for p, q in pairs]


def snap(seq: int, bids: list[BookLevel], asks: list[BookLevel]) -> OrderBookSnapshot:
    return OrderBookSnapshot("BTC/USDT", seq, bids, asks, T)


def delta(
    prev: int, seq: int, bids: list[BookLevel] | None = None, asks: list[BookLevel] | None = None
) -> OrderBookDelta:
    return OrderBookDelta("BTC/USDT", prev, seq, bids or [], asks or [], T)


def book_from(s: OrderBookSnapshot) -> OrderBook:
    b = OrderBook("BTC/USDT", TICK)
    b.apply_snapshot(s)
    return b


BASE = snap(
    10,
    lv(("100.00", "1"), ("99.99", "2"), ("99.95", "3")),
    lv(("100.02", "1.5"), ("100.03", "0.5"), ("100.10", "4")),
)


def reference(
    s: OrderBookSnapshot, deltas: Sequence[OrderBookDelta]
) -> tuple[list[BookLevel], list[BookLevel]]:
    """Dict-based reference book."""
    sides = [dict(s.bids), dict(s.asks)]
    for d in deltas:
        for side, levels in zip(sides, (d.bids, d.asks), strict=True):
            for p, q in levels:
                if q == 0:
                    side.pop(p, None)
                else:
                    side[p] = q
    return sorted(sides[0].items(), reverse=True), sorted(sides[1].items())


def test_snapshot_then_deltas_equal_a_reference_book() -> None:
    deltas = [
        delta(10, 11, bids=lv(("100.01", "0.7")), asks=lv(("100.02", "2.25"))),
        delta(11, 12, bids=lv(("99.99", "0")), asks=lv(("100.04", "9"), ("100.10", "0"))),
        delta(12, 13, bids=lv(("95.00", "1.125"), ("100.00", "0.001"))),
    ]
    b = book_from(BASE)
    for d in deltas:
        assert b.apply_delta(d) is True
    assert b.seq == 13
    assert b.top_n() == reference(BASE, deltas)
    assert len(b) == 7


def test_qty_zero_removes_levels_and_empties_a_side() -> None:
    b = book_from(BASE)
    b.apply_delta(delta(10, 11, asks=lv(("100.02", "0"), ("100.03", "0"), ("100.10", "0"))))
    assert b.top_n()[1] == []
    assert b.best_ask() is None and b.spread() is None and b.mid() is None
    assert b.best_bid() == (D("100.00"), D("1"))
    b.apply_delta(delta(11, 12, bids=lv(("123.45", "0"))))  # absent level: no-op
    assert len(b.top_n()[0]) == 3


def test_gap_raises_out_of_sync_until_a_fresh_snapshot() -> None:
    b = book_from(BASE)
    with pytest.raises(OutOfSync, match="gap"):
        b.apply_delta(delta(11, 12, bids=lv(("100.01", "1"))))
    assert b.synced is False
    with pytest.raises(OutOfSync):  # even the "right" next delta: state is unknown now
        b.apply_delta(delta(10, 11, bids=lv(("100.01", "1"))))
    b.apply_snapshot(snap(20, BASE.bids, BASE.asks))
    assert b.apply_delta(delta(20, 21, bids=lv(("100.01", "1")))) is True
    assert b.best_bid() == (D("100.01"), D("1"))


def test_delta_before_any_snapshot_is_out_of_sync() -> None:
    with pytest.raises(OutOfSync):
        OrderBook("BTC/USDT", TICK).apply_delta(delta(0, 1))


def test_stale_delta_is_ignored() -> None:
    b = book_from(BASE)
    b.apply_delta(delta(10, 11, bids=lv(("100.01", "1"))))
    before = b.top_n()
    assert b.apply_delta(delta(9, 10, bids=lv(("100.01", "5"), ("50.00", "1")))) is False
    assert b.apply_delta(delta(10, 11, asks=lv(("100.02", "0")))) is False
    assert b.top_n() == before and b.seq == 11 and b.synced


def test_top_n_is_best_first_on_both_sides() -> None:
    b = book_from(
        snap(
            1,
            lv(("99.95", "3"), ("100.00", "1"), ("99.99", "2")),
            lv(("100.10", "4"), ("100.02", "1.5")),
        )
    )
    bids, asks = b.top_n(2)
    assert bids == lv(("100.00", "1"), ("99.99", "2"))
    assert asks == lv(("100.02", "1.5"), ("100.10", "4"))
    bt, bq, at, aq = b.top_ticks(2)
    assert bt.tolist() == [10000, 9999] and at.tolist() == [10002, 10010]
    assert bq.tolist() == [1.0, 2.0] and aq.tolist() == [1.5, 4.0]


def test_spread_mid_imbalance_from_a_hand_built_book() -> None:
    b = book_from(BASE)
    assert b.best_bid() == (D("100.00"), D("1"))
    assert b.best_ask() == (D("100.02"), D("1.5"))
    assert b.spread() == D("0.02")
    assert b.mid() == D("100.01")
    # top 2: bids 1 + 2 = 3, asks 1.5 + 0.5 = 2 -> (3 - 2) / 5
    assert b.imbalance(2) == pytest.approx(0.2)
    # all levels: bids 6, asks 6 -> 0
    assert b.imbalance(10) == pytest.approx(0.0)
    odd = book_from(snap(1, lv(("100.00", "1")), lv(("100.03", "3"))))
    assert odd.mid() == D("100.015")
    assert odd.imbalance(1) == pytest.approx(-0.5)


def test_price_off_tick_is_refused() -> None:
    with pytest.raises(ValueError, match="tick"):
        book_from(snap(1, lv(("100.005", "1")), []))


def test_fast_path_matches_decimal_path_and_regrids_far_prices() -> None:
    b = OrderBook("BTC/USDT", TICK)
    b.load_ticks(
        1, np.array([10000, 9999]), np.array([1.0, 2.0]), np.array([10002]), np.array([1.5])
    )
    # far away on both sides: the grid must grow and keep existing levels
    assert b.apply_ticks(1, 2, np.array([10]), np.array([7.0]), np.array([90000]), np.array([0.25]))
    assert b.top_n() == (
        lv(("100.00", "1.0"), ("99.99", "2.0"), ("0.10", "7.0")),
        lv(("100.02", "1.5"), ("900.00", "0.25")),
    )
    assert to_ticks([100.02, 0.1, 99.99], 0.01).tolist() == [10002, 10, 9999]


def test_price_range_limit() -> None:
    b = OrderBook("BTC/USDT", TICK, max_width=1024)
    b.load_ticks(1, np.array([10000]), np.array([1.0]), np.array([10001]), np.array([1.0]))
    with pytest.raises(PriceRangeError):
        b.apply_ticks(1, 2, np.array([1]), np.array([1.0]), np.array([], np.int64), np.array([]))
    assert b.synced is False  # a half-applied delta means the book must be resynced


def test_malformed_arrays_leave_the_book_unsynced() -> None:
    b = OrderBook("BTC/USDT", TICK)
    b.load_ticks(1, np.array([10000]), np.array([1.0]), np.array([10001]), np.array([1.0]))
    with pytest.raises(ValueError):
        b.apply_ticks(1, 2, np.array([9999]), np.array([1.0]), np.array([10002, 10003]), np.ones(3))
    assert b.synced is False
    with pytest.raises(ValueError):
        b.load_ticks(5, np.array([10000, 9999]), np.ones(3), np.array([10001]), np.ones(1))
    assert b.synced is False
    with pytest.raises(OutOfSync):
        b.apply_ticks(5, 6, np.array([9999]), np.array([1.0]), np.array([], np.int64), np.array([]))


def _crc(bids: Sequence[BookLevel], asks: Sequence[BookLevel]) -> int:
    parts = [f"{p}:{q}" for (p, q) in [*bids, *asks]]
    return zlib.crc32(":".join(parts).encode())


def test_checksum_seam_flags_mismatch() -> None:
    b = book_from(BASE)
    good = _crc(*b.top_n(2))
    b.verify_checksum(good, _crc, 2)
    assert b.synced
    with pytest.raises(OutOfSync, match="checksum"):
        b.verify_checksum(good ^ 1, _crc, 2)
    assert b.synced is False


def _random_stream(
    seed: int, n_msgs: int
) -> list[tuple[int, int, list[list[float]], list[list[float]]]]:
    """(prev_seq, seq, bids, asks); prev_seq == seq marks a snapshot. Prices in ticks (ints)."""
    rng = random.Random(seed)
    out: list[tuple[int, int, list[list[float]], list[list[float]]]] = []
    seq = 100
    mid = 50_000
    for i in range(n_msgs):
        if i % 150 == 0:  # periodic snapshot, possibly far from the previous prices
            mid += rng.randint(-3000, 3000)
            bids = [[mid - 1 - o, float(rng.randint(1, 9))] for o in rng.sample(range(300), 150)]
            asks = [[mid + 1 + o, float(rng.randint(1, 9))] for o in rng.sample(range(300), 150)]
            out.append((seq, seq, bids, asks))
            continue
        mid += rng.choice((-2, -1, 0, 0, 0, 1, 2))
        sides: list[dict[int, float]] = [{}, {}]
        for _ in range(rng.randint(1, 60)):
            side = rng.randint(0, 1)
            t = mid - 1 - rng.randint(0, 400) if side == 0 else mid + 1 + rng.randint(0, 400)
            sides[side][t] = 0.0 if rng.random() < 0.4 else rng.randint(1, 999) / 8
        out.append(
            (
                seq,
                seq + 1,
                [[t, q] for t, q in sides[0].items()],
                [[t, q] for t, q in sides[1].items()],
            )
        )
        seq += 1
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equals_ccxt_order_book_after_a_random_stream(seed: int) -> None:
    ours = OrderBook("X/Y", TICK)
    ccxt_book = CcxtOrderBook({})
    for prev, seq, bids, asks in _random_stream(seed, 1200):
        bt = np.array([t for t, _ in bids], np.int64)
        bq = np.array([q for _, q in bids], np.float64)
        at = np.array([t for t, _ in asks], np.int64)
        aq = np.array([q for _, q in asks], np.float64)
        if prev == seq:
            ccxt_book.reset({"bids": bids, "asks": asks, "nonce": seq})
            ours.load_ticks(seq, bt, bq, at, aq)
        else:
            for t, q in bids:
                ccxt_book["bids"].store(t, q)
            for t, q in asks:
                ccxt_book["asks"].store(t, q)
            assert ours.apply_ticks(prev, seq, bt, bq, at, aq)
        bt2, bq2, at2, aq2 = ours.top_ticks()
        mine = (
            [[t, q] for t, q in zip(bt2.tolist(), bq2.tolist(), strict=True)],
            [[t, q] for t, q in zip(at2.tolist(), aq2.tolist(), strict=True)],
        )
        assert mine == (list(ccxt_book["bids"]), list(ccxt_book["asks"])), seq
