"""The shared simulated market: symbols, history, live candles, books, tape, determinism."""

from __future__ import annotations

import itertools
import time
from datetime import timedelta
from decimal import Decimal

import pytest

from engine.exchanges.errors import BadRequest, BadSymbol
from engine.market.candles import aggregate_candles, to_ms
from engine.market.models import TIMEFRAMES, Side
from engine.market.sim.exchange import SimExchange
from engine.market.sim.symbols import DEFAULT_SYMBOLS
from engine.market.sim.venue import SimVenue

from .conftest import START, apply_delta, limit

REALISTIC = {
    "BTC/USDT": (60_000, 130_000),
    "ETH/USDT": (2_000, 5_000),
    "SOL/USDT": (100, 300),
    "XRP/USDT": (1, 4),
    "DOGE/USDT": (Decimal("0.1"), Decimal("0.5")),
}


def test_venue_lists_at_least_10_symbols_with_realistic_prices(venue: SimVenue) -> None:
    markets = venue.markets

    assert len(markets) >= 10
    for symbol, (low, high) in REALISTIC.items():
        ticker = venue.ticker(symbol)
        assert low < ticker.last < high
    for symbol, m in markets.items():
        ticker = venue.ticker(symbol)
        assert ticker.bid is not None and ticker.ask is not None
        assert ticker.bid < ticker.ask
        assert ticker.bid * Decimal("0.999") < ticker.last < ticker.ask * Decimal("1.001")
        assert (ticker.ask - ticker.bid) / ticker.last < Decimal("0.002")  # a tight market
        assert m.maker_fee <= m.taker_fee
        assert symbol == f"{m.base}/{m.quote}"


async def test_fetch_ohlcv_returns_100_candles_for_every_timeframe(venue: SimVenue) -> None:
    exchange = SimExchange(venue, "anyone")
    for symbol in venue.symbols:
        for timeframe, seconds in TIMEFRAMES.items():
            candles = await exchange.fetch_ohlcv(symbol, timeframe, limit=100)

            assert len(candles) == 100, (symbol, timeframe)
            period = timedelta(seconds=seconds)
            assert all(b.open_time - a.open_time == period for a, b in itertools.pairwise(candles))
            assert to_ms(candles[-1].open_time) % (seconds * 1000) == 0
            assert candles[-1].open_time <= venue.now < candles[-1].open_time + period
            assert [c.closed for c in candles] == [True] * 99 + [False]
            for c in candles:
                assert 0 < c.low <= min(c.open, c.close) <= max(c.open, c.close) <= c.high


def test_history_timeframes_agree_where_they_overlap(venue: SimVenue) -> None:
    for symbol in ("BTC/USDT", "DOT/USDT"):
        minutes = venue.ohlcv(symbol, "1m", 1500)
        hours = venue.ohlcv(symbol, "1h", 1500)
        for source, coarse in ((minutes, ("5m", "15m", "1h")), (hours, ("4h", "1d"))):
            for timeframe in coarse:
                served = {c.open_time: c for c in venue.ohlcv(symbol, timeframe, 1500)}
                rolled_up = aggregate_candles(source, timeframe)[1:]  # the first may be cut
                assert len(rolled_up) >= 10
                for candle in rolled_up:
                    assert served[candle.open_time] == candle, (symbol, timeframe)


def test_history_is_continuous_and_ends_at_the_start_price(venue: SimVenue) -> None:
    for spec in DEFAULT_SYMBOLS:
        for timeframe in TIMEFRAMES:
            candles = venue.ohlcv(spec.symbol, timeframe, 1500)
            assert all(b.open == a.close for a, b in itertools.pairwise(candles))
            assert candles[-1].close == spec.start_price


def test_trades_build_the_forming_candle_and_close_it(small_venue: SimVenue) -> None:
    symbol = "BTC/USDT"
    trades = []
    for _ in range(3 * 240):  # three simulated minutes
        trades += small_venue.step().symbols[symbol].trades

    candles = small_venue.ohlcv(symbol, "1m", 5)
    assert len(trades) > 50
    for candle in candles:
        inside = [
            t
            for t in trades
            if candle.open_time <= t.timestamp < candle.open_time + timedelta(minutes=1)
        ]
        assert candle.volume == sum(t.qty for t in inside)
        if inside:
            assert candle.close == inside[-1].price
            assert candle.high == max([candle.open, *(t.price for t in inside)])
            assert candle.low == min([candle.open, *(t.price for t in inside)])
    assert candles[-1].closed is False
    assert candles[-2].closed is True


