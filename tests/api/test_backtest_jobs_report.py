"""The report's derived metrics on a hand-made result: CAGR, Sortino, profit factor, exposure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest

from api.services.backtests.report import equity_curve, metrics, round_trip_returns, trades
from engine.backtest.account import RoundTrip
from engine.backtest.runner import BacktestResult
from engine.backtest.stats import BacktestStats
from engine.market.models import Side
from engine.trading.models import Fill, Liquidity

DAY = timedelta(days=1)
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def fill(bar: int, side: Side, qty: str) -> Fill:
    return Fill(
        trade_id=f"t{bar}", order_id=f"o{bar}", client_order_id=f"c{bar}", symbol="BTC/USDT",
        side=side, price=Decimal(100), qty=Decimal(qty), fee=Decimal("0.1"),
        fee_currency="USDT", liquidity=Liquidity.TAKER, timestamp=T0 + bar * DAY,
    )  # fmt: skip


def result(equity: list[float], fills: list[Fill], trips: list[RoundTrip]) -> BacktestResult:
    stats = BacktestStats(
        total_return=equity[-1] / 100 - 1, max_drawdown=0.0, sharpe=0.0, win_rate=0.5,
        trade_count=len(fills), round_trip_count=len(trips), fees_paid=Decimal("0.2"),
        realized_pnl=sum((t.pnl for t in trips), Decimal(0)),
    )  # fmt: skip
    times = [T0 + (i + 1) * DAY for i in range(len(equity))]  # bar i closes a day after it opens
    return BacktestResult(
        fills=fills, round_trips=trips, rejections=[], times=times,
        equity=np.asarray(equity, dtype=np.float64), stats=stats,
        final_quote=Decimal(0), final_base=Decimal(0),
    )  # fmt: skip


def test_exposure_counts_bar_closes_with_a_position() -> None:
    # bought at bar 1's open, half sold at bar 3's open, the rest at bar 4's: long at the
    # closes of bars 1, 2 and 3 out of 6
    fills = [fill(1, Side.BUY, "1"), fill(3, Side.SELL, "0.5"), fill(4, Side.SELL, "0.5")]
    r = result([100.0] * 6, fills, [])
    assert metrics(r, 100.0, 86_400)["exposure"] == pytest.approx(3 / 6)


def test_profit_factor_is_gross_profit_over_gross_loss_and_null_without_losses() -> None:
    trips = [
        RoundTrip(T0, Decimal(1), cost=Decimal(100), proceeds=Decimal(130)),
        RoundTrip(T0, Decimal(1), cost=Decimal(100), proceeds=Decimal(90)),
        RoundTrip(T0, Decimal(1), cost=Decimal(100), proceeds=Decimal(105)),
    ]
    assert metrics(result([100.0, 125.0], [], trips), 100.0, 86_400)["profit_factor"] == 3.5
    assert metrics(result([100.0, 130.0], [], trips[:1]), 100.0, 86_400)["profit_factor"] is None
    assert round_trip_returns(result([100.0], [], trips), Decimal(1000)) == [0.03, -0.01, 0.005]


def test_cagr_annualises_the_total_return_over_the_period() -> None:
    growth = np.geomspace(100 * 1.21 ** (1 / 730), 121, 730)  # +21 % over two years of days
    m = metrics(result(growth.tolist(), [], []), 100.0, 86_400)
    assert m["cagr"] == pytest.approx(0.10, rel=1e-6)
    assert m["final_equity"] == pytest.approx(121)


def test_sortino_uses_only_the_downside() -> None:
    steady = metrics(result([101.0, 102.0, 103.0], [], []), 100.0, 86_400)
    assert steady["sortino"] == 0.0  # no losing bar: no downside deviation
    bumpy = metrics(result([110.0, 105.0, 120.0, 118.0], [], []), 100.0, 86_400)
    assert isinstance(bumpy["sortino"], float) and bumpy["sortino"] > 0


def test_curve_keeps_at_most_500_points_with_the_last_and_trades_are_capped() -> None:
    r = result(
        [100.0 + i for i in range(2_000)], [fill(i, Side.BUY, "1") for i in range(1_200)], []
    )
    curve = equity_curve(r)
    assert len(curve) == 500
    assert curve[0]["equity"] == 100.0 and curve[-1]["equity"] == 2_099.0
    listed, truncated = trades(r)
    assert len(listed) == 1_000 and truncated
    assert listed[0] == {
        "t": T0.isoformat(), "side": "buy", "price": "100", "qty": "1", "fee": "0.1",
        "liquidity": "taker",
    }  # fmt: skip
