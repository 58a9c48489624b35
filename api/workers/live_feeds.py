"""Market-data feeds for live venues, run once per (venue, symbol, stream) that somebody watches.

The first subscriber of a stream starts its feed; the last one leaving stops it (reference
count per process; with Redis each replica feeds its own subscribers) and unsubscribes at the
venue (`CcxtExchange.unwatch`: ccxt.pro `un_watch_*` where the venue has it), before a new
feed of the same stream may subscribe again. Each feed publishes on
the topic the simulated venue's feed uses, in the same payload shape, so a subscription does
not care where its data comes from:

- `book`: loops on `watch_order_book` and publishes each book to `book:{venue}:{symbol}`. When
  the stream drops or skips a sequence number, the feed publishes the last good book flagged
  `stale`, backs off and resubscribes, which reseeds the book from a fresh snapshot:
  subscribers never see a wrong book, only an old one marked as such.
- `trades`: loops on `watch_trades` and publishes the new trades (the exchange returns each once) to
  `trades:{venue}:{symbol}`; the same trades build the venue's candles in every timeframe
  (`engine.market.candles.CandleBuilder`, seeded from the venue's forming candle over REST
  when it has one), published to `candles:{venue}:{symbol}` like the sim feed: every
  timeframe's forming candle plus the candles that closed.
- `ticker`: `watch_ticker` where the venue's capability map has `watchTicker`, else a REST
  `fetch_ticker` poll every `TICKER_POLL_S`; published to `ticker:{venue}:{symbol}`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from typing import Any, Literal, TypeVar

from api.bus import Bus, BusUnavailable
from api.services.market import (
    PUBLISHED_BOOK_DEPTH,
    book_to_message,
    book_topic,
    ticker_to_message,
    ticker_topic,
)
from api.services.market_streams import (
    candles_to_message,
    candles_topic,
    trades_to_message,
    trades_topic,
)
from api.services.venues import VenueRegistry
from api.tasks import stop_tasks
from engine.exchanges.errors import ExchangeError, NetworkError
from engine.exchanges.protocol import Exchange
from engine.market.candles import Bar, CandleBuilder, candle_of, timeframe_ms, to_ms
from engine.market.models import TIMEFRAMES, Candle, OrderBookSnapshot, Trade

log = logging.getLogger(__name__)

Stream = Literal["book", "trades", "ticker"]
STREAMS: tuple[Stream, ...] = ("book", "trades", "ticker")

FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 10.0
TICKER_POLL_S = 1.0


def has_watch(exchange: Exchange, method: str) -> bool:
    """Whether the venue streams `method` (e.g. "watchTicker") per its capability map; an
    exchange without a map (the sim venue, test doubles) is taken at its word."""
    capabilities = getattr(exchange, "capabilities", None)
    watch = getattr(capabilities, "watch", None)
    return watch is None or method in watch


class LiveCandles:
    """Candles of one symbol in every timeframe, built from a live venue's trade stream."""

    def __init__(self, symbol: str, timeframes: Iterable[str] = TIMEFRAMES) -> None:
        self.symbol = symbol
        self.builders: dict[str, CandleBuilder[Decimal]] = {
            tf: CandleBuilder(timeframe_ms(tf), Decimal(0)) for tf in timeframes
        }

    def seed(self, timeframe: str, forming: Candle, now_ms: int) -> bool:
        """Start `timeframe` from the venue's own forming candle (its open, high, low so far);
        False (nothing seeded) unless it is aligned to the period and still forming at
        `now_ms`."""
        period = timeframe_ms(timeframe)
        open_ms = to_ms(forming.open_time)
        if open_ms % period or not open_ms <= now_ms < open_ms + period:
            return False
        bar = Bar(
            to_ms(forming.open_time),
            forming.open,
            forming.high,
            forming.low,
            forming.close,
            forming.volume,
            forming.close * forming.volume,
        )
        self.builders[timeframe] = CandleBuilder(period, Decimal(0), bar)
        return True

    def add(self, trades: Iterable[Trade]) -> tuple[list[Candle], list[Candle]]:
        """Apply trades (time order); the forming candle of every timeframe that has one, and
        the candles these trades closed (final), oldest first."""
        closed: list[Candle] = []
        for trade in trades:
            at = to_ms(trade.timestamp)
            for tf, builder in self.builders.items():
                if builder.forming is not None and at < builder.forming.open_time:
                    continue  # older than the seeded candle: already in it
                for bar in builder.add_trade(trade.price, trade.qty, at):
                    closed.append(candle_of(bar, self.symbol, tf, True))
        forming = [
            candle_of(b.forming, self.symbol, tf, False)
            for tf, b in self.builders.items()
            if b.forming is not None
        ]
        return forming, closed