def test_live_candles_stay_consistent_across_timeframes(small_venue: SimVenue) -> None:
    small_venue.advance(20 * 60)
    for timeframe in ("5m", "15m", "1h"):
        served = small_venue.ohlcv("ETH/USDT", timeframe, 10)
        rolled_up = aggregate_candles(small_venue.ohlcv("ETH/USDT", "1m", 1500), timeframe)

        assert rolled_up == served[-len(rolled_up) :]
        assert served[-1].volume > 0


def test_ticker_24h_figures_come_from_the_candles(venue: SimVenue) -> None:
    venue.advance(90)
    for symbol in ("BTC/USDT", "ADA/USDT"):
        day = venue.ohlcv(symbol, "1m", 1440)
        ticker = venue.ticker(symbol)

        assert ticker.open_24h == day[0].open
        assert ticker.high_24h == max(c.high for c in day)
        assert ticker.low_24h == min(c.low for c in day)
        assert ticker.base_volume_24h == sum(c.volume for c in day)
        assert ticker.last == day[-1].close
        assert ticker.quote_volume_24h > ticker.base_volume_24h * ticker.low_24h * Decimal("0.9")


def events_of(venue: SimVenue, steps: int) -> list[str]:
    """Everything a venue emits over `steps`, with a user trading on the way, as text."""
    venue.open_account("u", {"USDT": Decimal(1_000_000), "ETH": Decimal(100)})
    out = []
    for i in range(steps):
        if i % 300 == 10:
            ask = venue.ticker("ETH/USDT").ask
            assert ask is not None
            venue.create_order("u", limit("ETH/USDT", Side.SELL, "3", ask, client_order_id=f"s{i}"))
        out.append(repr(venue.step()))
    out += [repr(venue.order_book(s, None)) for s in venue.symbols]
    out += [repr(venue.ohlcv(s, tf, 300)) for s in venue.symbols for tf in TIMEFRAMES]
    out.append(repr(venue.my_trades("u")))
    return out


def test_same_seed_gives_same_market() -> None:
    a = events_of(SimVenue(seed=21, start=START), 1200)
    b = events_of(SimVenue(seed=21, start=START), 1200)

    assert a == b  # byte-identical trades, books, candles and fills
    assert "Trade(" in "".join(a) and "Fill(" in a[-1]


def test_different_seed_gives_different_market() -> None:
    a = SimVenue(seed=21, start=START, history_days=3)
    b = SimVenue(seed=22, start=START, history_days=3)

    assert a.ohlcv("BTC/USDT", "1h", 50) != b.ohlcv("BTC/USDT", "1h", 50)
    a.advance(60)
    b.advance(60)
    assert a.recent_trades("ETH/USDT") != b.recent_trades("ETH/USDT")
    assert a.order_book("ETH/USDT") != b.order_book("ETH/USDT")


def test_book_delta_applied_to_previous_snapshot_gives_next_snapshot(small_venue: SimVenue) -> None:
    small_venue.open_account("u", {"USDT": Decimal(1_000_000), "BTC": Decimal(10)})
    books = {s: small_venue.order_book(s, None) for s in small_venue.symbols}
    applied = 0
    for i in range(1500):
        if i % 97 == 0:  # users' orders between steps show up in the next delta too
            bid = small_venue.ticker("BTC/USDT").bid
            assert bid is not None
            small_venue.create_order("u", limit("BTC/USDT", Side.BUY, "0.01", bid - 1))
            small_venue.create_order("u", limit("BTC/USDT", Side.SELL, "0.02", bid))
        for symbol, events in small_venue.step().symbols.items():
            now = small_venue.order_book(symbol, None)
            delta = events.delta
            if delta is None:
                assert now.seq == books[symbol].seq
                continue
            assert (delta.prev_seq, delta.seq) == (books[symbol].seq, now.seq)
            assert apply_delta(books[symbol], delta.bids, delta.asks) == (now.bids, now.asks)
            books[symbol] = now
            applied += 1
    assert applied > 1000


