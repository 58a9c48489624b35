"""What an alert watches and when it may fire (once / recurring with cooldown, expiry, snooze).

Every market condition is a threshold on one series of one symbol ("BTC/USDT price", "ETH/USDT
RSI(14)") and fires on a crossing, not on a level: `above t` fires when the series moves from
below t to t or above (t in (prev, cur]); `below t` when it moves from above t to t or below
(t in [cur, prev)); `crosses` on either. A series' first value crosses nothing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Metric(StrEnum):
    PRICE = "price"  # last trade price
    CHANGE_PCT = "changePct"  # % change of the price over `period` seconds
    RSI = "rsi"  # Wilder RSI over `period` closed 1m candles (0..100)
    # (close - EMA(period candles)) / EMA in %: 0 crossed = the close crosses its EMA
    EMA_GAP_PCT = "emaGapPct"
    # volume of the closed candles in the last `period` s / mean volume per `period` s
    VOLUME_RATIO = "volumeRatio"
    SPREAD_BPS = "spreadBps"  # (ask - bid) / mid in basis points
    IMBALANCE = "imbalance"  # (bid qty - ask qty) / total over the top `period` book levels


# Metrics whose `period` is required, and its allowed range.
PERIOD_RANGE: dict[Metric, tuple[int, int]] = {
    Metric.CHANGE_PCT: (1, 7 * 24 * 3600),
    Metric.RSI: (2, 500),
    Metric.EMA_GAP_PCT: (2, 1000),
    Metric.VOLUME_RATIO: (60, 24 * 3600),  # at least one 1m candle
    Metric.IMBALANCE: (1, 50),
}


class Direction(StrEnum):
    ABOVE = "above"
    BELOW = "below"
    CROSSES = "crosses"

    @property
    def up(self) -> bool:
        return self is not Direction.BELOW

    @property
    def down(self) -> bool:
        return self is not Direction.ABOVE


class Mode(StrEnum):
    ONCE = "once"
    RECURRING = "recurring"


@dataclass(frozen=True, slots=True)
class ThresholdCondition:
    metric: Metric
    direction: Direction
    threshold: float
    period: int = 0  # seconds, ticks or levels, by metric (see Metric); 0 where unused


@dataclass(slots=True)
class AlertRule:
    """One active alert as the evaluator sees it. Times are epoch seconds (float)."""

    id: str
    user_id: str
    symbol: str
    condition: ThresholdCondition
    mode: Mode = Mode.ONCE
    cooldown_s: float = 0.0
    expires_at: float | None = None
    snoozed_until: float | None = None
    last_fired_at: float | None = None
    fires: int = 0
    max_fires: int | None = None  # a trading alert's limit on how often it may act

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def exhausted(self) -> bool:
        if self.mode is Mode.ONCE and self.fires > 0:
            return True
        return self.max_fires is not None and self.fires >= self.max_fires

    def quiet(self, now: float) -> bool:
        """Snoozed or cooling down: the crossing is ignored, the alert stays armed."""
        if self.snoozed_until is not None and now < self.snoozed_until:
            return True
        return self.last_fired_at is not None and now - self.last_fired_at < self.cooldown_s

    def record_fire(self, now: float) -> None:
        self.fires += 1
        self.last_fired_at = now


def crosses_up(prev: float, cur: float, threshold: float) -> bool:
    return prev < threshold <= cur


def crosses_down(prev: float, cur: float, threshold: float) -> bool:
    return cur <= threshold < prev


def crossed(condition: ThresholdCondition, prev: float, cur: float) -> bool:
    t = condition.threshold
    return (condition.direction.up and crosses_up(prev, cur, t)) or (
        condition.direction.down and crosses_down(prev, cur, t)
    )
