"""Candles from trades, and coarse candles as the aggregate of the fine ones inside them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from engine.market.candles import (
    Bar,
    CandleBuilder,
    aggregate_bars,
    aggregate_candles,
    build_candles,
    to_ms,
)
from engine.market.models import TIMEFRAMES, Candle, Side, Trade

T0 = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)


def trade(seconds: float, price: str, qty: str = "1") -> Trade:
    return Trade(
        id=f"t{seconds}",
        symbol="BTC/USDT",
        price=Decimal(price),
        qty=Decimal(qty),
        taker_side=Side.BUY,
        timestamp=T0 + timedelta(seconds=seconds),
    )


def random_minutes(n: int, seed: int = 3) -> list[Candle]:
    """A continuous series of closed 1m candles starting at T0 - 1 day + 7 minutes."""
    rng = random.Random(seed)
    start = T0 - timedelta(days=1) + timedelta(minutes=7)
    candles = []
    close = Decimal("100.00")
    for i in range(n):
        open_ = close
        close = open_ + Decimal(rng.randint(-50, 50)) / 100
        high = max(open_, close) + Decimal(rng.randint(0, 20)) / 100
        low = min(open_, close) - Decimal(rng.randint(0, 20)) / 100
        volume = Decimal(rng.randint(0, 1000)) / 10
        candles.append(
            Candle("BTC/USDT", "1m", start + timedelta(minutes=i), open_, high, low, close, volume)
        )
    return candles


def test_trades_build_one_minute_candles() -> None:
    trades = [trade(1, "100"), trade(20, "103", "2"), trade(40, "99"), trade(59, "101", "0.5")]
    trades += [trade(61, "102", "3")]

    first, second = build_candles(trades)

    assert first.open_time == T0
    assert (first.open, first.high, first.low, first.close) == (
        Decimal("100"), Decimal("103"), Decimal("99"), Decimal("101"),
    )  # fmt: skip
    assert first.volume == Decimal("4.5")
    assert first.closed
    assert second.open_time == T0 + timedelta(minutes=1)
    assert second.open == first.close  # continuous: opens at the previous close
    assert (second.high, second.low, second.close) == (
        Decimal("102"),
        Decimal("101"),
        Decimal("102"),
    )
    assert not second.closed


def test_minute_without_trades_is_a_flat_candle_at_the_previous_close() -> None:
    candles = build_candles([trade(5, "100"), trade(185, "104")])

    assert [c.open_time for c in candles] == [T0 + timedelta(minutes=m) for m in range(4)]
    gap = candles[1:3]
    assert all(c.open == c.high == c.low == c.close == Decimal("100") for c in gap)
    assert all(c.volume == 0 for c in gap)
    assert candles[3].close == Decimal("104")


def test_last_candle_is_closed_only_once_its_period_has_ended() -> None:
    trades = [trade(5, "100")]

    assert not build_candles(trades, until=T0 + timedelta(seconds=59))[-1].closed
    assert build_candles(trades, until=T0 + timedelta(seconds=60))[-1].closed


def test_forming_candle_updates_and_closed_candle_is_final() -> None:
    builder: CandleBuilder[int] = CandleBuilder(60_000, 0)
    start = to_ms(T0)
    assert builder.add_trade(100, 1, start + 1_000) == []
    builder.add_trade(105, 2, start + 2_000)
    forming = builder.forming
    assert forming is not None
    assert (forming.high, forming.close, forming.volume) == (105, 105, 3)

    closed = builder.add_trade(95, 1, start + 61_000)

    assert len(closed) == 1
    final = closed[0]
    assert (final.open, final.high, final.low, final.close, final.volume) == (100, 105, 100, 105, 3)
    snapshot = final.copy()
    builder.add_trade(120, 5, start + 62_000)
    builder.advance(start + 200_000)
    assert final == snapshot  # later trades and time never touch a closed candle
    assert builder.forming is not None
    assert builder.forming.open_time == start + 180_000


def test_trades_out_of_time_order_are_refused() -> None:
    builder: CandleBuilder[int] = CandleBuilder(60_000, 0)
    builder.add_trade(100, 1, 120_000)
    with pytest.raises(ValueError, match="time order"):
        builder.add_trade(100, 1, 30_000)


@pytest.mark.parametrize("timeframe", ["5m", "15m", "1h", "4h", "1d"])
def test_candles_aggregate_1m_to_higher_timeframes(timeframe: str) -> None:
    minutes = random_minutes(3 * 24 * 60)
    period = timedelta(seconds=TIMEFRAMES[timeframe])

    aggregated = aggregate_candles(minutes, timeframe)

    covered = 0
    for candle in aggregated:
        assert to_ms(candle.open_time) % (TIMEFRAMES[timeframe] * 1000) == 0  # UTC-aligned
        inside = [m for m in minutes if candle.open_time <= m.open_time < candle.open_time + period]
        covered += len(inside)
        assert candle.open == inside[0].open
        assert candle.close == inside[-1].close
        assert candle.high == max(m.high for m in inside)
        assert candle.low == min(m.low for m in inside)
        assert candle.volume == sum(m.volume for m in inside)
        period_over = inside[-1].open_time + timedelta(minutes=1) == candle.open_time + period
        assert candle.closed == period_over
    assert covered == len(minutes)
    assert not aggregated[-1].closed  # the series stops inside its last period
    assert aggregated[0].closed  # starting late in a period does not make it forming


def test_four_hour_and_daily_candles_start_on_utc_boundaries() -> None:
    four_hours = aggregate_candles(random_minutes(2 * 24 * 60), "4h")
    days = aggregate_candles(random_minutes(3 * 24 * 60), "1d")

    assert {c.open_time.hour for c in four_hours} <= {0, 4, 8, 12, 16, 20}
    assert all(c.open_time.minute == 0 for c in four_hours)
    assert all(c.open_time.time() == datetime.min.time() for c in days)


def test_aggregating_in_stages_equals_aggregating_at_once() -> None:
    minutes = random_minutes(2 * 24 * 60, seed=11)

    assert aggregate_candles(aggregate_candles(minutes, "15m"), "1h") == aggregate_candles(
        minutes, "1h"
    )
    assert aggregate_candles(aggregate_candles(minutes, "1h"), "1d") == aggregate_candles(
        minutes, "1d"
    )


def test_aggregate_bars_accepts_mixed_resolutions_inside_one_period() -> None:
    hour = 3_600_000
    coarse = Bar(0, 10, 12, 9, 11, 5, 55)
    fine = [Bar(hour + m * 60_000, 11, 13, 10, 12, 1, 12) for m in range(3)]

    (day,) = aggregate_bars([coarse, *fine], 86_400_000)

    assert (day.open, day.high, day.low, day.close, day.volume) == (10, 13, 9, 12, 8)


def test_unknown_or_finer_target_timeframe_is_refused() -> None:
    minutes = random_minutes(10)
    with pytest.raises(ValueError, match="unknown timeframe"):
        aggregate_candles(minutes, "2m")
    with pytest.raises(ValueError, match="cannot aggregate"):
        aggregate_candles(aggregate_candles(minutes, "15m"), "5m")
