"""Momentum: EMA-cross and breakout entries, ATR stop (fixed and trailing), ML confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from engine.backtest import run_backtest
from engine.market.models import Side
from engine.strategies.base import Intent, PlaceIntent
from engine.strategies.momentum import MomentumEntry, MomentumParams, MomentumStrategy
from engine.strategies.registry import build_strategy, validate_params
from engine.trading.models import OrderType

from .helpers import MARKET, D, candle, closed_at, ctx, fill, signal, sim_market_and_candles

# EMA(2)/EMA(4) of these closes: fast <= slow until bar 6, above it on bars 6..11, below on 12
CROSS = [100, 99, 98, 97, 96, 95, 99, 104, 108, 112, 111, 106, 100]


def strategy(**kw: object) -> MomentumStrategy:
    base: dict[str, object] = {
        "quote_amount": D(990), "fast_period": 2, "slow_period": 4, "atr_period": 2,
    }  # fmt: skip
    base.update(kw)
    return MomentumStrategy(MomentumParams(**base), MARKET)  # type: ignore[arg-type]


def feed(s: MomentumStrategy, closes: Sequence[object], start: int = 0) -> dict[int, list[Intent]]:
    """Deliver closed candles; entries and exits fill at the close. Intents by candle number."""
    out: dict[int, list[Intent]] = {}
    for i, close in enumerate(closes, start):
        held = str(s.position.qty) if s.position.phase.value == "long" else "0"
        intents = s.on_candle(candle(i, close), ctx(position=held, now=closed_at(i)))
        if intents:
            out[i] = intents
        for intent in intents:
            assert isinstance(intent, PlaceIntent) and intent.type is OrderType.MARKET
            f = fill(intent.tag, intent.side, str(close), str(intent.qty))
            s.on_fill(f, ctx(position=str(intent.qty) if intent.side is Side.BUY else "0"))
    return out


def orders(by_bar: dict[int, list[Intent]]) -> list[tuple[int, str, str, Decimal]]:
    return [
        (bar, i.tag, i.side.value, i.qty)
        for bar, intents in by_bar.items()
        for i in intents
        if isinstance(i, PlaceIntent)
    ]


def test_ema_cross_enters_on_the_cross_up_sized_by_quote_and_exits_on_the_cross_down() -> None:
    s = strategy()
    assert orders(feed(s, CROSS)) == [
        (6, "mom-1-entry", "buy", D(10)),  # 990 / 99
        (12, "mom-1-exit", "sell", D(10)),
    ]
    assert s.position.last_exit_reason == "trend"


def test_the_atr_stop_sits_below_the_entry_and_exits_on_a_close_through_it() -> None:
    s = strategy()
    feed(s, CROSS[:7])
    # true ranges 2, 2, 2, 2, 2, 2, 5 (gap from 95 to 99): Wilder ATR(2) = 3.5; 99 - 2 * 3.5
    assert s.stop == D(92)
    assert orders(feed(s, [98, 92], start=7)) == [(8, "mom-1-exit", "sell", D(10))]
    assert s.position.last_exit_reason == "stop"


def test_a_trailing_stop_follows_the_highest_close_and_never_drops() -> None:
    fixed = strategy(atr_stop_mult=D("0.5"))
    trailing = strategy(atr_stop_mult=D("0.5"), trailing=True)
    rally = [*CROSS[:7], 104, 108, 112]
    feed(fixed, rally)
    feed(trailing, rally[:7])
    stops = [trailing.stop or D(0)]
    for i, close in enumerate(rally[7:], start=7):
        feed(trailing, [close], start=i)
        stops.append(trailing.stop or D(0))
    assert fixed.stop == D("97.25")  # 99 - 0.5 * 3.5
    assert stops == sorted(stops) and stops[0] == D("97.25")  # it only moves up
    assert trailing.stop is not None and trailing.stop > D(109)
    below = trailing.stop - D("0.5")  # still an up-trend: only the stop can exit

    assert feed(fixed, [below], start=10) == {}
    exits = feed(trailing, [below], start=10)
    assert orders(exits) == [(10, "mom-1-exit", "sell", D(10))]


def test_breakout_enters_above_the_channel_and_exits_below_it() -> None:
    s = strategy(entry=MomentumEntry.BREAKOUT, breakout_period=3)
    # candles span close +- 1: bar 3's close 100.5 is inside the channel (high 101)
    by_bar = feed(s, [100, 100, 100, "100.5", 102, 103, 104, 101])
    # bar 4: close 102 > 101.5, the highest high of bars 1-3
    assert orders(by_bar) == [(4, "mom-1-entry", "buy", D("9.705"))]  # 990 / 102, to the step
    assert feed(s, [101], start=8) == {}  # bars 5-7 reach down to 100: still inside
    assert orders(feed(s, [99], start=9)) == [(9, "mom-1-exit", "sell", D("9.705"))]


def test_ml_confirmation_needs_the_latest_probability_at_the_threshold() -> None:
    unconfirmed = strategy(ml_confirm_threshold=0.6)
    assert feed(unconfirmed, CROSS[:7]) == {}  # no signal: no entry

    weak = strategy(ml_confirm_threshold=0.6)
    weak.on_signal(signal(probability_up=0.59), ctx())
    assert feed(weak, CROSS[:7]) == {}

    strong = strategy(ml_confirm_threshold=0.6)
    strong.on_signal(signal(probability_up=0.6), ctx())
    assert [o[1] for o in orders(feed(strong, CROSS[:7]))] == ["mom-1-entry"]


def test_a_refused_entry_is_forgotten_at_the_next_candle_and_the_next_gets_a_new_tag() -> None:
    s = strategy()
    for i, close in enumerate(CROSS[:7]):
        intents = s.on_candle(
            candle(i, close), ctx(now=closed_at(i))
        )  # the entry at bar 6 never fills
    assert [i.tag for i in intents if isinstance(i, PlaceIntent)] == ["mom-1-entry"]
    s.on_candle(candle(7, 90), ctx(now=closed_at(7)))
    assert s.position.phase.value == "flat"
    later = feed(s, [80, 70, 60, 100, 120], start=8)
    assert [o[1] for o in orders(later)] == ["mom-2-entry"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"quote_amount": "0"}, "quote_amount"),
        ({"quote_amount": "100", "fast_period": 5, "slow_period": 5}, "slow_period"),
        ({"quote_amount": "100", "fast_period": 0}, "fast_period"),
        ({"quote_amount": "100", "breakout_period": 1}, "breakout_period"),
        ({"quote_amount": "100", "atr_stop_mult": "-1"}, "atr_stop_mult"),
        ({"quote_amount": "100", "ml_confirm_threshold": 2}, "ml_confirm_threshold"),
        ({"quote_amount": "100", "entry": "vibes"}, "entry"),
    ],
)
def test_bad_params_name_the_field(params: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        validate_params("momentum", params)


def test_quote_amount_must_reach_the_market_minimum_notional() -> None:
    with pytest.raises(ValueError, match=r"^quote_amount: "):
        build_strategy("momentum", {"quote_amount": "0.5"}, MARKET)


def test_trades_in_a_backtest_over_sim_venue_candles_the_same_way_twice() -> None:
    market, candles = sim_market_and_candles(seed=3)
    params = {"quote_amount": "1000", "fast_period": 5, "slow_period": 20, "trailing": True}

    def once() -> list[tuple[str, str]]:
        s = build_strategy("momentum", params, market)
        result = run_backtest(s, market, candles, initial_quote=D(10_000))
        assert result.rejections == []
        return [(f.client_order_id, str(f.price)) for f in result.fills]

    fills = once()
    assert len(fills) >= 4
    assert fills[0][0] == "mom-1-entry" and fills[1][0] == "mom-1-exit"
    assert once() == fills
