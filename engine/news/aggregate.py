"""Per-asset sentiment level: the sum of headline scores, each decaying with a half-life.

`DecayingSentiment` keeps, per asset, sum(score * 2 ** (-age / half_life)): one number that
jumps on news and fades back to 0. O(1) per headline (the level and its time are stored).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


@dataclass
class _Level:
    value: float
    at: datetime


class DecayingSentiment:
    """Per-asset sum of scores, each decaying with `half_life_s`."""

    def __init__(self, half_life_s: float) -> None:
        if half_life_s <= 0:
            raise ValueError(f"half_life_s: must be positive, got {half_life_s}")
        self.half_life_s = half_life_s
        self._levels: dict[str, _Level] = {}

    def _decayed(self, level: _Level, now: datetime) -> float:
        age = max((now - level.at).total_seconds(), 0.0)
        return level.value * math.exp(-math.log(2) * age / self.half_life_s)

    def add(self, asset: str, score: float, at: datetime) -> float:
        """Add a headline's score; returns the asset's new level."""
        level = self._levels.get(asset)
        value = score if level is None else self._decayed(level, at) + score
        self._levels[asset] = _Level(value, max(at, level.at) if level else at)
        return value

    def level(self, asset: str, now: datetime) -> float:
        level = self._levels.get(asset)
        return 0.0 if level is None else self._decayed(level, now)
