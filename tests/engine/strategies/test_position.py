"""The shared long-position life cycle of the signal strategies."""

from __future__ import annotations

from engine.market.models import Side
from engine.strategies.base import PlaceIntent
from engine.strategies.position import LongPosition, Phase
from engine.trading.models import OrderType

from .helpers import D, closed_at, ctx, fill


def test_entry_is_sized_by_quote_and_rounded_down_to_the_lot_step() -> None:
    pos = LongPosition("x")
    [buy] = pos.enter(ctx(), D(3), D(10))  # 3.333... -> 3.333
    assert buy == PlaceIntent("x-1-entry", Side.BUY, OrderType.MARKET, D("3.333"))
    assert pos.phase is Phase.ENTERING


def test_no_entry_below_the_market_minimums_or_while_not_flat() -> None:
    assert LongPosition("x").enter(ctx(), D(100), D("0.5")) == []  # notional 0.5 < 1
    assert LongPosition("x").enter(ctx(), D(10**7), D(1)) == []  # qty 0.0000001 < 0.001
    pos = LongPosition("x")
    pos.enter(ctx(), D(100), D(100))
    assert pos.enter(ctx(), D(100), D(100)) == []


def test_partial_entry_fills_average_and_the_exit_sells_what_was_bought() -> None:
    pos = LongPosition("x")
    pos.enter(ctx(), D(100), D(200))  # 2 units
    assert pos.on_fill(fill("x-1-entry", Side.BUY, "100", "1")) is Phase.LONG
    assert pos.on_fill(fill("x-1-entry", Side.BUY, "102", "1")) is Phase.LONG
    assert (pos.qty, pos.entry_price) == (D(2), D(101))
    [sell] = pos.exit(ctx(position="5"), "why")  # other base in the account stays
    assert sell == PlaceIntent("x-1-exit", Side.SELL, OrderType.MARKET, D(2))
    assert pos.on_fill(fill("x-1-exit", Side.SELL, "103", "1")) is None  # half sold
    assert pos.on_fill(fill("x-1-exit", Side.SELL, "103", "1")) is Phase.FLAT


def test_an_unfilled_order_expires_at_the_next_later_close_and_a_late_fill_still_counts() -> None:
    pos = LongPosition("x")
    pos.enter(ctx(now=closed_at(0)), D(100), D(100))
    pos.on_closed_candle(closed_at(0))  # the same close: still pending
    assert pos.phase is Phase.ENTERING
    pos.on_closed_candle(closed_at(1))
    assert pos.phase is Phase.FLAT
    assert pos.on_fill(fill("x-1-entry", Side.BUY, "100", "1")) is Phase.LONG  # late

    pos.exit(ctx(position="1", now=closed_at(1)), "why")
    pos.on_closed_candle(closed_at(2))
    assert pos.phase is Phase.LONG  # the sell was refused: still long
    pos.on_closed_candle(closed_at(3))
    assert pos.bars_held == 1


def test_exit_with_nothing_left_to_sell_just_goes_flat() -> None:
    pos = LongPosition("x")
    pos.enter(ctx(), D(100), D(100))
    pos.on_fill(fill("x-1-entry", Side.BUY, "100", "1"))
    assert pos.exit(ctx(position="0"), "why") == []
    assert pos.phase is Phase.FLAT
    assert pos.exit(ctx(position="1"), "again") == []  # not long: nothing to do
