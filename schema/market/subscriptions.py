from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncGenerator, Callable
from contextlib import AsyncExitStack
from typing import Any, TypeVar

import strawberry

from api.container import Services
from api.errors import BadUserInput
from api.services.market import (
    book_from_message,
    book_topic,
    check_book_depth,
    ticker_from_message,
    ticker_topic,
)
from api.services.market_streams import (
    candles_from_message,
    candles_topic,
    drain,
    trades_from_message,
    trades_topic,
)
from api.services.venues import SIM
from api.streaming import Pacer, paced
from api.workers.live_feeds import Stream
from engine.market import models
from schema.context import Info
from schema.market.queries import DEFAULT_VENUE
from schema.market.types import Candle, CandleUpdate, OrderBook, PublicTrade, Ticker, TradesFrame

T = TypeVar("T")

MAX_SYMBOLS_PER_SUBSCRIPTION = 50
MAX_RECENT_TRADES = 200
SENT_TRADES_KEPT = 4096
# Decoded frames per (published message, variant): the bus hands every local subscriber the same
# message object, so subscribers of a book at one depth (or of one ticker) share one decoded
# frame instead of parsing its decimals again — and, being one object, one GraphQL execution and
# one JSON encoding (schema/shared_results.py). The message is kept with its frame, so its id
# cannot be reused while cached.
_FRAMES: OrderedDict[tuple[int, object], tuple[dict[str, Any], Any]] = OrderedDict()
_FRAMES_KEPT = 1024


def _shared_frame(data: dict[str, Any], variant: object, build: Callable[[], T]) -> T:
    key = (id(data), variant)
    cached = _FRAMES.get(key)
    if cached is not None and cached[0] is data:
        frame: T = cached[1]
        return frame
    frame = build()
    _FRAMES[key] = (data, frame)
    if len(_FRAMES) > _FRAMES_KEPT:
        _FRAMES.popitem(last=False)
    return frame


def shared_book_frame(data: dict[str, Any], depth: int) -> OrderBook:
    def build() -> OrderBook:
        venue_id, book = book_from_message(data, depth)
        return OrderBook.of(venue_id, book, bool(data.get("stale", False)))

    return _shared_frame(data, depth, build)


def shared_ticker_frame(data: dict[str, Any]) -> Ticker:
    return _shared_frame(data, "ticker", lambda: Ticker.of(*ticker_from_message(data)))


async def hold_live_feed(
    stack: AsyncExitStack, services: Services, venue: str, symbol: str, stream: Stream
) -> None:
    """Live venues: hold the (venue, symbol, stream) feed while subscribed (reference counted).

    Enter after the bus subscription, so nothing the feed publishes first is missed."""
    if venue != SIM:
        await stack.enter_async_context(services.live_feeds.watching(venue, symbol, stream))


def check_max_rate(max_rate: float, cap: float) -> None:
    if not 0 < max_rate <= cap:
        raise BadUserInput(f"maxRate must be above 0 and at most {cap:g}", field="maxRate")