def test_sequence_numbers_strictly_increase(small_venue: SimVenue) -> None:
    last = {s: small_venue.order_book(s).seq for s in small_venue.symbols}
    for _ in range(1000):
        for symbol, events in small_venue.step().symbols.items():
            if events.delta is not None:
                assert events.delta.prev_seq == last[symbol]
                assert events.delta.seq > events.delta.prev_seq
                last[symbol] = events.delta.seq


def test_deltas_are_small(small_venue: SimVenue) -> None:
    changed = []
    for _ in range(2000):
        for events in small_venue.step().symbols.values():
            if events.delta is not None:
                changed.append(len(events.delta.bids) + len(events.delta.asks))
    assert sum(changed) / len(changed) < 8  # makers requote only what moved, not 40 levels
    assert len(small_venue.order_book("BTC/USDT", None).bids) >= 15


def test_makers_keep_both_sides_deep_around_the_fair_price(venue: SimVenue) -> None:
    venue.advance(5 * 60)
    for symbol in venue.symbols:
        book = venue.order_book(symbol, 50)
        assert len(book.bids) >= 15 and len(book.asks) >= 15
        assert book.bids[0][0] < book.asks[0][0]
        assert all(q > 0 for _, q in book.bids + book.asks)


def test_noise_takers_print_trades_on_both_sides(venue: SimVenue) -> None:
    trades = {s: [] for s in venue.symbols}
    for _ in range(10 * 240):
        for symbol, events in venue.step().symbols.items():
            trades[symbol] += events.trades
    for symbol, printed in trades.items():
        assert {t.taker_side for t in printed} == {Side.BUY, Side.SELL}, symbol
        assert len({t.id for t in printed}) == len(printed)
        assert all(t.symbol == symbol and t.qty > 0 for t in printed)


def test_step_is_cheap(venue: SimVenue) -> None:
    venue.advance(60)
    steps = 1000
    started = time.perf_counter()
    for _ in range(steps):
        venue.step()
    per_step = (time.perf_counter() - started) / steps
    assert per_step < 0.005


def test_simulated_clock_moves_only_with_steps(small_venue: SimVenue) -> None:
    assert small_venue.now == START
    events = [small_venue.step() for _ in range(8)]
    time.sleep(0.01)

    assert small_venue.now == START + timedelta(seconds=2)
    assert [e.timestamp for e in events] == [
        START + timedelta(seconds=0.25 * n) for n in range(1, 9)
    ]
    assert all(e.symbols["BTC/USDT"].ticker.timestamp == e.timestamp for e in events)


async def test_unknown_symbol_and_bad_arguments_are_refused(small_venue: SimVenue) -> None:
    exchange = SimExchange(small_venue, "anyone")
    with pytest.raises(BadSymbol):
        await exchange.fetch_ticker("FOO/USDT")
    with pytest.raises(BadSymbol):
        await exchange.fetch_ohlcv("FOO/USDT")
    with pytest.raises(BadRequest, match="timeframe"):
        await exchange.fetch_ohlcv("BTC/USDT", "2m")
    with pytest.raises(BadRequest, match="limit"):
        await exchange.fetch_ohlcv("BTC/USDT", "1m", limit=0)
    with pytest.raises(BadRequest, match="limit"):
        await exchange.fetch_ohlcv("BTC/USDT", "1m", limit=5000)
    with pytest.raises(BadRequest, match="depth"):
        await exchange.fetch_order_book("BTC/USDT", depth=0)
    with pytest.raises(BadSymbol):
        SimVenue(symbols=["FOO/USDT"], history_days=0)


def test_step_events_index_tickers_trades_and_deltas_by_symbol(small_venue: SimVenue) -> None:
    events = small_venue.step()
    while not events.trades:
        events = small_venue.step()

    assert set(events.tickers) == set(small_venue.symbols)
    assert events.tickers["BTC/USDT"] == small_venue.ticker("BTC/USDT")
    assert all(events.symbols[s].trades == t and t for s, t in events.trades.items())
    assert all(events.symbols[s].delta == d for s, d in events.deltas.items())
    assert set(events.deltas) == {s for s, e in events.symbols.items() if e.delta is not None}
