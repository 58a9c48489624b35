"""The strategy interface: dispatch, intent validation, rounding to market rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from engine.market.models import Candle, OrderBookSnapshot, Side
from engine.strategies.base import (
    ClockTick,
    Intent,
    PlaceIntent,
    PriceDrivenStrategy,
    StrategyContext,
)
from engine.trading.models import OrderType

from .helpers import MARKET, T0, D, ctx


class RecordPrices(PriceDrivenStrategy):
    def __init__(self) -> None:
        self.prices: list[Decimal] = []

    def on_price(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        self.prices.append(price)
        return []


def test_only_closed_candles_reach_the_strategy_and_a_book_gives_its_mid() -> None:
    s = RecordPrices()
    candle = Candle(MARKET.symbol, "1m", T0, D(1), D(2), D(1), D(2), D(5))
    book = OrderBookSnapshot(MARKET.symbol, 1, [(D(10), D(1))], [(D(11), D(1))], T0)

    s.on_event(replace(candle, closed=False), ctx())
    s.on_event(candle, ctx())
    s.on_event(book, ctx())
    s.on_event(ClockTick(T0), ctx())

    assert s.prices == [D(2), D("10.5")]


def test_prices_round_to_the_tick_never_worse_for_the_side_and_qty_rounds_down() -> None:
    c = ctx()
    assert c.round_price(D("100.005")) == D("100.00")  # half to even
    assert c.round_price(D("100.019"), Side.BUY) == D("100.01")
    assert c.round_price(D("100.011"), Side.SELL) == D("100.02")
    assert c.round_qty(D("0.0019")) == D("0.001")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"type": OrderType.LIMIT, "qty": D(0), "price": D(1)}, "qty must be positive"),
        ({"type": OrderType.LIMIT, "qty": D(1)}, "needs a positive price"),
        ({"type": OrderType.MARKET, "qty": D(1), "price": D(1)}, "takes no price"),
    ],
)
def test_malformed_place_intents_are_refused(kw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PlaceIntent("t", Side.BUY, **kw)  # type: ignore[arg-type]
