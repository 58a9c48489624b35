"""Whale tracker: large trades, new book walls and transfers; follow or fade; cooldown; exits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine.backtest import run_backtest
from engine.market.models import OrderBookSnapshot, Side, Trade
from engine.market.sim.venue import SimVenue
from engine.strategies.base import (
    Intent,
    PlaceIntent,
    StrategyContext,
    TransferDirection,
    WhaleTransfer,
)
from engine.strategies.feed import WithSideEvents
from engine.strategies.registry import build_strategy, validate_params
from engine.strategies.transfers import SimulatedTransfers
from engine.strategies.whale import WhaleMode, WhaleParams, WhaleStrategy
from engine.trading.models import OrderType

from .helpers import MARKET, T0, D, candle, closed_at, ctx, fill, sim_market_and_candles

_seq = iter(range(1_000_000))


def strategy(**kw: object) -> WhaleStrategy:
    base: dict[str, object] = {
        "quote_amount": D(1000), "min_notional": D(1000), "window": 20, "cooldown_s": 600,
    }  # fmt: skip
    base.update(kw)
    return WhaleStrategy(WhaleParams(**base), MARKET)  # type: ignore[arg-type]


def trade(qty: object, side: Side = Side.BUY, price: object = 100, at: int = 0) -> Trade:
    return Trade(
        f"t{next(_seq)}", MARKET.symbol, D(str(price)), D(str(qty)), side,
        T0 + timedelta(seconds=at),
    )  # fmt: skip


def warmed(s: WhaleStrategy) -> WhaleStrategy:
    """20 ordinary trades of 1 to 2 units at 100 (notional 100-200)."""
    for i in range(20):
        assert s.on_trade(trade(1 + (i % 5) / 4), ctx()) == []
    return s


def tags(intents: list[Intent]) -> list[tuple[str, str]]:
    return [(i.tag, i.side.value) for i in intents if isinstance(i, PlaceIntent)]


def long_ctx(s: WhaleStrategy) -> StrategyContext:
    return ctx(position=str(s.position.qty))


def enter(s: WhaleStrategy, intents: list[Intent], price: str = "100") -> None:
    [buy] = [i for i in intents if isinstance(i, PlaceIntent)]
    s.on_fill(fill(buy.tag, Side.BUY, price, str(buy.qty)), ctx())


def test_a_large_buy_trade_is_followed_with_a_market_buy_sized_by_quote() -> None:
    s = warmed(strategy())
    intents = s.on_trade(trade(50), ctx())  # 5000 quote, far above the distribution
    [buy] = intents
    assert isinstance(buy, PlaceIntent)
    assert (buy.tag, buy.side, buy.type, buy.qty) == (
        "whale-1-entry",
        Side.BUY,
        OrderType.MARKET,
        D(10),
    )
    assert s.sightings[-1].kind == "trade" and s.sightings[-1].bullish


def test_a_trade_must_be_both_unusual_and_above_the_notional_floor() -> None:
    assert warmed(strategy(min_notional=D(10_000))).on_trade(trade(50), ctx()) == []
    everyone_big = strategy()
    for i in range(20):
        everyone_big.on_trade(trade(40 + i), ctx())
    assert everyone_big.on_trade(trade(50), ctx()) == []  # 5000 is ordinary here


def test_no_detection_before_the_distribution_has_enough_trades() -> None:
    s = strategy()
    for _ in range(5):
        s.on_trade(trade(1), ctx())
    assert s.on_trade(trade(50), ctx()) == []


def test_follow_sells_on_a_large_sell_and_fade_buys_it() -> None:
    follower = warmed(strategy())
    enter(follower, follower.on_trade(trade(50), ctx()))
    out = follower.on_trade(trade(50, Side.SELL, at=60), long_ctx(follower))
    assert tags(out) == [("whale-1-exit", "sell")]
    assert follower.position.last_exit_reason == "whale-trade"

    fader = warmed(strategy(mode=WhaleMode.FADE))
    assert fader.on_trade(trade(50), ctx()) == []  # whales buying: nothing to fade while flat
    assert tags(fader.on_trade(trade(50, Side.SELL), ctx())) == [("whale-1-entry", "buy")]


def test_after_an_entry_the_cooldown_blocks_the_next_one() -> None:
    s = warmed(strategy())
    enter(s, s.on_trade(trade(50), ctx()))
    assert tags(s.on_trade(trade(50, Side.SELL, at=10), long_ctx(s))) == [("whale-1-exit", "sell")]
    s.on_fill(fill("whale-1-exit", Side.SELL, "100", "10"), ctx())
    assert s.on_trade(trade(60, at=599), ctx()) == []  # 599 s after the entry
    assert tags(s.on_trade(trade(60, at=600), ctx())) == [("whale-2-entry", "buy")]


def book(
    bids: list[tuple[int, int]], asks: list[tuple[int, int]], seq: int = 1
) -> OrderBookSnapshot:
    return OrderBookSnapshot(
        MARKET.symbol, seq,
        [(D(p), D(q)) for p, q in bids], [(D(p), D(q)) for p, q in asks], T0,
    )  # fmt: skip


FLAT_BIDS = [(99, 2), (98, 2), (97, 2), (96, 2)]
FLAT_ASKS = [(101, 2), (102, 2), (103, 2), (104, 2)]


def test_a_new_bid_wall_is_bullish_and_counts_once() -> None:
    s = strategy()
    assert s.on_book(book(FLAT_BIDS, FLAT_ASKS), ctx()) == []
    wall = [(99, 2), (98, 40), (97, 2), (96, 2)]  # 3920 quote, 20x the median level
    assert tags(s.on_book(book(wall, FLAT_ASKS, 2), ctx())) == [("whale-1-entry", "buy")]
    assert s.sightings[-1].kind == "book" and s.sightings[-1].size == D(3920)
    s.on_fill(fill("whale-1-entry", Side.BUY, "100", "10"), ctx())
    assert s.on_book(book(wall, FLAT_ASKS, 3), long_ctx(s)) == []  # the same wall again
    assert len([x for x in s.sightings if x.kind == "book"]) == 1


def test_a_wall_that_moves_with_the_quotes_is_the_same_wall() -> None:
    s = strategy(cooldown_s=0)
    s.on_book(book(FLAT_BIDS, FLAT_ASKS), ctx())
    s.on_book(book([(99, 2), (98, 40), (97, 2), (96, 2)], FLAT_ASKS, 2), ctx())
    s.on_book(book([(99, 2), (98, 2), (97, 40), (96, 2)], FLAT_ASKS, 3), ctx())  # moved down
    assert len(s.sightings) == 1
    s.on_book(book(FLAT_BIDS, FLAT_ASKS, 4), ctx())  # gone
    s.on_book(book([(99, 40), (98, 2), (97, 2), (96, 2)], FLAT_ASKS, 5), ctx())  # a new one
    assert len(s.sightings) == 2


def test_a_new_ask_wall_is_bearish() -> None:
    s = warmed(strategy())
    enter(s, s.on_trade(trade(50), ctx()))
    ask_wall = [(101, 2), (102, 2), (103, 50), (104, 2)]
    assert tags(s.on_book(book(FLAT_BIDS, ask_wall), long_ctx(s))) == [("whale-1-exit", "sell")]


def transfer(amount: int, direction: TransferDirection, asset: str = "TEST") -> WhaleTransfer:
    return WhaleTransfer(asset, D(amount), direction, T0)


def test_large_transfers_off_exchanges_are_bullish_onto_them_bearish() -> None:
    s = strategy(transfer_min=D(100))
    s.on_trade(trade(1), ctx())  # a price to size the entry
    out = TransferDirection.FROM_EXCHANGE
    assert s.on_whale_transfer(transfer(99, out), ctx()) == []
    assert s.on_whale_transfer(transfer(500, out, asset="BTC"), ctx()) == []
    assert tags(s.on_whale_transfer(transfer(100, out), ctx())) == [("whale-1-entry", "buy")]
    enter(s, [PlaceIntent("whale-1-entry", Side.BUY, OrderType.MARKET, D(10))])
    into = s.on_whale_transfer(transfer(100, TransferDirection.TO_EXCHANGE), long_ctx(s))
    assert tags(into) == [("whale-1-exit", "sell")]


def test_transfers_are_ignored_without_transfer_min() -> None:
    s = strategy()
    s.on_trade(trade(1), ctx())
    assert s.on_whale_transfer(transfer(10**6, TransferDirection.FROM_EXCHANGE), ctx()) == []


def test_stop_and_holding_time_exit_the_position() -> None:
    s = warmed(strategy(stop_pct=D(2), hold_s=3600))
    enter(s, s.on_trade(trade(50), ctx()))
    assert s.on_trade(trade(1, price="98.01", at=10), long_ctx(s)) == []
    assert tags(s.on_trade(trade(1, price=98, at=20), long_ctx(s))) == [("whale-1-exit", "sell")]
    assert s.position.last_exit_reason == "stop"

    timed = warmed(strategy(hold_s=3600))
    enter(timed, timed.on_trade(trade(50), ctx()))
    assert timed.on_candle(candle(0, 100), ctx(position="10", now=T0 + timedelta(minutes=59))) == []
    late = timed.on_candle(candle(0, 100), ctx(position="10", now=closed_at(0)))
    assert tags(late) == [("whale-1-exit", "sell")]
    assert timed.position.last_exit_reason == "time"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"quote_amount": "0"}, "quote_amount"),
        ({"quote_amount": "100", "window": 5}, "window"),
        ({"quote_amount": "100", "mad_k": "0"}, "mad_k"),
        ({"quote_amount": "100", "book_k": "1"}, "book_k"),
        ({"quote_amount": "100", "transfer_min": "0"}, "transfer_min"),
        ({"quote_amount": "100", "cooldown_s": -1}, "cooldown_s"),
        ({"quote_amount": "100", "stop_pct": "100"}, "stop_pct"),
        ({"quote_amount": "100", "mode": "chase"}, "mode"),
    ],
)
def test_bad_params_name_the_field(params: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        validate_params("whale", params)


def test_simulated_transfers_are_seeded_and_split_independent() -> None:
    source = SimulatedTransfers(seed=4, asset="BTC", per_day=6)
    week = source.transfers(T0, T0 + timedelta(days=7))
    halves = source.transfers(T0, T0 + timedelta(days=3, hours=5)) + source.transfers(
        T0 + timedelta(days=3, hours=5), T0 + timedelta(days=7)
    )
    assert (
        week
        == halves
        == SimulatedTransfers(seed=4, asset="BTC", per_day=6).transfers(T0, T0 + timedelta(days=7))
    )
    assert 20 <= len(week) <= 70
    assert {t.direction for t in week} == set(TransferDirection)
    assert week != SimulatedTransfers(seed=5, asset="BTC", per_day=6).transfers(
        T0, T0 + timedelta(days=7)
    )


def test_trades_in_a_backtest_on_simulated_transfers() -> None:
    market, candles = sim_market_and_candles(seed=3)
    transfers = SimulatedTransfers(seed=8, asset="BTC", per_day=4).transfers(
        candles[0].open_time, candles[-1].open_time
    )
    params = {"quote_amount": "2000", "transfer_min": "300", "hold_s": 12 * 3600}
    s = WithSideEvents(build_strategy("whale", params, market), transfers)

    result = run_backtest(s, market, candles, initial_quote=D(10_000))

    assert result.rejections == []
    assert result.stats.round_trip_count >= 3
    assert all(f.client_order_id.startswith("whale-") for f in result.fills)


def test_runs_live_on_the_sim_venue_tape_and_book() -> None:
    venue = SimVenue(seed=11, start=T0, symbols=["BTC/USDT"], history_days=0, tick_seconds=1)
    market = venue.markets["BTC/USDT"]
    params = {"quote_amount": "1000", "min_notional": "2000", "window": 50, "mad_k": "4"}
    s = build_strategy("whale", params, market)
    assert isinstance(s, WhaleStrategy)
    entries = 0
    for step in range(600):
        events = venue.step()
        live = StrategyContext(market, events.timestamp, D(0), None, D(10**6), D(0))
        for t in events.symbols["BTC/USDT"].trades:
            entries += len(s.on_event(t, live))
        if step % 10 == 0:
            s.on_event(venue.order_book("BTC/USDT", 10), live)
    assert [x.kind for x in s.sightings].count("trade") >= 1
    assert entries >= 1
