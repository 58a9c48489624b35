from __future__ import annotations

import pytest

from engine.alerts import (
    AlertRule,
    Direction,
    IndexedEvaluator,
    MarketTick,
    Metric,
    Mode,
    ThresholdCondition,
)
from engine.alerts.events import Event, EventCondition, EventIndex, EventKind, EventRule
from engine.alerts.index import SortedThresholds
from engine.alerts.levels import LevelSample, LevelSampler, drawdown_pct
from engine.alerts.series import (
    BookTop,
    ClosedCandle,
    SeriesBank,
    SeriesKey,
    imbalance,
    spread_bps,
)


def price_rule(alert_id: str, direction: Direction, threshold: float, **kw: object) -> AlertRule:
    condition = ThresholdCondition(Metric.PRICE, direction, threshold)
    return AlertRule(alert_id, "u1", "BTC/USDT", condition, **kw)  # type: ignore[arg-type]


def ticks(evaluator: IndexedEvaluator, *prices: float, start: float = 0.0) -> list[list[str]]:
    return [
        [f.rule.id for f in evaluator.on_tick(MarketTick("BTC/USDT", start + i, p))]
        for i, p in enumerate(prices)
    ]


def test_a_move_returns_only_thresholds_in_its_half_open_range() -> None:
    side = SortedThresholds()
    for i, t in enumerate([95.0, 100.0, 100.0, 105.0, 110.0]):
        side.add(t, f"a{i}")
    assert side.crossed_up(100.0, 105.0) == ["a3"]  # (100, 105]
    assert side.crossed_up(99.0, 100.0) == ["a1", "a2"]
    assert side.crossed_down(105.0, 100.0) == ["a1", "a2"]  # [100, 105)
    assert side.remove(100.0, "a2") and not side.remove(100.0, "a2")
    assert side.crossed_up(0.0, 1000.0) == ["a0", "a1", "a3", "a4"]


def test_above_fires_on_the_upward_crossing_only() -> None:
    ev = IndexedEvaluator()
    ev.add(price_rule("up", Direction.ABOVE, 100.0, mode=Mode.RECURRING))
    ev.add(price_rule("down", Direction.BELOW, 100.0, mode=Mode.RECURRING))
    ev.add(price_rule("any", Direction.CROSSES, 100.0, mode=Mode.RECURRING))
    assert ticks(ev, 99, 101, 100, 99, 100) == [
        [],
        ["up", "any"],
        ["down", "any"],
        [],
        ["up", "any"],
    ]


def test_once_alert_leaves_the_index_after_firing() -> None:
    ev = IndexedEvaluator()
    ev.add(price_rule("a", Direction.ABOVE, 100.0))
    assert ticks(ev, 99, 101, 99, 101) == [[], ["a"], [], []]
    assert "a" not in ev and len(ev.index) == 0


def test_cooldown_snooze_expiry_and_max_fires() -> None:
    ev = IndexedEvaluator()
    ev.add(price_rule("cool", Direction.CROSSES, 100.0, mode=Mode.RECURRING, cooldown_s=3.0))
    ev.add(price_rule("snoozed", Direction.CROSSES, 100.0, mode=Mode.RECURRING, snoozed_until=2.5))
    ev.add(price_rule("expiring", Direction.CROSSES, 100.0, mode=Mode.RECURRING, expires_at=2.0))
    ev.add(price_rule("twice", Direction.CROSSES, 100.0, mode=Mode.RECURRING, max_fires=2))
    fired = ticks(ev, 99, 101, 99, 101, 99, 101)
    assert fired == [
        [],
        ["cool", "expiring", "twice"],
        ["twice"],
        ["snoozed"],
        ["cool", "snoozed"],
        ["snoozed"],
    ]
    assert "expiring" not in ev and "twice" not in ev


def test_rsi_and_ema_gap_series_move_on_closed_candles_only() -> None:
    bank = SeriesBank()
    rsi, ema = SeriesKey("X", Metric.RSI, 3), SeriesKey("X", Metric.EMA_GAP_PCT, 3)
    bank.watch(rsi)
    bank.watch(ema)
    for i, price in enumerate([10.0, 11.0, 12.0, 13.0]):
        assert bank.on_tick(MarketTick("X", float(i), price * 2)) == []  # tickers: no effect
        bank.on_candle(ClosedCandle("X", 60.0 * (i + 1), price, 1.0))
    assert bank.value(rsi) == 100.0  # only gains
    assert bank.value(ema) is not None and bank.value(ema) > 0  # close above its EMA
    for i, price in enumerate([12.0, 11.0, 10.0, 9.0]):
        bank.on_candle(ClosedCandle("X", 60.0 * (i + 5), price, 1.0))
    assert bank.value(rsi) is not None and bank.value(rsi) < 30  # type: ignore[operator]
    assert bank.value(ema) is not None and bank.value(ema) < 0  # type: ignore[operator]


