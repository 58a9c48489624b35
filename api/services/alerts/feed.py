"""Bus messages (tickers, books, order / bot updates, signals) and stored alerts turned into
what the engine evaluates: ticks, book tops, events and rules."""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal
from typing import Any

from api.db.alert_tables import Alert
from api.services.alerts.spec import condition_from_json
from api.services.market_streams import candles_from_message
from engine.alerts import AlertRule, BookTop, ClosedCandle, MarketTick, Mode
from engine.alerts.events import Event, EventKind, EventRule
from engine.alerts.rules import ThresholdCondition
from engine.market.models import TIMEFRAMES

# Event kinds read from a per-user bus topic, and that topic's prefix.
USER_EVENT_TOPICS = {EventKind.ORDER_FILLED: "orders", EventKind.BOT_EVENT: "bots"}


def _epoch(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def rule_of(alert: Alert) -> AlertRule | EventRule:
    condition = condition_from_json(alert.condition)
    if not isinstance(condition, ThresholdCondition):
        return EventRule(alert.id, alert.user_id, condition)
    assert alert.symbol is not None
    return AlertRule(
        id=alert.id,
        user_id=alert.user_id,
        symbol=alert.symbol,
        condition=condition,
        mode=Mode(alert.mode),
        cooldown_s=float(alert.cooldown_s),
        expires_at=_epoch(alert.expires_at),
        snoozed_until=_epoch(alert.snoozed_until),
        last_fired_at=_epoch(alert.last_fired_at),
        fires=alert.fires,
        max_fires=alert.max_fires,
    )


def tick_of(data: dict[str, Any], now: float) -> MarketTick:
    return MarketTick(
        symbol=data["symbol"],
        ts=now,
        last=float(data["last"]),
        bid=None if data["bid"] is None else float(data["bid"]),
        ask=None if data["ask"] is None else float(data["ask"]),
        volume_24h=float(data["base_volume_24h"]),
    )


# The candles RSI / EMA gap / volume ratio alerts are computed on (closed ones only).
ALERT_TIMEFRAME = "1m"


def closed_candles_of(data: dict[str, Any]) -> list[ClosedCandle]:
    """The `ALERT_TIMEFRAME` candles a `candles:{venue}:{symbol}` message says have closed."""
    closed, _forming = candles_from_message(data, ALERT_TIMEFRAME)
    length = TIMEFRAMES[ALERT_TIMEFRAME]
    return [
        ClosedCandle(
            symbol=c.symbol,
            ts=c.open_time.timestamp() + length,
            close=float(c.close),
            volume=float(c.volume),
        )
        for c in closed
    ]


def book_of(data: dict[str, Any], now: float) -> BookTop:
    return BookTop(
        symbol=data["symbol"],
        ts=now,
        bids=[(float(p), float(q)) for p, q in data["bids"]],
        asks=[(float(p), float(q)) for p, q in data["asks"]],
    )


def bot_event(user_id: str, data: dict[str, Any], now: datetime) -> Event:
    """A bot update (`{"id", "state", "kind", "message"}`, kind e.g. error, limit, stopped).
    The bot messages carry no id of their own: the key is the bot, kind, message and minute, so
    replicas agree on it and a repeat within the minute is one trigger."""
    digest = hashlib.sha256(str(data.get("message", "")).encode()).hexdigest()[:12]
    minute = now.strftime("%Y%m%d%H%M")
    return Event(
        EventKind.BOT_EVENT,
        key=f"{data['id']}:{data['kind']}:{digest}:{minute}",
        ts=now.timestamp(),
        user_id=user_id,
        fields={"botId": str(data["id"]), "type": str(data["kind"]), "state": str(data["state"])},
    )


def signal_event(data: dict[str, Any], now: datetime) -> Event:
    """An ML signal (`signals:{symbol}`): value = the probability of its direction."""
    up = float(data["probability_up"])
    direction = str(data["direction"])
    probability = up if direction == "up" else 1.0 - up if direction == "down" else max(up, 1 - up)
    return Event(
        EventKind.SIGNAL,
        key=f"{data['symbol']}:{data['timeframe']}:{data['model']}:{data['timestamp']}",
        ts=now.timestamp(),
        fields={
            "symbol": str(data["symbol"]),
            "timeframe": str(data["timeframe"]),
            "direction": direction,
            "model": str(data["model"]),
        },
        value=probability,
    )


def whale_topic(venue: str, symbol: str) -> str:
    """What api/workers/whale_feed.py publishes each whale event on."""
    return f"whales:{venue}:{symbol}"


def whale_event(data: dict[str, Any], now: datetime) -> Event:
    """A whale event (`{"id", "venue", "symbol", "kind": trade|wall|transfer, "side", "qty",
    "price", "notional", "ts"}`, decimals as strings): keyed by its id, value = the notional."""
    key = str(data["id"])
    if len(key) > 80:  # trigger keys are at most 96 characters
        key = hashlib.sha256(key.encode()).hexdigest()[:40]
    return Event(
        EventKind.WHALE,
        key=key,
        ts=now.timestamp(),
        fields={
            "symbol": str(data["symbol"]),
            "side": str(data.get("side") or ""),
            "type": str(data["kind"]),
            "venue": str(data["venue"]),
        },
        value=float(Decimal(str(data["notional"]))),
    )
