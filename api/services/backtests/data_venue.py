"""VENUE backtest data: a live venue's candle history through CCXT `fetch_ohlcv`, paged.

Only venues configured for public market data (CO_LIVE_MARKET_VENUES) are asked. The period is
the request's `days` ending at the last closed bar; pages of up to `PAGE` bars are fetched from
the start (`since`) until the end, so the result is ascending, closed and without duplicates.
A venue that cannot be reached answers EXCHANGE_UNAVAILABLE; one that is not configured, does
not list the symbol or has fewer than 2 bars for the period answers BAD_USER_INPUT.

The venue's own market rules for the symbol (`venue_market`: CCXT load_markets through our
adapter — precision, limits, maker/taker fee) size the strategy and the fills, not the sim's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import ccxt

from api.errors import BadUserInput
from api.services.exchange_accounts import ExchangeUnavailable
from api.services.venues import SIM, VenueRegistry
from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import map_ccxt_error, to_candle
from engine.exchanges.protocol import Exchange
from engine.market.models import TIMEFRAMES, Candle, Market

PAGE = 1000  # bars per request (binance's maximum)
FIELD = "dataSource.venue"


def _now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


async def venue_candles(
    venues: VenueRegistry | None,
    venue: str | None,
    symbol: str,
    timeframe: str,
    days: int,
    *,
    now_ms: Callable[[], int] = _now_ms,
) -> tuple[Candle, ...]:
    client: Any = getattr(_live(venues, venue, FIELD), "client", None)
    assert venue is not None  # _live refused a missing one
    if client is None or not client.has.get("fetchOHLCV"):
        raise BadUserInput(f"{FIELD}: {venue} serves no candle history", field=FIELD)
    period = TIMEFRAMES[timeframe] * 1000
    end = (now_ms() // period) * period  # open time of the forming bar: excluded
    since = end - days * 86_400_000
    out: list[Candle] = []
    while since < end:
        try:
            rows = await client.fetch_ohlcv(symbol, timeframe, since, PAGE)
        except (ccxt.BaseError, TimeoutError) as exc:
            raise _mapped(venue, symbol, map_ccxt_error(exc)) from exc
        fresh = [r for r in rows if since <= int(r[0]) < end]
        if not fresh:
            break
        out.extend(to_candle(symbol, timeframe, r) for r in sorted(fresh, key=lambda r: int(r[0])))
        since = int(fresh[-1][0]) + period
    if len(out) < 2:
        raise BadUserInput(
            f"{FIELD}: {venue} returned {len(out)} {symbol} {timeframe} candles for the period",
            field=FIELD,
        )
    return tuple(out)


def _live(venues: VenueRegistry | None, venue: str | None, field: str) -> Exchange:
    """The public exchange of a configured live venue, else BAD_USER_INPUT on `field`."""
    live = [v for v in (venues.venue_ids if venues else []) if v != SIM]
    if not venue:
        raise BadUserInput(
            f"{field}: name a live venue ({', '.join(live) or 'none configured'})", field=field
        )
    if venues is None or venue not in live:
        raise BadUserInput(
            f"{field}: {venue!r} is not a configured live venue (CO_LIVE_MARKET_VENUES: "
            f"{', '.join(live) or 'none'})",
            field=field,
        )
    return venues.public(venue)


async def venue_market(
    venues: VenueRegistry | None, venue: str | None, symbol: str, *, field: str = FIELD
) -> Market:
    """`symbol`'s market rules on a live venue (tick, lot step, minimums, maker/taker fee), from
    CCXT load_markets through our exchange adapter. Not configured / not listed:
    BAD_USER_INPUT; unreachable: EXCHANGE_UNAVAILABLE."""
    exchange = _live(venues, venue, field)
    assert venue is not None
    try:
        markets = await exchange.load_markets()
    except errors.ExchangeError as exc:
        raise _mapped(venue, symbol, exc, field) from exc
    except (ccxt.BaseError, TimeoutError) as exc:
        raise _mapped(venue, symbol, map_ccxt_error(exc), field) from exc
    market = markets.get(symbol)
    if market is None:
        raise BadUserInput(f"symbol: {venue} does not list {symbol}", field="symbol")
    return market


def _mapped(venue: str, symbol: str, error: errors.ExchangeError, field: str = FIELD) -> Exception:
    if isinstance(error, errors.BadSymbol):
        return BadUserInput(f"symbol: {venue} does not list {symbol}", field="symbol")
    if isinstance(error, errors.NetworkError):
        return ExchangeUnavailable(
            f"{field}: {venue} is unreachable or refused the request ({error}); try again later",
            field=field,
        )
    return ExchangeUnavailable(f"{field}: {venue} answered an error: {error}", field=field)
