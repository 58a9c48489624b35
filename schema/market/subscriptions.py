from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.errors import BadUserInput
from api.services.market import (
    book_from_message,
    book_topic,
    check_book_depth,
    ticker_from_message,
    ticker_topic,
)
from api.streaming import paced
from schema.context import Info
from schema.market.queries import DEFAULT_VENUE
from schema.market.types import OrderBook, Ticker

MAX_SYMBOLS_PER_SUBSCRIPTION = 50


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
        async with services.bus.subscribe(*topics) as subscription:
            for symbol in unique:
                yield Ticker.of(venue, await services.market.ticker(venue, symbol))
            async for message in paced(subscription, max_rate):
                yield Ticker.of(*ticker_from_message(message.data))

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
        async with services.bus.subscribe(book_topic(venue, symbol)) as subscription:
            current = await services.market.order_book(venue, symbol, depth)
            yield OrderBook.of(venue, current)
            last_seq = current.seq
            async for message in paced(subscription, max_rate):
                venue_id, book = book_from_message(message.data, depth)
                if book.seq > last_seq:  # a book older than what the client has is dropped
                    last_seq = book.seq
                    yield OrderBook.of(venue_id, book)
