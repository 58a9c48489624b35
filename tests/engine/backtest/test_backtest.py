"""Backtester: fill model, grid and DCA end to end, determinism, sim-venue history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from engine.backtest import FillModel, run_backtest
from engine.market.models import Candle, Side
from engine.market.sim.venue import SimVenue
from engine.strategies.base import Intent, PlaceIntent, Strategy, StrategyContext
from engine.strategies.dca import DcaParams, DcaStrategy
from engine.strategies.grid import GridParams, GridStrategy
from engine.trading.models import Liquidity, OrderType
from tests.engine.strategies.helpers import MARKET

D = Decimal
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def bars(*ohlc: tuple[object, object, object, object]) -> list[Candle]:
    out = []
    for i, row in enumerate(ohlc):
        o, h, low, c = (D(str(x)) for x in row)
        out.append(Candle(MARKET.symbol, "1m", T0 + timedelta(minutes=i), o, h, low, c, D(10)))
    return out


FLAT = (100, 100, 100, 100)
UP = (100, 106, "99.5", 100)  # trades through 105, not through 95
DOWN = (100, "100.5", 99, 100)  # trades through 100


class BuyOnceAtClose(Strategy):
    """Buys at market on the first closed candle it sees; records what it saw."""

    def __init__(self) -> None:
        self.seen: list[Decimal] = []

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(candle.close)
        if len(self.seen) > 1:
            return []
        return [PlaceIntent("once", Side.BUY, OrderType.MARKET, D(1))]


def test_a_market_order_fills_at_the_next_open_with_slippage_and_taker_fee() -> None:
    candles = bars((100, 101, 99, 100), (102, 103, 101, 102))
    result = run_backtest(
        BuyOnceAtClose(),
        MARKET,
        candles,
        initial_quote=D(1000),
        fill_model=FillModel(slippage_pct=D("0.5")),
    )

    [f] = result.fills
    assert (f.price, f.liquidity, f.timestamp) == (
        D("102.51"),
        Liquidity.TAKER,
        candles[1].open_time,
    )
    assert f.fee == D("102.51") * D("0.002")
    assert result.final_quote == D(1000) - D("102.51") - f.fee


def test_grid_on_an_oscillating_series_makes_one_round_trip_per_swing_net_of_fees() -> None:
    grid = GridStrategy(
        GridParams(low=D(90), high=D(110), levels=5, qty_per_level=D(1)), MARKET
    )  # levels 90 95 100 105 110; starts at 100: buys 90 95, seed 2, sells 105 110
    candles = bars(FLAT, FLAT, *[UP, DOWN] * 5)

    result = run_backtest(grid, MARKET, candles, initial_quote=D(10_000))

    sides = [(f.side.value, f.price) for f in result.fills]
    assert sides == [("buy", D(100))] + [("sell", D(105)), ("buy", D(100))] * 5
    assert result.stats.round_trip_count == 5
    assert result.stats.win_rate == 1.0
    # seed 2 @ 100 + 0.2 % fee; each swing +5 minus 0.1 % of 105 and of 100
    assert result.final_quote == D(10_000) - D("200.4") + 5 * (D(5) - D("0.205"))
    assert result.final_base == D(2)
    assert result.equity[-1] == float(D("10023.575"))
    assert result.stats.total_return > 0
    assert result.rejections == []


def test_dca_on_a_v_shaped_series_takes_profit_on_the_average_and_restarts() -> None:
    p = DcaParams(
        base_qty=D(1), safety_qty=D(1), price_deviation_pct=D(2),
        max_safety_orders=3, take_profit_pct=D(2),
    )  # fmt: skip
    dca = DcaStrategy(p, MARKET)
    candles = bars(
        FLAT,
        (100, "100.5", "99.5", 99),  # base fills at 100; safety 98 96 94, take-profit 102
        (99, 99, "97.5", "97.8"),  # safety 98 fills: average 99 -> take-profit 100.98
        ("97.8", "97.8", "95.5", 96),  # safety 96 fills: average 98 -> take-profit 99.96
        (96, "96.5", 95, "95.5"),  # the bottom: 94 never trades
        ("95.5", 98, "95.5", "97.9"),
        ("97.9", "100.5", "97.9", "100.2"),  # through 99.96: take profit
        ("100.2", "100.4", 100, "100.3"),  # the new cycle's base order fills
    )

    result = run_backtest(dca, MARKET, candles, initial_quote=D(10_000))

    fills = [(f.client_order_id, f.price, f.qty) for f in result.fills]
    assert fills == [
        ("dca-1-base", D(100), D(1)),
        ("dca-1-so1", D(98), D(1)),
        ("dca-1-so2", D(96), D(1)),
        ("dca-1-tp", D("99.96"), D(3)),
        ("dca-2-base", D("100.2"), D(1)),
    ]
    [trip] = result.round_trips
    assert trip.pnl > 0
    assert dca.state.cycles_done == 1
    assert result.rejections == []


def test_strategy_never_sees_the_bar_it_trades_on() -> None:
    spy = BuyOnceAtClose()
    candles = bars((100, 101, 99, 100), (50, 51, 49, 50))

    result = run_backtest(spy, MARKET, candles, initial_quote=D(1000))

    assert result.fills[0].price == D(50)  # decided on bar 0's close, filled at bar 1's open
    assert spy.seen == [D(100), D(50)]


def test_an_unfunded_order_is_rejected_not_filled() -> None:
    result = run_backtest(BuyOnceAtClose(), MARKET, bars(FLAT, FLAT), initial_quote=D(50))

    assert result.fills == []
    assert [r.tag for r in result.rejections] == ["once"]


def _sim_candles(seed: int) -> list[Candle]:
    venue = SimVenue(seed=seed, start=T0, symbols=["BTC/USDT"], history_days=2)
    return venue.ohlcv("BTC/USDT", "5m", 500)


async def test_backtest_runs_over_sim_venue_history_fetched_like_any_exchange() -> None:
    venue = SimVenue(seed=5, start=T0, symbols=["BTC/USDT"], history_days=2)
    candles = await venue.exchange("backtester").fetch_ohlcv("BTC/USDT", "5m", 500)
    market = venue.markets["BTC/USDT"]
    params = GridParams(
        low=min(c.low for c in candles),
        high=max(c.high for c in candles),
        levels=12,
        qty_per_level=D("0.01"),
    )

    result = run_backtest(GridStrategy(params, market), market, candles, initial_quote=D(100_000))

    closed = [c for c in candles if c.closed]
    assert len(result.equity) == len(closed) == len(result.times)
    assert result.stats.trade_count > 1
    assert np.isfinite([result.stats.sharpe, result.stats.max_drawdown]).all()
    assert 0 <= result.stats.max_drawdown < 1


def test_same_input_twice_gives_identical_trades() -> None:
    candles = _sim_candles(seed=9)
    market = SimVenue(seed=1, start=T0, symbols=["BTC/USDT"], history_days=0).markets["BTC/USDT"]

    def once() -> tuple[list[object], list[float]]:
        params = GridParams(
            low=min(c.low for c in candles),
            high=max(c.high for c in candles),
            levels=12,
            qty_per_level=D("0.01"),
        )
        r = run_backtest(GridStrategy(params, market), market, candles, initial_quote=D(100_000))
        return list(r.fills), r.equity.tolist()

    first, second = once(), once()
    assert first == second
    assert len(first[0]) > 1


def test_grid_stop_loss_in_a_crash_cancels_every_order_and_sells_everything() -> None:
    params = GridParams(
        low=D(90), high=D(110), levels=5, qty_per_level=D(1), stop_loss=D(85)
    )  # buys 90 95 rest; seed 2 for the sells at 105 110
    grid = GridStrategy(params, MARKET)
    candles = bars(FLAT, FLAT, (100, 100, 80, 80), (80, 81, 79, 80))

    result = run_backtest(grid, MARKET, candles, initial_quote=D(10_000))

    fills = [(f.client_order_id.split("-")[1], f.side.value, f.price) for f in result.fills]
    assert fills == [
        ("seed", "buy", D(100)),
        ("buy", "buy", D(95)),  # the crash bar goes through both resting buys
        ("buy", "buy", D(90)),
        ("exit", "sell", D(80)),  # close 80 <= 85: flatten at the next open
    ]
    assert result.final_base == 0
    assert grid.stopped
    assert result.rejections == []
