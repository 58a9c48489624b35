"""Portfolio levels that P&L and drawdown alerts watch, sampled again and again.

`LevelSampler` turns one user's sample (P&L, portfolio value, its peak) into the two level
events the evaluator matches; it remembers the previous sample so a rule fires when the value
enters its range, not on every sample inside it (engine/alerts/events.py LEVEL_KINDS). The
trigger key is the user and the minute, so replicas that sample the same crossing agree on it
(a second crossing of one alert within the same minute is the same trigger)."""

from __future__ import annotations

from dataclasses import dataclass

from engine.alerts.events import Event, EventKind

KEY_BUCKET_S = 60


def drawdown_pct(peak: float, value: float) -> float:
    """How far `value` is below `peak`, in % of the peak (0 at or above it, or without a peak)."""
    if peak <= 0 or value >= peak:
        return 0.0
    return (peak - value) / peak * 100.0


@dataclass(frozen=True, slots=True)
class LevelSample:
    pnl: float  # realised + unrealised, in the quote currency
    value: float  # the portfolio's value now
    peak: float  # the highest value seen (persisted by the caller)

    @property
    def drawdown(self) -> float:
        return drawdown_pct(self.peak, self.value)


class LevelSampler:
    def __init__(self) -> None:
        self._last: dict[str, LevelSample] = {}

    def forget(self, user_id: str) -> None:
        self._last.pop(user_id, None)

    def events(self, user_id: str, ts: float, sample: LevelSample) -> list[Event]:
        """The P&L and drawdown events of this sample (prev = the user's previous sample)."""
        prev = self._last.get(user_id)
        self._last[user_id] = sample
        key = f"{user_id}:{int(ts // KEY_BUCKET_S)}"
        return [
            Event(
                EventKind.PNL,
                key=key,
                ts=ts,
                user_id=user_id,
                value=sample.pnl,
                prev=None if prev is None else prev.pnl,
            ),
            Event(
                EventKind.DRAWDOWN,
                key=key,
                ts=ts,
                user_id=user_id,
                value=sample.drawdown,
                prev=None if prev is None else prev.drawdown,
            ),
        ]
