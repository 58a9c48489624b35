"""Compact, versioned widget payloads (keys documented in docs/widgets.md).

Every payload starts with `v` (version), `k` (kind), `s` (size code s/m/l) and `t` (as-of, unix
seconds). Sizes decide how much is sent; the limits below keep the worst case under 1 KB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from widgets import numbers, sparkline
from widgets.inputs import AlertLine, BotsData, Holding, PortfolioData, SignalLine, WatchItem
from widgets.kinds import PAYLOAD_VERSION, SIZE_CODES, WidgetKind, WidgetSize

Payload = dict[str, Any]

MAX_SYMBOL = 40  # the stored symbol limit: sent whole, it is the deep-link target
MAX_BOT_NAME = 24
MAX_ASSET = 12
MAX_SOURCE = 24
MAX_STATE = 12
DIRECTIONS = frozenset({"buy", "sell", "hold"})


@dataclass(frozen=True)
class SizeLimits:
    spark_points: int  # portfolio sparkline
    holdings: int  # portfolio top holdings
    watch_items: int
    watch_spark_points: int
    bots: int
    alert_message: int  # characters of the alert message (0: not sent)
    signal_source: bool


LIMITS: dict[WidgetSize, SizeLimits] = {
    "small": SizeLimits(0, 0, 2, 0, 0, 0, False),
    "medium": SizeLimits(24, 0, 4, 12, 2, 60, True),
    "large": SizeLimits(48, 3, 6, 24, 3, 120, True),
}
MAX_WATCHLIST = 6
MAX_SPARK_POINTS = 48


def header(kind: WidgetKind, size: WidgetSize, as_of: datetime) -> Payload:
    return {"v": PAYLOAD_VERSION, "k": kind, "s": SIZE_CODES[size], "t": int(as_of.timestamp())}


def _portfolio_series(holdings: Sequence[Holding]) -> list[Decimal]:
    """Portfolio value over 24 h at today's quantities, on the shortest common history."""
    priced = [h for h in holdings if h.closes]
    if not priced:
        return []
    length = min(len(h.closes) for h in priced)
    cash = sum((h.qty for h in holdings if not h.closes), Decimal(0))
    return [
        cash + sum((h.qty * h.closes[len(h.closes) - length + i] for h in priced), Decimal(0))
        for i in range(length)
    ]


def portfolio(data: PortfolioData, size: WidgetSize, as_of: datetime) -> Payload:
    limits = LIMITS[size]
    value = sum((h.qty * h.last for h in data.holdings), Decimal(0))
    value_24h_ago = sum((h.qty * h.open_24h for h in data.holdings), Decimal(0))
    change = value - value_24h_ago
    out = header("portfolio", size, as_of) | {
        "q": data.quote,
        "tv": numbers.money(value),
        "d": numbers.money(change),
        "dp": numbers.percent(change, value_24h_ago),
    }
    if limits.spark_points:
        out["sp"] = sparkline.encode(_portfolio_series(data.holdings), limits.spark_points)
    if limits.holdings:
        ranked = sorted(data.holdings, key=lambda h: h.qty * h.last, reverse=True)
        out["h"] = [
            {"a": numbers.clip(h.asset, MAX_ASSET), "w": numbers.percent(h.qty * h.last, value)}
            for h in ranked[: limits.holdings]
            if h.qty * h.last > 0
        ]
    return out


def watchlist(items: Sequence[WatchItem], size: WidgetSize, as_of: datetime) -> Payload:
    limits = LIMITS[size]
    rows: list[Payload] = []
    for item in items[: limits.watch_items]:
        row: Payload = {
            "y": numbers.clip(item.symbol, MAX_SYMBOL),
            "p": numbers.price(item.last),
            "c": numbers.percent(item.last - item.open_24h, item.open_24h),
        }
        if limits.watch_spark_points:
            row["sp"] = sparkline.encode(item.closes, limits.watch_spark_points)
        rows.append(row)
    return header("watchlist", size, as_of) | {"w": rows}


def bots(data: BotsData, size: WidgetSize, as_of: datetime) -> Payload:
    limits = LIMITS[size]
    out = header("bots", size, as_of) | {"r": data.running, "e": data.errors}
    if limits.bots:
        out["b"] = [
            {
                "i": bot.id,
                "n": numbers.clip(bot.name, MAX_BOT_NAME),
                "st": numbers.clip(bot.state, MAX_STATE),
                "p": None if bot.pnl is None else numbers.money(bot.pnl),
            }
            for bot in data.top[: limits.bots]
        ]
    return out


def alerts(last: AlertLine | None, size: WidgetSize, as_of: datetime) -> Payload:
    limits = LIMITS[size]
    body: Payload | None = None
    if last is not None:
        body = {"i": last.id, "at": int(last.triggered_at.timestamp())}
        if last.symbol:
            body["y"] = numbers.clip(last.symbol, MAX_SYMBOL)
        if limits.alert_message:
            body["m"] = numbers.clip(last.message, limits.alert_message)
    return header("alerts", size, as_of) | {"a": body}


def signal(strongest: SignalLine | None, size: WidgetSize, as_of: datetime) -> Payload:
    limits = LIMITS[size]
    body: Payload | None = None
    if strongest is not None:
        body = {
            "y": numbers.clip(strongest.symbol, MAX_SYMBOL),
            "dir": strongest.direction if strongest.direction in DIRECTIONS else "hold",
            "str": max(0, min(100, round(strongest.strength * 100))),
            "at": int(strongest.at.timestamp()),
        }
        if limits.signal_source:
            body["src"] = numbers.clip(strongest.source, MAX_SOURCE)
    return header("signal", size, as_of) | {"g": body}
