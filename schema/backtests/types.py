from __future__ import annotations

import functools
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from api.db.backtest_tables import BacktestJob as JobRow
from api.errors import BadUserInput
from api.services.backtests import BacktestRequest, input_of, result_of
from api.services.orders.pages import Page
from schema.backtests.data import BacktestDataSourceInput
from schema.trading.types import PageInfo


@strawberry.enum
class BacktestStatus(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELED = "canceled"


@strawberry.input(description="Monte Carlo on the result: bootstrap of trades and of returns.")
class BacktestMonteCarloInput:
    runs: int = strawberry.field(default=1000, description="Paths per method (1 to 5,000).")
    seed: int = 0


@strawberry.input(
    description="Walk-forward optimisation: the period is cut into `windows` consecutive "
    "windows; in each, every grid combination is backtested on the first `trainShare` of it "
    "and the best (by total return) is traded on the rest."
)
class BacktestWalkForwardInput:
    windows: int = strawberry.field(description="1 to 10.")
    grid: JSON = strawberry.field(
        description='Param name -> values to try, e.g. {"levels": [5, 10, 20]} (at most 24 '
        "combinations); merged into params."
    )
    train_share: float = 0.7


@strawberry.input(
    description="A backtest on the sim venue's seeded history: a strategy kind with params, "
    "or a bot template (sized to the capital at the first candle)."
)
class BacktestInput:
    symbol: str = strawberry.field(description="A sim venue symbol, e.g. BTC/USDT.")
    kind: str | None = strawberry.field(
        default=None, description="Strategy kind (docs/strategies.md), e.g. grid, momentum."
    )
    params: JSON | None = strawberry.field(default=None, description="The strategy's params.")
    template_id: str | None = strawberry.field(default=None, description="Instead of kind.")
    timeframe: str = "1h"
    days: int = strawberry.field(default=30, description="Length of the period (1 to 365).")
    capital: Decimal = strawberry.field(
        default=Decimal(10_000), description="Starting quote balance."
    )
    seed: int = strawberry.field(default=7, description="History seed: same seed, same candles.")
    maker_fee: Decimal | None = strawberry.field(
        default=None, description="Fraction per maker fill; default: the market's."
    )
    taker_fee: Decimal | None = strawberry.field(
        default=None, description="Fraction per taker fill; default: the market's."
    )
    slippage_pct: Decimal = strawberry.field(
        default=Decimal(0), description="Market orders fill this % worse than the open."
    )
    spread_bps: Decimal = strawberry.field(
        default=Decimal(0),
        description="Quoted bid-ask spread in basis points (0 to 500); market orders pay half "
        "of it on top of slippagePct.",
    )
    impact_factor: Decimal = strawberry.field(
        default=Decimal(0),
        description="Size-vs-depth impact k (0 to 0.1): a market order also fills "
        "k * min(1, qty / bar volume) worse than the open.",
    )
    latency_bars: int = strawberry.field(
        default=0,
        description="Extra bars (0 to 100) before a placed or amended order becomes active; "
        "0: it can fill from the next bar.",
    )
    partial_fill_share: Decimal | None = strawberry.field(
        default=None,
        description="Partial fills for limit orders: per bar that trades through its price, a "
        "limit fills at most this share (above 0, at most 1) of the bar's volume; the rest "
        "stays open. Default: limits fill completely.",
    )
    monte_carlo: BacktestMonteCarloInput | None = None
    walk_forward: BacktestWalkForwardInput | None = None
    signal_model: str | None = strawberry.field(
        default=None,
        description='Feed ML signals (one per closed candle) to the strategy: "bundled", or the '
        "id of one of your uploaded models (it replaces the bundled model of its kind). "
        "Default: no signals (ML-gated params then never fire).",
    )

    data_source: BacktestDataSourceInput | None = strawberry.field(
        default=None, description="The candles: SIM history (default) or an imported CSV set."
    )

    def to_request(self) -> BacktestRequest:
        mc, wf = self.monte_carlo, self.walk_forward
        return BacktestRequest(
            symbol=self.symbol,
            timeframe=self.timeframe,
            days=self.days,
            capital=self.capital,
            kind=self.kind,
            params=_object(self.params, "params"),
            template_id=self.template_id,
            seed=self.seed,
            maker_fee=self.maker_fee,
            taker_fee=self.taker_fee,
            slippage_pct=self.slippage_pct,
            spread_bps=self.spread_bps,
            impact_factor=self.impact_factor,
            latency_bars=self.latency_bars,
            partial_fill_share=self.partial_fill_share,
            monte_carlo_runs=mc.runs if mc else None,
            monte_carlo_seed=mc.seed if mc else 0,
            walk_forward_windows=wf.windows if wf else None,
            walk_forward_train_share=wf.train_share if wf else 0.7,
            walk_forward_grid=_grid(wf.grid) if wf else None,
            signal_model=self.signal_model,
        )


def _object(value: Any, field: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadUserInput(f"{field}: must be an object", field=field)
    return value


def _grid(value: Any) -> dict[str, list[Any]]:
    grid = _object(value, "walkForward.grid") or {}
    if not all(isinstance(v, list) for v in grid.values()):
        raise BadUserInput(
            "walkForward.grid: each param needs a list of values", field="walkForward.grid"
        )
    return grid


@strawberry.type(description="Figures of one backtest (returns are fractions: 0.05 = 5 %).")
class BacktestMetrics:
    total_return: float
    cagr: float = strawberry.field(description="Total return annualised over the period.")
    sharpe: float = strawberry.field(description="Annualised, from per-bar returns.")
    sortino: float = strawberry.field(description="Annualised, downside deviation only.")
    max_drawdown: float
    win_rate: float = strawberry.field(description="Share of round trips with a profit.")
    profit_factor: float | None = strawberry.field(
        description="Gross profit / gross loss of round trips; null without a losing one."
    )
    exposure: float = strawberry.field(description="Share of bars with a position held.")
    fees_paid: Decimal
    trades: int = strawberry.field(description="Fills.")
    round_trips: int
    realized_pnl: Decimal
    final_equity: float

    @classmethod
    def of(cls, m: dict[str, Any]) -> BacktestMetrics:
        return cls(
            total_return=m["total_return"],
            cagr=m["cagr"],
            sharpe=m["sharpe"],
            sortino=m["sortino"],
            max_drawdown=m["max_drawdown"],
            win_rate=m["win_rate"],
            profit_factor=m["profit_factor"],
            exposure=m["exposure"],
            fees_paid=Decimal(m["fees_paid"]),
            trades=m["trades"],
            round_trips=m["round_trips"],
            realized_pnl=Decimal(m["realized_pnl"]),
            final_equity=m["final_equity"],
        )


@strawberry.type
class BacktestEquityPoint:
    time: datetime
    equity: float


@strawberry.type
class BacktestTrade:
    time: datetime
    side: str
    price: Decimal
    qty: Decimal
    fee: Decimal
    liquidity: str


@strawberry.type
class BacktestPercentile:
    percentile: float
    value: float


@strawberry.type(description="Percentile bands of final equity and max drawdown over paths.")
class BacktestMonteCarloBands:
    method: str = strawberry.field(description="trades (bootstrap) or blocks (of returns).")
    runs: int
    final_equity: list[BacktestPercentile]
    max_drawdown: list[BacktestPercentile]
    probability_of_loss: float

    @classmethod
    def of(cls, b: dict[str, Any] | None) -> BacktestMonteCarloBands | None:
        if b is None:
            return None
        return cls(
            method=b["method"],
            runs=b["runs"],
            final_equity=[BacktestPercentile(**p) for p in b["final_equity"]],
            max_drawdown=[BacktestPercentile(**p) for p in b["max_drawdown"]],
            probability_of_loss=b["probability_of_loss"],
        )


@strawberry.type
class BacktestMonteCarlo:
    trades: BacktestMonteCarloBands | None = strawberry.field(
        description="Bootstrap of round-trip P&L (null without round trips)."
    )
    blocks: BacktestMonteCarloBands | None = strawberry.field(
        description="Block bootstrap of per-bar returns."
    )


@strawberry.type
class BacktestWindow:
    train_start: datetime
    test_start: datetime
    test_end: datetime
    params: JSON = strawberry.field(description="The grid values chosen on the training bars.")
    train_return: float
    test_return: float
    test_trades: int
    test_max_drawdown: float


@strawberry.type(description="Out-of-sample report of a walk-forward optimisation.")
class BacktestWalkForward:
    windows: list[BacktestWindow]
    out_of_sample_return: float = strawberry.field(description="Test returns compounded.")
    mean_train_return: float
    mean_test_return: float
    efficiency: float = strawberry.field(
        description="Mean test / mean train return: near 1 holds up, <= 0 was curve-fitting."
    )


@strawberry.type(description="A backtest job: its state while it runs, its report when done.")
class BacktestJob:
    id: strawberry.ID
    status: BacktestStatus
    progress: float = strawberry.field(description="0 to 1.")
    eta_seconds: float | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    input: JSON = strawberry.field(description="The validated request, as it was run.")
    _row: strawberry.Private[JobRow]

    @functools.cached_property
    def _result(self) -> dict[str, Any] | None:
        """The report, parsed once and only when a report field is asked for (lists stay cheap)."""
        return result_of(self._row)

    @classmethod
    def of(cls, row: JobRow) -> BacktestJob:
        return cls(
            id=strawberry.ID(row.id),
            status=BacktestStatus(row.status),
            progress=row.progress,
            eta_seconds=row.eta_seconds,
            error=row.error,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            input=cast(JSON, input_of(row)),
            _row=row,
        )

    @strawberry.field(description="Null until the job is done.")
    def metrics(self) -> BacktestMetrics | None:
        return BacktestMetrics.of(self._result["metrics"]) if self._result else None

    @strawberry.field(description="Equity at bar closes, at most 500 evenly spaced points.")
    def equity_curve(self) -> list[BacktestEquityPoint]:
        points = self._result["equity_curve"] if self._result else []
        return [
            BacktestEquityPoint(time=datetime.fromisoformat(p["t"]), equity=p["equity"])
            for p in points
        ]

    @strawberry.field(description="Fills in order (the first 1,000; see tradesTruncated).")
    def trades(self) -> list[BacktestTrade]:
        fills = self._result["trades"] if self._result else []
        return [
            BacktestTrade(
                time=datetime.fromisoformat(f["t"]),
                side=f["side"],
                price=Decimal(f["price"]),
                qty=Decimal(f["qty"]),
                fee=Decimal(f["fee"]),
                liquidity=f["liquidity"],
            )
            for f in fills
        ]

    @strawberry.field(description="ML signals fed to the strategy (0 without signalModel).")
    def signals(self) -> int:
        return int(self._result.get("signals", 0)) if self._result else 0

    @strawberry.field
    def trades_truncated(self) -> bool:
        return bool(self._result and self._result["trades_truncated"])

    @strawberry.field(description="Params as run (a template's, sized to the capital).")
    def params(self) -> JSON | None:
        return self._result["params"] if self._result else None

    @strawberry.field
    def monte_carlo(self) -> BacktestMonteCarlo | None:
        mc = self._result["monte_carlo"] if self._result else None
        if mc is None:
            return None
        return BacktestMonteCarlo(
            trades=BacktestMonteCarloBands.of(mc["trades"]),
            blocks=BacktestMonteCarloBands.of(mc["blocks"]),
        )

    @strawberry.field
    def walk_forward(self) -> BacktestWalkForward | None:
        wf = self._result["walk_forward"] if self._result else None
        if wf is None:
            return None
        windows = [
            BacktestWindow(
                train_start=datetime.fromisoformat(w["train_start"]),
                test_start=datetime.fromisoformat(w["test_start"]),
                test_end=datetime.fromisoformat(w["test_end"]),
                params=w["params"],
                train_return=w["train_return"],
                test_return=w["test_return"],
                test_trades=w["test_trades"],
                test_max_drawdown=w["test_max_drawdown"],
            )
            for w in wf["windows"]
        ]
        return BacktestWalkForward(
            windows=windows,
            out_of_sample_return=wf["out_of_sample_return"],
            mean_train_return=wf["mean_train_return"],
            mean_test_return=wf["mean_test_return"],
            efficiency=wf["efficiency"],
        )


@strawberry.type(description="A progress frame of a running backtest.")
class BacktestProgress:
    job_id: strawberry.ID
    status: BacktestStatus
    progress: float
    eta_seconds: float | None
    error: str | None

    @classmethod
    def of(cls, frame: dict[str, Any]) -> BacktestProgress:
        return cls(
            job_id=strawberry.ID(frame["id"]),
            status=BacktestStatus(frame["status"]),
            progress=frame["progress"],
            eta_seconds=frame["eta_seconds"],
            error=frame["error"],
        )


@strawberry.type
class BacktestJobEdge:
    cursor: str
    node: BacktestJob


@strawberry.type(description="Your backtests, newest first.")
class BacktestJobConnection:
    edges: list[BacktestJobEdge]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page[JobRow]) -> BacktestJobConnection:
        edges = [
            BacktestJobEdge(cursor=c, node=BacktestJob.of(j))
            for j, c in zip(page.items, page.cursors, strict=True)
        ]
        end = page.cursors[-1] if page.cursors else None
        return cls(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end)
        )
