"""Bus form of public trades and candles (the feed publishes, subscriptions decode).

Unlike tickers and books these are not "latest value wins": a trade or a closed candle that is
dropped is lost. Producers publish one message per symbol per step; subscribers read them
unconflated and merge what queued up between two frames (`drain`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from api.bus import Message, Subscription
from engine.market.models import Candle, Side, Trade


def trades_topic(venue: str, symbol: str) -> str:
    return f"trades:{venue}:{symbol}"


def candles_topic(venue: str, symbol: str) -> str:
    return f"candles:{venue}:{symbol}"


def trades_to_message(venue: str, symbol: str, trades: Iterable[Trade]) -> dict[str, Any]:
    return {
        "venue": venue,
        "symbol": symbol,
        "trades": [
            [t.id, str(t.price), str(t.qty), t.taker_side.value, t.timestamp.isoformat()]
            for t in trades
        ],
    }


def trades_from_message(data: dict[str, Any]) -> list[Trade]:
    return [
        Trade(
            id=trade_id,
            symbol=data["symbol"],
            price=Decimal(price),
            qty=Decimal(qty),
            taker_side=Side(side),
            timestamp=datetime.fromisoformat(at),
        )
        for trade_id, price, qty, side, at in data["trades"]
    ]


def _candle_fields(c: Candle) -> list[str]:
    return [
        c.open_time.isoformat(),
        str(c.open),
        str(c.high),
        str(c.low),
        str(c.close),
        str(c.volume),
    ]


def _candle(symbol: str, timeframe: str, fields: list[str], closed: bool) -> Candle:
    at, o, h, low, c, v = fields
    return Candle(
        symbol=symbol,
        timeframe=timeframe,
        open_time=datetime.fromisoformat(at),
        open=Decimal(o),
        high=Decimal(h),
        low=Decimal(low),
        close=Decimal(c),
        volume=Decimal(v),
        closed=closed,
    )


def candles_to_message(
    venue: str, symbol: str, forming: Iterable[Candle], closed: Iterable[Candle]
) -> dict[str, Any]:
    """Every timeframe's forming candle, plus the candles that closed since the last message
    (final values: a closed candle never changes again)."""
    return {
        "venue": venue,
        "symbol": symbol,
        "forming": {c.timeframe: _candle_fields(c) for c in forming},
        "closed": [[c.timeframe, *_candle_fields(c)] for c in closed],
    }


def candles_from_message(
    data: dict[str, Any], timeframe: str
) -> tuple[list[Candle], Candle | None]:
    """The closed candles of `timeframe` in this message, and its forming candle."""
    symbol = data["symbol"]
    closed = [
        _candle(symbol, timeframe, list(fields), True)
        for tf, *fields in data["closed"]
        if tf == timeframe
    ]
    forming = data["forming"].get(timeframe)
    return closed, None if forming is None else _candle(symbol, timeframe, forming, False)


def drain(first: Message, subscription: Subscription) -> list[Message]:
    """`first` plus every message already waiting, oldest first (never waits)."""
    return [first, *subscription.take_pending()]
