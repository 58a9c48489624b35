"""Fill model options: spread, size-vs-depth impact, latency in bars, partial limit fills.

Every expected number is computed by hand in the comment next to it. MARKET: tick 0.01, lot
step 0.001, maker fee 0.1 %, taker fee 0.2 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from engine.backtest import FillModel, run_backtest
from engine.market.models import Candle, Side
from engine.strategies.base import (
    CancelIntent,
    Intent,
    OpenOrder,
    PlaceIntent,
    Strategy,
    StrategyContext,
)
from engine.strategies.grid import GridParams, GridStrategy
from engine.trading.models import Fill, Liquidity, OrderType
from tests.engine.strategies.helpers import MARKET

D = Decimal
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def bars(*rows: tuple[object, ...]) -> list[Candle]:
    """(open, high, low, close[, volume]) rows, 1-minute candles; volume defaults to 10."""
    out = []
    for i, row in enumerate(rows):
        o, h, low, c, v = (D(str(x)) for x in (*row, 10)[:5])
        out.append(Candle(MARKET.symbol, "1m", T0 + timedelta(minutes=i), o, h, low, c, v))
    return out


@dataclass
class Scripted(Strategy):
    """Sends `first` on the first closed candle (and `later[n]` on candle n); records what it
    is told: closes seen, fills, and its open orders after each fill."""

    first: list[Intent]
    later: dict[int, list[Intent]] = field(default_factory=dict)
    seen: list[Decimal] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    open_after_fill: list[dict[str, OpenOrder]] = field(default_factory=list)
    free_quote_after_fill: list[Decimal] = field(default_factory=list)

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(candle.close)
        if len(self.seen) == 1:
            return list(self.first)
        return list(self.later.get(len(self.seen) - 1, []))

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        self.fills.append(fill)
        self.open_after_fill.append(dict(ctx.open_orders))
        self.free_quote_after_fill.append(ctx.free_quote)
        return []


def market(side: Side, qty: object = 1) -> PlaceIntent:
    return PlaceIntent("m", side, OrderType.MARKET, D(str(qty)))


def limit(side: Side, qty: object, price: object, tag: str = "l") -> PlaceIntent:
    return PlaceIntent(tag, side, OrderType.LIMIT, D(str(qty)), D(str(price)))


def one_fill(intent: PlaceIntent, fm: FillModel, *rows: tuple[object, ...]) -> Fill:
    result = run_backtest(
        Scripted([intent]),
        MARKET,
        bars((100, 100, 100, 100), *rows),
        initial_quote=D(10_000),
        initial_base=D(10),
        fill_model=fm,
    )
    [f] = result.fills
    return f


# -- spread ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("side", "expected"),
    [
        (Side.BUY, D("102.11")),  # 102 * (1 + 20/20,000) = 102.102 -> up to the tick: 102.11
        (Side.SELL, D("101.89")),  # 102 * (1 - 0.001) = 101.898 -> down to the tick: 101.89
    ],
)
def test_a_market_order_pays_half_the_spread_rounded_against_it(
    side: Side, expected: Decimal
) -> None:
    f = one_fill(market(side), FillModel(spread_bps=D(20)), (102, 103, 101, 102))

    assert (f.price, f.liquidity) == (expected, Liquidity.TAKER)
    assert f.fee == expected * D("0.002")


def test_spread_and_slippage_add_up() -> None:
    fm = FillModel(slippage_pct=D("0.5"), spread_bps=D(20))
    f = one_fill(market(Side.BUY), fm, (102, 103, 101, 102))

    assert f.price == D("102.62")  # 102 * (1 + 0.005 + 0.001) = 102.612 -> 102.62


def test_limit_orders_do_not_pay_the_spread() -> None:
    f = one_fill(limit(Side.BUY, 1, 99), FillModel(spread_bps=D(50)), (100, 100, 98, 99))

    assert (f.price, f.liquidity) == (D(99), Liquidity.MAKER)


# -- size vs depth ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("qty", "volume", "expected"),
    [
        (2, 10, D("102.21")),  # k 0.01 * 2/10 = 0.002: 102 * 1.002 = 102.204 -> 102.21
        (1, 10, D("102.11")),  # 0.01 * 0.1 = 0.001: 102.102 -> 102.11
        (5, 2, D("103.02")),  # participation capped at 1: 102 * 1.01 = 103.02
        (1, 0, D("103.02")),  # a bar without volume: participation 1
    ],
)
def test_market_impact_grows_with_order_size_against_the_bar_volume(
    qty: int, volume: int, expected: Decimal
) -> None:
    fm = FillModel(impact_factor=D("0.01"))
    f = one_fill(market(Side.BUY, qty), fm, (102, 103, 101, 102, volume))

    assert (f.price, f.qty) == (expected, D(qty))


def test_impact_of_a_sell_moves_the_price_down_and_adds_to_spread() -> None:
    fm = FillModel(spread_bps=D(20), impact_factor=D("0.01"))
    f = one_fill(market(Side.SELL, 5), fm, (102, 103, 101, 102, 20))

    assert f.price == D("101.64")  # 102 * (1 - 0.001 - 0.01 * 5/20) = 101.643 -> down: 101.64


# -- latency ----------------------------------------------------------------------------------
def test_latency_delays_a_market_order_by_whole_bars() -> None:
    candles = bars(
        (100, 100, 100, 100), (101, 101, 101, 101), (102, 102, 102, 102), (103, 104, 103, 104)
    )
    spy = Scripted([market(Side.BUY)])

    result = run_backtest(
        spy, MARKET, candles, initial_quote=D(1000), fill_model=FillModel(latency_bars=2)
    )

    [f] = result.fills  # decided at bar 0's close; active from bar 0 + 1 + 2: bar 3's open
    assert (f.price, f.timestamp) == (D(103), candles[3].open_time)
    assert spy.seen == [D(100), D(101), D(102), D(104)]


def test_latency_keeps_a_limit_inactive_while_the_price_trades_through() -> None:
    through = (100, 100, 98, 100)  # trades through a buy at 99
    candles = bars((100, 100, 100, 100), through, through, through)

    no_latency = run_backtest(
        Scripted([limit(Side.BUY, 1, 99)]), MARKET, candles, initial_quote=D(1000)
    )
    one_bar = run_backtest(
        Scripted([limit(Side.BUY, 1, 99)]),
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(latency_bars=1),
    )

    assert [f.timestamp for f in no_latency.fills] == [candles[1].open_time]
    assert [f.timestamp for f in one_bar.fills] == [candles[2].open_time]


def test_latency_applies_to_orders_placed_in_reaction_to_a_fill() -> None:
    class Chain(Scripted):
        def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
            super().on_fill(fill, ctx)
            if fill.client_order_id == "m":
                return [PlaceIntent("m2", Side.SELL, OrderType.MARKET, D(1))]
            return []

    candles = bars(*[(100 + i, 100 + i, 100 + i, 100 + i) for i in range(5)])
    spy = Chain([market(Side.BUY)])

    run_backtest(spy, MARKET, candles, initial_quote=D(1000), fill_model=FillModel(latency_bars=1))

    # buy: decided bar 0, fills at bar 2's open (102); the sell is placed while bar 2 is
    # handled and fills at bar 2 + 1 + 1 = 4 (104)
    assert [(f.client_order_id, f.price) for f in spy.fills] == [("m", D(102)), ("m2", D(104))]


# -- partial fills --------------------------------------------------------------------------
def test_a_limit_fills_at_most_its_share_of_each_bars_volume_and_the_rest_stays_open() -> None:
    through = (100, 100, 98, 99, 7)  # trades through 99 with 7 traded: 10 % of it is 0.7
    quiet = (100, 101, "99.5", 100, 7)  # does not reach 99
    candles = bars((100, 100, 100, 100), through, quiet, through, through, through)
    spy = Scripted([limit(Side.BUY, 2, 99)])

    result = run_backtest(
        spy,
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(partial_fill_share=D("0.1")),
    )

    assert [(f.qty, f.price, f.timestamp) for f in result.fills] == [
        (D("0.7"), D(99), candles[1].open_time),
        (D("0.7"), D(99), candles[3].open_time),
        (D("0.6"), D(99), candles[4].open_time),  # only the rest
    ]
    assert [f.liquidity for f in result.fills] == [Liquidity.MAKER] * 3
    assert [f.fee for f in result.fills] == [D("0.0693"), D("0.0693"), D("0.0594")]
    # the strategy sees the order open with what remains, then gone
    assert [o.get("l") for o in spy.open_after_fill] == [
        OpenOrder("l", Side.BUY, D(99), D("1.3"), D("0.7")),
        OpenOrder("l", Side.BUY, D(99), D("0.6"), D("1.4")),
        None,
    ]
    # free quote: 1000 - spent (qty * 99 * 1.001) - the rest's reservation (rest * 99 * 1.001)
    assert spy.free_quote_after_fill == [D("801.8020"), D("801.8020"), D("801.8020")]
    assert result.final_quote == D("801.8020")  # 2 * 99 * 1.001 = 198.198 spent
    assert result.final_base == D(2)


def test_a_share_above_the_order_fills_it_in_one_bar() -> None:
    candles = bars(
        (100, 100, 100, 100),
        (100, 100, 100, 100),  # the market buy of 1 fills at 100 (+0.2 % fee)
        (100, 106, 100, 105, 5),  # through 105: 0.2 * 5 = 1 >= 0.9
    )
    spy = Scripted([market(Side.BUY)], later={1: [limit(Side.SELL, "0.9", 105, tag="tp")]})

    result = run_backtest(
        spy,
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(partial_fill_share=D("0.2")),
    )

    sells = [(f.qty, f.price) for f in result.fills if f.side is Side.SELL]
    assert sells == [(D("0.9"), D(105))]  # 0.2 * 5 = 1 >= 0.9: all of it in one bar
    [trip] = result.round_trips
    assert trip.cost == D("90.18")  # 0.9 of (100 + 0.2 fee)
    assert trip.proceeds == D("94.4055")  # 0.9 * 105 * (1 - 0.001)


def test_partial_sells_split_the_cost_basis_between_round_trips() -> None:
    candles = bars(
        (100, 100, 100, 100),
        (100, 100, 100, 100),
        (100, 106, 100, 105, 2),  # 0.25 * 2 = 0.5 of the 0.9
        (105, 106, 105, 105, 2),  # the remaining 0.4
    )
    spy = Scripted([market(Side.BUY)], later={1: [limit(Side.SELL, "0.9", 105, tag="tp")]})

    result = run_backtest(
        spy,
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(partial_fill_share=D("0.25")),
    )

    assert [(f.qty, f.price) for f in result.fills if f.side is Side.SELL] == [
        (D("0.5"), D(105)),
        (D("0.4"), D(105)),
    ]
    first, second = result.round_trips
    assert (first.cost, first.proceeds) == (D("50.1"), D("52.4475"))  # 0.5 * 100.2; 0.5 * 104.895
    assert (second.cost, second.proceeds) == (D("40.08"), D("41.958"))  # 0.4 * 100.2; 0.4 * 104.895
    assert result.final_base == D("0.1")


def test_a_volume_share_below_one_lot_fills_nothing_that_bar() -> None:
    candles = bars((100, 100, 100, 100), (100, 100, 98, 99, "0.005"), (100, 100, 98, 99, 10))

    result = run_backtest(
        Scripted([limit(Side.BUY, 1, 99)]),
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(partial_fill_share=D("0.1")),
    )

    # bar 1: 0.1 * 0.005 = 0.0005, below the lot step 0.001; bar 2: 0.1 * 10 = 1
    assert [(f.qty, f.timestamp) for f in result.fills] == [(D(1), candles[2].open_time)]


def test_cancelling_a_partly_filled_order_frees_the_rest_of_its_reservation() -> None:
    through = (100, 100, 98, 99, 5)  # 0.1 * 5 = 0.5 per bar
    candles = bars((100, 100, 100, 100), through, through)
    spy = Scripted([limit(Side.BUY, 2, 99)], later={1: [CancelIntent("l")]})

    result = run_backtest(
        spy,
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(partial_fill_share=D("0.1")),
    )

    [f] = result.fills  # bar 1 fills 0.5; the cancel after bar 1's close stops the rest
    assert f.qty == D("0.5")
    assert result.final_quote == D("950.4505")  # 1000 - 0.5 * 99 * 1.001, nothing held back
    assert result.rejections == []


def test_a_grid_waits_for_the_last_partial_fill_before_it_re_quotes() -> None:
    grid = GridStrategy(GridParams(low=D(90), high=D(110), levels=5, qty_per_level=D(1)), MARKET)
    up = (100, 106, "99.5", 100, 4)  # through 105; 0.25 * 4 = 1 per bar at most
    half = (100, 106, "99.5", 100, 2)  # 0.5 per bar
    candles = bars((100, 100, 100, 100), (100, 100, 100, 100), half, half, up)

    result = run_backtest(
        grid,
        MARKET,
        candles,
        initial_quote=D(10_000),
        fill_model=FillModel(partial_fill_share=D("0.25")),
    )

    got = [(f.side.value, f.qty, f.price, f.timestamp) for f in result.fills]
    assert got == [
        ("buy", D(2), D(100), candles[1].open_time),  # the seed, at market
        ("sell", D("0.5"), D(105), candles[2].open_time),  # the 105 sell, half
        ("sell", D("0.5"), D(105), candles[3].open_time),  # ... and the rest
        # the buy back at 100 is placed only after the last part: it could have filled in
        # bar 3 (low 99.5) had the grid re-quoted on the first part, but fills in bar 4
        ("buy", D(1), D(100), candles[4].open_time),
    ]
    assert result.rejections == []


# -- defaults and bad values ---------------------------------------------------------------------
def test_the_default_model_fills_completely_at_the_open_one_bar_later() -> None:
    f = one_fill(limit(Side.BUY, 5, 99), FillModel(), (100, 100, 98, 99, "0.001"))

    assert (f.qty, f.price) == (D(5), D(99))  # no volume cap, whatever the bar's volume


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"spread_bps": D(-1)}, "spread_bps"),
        ({"impact_factor": D("-0.1")}, "impact_factor"),
        ({"latency_bars": -1}, "latency_bars"),
        ({"partial_fill_share": D(0)}, "partial_fill_share"),
        ({"partial_fill_share": D("1.5")}, "partial_fill_share"),
        ({"slippage_pct": D(-1)}, "slippage_pct"),
    ],
)
def test_bad_values_are_refused_naming_the_option(kwargs: dict[str, object], name: str) -> None:
    with pytest.raises(ValueError, match=f"^{name}:"):
        FillModel(**kwargs)  # type: ignore[arg-type]
