"""The indexed evaluator (what runs) and the naive one (what it is proven equal to).

Both feed ticks through the same `SeriesBank` and apply the same lifecycle; they differ only in
how they find candidate alerts: the index looks up the thresholds a move crossed, the naive one
tests every armed alert on every tick."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.alerts.index import CrossingIndex
from engine.alerts.rules import AlertRule, crossed
from engine.alerts.series import BookTop, ClosedCandle, MarketTick, Move, SeriesBank


@dataclass(frozen=True, slots=True)
class Firing:
    rule: AlertRule
    ts: float
    prev: float  # the series value before and after the move that fired it
    value: float


class _Evaluator:
    def __init__(self) -> None:
        self.bank = SeriesBank()
        self.rules: dict[str, AlertRule] = {}

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, alert_id: object) -> bool:
        return alert_id in self.rules

    def add(self, rule: AlertRule) -> None:
        """Arm (or re-arm with new settings) one alert."""
        self.bank.watch(CrossingIndex.key_of(rule))  # first: a re-arm keeps its series' state
        self.remove(rule.id)
        self.rules[rule.id] = rule
        self._armed(rule)

    def load(self, rules: Iterable[AlertRule]) -> None:
        for rule in rules:
            self.add(rule)

    def remove(self, alert_id: str) -> AlertRule | None:
        rule = self.rules.pop(alert_id, None)
        if rule is not None:
            self._disarmed(rule)
            self.bank.unwatch(CrossingIndex.key_of(rule))
        return rule

    def on_tick(self, tick: MarketTick) -> list[Firing]:
        return self._fire(self.bank.on_tick(tick), tick.ts)

    def on_book(self, book: BookTop) -> list[Firing]:
        return self._fire(self.bank.on_book(book), book.ts)

    def on_candle(self, candle: ClosedCandle) -> list[Firing]:
        return self._fire(self.bank.on_candle(candle), candle.ts)

    def _fire(self, moves: list[Move], now: float) -> list[Firing]:
        firings: list[Firing] = []
        for move in moves:
            for alert_id in self._candidates(move):
                rule = self.rules.get(alert_id)
                if rule is None:
                    continue
                if rule.expired(now):
                    self.remove(alert_id)
                    continue
                if rule.quiet(now):
                    continue
                rule.record_fire(now)
                firings.append(Firing(rule, now, move.prev, move.cur))
                if rule.exhausted():
                    self.remove(alert_id)
        return firings

    def _armed(self, rule: AlertRule) -> None: ...

    def _disarmed(self, rule: AlertRule) -> None: ...

    def _candidates(self, move: Move) -> list[str]:
        raise NotImplementedError


class IndexedEvaluator(_Evaluator):
    def __init__(self) -> None:
        super().__init__()
        self.index = CrossingIndex()

    def load(self, rules: Iterable[AlertRule]) -> None:
        fresh: list[AlertRule] = []
        for rule in rules:
            if rule.id in self.rules:
                self.add(rule)
                continue
            self.rules[rule.id] = rule
            self.bank.watch(CrossingIndex.key_of(rule))
            fresh.append(rule)
        self.index.add_many(fresh)

    def _armed(self, rule: AlertRule) -> None:
        self.index.add(rule)

    def _disarmed(self, rule: AlertRule) -> None:
        self.index.remove(rule)

    def _candidates(self, move: Move) -> list[str]:
        return self.index.crossed(move.key, move.prev, move.cur)


class NaiveEvaluator(_Evaluator):
    """Tests every armed alert on every move: the baseline for tests and the benchmark."""

    def _candidates(self, move: Move) -> list[str]:
        symbol, metric, period = move.key
        prev, cur = move.prev, move.cur
        return [
            rule.id
            for rule in list(self.rules.values())
            if rule.symbol == symbol
            and rule.condition.metric is metric
            and rule.condition.period == period
            and crossed(rule.condition, prev, cur)
        ]
