"""Bus form of the side events bots trade on: headlines (`news:{venue}`) and whale events
(`whales:{venue}:{symbol}`). Producers: api/workers/news_feed.py and api/workers/whale_feed.py;
consumers: the bot runtime (and, for whales, the alert evaluator). ML signals have their own
codec next to their service (`api.services.signals`).

Whale event payload (a shared contract — change it only with its consumers):

    {"id": str (unique, deterministic), "venue": str, "symbol": "BTC/USDT",
     "kind": "trade" | "wall" | "transfer", "side": "buy" | "sell",
     "qty": str decimal, "price": str decimal, "notional": str decimal (quote),
     "ts": ISO-8601 UTC}

`side` is the whale's: the taker's side of a large trade, the side of a wall (a bid wall is
"buy"), and for a transfer "buy" when coins leave exchanges (likely held) and "sell" when they
move onto one (likely sold). Each message is published with its id as conflation key, so a
subscriber never loses one to a later one.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from api.services.signals import signal_from_message, signal_topic
from engine.market.models import Side
from engine.news.models import Headline, NewsEvent
from engine.signals.types import Signal
from engine.strategies.base import TransferDirection, WhaleTransfer

WHALE_KINDS = ("trade", "wall", "transfer")


def news_topic(venue: str) -> str:
    return f"news:{venue}"


def whale_topic(venue: str, symbol: str) -> str:
    return f"whales:{venue}:{symbol}"


def headline_id(headline: Headline) -> str:
    """Deterministic id of a headline: its source, time and title."""
    return f"{headline.source}|{headline.published.isoformat()}|{headline.title}"


def news_to_message(event: NewsEvent) -> dict[str, Any]:
    h = event.headline
    return {
        "id": headline_id(h),
        "published": h.published.isoformat(),
        "source": h.source,
        "title": h.title,
        "assets": list(h.assets),
        "score": event.score,
    }


def news_from_message(data: dict[str, Any]) -> NewsEvent:
    headline = Headline(
        published=datetime.fromisoformat(data["published"]),
        source=str(data["source"]),
        title=str(data["title"]),
        assets=tuple(str(a) for a in data["assets"]),
    )
    return NewsEvent(headline, float(data["score"]))


def whale_message(
    event_id: str,
    venue: str,
    symbol: str,
    kind: str,
    side: Side,
    qty: Decimal,
    price: Decimal,
    ts: datetime,
) -> dict[str, Any]:
    if kind not in WHALE_KINDS:
        raise ValueError(f"kind: one of {', '.join(WHALE_KINDS)}, got {kind!r}")
    return {
        "id": event_id,
        "venue": venue,
        "symbol": symbol,
        "kind": kind,
        "side": side.value,
        "qty": str(qty),
        "price": str(price),
        "notional": str(qty * price),
        "ts": ts.isoformat(),
    }


def transfer_message(
    venue: str, symbol: str, transfer: WhaleTransfer, price: Decimal
) -> dict[str, Any]:
    """A transfer of `symbol`'s base asset as a whale event, valued at `price`."""
    side = Side.BUY if transfer.direction is TransferDirection.FROM_EXCHANGE else Side.SELL
    event_id = f"transfer:{transfer.source}:{transfer.asset}:{transfer.timestamp.isoformat()}"
    return whale_message(
        event_id, venue, symbol, "transfer", side, transfer.amount, price, transfer.timestamp
    )


def transfer_from_message(data: dict[str, Any]) -> WhaleTransfer | None:
    """The `WhaleTransfer` a strategy receives for a transfer event (None for trades and walls:
    strategies see those in the trade and book streams themselves)."""
    if data.get("kind") != "transfer":
        return None
    direction = (
        TransferDirection.FROM_EXCHANGE if data["side"] == "buy" else TransferDirection.TO_EXCHANGE
    )
    source = str(data["id"]).split(":")[1] if str(data["id"]).count(":") >= 2 else "feed"
    return WhaleTransfer(
        asset=str(data["symbol"]).split("/")[0],
        amount=Decimal(data["qty"]),
        direction=direction,
        timestamp=datetime.fromisoformat(data["ts"]),
        source=source,
    )


SIDE_PREFIXES = ("signals:", "news:", "whales:")


def side_topics(venue: str, symbol: str) -> tuple[str, ...]:
    """What a bot on (venue, symbol) hears besides market data: the symbol's ML signals, the
    venue's headlines and the symbol's whale events."""
    return (signal_topic(symbol), news_topic(venue), whale_topic(venue, symbol))


def side_event_of(
    topic: str, data: dict[str, Any], symbol: str
) -> Signal | NewsEvent | WhaleTransfer | None:
    """The strategy event a side-topic message carries for a bot on `symbol` (None: nothing
    for it — another symbol's signal, a whale trade or wall, which the bot sees itself)."""
    if topic.startswith("signals:"):
        signal = signal_from_message(data)
        return signal if signal.symbol == symbol else None
    if topic.startswith("news:"):
        return news_from_message(data)
    if topic.startswith("whales:"):
        return transfer_from_message(data) if data.get("symbol") == symbol else None
    return None
