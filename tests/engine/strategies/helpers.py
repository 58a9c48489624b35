"""A test market, contexts and fills for strategy specs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from engine.market.models import Market, Side
from engine.strategies.base import Intent, OpenOrder, PlaceIntent, StrategyContext
from engine.trading.models import Fill, Liquidity

T0 = datetime(2026, 1, 1, tzinfo=UTC)
D = Decimal

MARKET = Market(
    symbol="TEST/USDT",
    base="TEST",
    quote="USDT",
    price_tick=D("0.01"),
    qty_step=D("0.001"),
    min_qty=D("0.001"),
    min_notional=D("1"),
    maker_fee=D("0.001"),
    taker_fee=D("0.002"),
)


def ctx(
    *,
    position: str = "0",
    avg_cost: str | None = None,
    free_quote: str = "100000",
    free_base: str | None = None,
    open_orders: Iterable[OpenOrder] = (),
) -> StrategyContext:
    return StrategyContext(
        market=MARKET,
        now=T0,
        position=D(position),
        avg_cost=None if avg_cost is None else D(avg_cost),
        free_quote=D(free_quote),
        free_base=D(position if free_base is None else free_base),
        open_orders={o.tag: o for o in open_orders},
    )


def resting(intents: Iterable[Intent]) -> list[OpenOrder]:
    """The open orders a venue would hold after accepting these limit intents."""
    return [
        OpenOrder(i.tag, i.side, i.price, i.qty)
        for i in intents
        if isinstance(i, PlaceIntent) and i.price is not None
    ]


def fill(tag: str, side: Side, price: str, qty: str) -> Fill:
    return Fill(
        trade_id=f"t-{tag}",
        order_id=tag,
        client_order_id=tag,
        symbol=MARKET.symbol,
        side=side,
        price=D(price),
        qty=D(qty),
        fee=D(0),
        fee_currency="USDT",
        liquidity=Liquidity.MAKER,
        timestamp=T0,
    )


def places(intents: Iterable[Intent]) -> list[tuple[str, Decimal | None, Decimal]]:
    """(side, price, qty) of each place intent, in order."""
    return [(i.side.value, i.price, i.qty) for i in intents if isinstance(i, PlaceIntent)]
