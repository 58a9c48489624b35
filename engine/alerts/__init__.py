"""Alert rules and their evaluation: pure domain, no I/O.

`rules.py` what an alert watches and its lifecycle; `series.py` the market series a tick
updates (price, % change, RSI, EMA gap, volume ratio, spread, book imbalance); `index.py` the
sorted threshold index that finds only the alerts a move crosses; `evaluator.py` the indexed
evaluator and the naive one it is checked against; `events.py` event rules (fills, bots,
signals, whales, P&L)."""

from engine.alerts.evaluator import Firing, IndexedEvaluator, NaiveEvaluator
from engine.alerts.events import Event, EventCondition, EventIndex
from engine.alerts.rules import AlertRule, Direction, Metric, Mode, ThresholdCondition
from engine.alerts.series import BookTop, ClosedCandle, MarketTick, SeriesKey

__all__ = [
    "AlertRule",
    "BookTop",
    "ClosedCandle",
    "Direction",
    "Event",
    "EventCondition",
    "EventIndex",
    "Firing",
    "IndexedEvaluator",
    "MarketTick",
    "Metric",
    "Mode",
    "NaiveEvaluator",
    "SeriesKey",
    "ThresholdCondition",
]
