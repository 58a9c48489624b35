"""The indexed evaluator fires exactly what the naive all-alerts loop fires."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.alerts import (
    AlertRule,
    BookTop,
    ClosedCandle,
    Direction,
    IndexedEvaluator,
    MarketTick,
    Metric,
    Mode,
    NaiveEvaluator,
    ThresholdCondition,
)

SYMBOLS = ["BTC/USDT", "ETH/USDT", "SOL/USDT"]
PERIODS = {
    Metric.PRICE: [0],
    Metric.CHANGE_PCT: [3, 10],
    Metric.RSI: [3, 5],
    Metric.EMA_GAP_PCT: [3],
    Metric.VOLUME_RATIO: [2],
    Metric.SPREAD_BPS: [0],
    Metric.IMBALANCE: [1, 3],
}
prices = st.integers(min_value=90, max_value=110).map(float)


@st.composite
def rules(draw: st.DrawFn, index: int) -> AlertRule:
    metric = draw(st.sampled_from(list(PERIODS)))
    threshold = {
        Metric.PRICE: prices,
        Metric.CHANGE_PCT: st.integers(-10, 10).map(float),
        Metric.RSI: st.integers(0, 100).map(float),
        Metric.EMA_GAP_PCT: st.integers(-3, 3).map(float),
        Metric.VOLUME_RATIO: st.integers(0, 4).map(float),
        Metric.SPREAD_BPS: st.integers(0, 30).map(float),
        Metric.IMBALANCE: st.integers(-4, 4).map(lambda v: v / 4),
    }[metric]
    return AlertRule(
        id=f"a{index}",
        user_id=draw(st.sampled_from(["u1", "u2"])),
        symbol=draw(st.sampled_from(SYMBOLS)),
        condition=ThresholdCondition(
            metric,
            draw(st.sampled_from(list(Direction))),
            draw(threshold),
            draw(st.sampled_from(PERIODS[metric])),
        ),
        mode=draw(st.sampled_from(list(Mode))),
        cooldown_s=draw(st.sampled_from([0.0, 2.0, 5.0])),
        expires_at=draw(st.none() | st.floats(5, 60)),
        snoozed_until=draw(st.none() | st.floats(0, 30)),
        max_fires=draw(st.none() | st.integers(1, 3)),
    )


@st.composite
def events(draw: st.DrawFn) -> MarketTick | BookTop | ClosedCandle:
    symbol = draw(st.sampled_from(SYMBOLS))
    kind = draw(st.integers(0, 5))
    if kind == 0:
        levels = st.lists(st.tuples(prices, st.integers(0, 5).map(float)), max_size=4)
        return BookTop(symbol, 0.0, draw(levels), draw(levels))
    if kind == 1:
        return ClosedCandle(symbol, 0.0, draw(prices), float(draw(st.integers(0, 50))))
    last = draw(prices)
    half = draw(st.integers(0, 2)) / 10
    return MarketTick(symbol, 0.0, last, last - half, last + half, draw(st.integers(0, 50)))


def clone(rule: AlertRule) -> AlertRule:
    return AlertRule(**{name: getattr(rule, name) for name in AlertRule.__slots__})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=40).flatmap(
        lambda ids: st.tuples(*[rules(i) for i in range(len(ids))])
    ),
    st.lists(events(), min_size=2, max_size=80),
)
def test_indexed_and_naive_fire_the_same_alerts(
    armed: tuple[AlertRule, ...], stream: list[MarketTick | BookTop | ClosedCandle]
) -> None:
    indexed, naive = IndexedEvaluator(), NaiveEvaluator()
    indexed.load(clone(r) for r in armed)
    naive.load(clone(r) for r in armed)
    for step, event in enumerate(stream):
        ts = float(step)
        if isinstance(event, MarketTick):
            tick = MarketTick(event.symbol, ts, event.last, event.bid, event.ask, step * 7.0)
            got, want = indexed.on_tick(tick), naive.on_tick(tick)
        elif isinstance(event, ClosedCandle):
            candle = ClosedCandle(event.symbol, ts, event.close, event.volume)
            got, want = indexed.on_candle(candle), naive.on_candle(candle)
        else:
            book = BookTop(event.symbol, ts, event.bids, event.asks)
            got, want = indexed.on_book(book), naive.on_book(book)
        assert {(f.rule.id, f.value) for f in got} == {(f.rule.id, f.value) for f in want}
        assert set(indexed.rules) == set(naive.rules)