def test_change_pct_needs_a_full_window() -> None:
    bank = SeriesBank()
    key = SeriesKey("X", Metric.CHANGE_PCT, 10)
    bank.watch(key)
    bank.on_tick(MarketTick("X", 0.0, 100.0))
    bank.on_tick(MarketTick("X", 5.0, 104.0))
    assert bank.value(key) is None
    bank.on_tick(MarketTick("X", 10.0, 110.0))
    assert bank.value(key) == pytest.approx(10.0)
    bank.on_tick(MarketTick("X", 16.0, 93.6))  # reference is now the price at t=5 (104)
    assert bank.value(key) == pytest.approx(-10.0)


def test_volume_ratio_spikes_when_a_candle_trades_above_normal() -> None:
    bank = SeriesBank()
    key = SeriesKey("X", Metric.VOLUME_RATIO, 60)
    bank.watch(key)
    for minute in range(1, 12):
        bank.on_candle(ClosedCandle("X", 60.0 * minute, 100.0, 10.0))
    assert bank.value(key) == pytest.approx(1.0)
    bank.on_tick(MarketTick("X", 12 * 60.0, 100.0, volume_24h=1e9))  # tickers: no effect
    assert bank.value(key) == pytest.approx(1.0)
    bank.on_candle(ClosedCandle("X", 12 * 60.0, 100.0, 50.0))
    assert bank.value(key) == pytest.approx(50 / ((9 * 10 + 50) / 10))


def test_spread_and_imbalance() -> None:
    assert spread_bps(99.0, 101.0) == pytest.approx(200.0)
    assert spread_bps(None, 101.0) is None
    book = BookTop("X", 0.0, [(99.0, 3.0), (98.0, 5.0)], [(101.0, 1.0), (102.0, 9.0)])
    assert imbalance(book, 1) == pytest.approx(0.5)
    assert imbalance(book, 2) == pytest.approx(-2 / 18)


def test_event_index_matches_user_kind_fields_and_value() -> None:
    index = EventIndex()
    fills = EventCondition(EventKind.ORDER_FILLED, {"symbol": "BTC/USDT"})
    signal = EventCondition(EventKind.SIGNAL, {"symbol": "ETH/USDT"}, at_least=0.8)
    drawdown = EventCondition(EventKind.DRAWDOWN, at_least=10.0)
    index.add(EventRule("f", "u1", fills))
    index.add(EventRule("s", "u2", signal))
    index.add(EventRule("d", "u1", drawdown))
    fill = Event(EventKind.ORDER_FILLED, "o1", 0.0, "u1", {"symbol": "BTC/USDT"})
    assert [r.id for r in index.matching(fill)] == ["f"]
    other_user = Event(EventKind.ORDER_FILLED, "o2", 0.0, "u2", {"symbol": "BTC/USDT"})
    assert index.matching(other_user) == []
    weak = Event(EventKind.SIGNAL, "s1", 0.0, None, {"symbol": "ETH/USDT"}, 0.7)
    strong = Event(EventKind.SIGNAL, "s2", 0.0, None, {"symbol": "ETH/USDT"}, 0.9)
    assert index.matching(weak) == [] and [r.id for r in index.matching(strong)] == ["s"]
    # Levels fire on entering their range: from 8 % to 12 %, not 11 % to 12 % or a first sample.
    entering = Event(EventKind.DRAWDOWN, "d", 0, "u1", {}, 12, prev=8)
    assert [r.id for r in index.matching(entering)] == ["d"]
    assert index.matching(Event(EventKind.DRAWDOWN, "d", 0, "u1", {}, 12, prev=11)) == []
    assert index.matching(Event(EventKind.DRAWDOWN, "d", 0, "u1", {}, 12)) == []
    index.remove("f")
    assert index.matching(fill) == []


def test_re_arming_an_alert_keeps_its_series_so_the_next_move_still_counts() -> None:
    ev = IndexedEvaluator()
    ev.add(price_rule("a", Direction.ABOVE, 100.0, mode=Mode.RECURRING))
    assert ticks(ev, 99) == [[]]
    ev.add(price_rule("a", Direction.ABOVE, 100.0, mode=Mode.RECURRING))  # e.g. after an update
    assert ticks(ev, 101, start=1.0) == [["a"]]
    ev.remove("a")
    assert (
        len(ev.index) == 0
        and ev.bank.value(ev.index.key_of(price_rule("a", Direction.ABOVE, 1.0))) is None
    )


def test_level_sampler_reports_pnl_and_drawdown_from_the_previous_sample() -> None:
    sampler = LevelSampler()
    first = sampler.events("u1", 120.0, LevelSample(pnl=-5.0, value=950.0, peak=1000.0))
    assert [(e.kind, e.value, e.prev) for e in first] == [
        (EventKind.PNL, -5.0, None),
        (EventKind.DRAWDOWN, 5.0, None),
    ]
    second = sampler.events("u1", 179.0, LevelSample(pnl=20.0, value=1000.0, peak=1000.0))
    assert [(e.value, e.prev) for e in second] == [(20.0, -5.0), (0.0, 5.0)]
    assert {e.key for e in first + second} == {"u1:2"}  # replicas agree within the minute
    assert drawdown_pct(0.0, 10.0) == 0.0 and drawdown_pct(200.0, 150.0) == 25.0
