"""A test market, contexts and fills for strategy specs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from engine.market.models import Candle, Market, Side
from engine.market.sim.venue import SimVenue
from engine.signals.types import Direction, Regime, Signal
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
    now: datetime = T0,
) -> StrategyContext:
    return StrategyContext(
        market=MARKET,
        now=now,
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


def signal(
    probability_up: float = 0.5, regime: str = "normal", symbol: str = MARKET.symbol
) -> Signal:
    return Signal(
        symbol=symbol,
        timeframe="1h",
        timestamp=T0,
        direction=Direction.UP if probability_up > 0.5 else Direction.DOWN,
        probability_up=probability_up,
        regime=Regime(regime),
        model="test",
        version="1",
    )


def candle(i: int, close: object, spread: object = 1, volume: object = 10) -> Candle:
    """Closed 1h candle number `i`: high/low `spread` around the close, open at the close."""
    c, s = D(str(close)), D(str(spread))
    return Candle(MARKET.symbol, "1h", T0 + timedelta(hours=i), c, c + s, c - s, c, D(str(volume)))


def closed_at(i: int) -> datetime:
    """When `candle(i)` closes."""
    return T0 + timedelta(hours=i + 1)


def sim_market_and_candles(seed: int = 3, timeframe: str = "1h") -> tuple[Market, list[Candle]]:
    """Sim-venue BTC/USDT history (about 450 hourly candles) and its market."""
    venue = SimVenue(seed=seed, start=T0, symbols=["BTC/USDT"], history_days=20)
    return venue.markets["BTC/USDT"], venue.ohlcv("BTC/USDT", timeframe, 500)