class LiveBookFeeds:
    """Reference-counted live feeds (the name is historical: books came first)."""

    def __init__(self, venues: VenueRegistry, bus: Bus) -> None:
        self.venues = venues
        self.bus = bus
        self._watchers: dict[tuple[str, str, Stream], int] = {}
        self._tasks: dict[tuple[str, str, Stream], asyncio.Task[None]] = {}
        self._stopping: dict[tuple[str, str, Stream], asyncio.Task[None]] = {}

    @property
    def active(self) -> dict[tuple[str, str], int]:
        """(venue, symbol) -> how many subscribers hold its book feed."""
        return {(v, s): n for (v, s, stream), n in self._watchers.items() if stream == "book"}

    @property
    def active_streams(self) -> dict[tuple[str, str, Stream], int]:
        """(venue, symbol, stream) -> how many subscribers hold that feed."""
        return dict(self._watchers)

    @asynccontextmanager
    async def watching(
        self, venue: str, symbol: str, stream: Stream = "book"
    ) -> AsyncIterator[None]:
        if stream not in STREAMS:
            raise ValueError(f"unknown stream {stream!r}")
        key = (venue, symbol, stream)
        self._watchers[key] = self._watchers.get(key, 0) + 1
        if key not in self._tasks:
            run = {"book": self._run_book, "trades": self._run_trades, "ticker": self._run_ticker}
            self._tasks[key] = asyncio.create_task(
                run[stream](venue, symbol), name=f"{stream}-feed:{venue}:{symbol}"
            )
        try:
            yield
        finally:
            self._watchers[key] -= 1
            if self._watchers[key] == 0:
                del self._watchers[key]
                task = self._tasks.pop(key)
                stopping = asyncio.create_task(
                    self._stop(venue, symbol, stream, task), name=f"{stream}-stop:{venue}:{symbol}"
                )
                self._stopping[key] = stopping
                stopping.add_done_callback(lambda t: self._forget_stop(key, t))
                await asyncio.shield(stopping)

    def _forget_stop(self, key: tuple[str, str, Stream], task: asyncio.Task[None]) -> None:
        if self._stopping.get(key) is task:
            del self._stopping[key]

    async def _stop(
        self, venue: str, symbol: str, stream: Stream, task: asyncio.Task[None]
    ) -> None:
        """Cancel the feed's task, then unsubscribe at the venue (ccxt.pro keeps a cancelled
        watch's subscription open and the venue keeps sending its frames otherwise)."""
        await stop_tasks([task])
        try:
            exchange = self.venues.public(venue)
            if stream == "ticker" and not has_watch(exchange, "watchTicker"):
                return  # polled over REST: nothing subscribed
            unwatch = getattr(exchange, "unwatch", None)  # the CCXT adapter; not the sim venue
            if unwatch is not None:
                await unwatch(stream, symbol)
        except Exception:  # a watcher leaving must never fail; the connection ends it anyway
            log.exception("unsubscribing %s %s %s failed", stream, venue, symbol)

    async def _after_stop(self, key: tuple[str, str, Stream]) -> None:
        """Wait for a previous feed of `key` to finish unsubscribing before subscribing again
        (its UNSUBSCRIBE must not land after, and cancel, the new SUBSCRIBE)."""
        stopping = self._stopping.get(key)
        if stopping is not None:
            await asyncio.wait([stopping])

    # -- books ---------------------------------------------------------------------------
    async def _run_book(self, venue: str, symbol: str) -> None:
        await self._after_stop((venue, symbol, "book"))
        exchange = self.venues.public(venue)
        topic = book_topic(venue, symbol)
        last: OrderBookSnapshot | None = None

        async def mark_stale() -> None:  # subscribers keep the last book, flagged stale
            if last is not None:
                await self._publish_book(topic, venue, last, stale=True)

        watch = partial(exchange.watch_order_book, symbol, PUBLISHED_BOOK_DEPTH)
        async for book in retrying(watch, f"book stream {venue} {symbol}", mark_stale):
            last = book
            await self._publish_book(topic, venue, book, stale=False)

    async def _publish_book(
        self, topic: str, venue: str, book: OrderBookSnapshot, *, stale: bool
    ) -> None:
        await self._publish(topic, {**book_to_message(venue, book), "stale": stale})

    # -- trades and candles ----------------------------------------------------------------
    async def _run_trades(self, venue: str, symbol: str) -> None:
        await self._after_stop((venue, symbol, "trades"))
        exchange = self.venues.public(venue)
        if not has_watch(exchange, "watchTrades"):
            log.warning("%s streams no trades; no trades/candles feed for %s", venue, symbol)
            return
        candles = await self._seeded_candles(exchange, symbol)
        watch = partial(exchange.watch_trades, symbol)
        async for trades in retrying(watch, f"trade stream {venue} {symbol}"):
            new = sorted(trades, key=lambda t: t.timestamp)  # each once (Exchange.watch_trades)
            if not new:
                continue
            await self._publish(trades_topic(venue, symbol), trades_to_message(venue, symbol, new))
            forming, closed = candles.add(new)
            await self._publish(
                candles_topic(venue, symbol), candles_to_message(venue, symbol, forming, closed)
            )

    async def _seeded_candles(self, exchange: Exchange, symbol: str) -> LiveCandles:
        candles = LiveCandles(symbol)
        for timeframe in TIMEFRAMES:
            try:
                rows = await exchange.fetch_ohlcv(symbol, timeframe, 1)
            except ExchangeError as exc:  # no such timeframe there, or REST down: trades only
                log.info("no %s %s candle to seed from: %s", symbol, timeframe, exc)
                continue
            if rows:
                candles.seed(timeframe, rows[-1], to_ms(datetime.now(UTC)))
        return candles

    # -- tickers ---------------------------------------------------------------------------
    async def _run_ticker(self, venue: str, symbol: str) -> None:
        await self._after_stop((venue, symbol, "ticker"))
        exchange = self.venues.public(venue)
        streamed = has_watch(exchange, "watchTicker")
        topic = ticker_topic(venue, symbol)
        read = partial(exchange.watch_ticker if streamed else exchange.fetch_ticker, symbol)
        async for ticker in retrying(read, f"ticker of {venue} {symbol}"):
            await self._publish(topic, ticker_to_message(venue, ticker))
            if not streamed:
                await asyncio.sleep(TICKER_POLL_S)

    # -- common ----------------------------------------------------------------------------
    async def _publish(self, topic: str, message: dict[str, Any]) -> None:
        try:
            await self.bus.publish(topic, message)
        except BusUnavailable as exc:
            log.warning("bus unavailable, dropping a %s update: %s", topic, exc)

    async def close(self) -> None:
        await stop_tasks(list(self._tasks.values()) + list(self._stopping.values()))
        self._tasks.clear()
        self._stopping.clear()
        self._watchers.clear()


T = TypeVar("T")


async def retrying(
    read: Callable[[], Awaitable[T]],
    what: str,
    on_drop: Callable[[], Awaitable[None]] | None = None,
) -> AsyncIterator[T]:
    """Each result of `read()`, forever: a network error is logged, `on_drop` runs, and the read
    is retried after an exponential backoff (reset by the next success)."""
    backoff = FIRST_BACKOFF_S
    while True:
        try:
            item = await read()
        except NetworkError as exc:
            log.info("%s dropped (%s); retrying", what, exc)
            if on_drop is not None:
                await on_drop()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_S)
            continue
        backoff = FIRST_BACKOFF_S
        yield item


LiveFeeds = LiveBookFeeds
