"""The simulated venue: one shared market (all symbols, a clock, accounts) that many users trade.

`SimVenue` owns the market and moves it forward with `step()`; `SimExchange(venue, account_id)`
is one account's view of it through the `Exchange` protocol.

Time is simulated: it starts at `start` (default: the wall clock, once) and only `step()` moves
it, by `tick_seconds`. A step draws the next fair prices, lets the market makers requote and the
noise takers trade, updates candles, and returns `StepEvents` (per symbol: new trades, book
delta, ticker; per account: changed orders and new fills) for the API layer to publish. Orders
placed between steps trade at once, at the current simulated time; their tape and account
events come out with the next step.

History is backfilled at construction (see `history.py`), so `fetch_ohlcv(symbol, tf, 100)`
has 100 candles in every timeframe from the start. Same seed and same calls: same market.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import random
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np

from engine.exchanges.errors import BadRequest, ExchangeNotAvailable
from engine.market.candles import to_ms
from engine.market.models import TIMEFRAMES, Candle, Market, OrderBookSnapshot, Ticker, Trade
from engine.market.sim.accounts import Account
from engine.market.sim.candle_store import SymbolCandles
from engine.market.sim.clock import SimClock
from engine.market.sim.events import AccountEvents, StepEvents, SymbolEvents
from engine.market.sim.exchange import SimExchange
from engine.market.sim.history import generate_history, plan_history
from engine.market.sim.makers import MarketMaker, NoiseTaker
from engine.market.sim.matching import MatchingEngine
from engine.market.sim.order_desk import OrderDesk
from engine.market.sim.price_process import AssetDynamics, FairPrices, PriceProcess
from engine.market.sim.symbol_market import SymbolMarket
from engine.market.sim.symbols import SymbolSpec, select_symbols
from engine.market.sim.watchers import Broadcast
from engine.trading.models import Balance, ExchangeOrder, Fill, OrderRequest

MAX_CANDLES = 1500  # like the larger venues; enough for a rolling 24 h of 1m bars
FACTOR_SYMBOL = "BTC/USDT"

__all__ = ["AccountEvents", "SimExchange", "SimVenue", "StepEvents", "SymbolEvents"]


class SimVenue:
    def __init__(
        self,
        seed: int = 7,
        start: datetime | None = None,
        tick_seconds: float = 0.25,
        symbols: Iterable[str | SymbolSpec] | None = None,
        history_days: int = 120,
        maker_levels: int = 20,
    ) -> None:
        if start is None:
            start = datetime.now(UTC)
        elif start.tzinfo is None:
            raise ValueError("start must be timezone-aware (UTC)")
        specs = select_symbols(symbols)
        self.seed = seed
        self.clock = SimClock(to_ms(start), round(tick_seconds * 1000))
        self.tick_seconds = tick_seconds = self.clock.tick_ms / 1000

        names = [spec.symbol for spec in specs]
        process = PriceProcess(
            [
                AssetDynamics(
                    annual_vol=s.annual_vol,
                    jumps_per_day=s.jumps_per_day,
                    jump_scale=s.jump_scale,
                    factor_correlation=s.btc_correlation,
                )
                for s in specs
            ],
            np.random.default_rng(seed),
            factor_index=names.index(FACTOR_SYMBOL) if FACTOR_SYMBOL in names else None,
        )
        history_rng = np.random.default_rng([seed, 1])
        tiers = plan_history(self.clock.ms, history_days)
        histories = generate_history(specs, process, tiers, history_rng)
        self._fair = FairPrices(process, [float(s.start_price) for s in specs], tick_seconds)

        order_numbers = itertools.count(1)
        self._markets: dict[str, SymbolMarket] = {}
        for spec, history in zip(specs, histories, strict=True):
            engine = MatchingEngine(spec.market, order_numbers)
            candles = SymbolCandles(self.clock.ms, engine.ticks(spec.start_price), history)
            maker = MarketMaker(engine, spec, random.Random(f"{seed}:{spec.symbol}:maker"),
                                maker_levels)  # fmt: skip
            taker = NoiseTaker(
                engine, spec, random.Random(f"{seed}:{spec.symbol}:taker"), tick_seconds
            )
            maker.requote(float(spec.start_price))
            engine.book.take_delta()  # the opening book is the baseline, not a change
            self._markets[spec.symbol] = SymbolMarket(spec, engine, candles, maker, taker)
        self._order_list = list(self._markets.values())
        self.desk = OrderDesk(self._markets, self.clock, order_numbers)
        self._tickers: Broadcast[str, Ticker] = Broadcast()
        self._trades: Broadcast[str, list[Trade]] = Broadcast()
        self._books: Broadcast[tuple[str, int], OrderBookSnapshot] = Broadcast()
        self._closed = False

    # -- the market moves ----------------------------------------------------------------
    @property
    def now(self) -> datetime:
        return self.clock.now

    def step(self) -> StepEvents:
        clock = self.clock
        clock.advance()
        now_ms, now = clock.ms, clock.now
        desk = self.desk
        events: dict[str, SymbolEvents] = {}
        for sm, fair in zip(self._order_list, self._fair.step(), strict=True):
            sm.candles.advance(now_ms)
            for result in sm.maker.requote(fair):
                desk.settle(sm, result)
            for result in sm.taker.act():
                desk.settle(sm, result)
            desk.trigger_stops(sm)
            symbol = sm.symbol
            trades = sm.take_trades()
            delta = sm.engine.take_delta(now)
            ticker = sm.ticker(now)
            events[symbol] = SymbolEvents(trades, delta, ticker)
            if self._tickers:
                self._tickers.publish(symbol, ticker)
            if trades and self._trades:
                self._trades.publish(symbol, trades)
        if self._books:
            for key in self._books.waiting_keys():
                symbol, depth = key
                if events[symbol].delta is not None:
                    snapshot = self._markets[symbol].engine.snapshot(now, depth or None)
                    self._books.publish(key, snapshot)
        return StepEvents(now, events, desk.drain_events())

    def advance(self, seconds: float) -> None:
        """Step until `seconds` of simulated time have passed (events are dropped)."""
        for _ in range(max(0, round(seconds * 1000 / self.clock.tick_ms))):
            self.step()

    async def run(
        self,
        interval_s: float | None = None,
        on_step: Callable[[StepEvents], Awaitable[object] | object] | None = None,
    ) -> None:
        """Step every `interval_s` wall seconds (default: tick_seconds) until cancelled."""
        interval = self.tick_seconds if interval_s is None else interval_s
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        while True:
            events = self.step()
            if on_step is not None:
                outcome = on_step(events)
                if inspect.isawaitable(outcome):
                    await outcome
            next_at += interval
            delay = next_at - loop.time()
            if delay < 0:  # fell behind: do not try to catch up in a burst
                next_at, delay = loop.time(), 0.0
            await asyncio.sleep(delay)

    def close(self) -> None:
        """Wake every watcher with ExchangeNotAvailable; the venue stops serving watches."""
        self._closed = True
        error = ExchangeNotAvailable("the simulated venue is closed")
        for broadcast in (self._tickers, self._trades, self._books):
            broadcast.fail_all(error)

    # -- market data ---------------------------------------------------------------------
    @property
    def markets(self) -> dict[str, Market]:
        return {symbol: sm.market for symbol, sm in self._markets.items()}

    @property
    def symbols(self) -> list[str]:
        return list(self._markets)

    def _symbol(self, symbol: str) -> SymbolMarket:
        return self.desk.market(symbol)

    def ticker(self, symbol: str) -> Ticker:
        return self._symbol(symbol).ticker(self.clock.now)

    def order_book(self, symbol: str, depth: int | None = 20) -> OrderBookSnapshot:
        """L2 snapshot, best levels first; `depth=None` gives the whole book."""
        if depth is not None and depth < 1:
            raise BadRequest(f"depth must be at least 1, got {depth}")
        return self._symbol(symbol).engine.snapshot(self.clock.now, depth)

    def ohlcv(self, symbol: str, timeframe: str = "1m", limit: int = 100) -> list[Candle]:
        """The last `limit` candles, oldest first; the last one is forming (closed=False)."""
        sm = self._symbol(symbol)
        if timeframe not in TIMEFRAMES:
            raise BadRequest(f"unknown timeframe {timeframe!r}; use one of {', '.join(TIMEFRAMES)}")
        if not 1 <= limit <= MAX_CANDLES:
            raise BadRequest(f"limit must be between 1 and {MAX_CANDLES}, got {limit}")
        return sm.candles_of(timeframe, limit)

    def recent_trades(self, symbol: str, limit: int = 50) -> list[Trade]:
        trades = self._symbol(symbol).recent_trades
        return list(trades)[-limit:] if limit > 0 else []

    async def watch_ticker(self, symbol: str) -> Ticker:
        self._symbol(symbol)
        self._check_open()
        return await self._tickers.next(symbol)

    async def watch_trades(self, symbol: str) -> list[Trade]:
        self._symbol(symbol)
        self._check_open()
        return await self._trades.next(symbol)

    async def watch_order_book(self, symbol: str, depth: int | None = 20) -> OrderBookSnapshot:
        self.order_book(symbol, depth)  # validates
        self._check_open()
        return await self._books.next((symbol, depth or 0))

    def _check_open(self) -> None:
        if self._closed:
            raise ExchangeNotAvailable("the simulated venue is closed")

    # -- accounts ------------------------------------------------------------------------
    def open_account(self, account_id: str, balances: Mapping[str, Decimal]) -> Account:
        """Create an account holding `balances`; idempotent (an existing one is unchanged)."""
        return self.desk.open_account(account_id, balances)

    def deposit(self, account_id: str, currency: str, amount: Decimal) -> None:
        self.desk.account(account_id).deposit(currency, amount)

    def balances(self, account_id: str) -> dict[str, Balance]:
        return self.desk.account(account_id).balances()

    def create_order(self, account_id: str, request: OrderRequest) -> ExchangeOrder:
        return self.desk.create(account_id, request)

    def cancel_order(
        self,
        account_id: str,
        symbol: str,
        *,
        order_id: str | None = None,
        client_order_id: str | None = None,
    ) -> ExchangeOrder:
        return self.desk.cancel(account_id, symbol, order_id, client_order_id)

    def fetch_order(
        self,
        account_id: str,
        symbol: str,
        *,
        order_id: str | None = None,
        client_order_id: str | None = None,
    ) -> ExchangeOrder:
        return self.desk.fetch(account_id, symbol, order_id, client_order_id)

    def open_orders(self, account_id: str, symbol: str | None = None) -> list[ExchangeOrder]:
        return self.desk.open_orders(account_id, symbol)

    def my_trades(
        self, account_id: str, symbol: str | None = None, since: datetime | None = None
    ) -> list[Fill]:
        return self.desk.my_trades(account_id, symbol, since)

    def exchange(self, account_id: str) -> SimExchange:
        return SimExchange(self, account_id)