@strawberry.type
class MarketSubscription:
    @strawberry.subscription(
        description="Tickers of the given symbols: first the current state of each, then "
        "conflated updates (latest wins) at most `maxRate` per second."
    )
    async def ticker(
        self,
        info: Info,
        symbols: list[str],
        venue: str = DEFAULT_VENUE,
        max_rate: float = 10.0,
    ) -> AsyncGenerator[Ticker, None]:
        services = info.context.services
        check_max_rate(max_rate, services.settings.subscription_max_rate)
        unique = list(dict.fromkeys(symbols))
        if not 1 <= len(unique) <= MAX_SYMBOLS_PER_SUBSCRIPTION:
            raise BadUserInput(f"give 1 to {MAX_SYMBOLS_PER_SUBSCRIPTION} symbols", field="symbols")
        # Subscribe before reading the current state so no update falls in between.
        topics = [ticker_topic(venue, s) for s in unique]
        async with AsyncExitStack() as stack:
            if venue != SIM:  # unknown symbols: nothing started
                for symbol in unique:
                    await services.market.market(venue, symbol)
            subscription = await stack.enter_async_context(services.bus.subscribe(*topics))
            for symbol in unique:
                await hold_live_feed(stack, services, venue, symbol, "ticker")
            for symbol in unique:
                yield Ticker.of(venue, await services.market.ticker(venue, symbol))
            async for message in paced(subscription, max_rate):
                yield shared_ticker_frame(message.data)

    @strawberry.subscription(
        description="Top `depth` levels of a symbol's L2 book: first the current book, then the "
        "latest book (conflated) at most `maxRate` times per second, each with its sequence."
    )
    async def order_book(
        self,
        info: Info,
        symbol: str,
        venue: str = DEFAULT_VENUE,
        depth: int = 20,
        max_rate: float = 10.0,
    ) -> AsyncGenerator[OrderBook, None]:
        services = info.context.services
        check_max_rate(max_rate, services.settings.subscription_max_rate)
        check_book_depth(depth)
        async with AsyncExitStack() as stack:
            if venue != SIM:
                await services.market.market(venue, symbol)  # unknown symbol: nothing started
            subscription = await stack.enter_async_context(
                services.bus.subscribe(book_topic(venue, symbol))
            )
            await hold_live_feed(stack, services, venue, symbol, "book")
            current = await services.market.order_book(venue, symbol, depth)
            yield OrderBook.of(venue, current)
            last_seq, last_stale = current.seq, False
            async for message in paced(subscription, max_rate):
                frame = shared_book_frame(message.data, depth)
                seq = int(frame.seq)
                # Older books are dropped; a stale marker (same seq) passes once.
                if seq > last_seq or (seq == last_seq and frame.stale != last_stale):
                    last_seq, last_stale = seq, frame.stale
                    yield frame

    @strawberry.subscription(
        description="Public trades of a symbol: first the latest `last` trades, then every new "
        "trade, batched into at most `maxRate` frames per second (none are conflated away)."
    )
    async def trades(
        self,
        info: Info,
        symbol: str,
        venue: str = DEFAULT_VENUE,
        last: int = 50,
        max_rate: float = 10.0,
    ) -> AsyncGenerator[TradesFrame, None]:
        services = info.context.services
        check_max_rate(max_rate, services.settings.subscription_max_rate)
        if not 0 <= last <= MAX_RECENT_TRADES:
            raise BadUserInput(f"last must be 0 to {MAX_RECENT_TRADES}", field="last")
        topic = trades_topic(venue, symbol)
        async with AsyncExitStack() as stack:
            if venue != SIM:
                await services.market.market(venue, symbol)  # unknown symbol: nothing started
            subscription = await stack.enter_async_context(
                services.bus.subscribe(topic, conflate=False, maxsize=1024)
            )
            await hold_live_feed(stack, services, venue, symbol, "trades")
            recent = await services.market.recent_trades(venue, symbol, last)
            # A trade may reach us from the tape and the bus, or twice from the bus: each id is
            # sent once (the last SENT_TRADES_KEPT ids are remembered).
            sent: OrderedDict[str, None] = OrderedDict((t.id, None) for t in recent)
            first = [PublicTrade.of(t) for t in recent]
            yield TradesFrame(venue=venue, symbol=symbol, trades=first)
            pacer = Pacer(max_rate)
            async for message in subscription:
                trades = []
                for m in drain(message, subscription):
                    for t in trades_from_message(m.data):
                        if t.id not in sent:
                            sent[t.id] = None
                            trades.append(t)
                while len(sent) > SENT_TRADES_KEPT:
                    sent.popitem(last=False)
                if trades:
                    frame = [PublicTrade.of(t) for t in trades]
                    pacer.sent()
                    yield TradesFrame(venue=venue, symbol=symbol, trades=frame)
                await pacer.wait()

    @strawberry.subscription(
        description="Candles of a symbol and timeframe: first the last `last` candles (the final "
        "one forming), then each candle that closes (final values) and the forming candle as it "
        "changes, at most `maxRate` frames per second."
    )
    async def candles(
        self,
        info: Info,
        symbol: str,
        timeframe: str = "1m",
        venue: str = DEFAULT_VENUE,
        last: int = 100,
        max_rate: float = 4.0,
    ) -> AsyncGenerator[CandleUpdate, None]:
        services = info.context.services
        check_max_rate(max_rate, services.settings.subscription_max_rate)

        def update(candle: models.Candle) -> CandleUpdate:
            return CandleUpdate(
                venue=venue, symbol=symbol, timeframe=timeframe, candle=Candle.of(candle)
            )

        topic = candles_topic(venue, symbol)
        async with AsyncExitStack() as stack:
            if venue != SIM:
                await services.market.market(venue, symbol)  # unknown symbol: nothing started
            subscription = await stack.enter_async_context(
                services.bus.subscribe(topic, conflate=False, maxsize=1024)
            )
            await hold_live_feed(stack, services, venue, symbol, "trades")  # candles from trades
            history = await services.market.candles(venue, symbol, timeframe, max(last, 1))
            for candle in history[-last:] if last else history[-1:]:
                yield update(candle)
            newest = history[-1].open_time
            pacer = Pacer(max_rate)
            async for message in subscription:
                forming = None
                for m in drain(message, subscription):
                    closed, latest = candles_from_message(m.data, timeframe)
                    for candle in closed:
                        if candle.open_time >= newest:
                            pacer.sent()
                            yield update(candle)
                            newest = candle.open_time
                    forming = latest or forming
                if forming is not None and forming.open_time >= newest:
                    newest = forming.open_time
                    pacer.sent()
                    yield update(forming)
                await pacer.wait()
