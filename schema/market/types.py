from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.services import market_venues
from engine.market import models
from schema.shared_results import SharedFrame, SnapshotFrame


@strawberry.type(description="A tradable instrument and its venue rules.")
class Market:
    venue: str
    symbol: str
    base: str
    quote: str
    price_tick: Decimal
    qty_step: Decimal
    min_qty: Decimal
    min_notional: Decimal
    maker_fee: Decimal = strawberry.field(description="Fraction, e.g. 0.001 = 0.1 %.")
    taker_fee: Decimal

    @classmethod
    def of(cls, venue: str, m: models.Market) -> Market:
        return cls(
            venue=venue,
            symbol=m.symbol,
            base=m.base,
            quote=m.quote,
            price_tick=m.price_tick,
            qty_step=m.qty_step,
            min_qty=m.min_qty,
            min_notional=m.min_notional,
            maker_fee=m.maker_fee,
            taker_fee=m.taker_fee,
        )


@strawberry.type(description="A venue whose public market data this server serves.")
class MarketVenue:
    id: str = strawberry.field(description="Venue id for `markets(venue:)`, `ticker` ...")
    display_name: str = strawberry.field(description="CCXT's exchange name; sim: Simulated.")
    simulated: bool = strawberry.field(description="The offline simulated market.")
    live: bool = strawberry.field(description="Live public data from the exchange (CCXT).")

    @classmethod
    def of(cls, v: market_venues.MarketVenue) -> MarketVenue:
        return cls(id=v.id, display_name=v.display_name, simulated=v.simulated, live=v.live)


@strawberry.type(description="Best bid/ask, last price and rolling 24 h statistics.")
class Ticker(SharedFrame):
    venue: str
    symbol: str
    bid: Decimal | None
    ask: Decimal | None
    last: Decimal
    open_24h: Decimal
    high_24h: Decimal
    low_24h: Decimal
    base_volume_24h: Decimal
    quote_volume_24h: Decimal
    change_pct_24h: Decimal
    timestamp: datetime

    @classmethod
    def of(cls, venue: str, t: models.Ticker) -> Ticker:
        return cls(
            venue=venue,
            symbol=t.symbol,
            bid=t.bid,
            ask=t.ask,
            last=t.last,
            open_24h=t.open_24h,
            high_24h=t.high_24h,
            low_24h=t.low_24h,
            base_volume_24h=t.base_volume_24h,
            quote_volume_24h=t.quote_volume_24h,
            change_pct_24h=t.change_pct_24h.quantize(Decimal("0.0001")),
            timestamp=t.timestamp,
        )


@strawberry.type(description="OHLCV bar; the last one of a series may still be forming.")
class Candle:
    open_time: datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    closed: bool

    @classmethod
    def of(cls, c: models.Candle) -> Candle:
        return cls(
            open_time=c.open_time,
            open=c.open,
            high=c.high,
            low=c.low,
            close=c.close,
            volume=c.volume,
            closed=c.closed,
        )


@strawberry.type(description="One price level of an order book.")
class BookLevel:
    price: Decimal
    qty: Decimal


@strawberry.type(description="Top of an L2 order book: bids best (highest) first, asks best first.")
class OrderBook(SnapshotFrame):
    venue: str
    symbol: str
    seq: str = strawberry.field(
        description="The venue's book sequence number as a decimal string (venues use 64-bit "
        "numbers, beyond GraphQL Int); it grows."
    )
    bids: list[BookLevel]
    asks: list[BookLevel]
    spread: Decimal | None
    mid: Decimal | None
    timestamp: datetime
    stale: bool = strawberry.field(
        default=False,
        description="The venue's stream dropped: this is the last good book, kept while the "
        "feed resyncs. A fresh book (stale: false) follows.",
    )

    @classmethod
    def of(cls, venue: str, book: models.OrderBookSnapshot, stale: bool = False) -> OrderBook:
        spread = mid = None
        if book.bids and book.asks:
            bid, ask = book.bids[0][0], book.asks[0][0]
            spread, mid = ask - bid, (ask + bid) / 2
        return cls(
            venue=venue,
            symbol=book.symbol,
            seq=str(book.seq),
            bids=[BookLevel(price=p, qty=q) for p, q in book.bids],
            asks=[BookLevel(price=p, qty=q) for p, q in book.asks],
            spread=spread,
            mid=mid,
            timestamp=book.timestamp,
            stale=stale,
        )


@strawberry.enum(description="Which side took liquidity in a public trade.")
class TakerSide(Enum):
    BUY = "buy"
    SELL = "sell"


@strawberry.type(description="A public trade printed on the venue's tape.")
class PublicTrade:
    id: str
    price: Decimal
    qty: Decimal
    taker_side: TakerSide
    timestamp: datetime

    @classmethod
    def of(cls, t: models.Trade) -> PublicTrade:
        return cls(
            id=t.id,
            price=t.price,
            qty=t.qty,
            taker_side=TakerSide(t.taker_side.value),
            timestamp=t.timestamp,
        )


@strawberry.type(description="Public trades of one symbol, oldest first.")
class TradesFrame:
    venue: str
    symbol: str
    trades: list[PublicTrade]


@strawberry.type(
    description="A candle of one symbol and timeframe: `closed` ones are final; a forming one "
    "(closed: false) is replaced by the next update with the same openTime."
)
class CandleUpdate:
    venue: str
    symbol: str
    timeframe: str
    candle: Candle
