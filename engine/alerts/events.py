"""Event rules: alerts on things that happen (an order filled, a bot error, a signal, a whale
trade, a P&L or drawdown level) rather than on a market series.

Rules are indexed by (event kind, user) — or by kind alone for market-wide events (signals,
whales) — so an event is matched only against the rules that could accept it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class EventKind(StrEnum):
    ORDER_FILLED = "orderFilled"  # fields: symbol, side, accountId; value: filled qty
    BOT_EVENT = "botEvent"  # fields: botId, type (error, dailyLossLimit, gridOutOfRange,
    #                         dcaSafetyOrdersExhausted)
    SIGNAL = "signal"  # fields: strategy, symbol, side; value: probability (0..1)
    WHALE = "whale"  # fields: symbol, side, type (trade, wall, transfer), venue;
    #                  value: notional in the quote currency
    PNL = "pnl"  # value: the user's P&L in the quote currency (realised + unrealised)
    DRAWDOWN = "drawdown"  # value: drawdown of the portfolio value from its peak in %


MARKET_WIDE = frozenset({EventKind.SIGNAL, EventKind.WHALE})
# Levels sampled over and over (P&L, drawdown): a rule fires when the value *enters* its range
# (the previous sample was outside it), not on every sample inside it.
LEVEL_KINDS = frozenset({EventKind.PNL, EventKind.DRAWDOWN})


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    key: str  # identifies this event (order id, signal id ...): the trigger key of a firing
    ts: float
    user_id: str | None = None  # None for market-wide events
    fields: Mapping[str, str] = field(default_factory=dict)
    value: float | None = None
    prev: float | None = None  # level kinds: the previous sample (None: nothing to cross from)


@dataclass(frozen=True, slots=True)
class EventCondition:
    kind: EventKind
    match: Mapping[str, str] = field(default_factory=dict)  # every field must be equal
    at_least: float | None = None  # value >= at_least
    at_most: float | None = None  # value <= at_most

    def accepts(self, event: Event) -> bool:
        if event.kind is not self.kind:
            return False
        if any(event.fields.get(name) != wanted for name, wanted in self.match.items()):
            return False
        if not self.in_range(event.value):
            return False
        if event.kind in LEVEL_KINDS:  # a level fires on entering its range only
            return event.prev is not None and not self.in_range(event.prev)
        return True

    def in_range(self, value: float | None) -> bool:
        if self.at_least is None and self.at_most is None:
            return True
        if value is None:
            return False
        if self.at_least is not None and value < self.at_least:
            return False
        return self.at_most is None or value <= self.at_most


@dataclass(frozen=True, slots=True)
class EventRule:
    id: str
    user_id: str
    condition: EventCondition


class EventIndex:
    def __init__(self) -> None:
        self.rules: dict[str, EventRule] = {}
        self._by_key: dict[tuple[EventKind, str | None], dict[str, EventRule]] = {}

    def __len__(self) -> int:
        return len(self.rules)

    @staticmethod
    def _key(rule: EventRule) -> tuple[EventKind, str | None]:
        kind = rule.condition.kind
        return (kind, None) if kind in MARKET_WIDE else (kind, rule.user_id)

    def add(self, rule: EventRule) -> None:
        self.remove(rule.id)
        self.rules[rule.id] = rule
        self._by_key.setdefault(self._key(rule), {})[rule.id] = rule

    def remove(self, rule_id: str) -> None:
        rule = self.rules.pop(rule_id, None)
        if rule is None:
            return
        bucket = self._by_key.get(self._key(rule))
        if bucket is not None:
            bucket.pop(rule_id, None)
            if not bucket:
                del self._by_key[self._key(rule)]

    def matching(self, event: Event) -> list[EventRule]:
        user = None if event.kind in MARKET_WIDE else event.user_id
        bucket = self._by_key.get((event.kind, user), {})
        return [rule for rule in bucket.values() if rule.condition.accepts(event)]
