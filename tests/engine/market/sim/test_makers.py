"""Market makers keep a ladder on a price grid; noise takers trade at their configured rate."""

from __future__ import annotations

import itertools
import random

import pytest

from engine.market.sim import makers
from engine.market.sim.makers import MarketMaker, NoiseTaker
from engine.market.sim.matching import MatchingEngine
from engine.market.sim.symbols import DEFAULT_SYMBOLS

BTC = next(s for s in DEFAULT_SYMBOLS if s.symbol == "BTC/USDT")
TICK = float(BTC.market.price_tick)


@pytest.fixture(autouse=True)
def no_random_resizing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(makers, "RESIZE_PROBABILITY", 0.0)


def quoted(levels: int = 20) -> tuple[MatchingEngine, MarketMaker]:
    engine = MatchingEngine(BTC.market, itertools.count(1))
    maker = MarketMaker(engine, BTC, random.Random(1), levels)
    maker.requote(95_000.0)
    engine.book.take_delta()
    return engine, maker


def test_maker_quotes_a_ladder_on_both_sides_of_the_fair_price() -> None:
    engine, maker = quoted(levels=20)

    bids, asks = engine.book.levels(True), engine.book.levels(False)
    assert len(bids) == len(asks) == 20
    fair = 95_000.0 / TICK
    assert fair - bids[0][0] >= maker.half_spread and asks[0][0] - fair >= maker.half_spread
    assert asks[0][0] - bids[0][0] <= 2 * (maker.half_spread + maker.gap)  # a few bps wide
    assert all(a[0] - b[0] == maker.gap for a, b in itertools.pairwise(bids))  # descending grid
    assert all(b[0] - a[0] == maker.gap for a, b in itertools.pairwise(asks))
    assert len({q for _, q in bids}) > 10  # random sizes


def test_requoting_at_an_unchanged_price_changes_nothing() -> None:
    engine, maker = quoted()

    for _ in range(3):
        assert maker.requote(95_000.0) == []
        assert engine.book.take_delta() is None


def test_moves_smaller_than_a_grid_step_change_at_most_two_levels_per_side() -> None:
    engine, maker = quoted()
    changes = []

    for i in range(1, 61):
        maker.requote(95_000.0 + i * maker.gap / 3 * TICK)
        delta = engine.book.take_delta()
        if delta is not None:
            assert len(delta.bids) <= 2 and len(delta.asks) <= 2
            changes.append(len(delta.bids) + len(delta.asks))

    assert 0 < len(changes) < 60  # many small moves needed no requote at all


def test_one_grid_step_changes_one_level_in_and_one_out_per_side() -> None:
    engine, maker = quoted()
    best_bid, best_ask = engine.book.best_bid(), engine.book.best_ask()
    assert best_bid is not None and best_ask is not None
    centre = (best_bid + best_ask) / 2

    maker.requote((centre + maker.gap) * TICK)

    delta = engine.book.take_delta()
    assert delta is not None
    assert [p for p, _ in delta.bids] == [best_bid + maker.gap, best_bid - 19 * maker.gap]
    assert [p for p, _ in delta.asks] == [best_ask, best_ask + 20 * maker.gap]
    assert [q == 0 for _, q in delta.bids] == [False, True]
    assert [q == 0 for _, q in delta.asks] == [True, False]


def test_maker_replenishes_a_level_that_was_mostly_taken() -> None:
    engine, maker = quoted()
    best_ask = engine.book.best_ask()
    assert best_ask is not None
    (top,) = engine.book.queue(False, best_ask)
    engine.submit_market(True, top.remaining * 9 // 10)

    maker.requote(95_000.0)

    (fresh,) = engine.book.queue(False, best_ask)
    assert fresh.order_no != top.order_no
    assert fresh.remaining == fresh.original > top.remaining


def test_noise_takers_trade_at_their_configured_rate() -> None:
    engine, maker = quoted()
    taker = NoiseTaker(engine, BTC, random.Random(2), dt_seconds=0.25)
    steps = 20_000

    orders = 0
    sides = set()
    for _ in range(steps):
        maker.requote(95_000.0)
        for result in taker.act():
            orders += 1
            sides.add(result.executions[0].maker.is_buy)

    expected = BTC.trades_per_minute / 60 * 0.25 * steps
    assert 0.9 * expected < orders < 1.1 * expected
    assert sides == {True, False}
