"""Thresholds of one series in two sorted arrays, so a move touches only what it crosses.

A move prev → cur upwards crosses exactly the thresholds t with prev < t <= cur: two bisects
on the "up" array (alerts above / crosses) give that slice; downwards, cur <= t < prev on the
"down" array (below / crosses). Cost per move: O(log n + k) for k alerts crossed, whatever the
number of alerts armed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from engine.alerts.rules import AlertRule
from engine.alerts.series import SeriesKey


class SortedThresholds:
    """Parallel sorted arrays: thresholds and the alert ids armed at them."""

    __slots__ = ("ids", "keys")

    def __init__(self) -> None:
        self.keys: list[float] = []
        self.ids: list[str] = []

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, threshold: float, alert_id: str) -> None:
        i = bisect_right(self.keys, threshold)
        self.keys.insert(i, threshold)
        self.ids.insert(i, alert_id)

    def extend(self, entries: Iterable[tuple[float, str]]) -> None:
        merged = sorted([*zip(self.keys, self.ids, strict=True), *entries])
        self.keys = [t for t, _ in merged]
        self.ids = [i for _, i in merged]

    def remove(self, threshold: float, alert_id: str) -> bool:
        i = bisect_left(self.keys, threshold)
        while i < len(self.keys) and self.keys[i] == threshold:
            if self.ids[i] == alert_id:
                del self.keys[i]
                del self.ids[i]
                return True
            i += 1
        return False

    def crossed_up(self, prev: float, cur: float) -> list[str]:
        """Ids with prev < threshold <= cur."""
        return self.ids[bisect_right(self.keys, prev) : bisect_right(self.keys, cur)]

    def crossed_down(self, prev: float, cur: float) -> list[str]:
        """Ids with cur <= threshold < prev."""
        return self.ids[bisect_left(self.keys, cur) : bisect_left(self.keys, prev)]


class CrossingIndex:
    def __init__(self) -> None:
        self._up: dict[SeriesKey, SortedThresholds] = {}
        self._down: dict[SeriesKey, SortedThresholds] = {}

    def __len__(self) -> int:
        return sum(len(s) for s in self._up.values()) + sum(len(s) for s in self._down.values())

    @staticmethod
    def key_of(rule: AlertRule) -> SeriesKey:
        c = rule.condition
        return SeriesKey(rule.symbol, c.metric, c.period)

    def _sides(self, rule: AlertRule) -> list[dict[SeriesKey, SortedThresholds]]:
        direction = rule.condition.direction
        return [s for s, on in ((self._up, direction.up), (self._down, direction.down)) if on]

    def add(self, rule: AlertRule) -> None:
        key = self.key_of(rule)
        for side in self._sides(rule):
            side.setdefault(key, SortedThresholds()).add(rule.condition.threshold, rule.id)

    def add_many(self, rules: Iterable[AlertRule]) -> None:
        """Bulk load: one sort per array instead of one insert per alert."""
        pending: dict[tuple[int, SeriesKey], list[tuple[float, str]]] = {}
        for rule in rules:
            key = self.key_of(rule)
            for side in self._sides(rule):
                entry = (rule.condition.threshold, rule.id)
                pending.setdefault((id(side), key), []).append(entry)
        for side in (self._up, self._down):
            for (side_id, key), entries in pending.items():
                if side_id == id(side):
                    side.setdefault(key, SortedThresholds()).extend(entries)

    def remove(self, rule: AlertRule) -> None:
        key = self.key_of(rule)
        for side in self._sides(rule):
            thresholds = side.get(key)
            if thresholds is not None:
                thresholds.remove(rule.condition.threshold, rule.id)
                if not thresholds:
                    del side[key]

    def crossed(self, key: SeriesKey, prev: float, cur: float) -> list[str]:
        if cur > prev:
            up = self._up.get(key)
            return up.crossed_up(prev, cur) if up is not None else []
        down = self._down.get(key)
        return down.crossed_down(prev, cur) if down is not None else []
