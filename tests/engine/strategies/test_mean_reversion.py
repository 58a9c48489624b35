"""Mean reversion: band re-entry with RSI filter, exits at the mean, on the stop and in time."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from engine.backtest import run_backtest
from engine.strategies.base import PlaceIntent
from engine.strategies.mean_reversion import MeanReversionParams, MeanReversionStrategy
from engine.strategies.registry import build_strategy, validate_params

from .helpers import MARKET, D, candle, closed_at, ctx, fill, sim_market_and_candles

# z-score(10) / RSI(3): bars 10-11 close below the lower band (z -2.74, -2.41; RSI 20, 13.5),
# bar 12 is back inside (z -1.47), bar 13 at the mean (z 0), bar 14 above it (z 0.88)
CHOP = [100, 101] * 5
DIP = [*CHOP, 97, 95, 96, 99, 101]


def strategy(**kw: object) -> MeanReversionStrategy:
    base: dict[str, object] = {"quote_amount": D(960), "period": 10, "rsi_period": 3}
    base.update(kw)
    return MeanReversionStrategy(MeanReversionParams(**base), MARKET)  # type: ignore[arg-type]


def feed(s: MeanReversionStrategy, closes: Sequence[object]) -> list[tuple[int, str, Decimal]]:
    """Closed candles in order; orders fill at the close. (bar, tag, qty) of each order."""
    out = []
    for i, close in enumerate(closes):
        held = str(s.position.qty) if s.position.phase.value == "long" else "0"
        for intent in s.on_candle(candle(i, close), ctx(position=held, now=closed_at(i))):
            assert isinstance(intent, PlaceIntent)
            out.append((i, intent.tag, intent.qty))
            s.on_fill(fill(intent.tag, intent.side, str(close), str(intent.qty)), ctx())
    return out


def test_buys_the_close_back_inside_the_band_and_sells_at_the_mean() -> None:
    s = strategy()
    assert feed(s, DIP) == [(12, "mr-1-entry", D(10)), (13, "mr-1-exit", D(10))]  # 960 / 96
    assert s.position.last_exit_reason == "mean"


def test_without_reentry_it_buys_the_first_close_below_the_band() -> None:
    assert feed(strategy(reentry=False), DIP)[0] == (10, "mr-1-entry", D("9.896"))  # 960 / 97


def test_the_rsi_filter_needs_an_oversold_reading_during_the_dip() -> None:
    assert feed(strategy(rsi_max=D(13)), DIP) == []  # lowest RSI 13.46
    assert feed(strategy(rsi_max=D(14)), DIP)[0][1] == "mr-1-entry"
    assert feed(strategy(rsi_max=None), DIP)[0][1] == "mr-1-entry"


def test_stop_loss_exits_below_the_entry() -> None:
    s = strategy(stop_pct=D(1))
    assert feed(s, [*DIP[:13], 95]) == [(12, "mr-1-entry", D(10)), (13, "mr-1-exit", D(10))]
    assert s.position.last_exit_reason == "stop"  # 95 <= 96 * 0.99


def test_time_stop_exits_after_max_bars_when_the_mean_is_not_reached() -> None:
    s = strategy(exit_z=D(1), max_bars=2)
    assert feed(s, DIP) == [(12, "mr-1-entry", D(10)), (14, "mr-1-exit", D(10))]
    assert s.position.last_exit_reason == "time"


def test_each_trade_gets_new_tags() -> None:
    s = strategy()
    orders = feed(s, DIP + CHOP + DIP[10:])
    assert [tag for _, tag, _ in orders] == ["mr-1-entry", "mr-1-exit", "mr-2-entry", "mr-2-exit"]
    assert s.position.phase.value == "flat"


def test_while_long_a_second_dip_does_not_buy_again() -> None:
    s = strategy(exit_z=D(3), max_bars=None)  # never reaches the exit
    orders = feed(s, DIP + CHOP + DIP[10:])
    assert [tag for _, tag, _ in orders] == ["mr-1-entry"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"quote_amount": "0"}, "quote_amount"),
        ({"quote_amount": "100", "period": 1}, "period"),
        ({"quote_amount": "100", "entry_z": "0"}, "entry_z"),
        ({"quote_amount": "100", "entry_z": "2", "exit_z": "-2"}, "exit_z"),
        ({"quote_amount": "100", "rsi_max": "100"}, "rsi_max"),
        ({"quote_amount": "100", "stop_pct": "0"}, "stop_pct"),
        ({"quote_amount": "100", "max_bars": 0}, "max_bars"),
    ],
)
def test_bad_params_name_the_field(params: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        validate_params("mean_reversion", params)


def test_trades_in_a_backtest_over_sim_venue_candles() -> None:
    market, candles = sim_market_and_candles(seed=3)
    params = {"quote_amount": "1000", "entry_z": "1.5", "rsi_max": "45", "max_bars": 24}
    s = build_strategy("mean_reversion", params, market)

    result = run_backtest(s, market, candles, initial_quote=D(10_000))

    assert result.rejections == []
    assert result.stats.round_trip_count >= 2
    assert [f.side.value for f in result.fills[:2]] == ["buy", "sell"]
