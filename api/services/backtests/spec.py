"""What a backtest job runs: the request as the user sent it, checked and normalised.

Every error is a `BadUserInput` naming the field (GraphQL input names, e.g. `params.levels`).
The normalised spec is JSON-able and stored as the job's input, so a job can be re-run or
inspected exactly as it was validated.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from api.errors import BadUserInput
from engine.bots import templates as catalogue
from engine.market.models import TIMEFRAMES, Market
from engine.market.sim.symbols import default_symbol_names, select_symbols
from engine.strategies import registry

MAX_DAYS = 365
MAX_BARS = 50_000  # e.g. 34 days of 1m, a year of 15m
MAX_CAPITAL = Decimal(10) ** 9
MAX_FEE = Decimal("0.01")  # 1 % per fill
MAX_SLIPPAGE_PCT = Decimal(5)
MAX_SPREAD_BPS = Decimal(500)  # a 5 % quoted spread
MAX_IMPACT_FACTOR = Decimal("0.1")  # at most 10 % for an order as large as the bar's volume
MAX_LATENCY_BARS = 100
MAX_MONTE_CARLO_RUNS = 5_000
MAX_WALK_FORWARD_WINDOWS = 10
MAX_GRID_COMBINATIONS = 24


@dataclass(frozen=True)
class MonteCarloSpec:
    runs: int
    seed: int


@dataclass(frozen=True)
class WalkForwardSpec:
    windows: int
    train_share: float  # of each window, the rest is the test period
    grid: dict[str, list[Any]]


@dataclass(frozen=True)
class BacktestSpec:
    kind: str
    params: dict[str, Any]  # normalised by the registry (template: sized at the first bar)
    template_id: str | None
    symbol: str
    timeframe: str
    days: int
    seed: int
    capital: str  # Decimal as text
    maker_fee: str | None  # None: the market's own
    taker_fee: str | None
    slippage_pct: str
    monte_carlo: MonteCarloSpec | None = None
    walk_forward: WalkForwardSpec | None = None
    signal_model: str | None = None  # None: no ML signals; "bundled" or an uploaded model's id
    # fill model (engine/backtest/runner.py FillModel); defaults: the simple model
    spread_bps: str = "0"
    impact_factor: str = "0"
    latency_bars: int = 0
    partial_fill_share: str | None = None  # None: limit orders fill completely

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BacktestSpec:
        mc, wf = data.get("monte_carlo"), data.get("walk_forward")
        return cls(
            **{k: v for k, v in data.items() if k not in ("monte_carlo", "walk_forward")},
            monte_carlo=MonteCarloSpec(**mc) if mc else None,
            walk_forward=WalkForwardSpec(**wf) if wf else None,
        )


@dataclass(frozen=True)
class BacktestRequest:
    """The raw request (from GraphQL). Exactly one of `kind` and `template_id`."""

    symbol: str
    timeframe: str = "1h"
    days: int = 30
    capital: Decimal = Decimal(10_000)
    kind: str | None = None
    params: Mapping[str, Any] | None = None
    template_id: str | None = None
    seed: int = 7
    maker_fee: Decimal | None = None
    taker_fee: Decimal | None = None
    slippage_pct: Decimal = Decimal(0)
    monte_carlo_runs: int | None = None
    monte_carlo_seed: int = 0
    walk_forward_windows: int | None = None
    walk_forward_train_share: float = 0.7
    walk_forward_grid: Mapping[str, list[Any]] | None = None
    signal_model: str | None = None
    spread_bps: Decimal = Decimal(0)
    impact_factor: Decimal = Decimal(0)
    latency_bars: int = 0
    partial_fill_share: Decimal | None = None


def _dec(value: Any, name: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise BadUserInput(f"{name}: must be a number", field=name) from None
    if not number.is_finite():
        raise BadUserInput(f"{name}: must be a finite number", field=name)
    return number


def _field_of(error: ValueError, prefix: str) -> tuple[str, str]:
    """("params.levels", message) from a registry error "levels: ..."."""
    message = str(error)
    name, sep, _ = message.partition(":")
    if sep and name and " " not in name:
        if name in ("kind", "templateId"):
            return name, message
        return f"{prefix}.{name}", message
    return prefix, message


def validate_request(req: BacktestRequest, market: Market | None = None) -> BacktestSpec:
    """`market`: the rules of imported or venue candles (checked when they were resolved);
    None: the candles come from the sim venue, which must list the symbol."""
    if market is None and req.symbol not in default_symbol_names():
        listed = ", ".join(default_symbol_names())
        raise BadUserInput(f"symbol: unknown sim venue symbol; listed: {listed}", field="symbol")
    validate_period(req)
    capital = _dec(req.capital, "capital")
    if not 0 < capital <= MAX_CAPITAL:
        raise BadUserInput(f"capital: must be above 0 and at most {MAX_CAPITAL}", field="capital")
    fees = {}
    for name, value in (("makerFee", req.maker_fee), ("takerFee", req.taker_fee)):
        fee = None if value is None else _dec(value, name)
        if fee is not None and not 0 <= fee <= MAX_FEE:
            raise BadUserInput(f"{name}: must be a fraction from 0 to {MAX_FEE}", field=name)
        fees[name] = None if fee is None else str(fee)
    slippage = _dec(req.slippage_pct, "slippagePct")
    if not 0 <= slippage <= MAX_SLIPPAGE_PCT:
        raise BadUserInput(f"slippagePct: must be 0 to {MAX_SLIPPAGE_PCT} %", field="slippagePct")
    fill_model = _fill_model(req)
    kind, params, template_id = _strategy(req, market or select_symbols([req.symbol])[0].market)
    return BacktestSpec(
        kind=kind,
        params=params,
        template_id=template_id,
        symbol=req.symbol,
        timeframe=req.timeframe,
        days=req.days,
        seed=req.seed,
        capital=str(capital),
        maker_fee=fees["makerFee"],
        taker_fee=fees["takerFee"],
        slippage_pct=str(slippage),
        monte_carlo=_monte_carlo(req),
        walk_forward=_walk_forward(req, kind, params),
        signal_model=req.signal_model,
        **fill_model,
    )


def _fill_model(req: BacktestRequest) -> dict[str, Any]:
    spread = _dec(req.spread_bps, "spreadBps")
    if not 0 <= spread <= MAX_SPREAD_BPS:
        raise BadUserInput(f"spreadBps: must be 0 to {MAX_SPREAD_BPS} bps", field="spreadBps")
    impact = _dec(req.impact_factor, "impactFactor")
    if not 0 <= impact <= MAX_IMPACT_FACTOR:
        raise BadUserInput(f"impactFactor: must be 0 to {MAX_IMPACT_FACTOR}", field="impactFactor")
    if not 0 <= req.latency_bars <= MAX_LATENCY_BARS:
        raise BadUserInput(
            f"latencyBars: must be 0 to {MAX_LATENCY_BARS} bars", field="latencyBars"
        )
    share = None
    if req.partial_fill_share is not None:
        share = _dec(req.partial_fill_share, "partialFillShare")
        if not 0 < share <= 1:
            raise BadUserInput(
                "partialFillShare: must be above 0 and at most 1 (a fraction of the bar's volume)",
                field="partialFillShare",
            )
    return {
        "spread_bps": str(spread),
        "impact_factor": str(impact),
        "latency_bars": req.latency_bars,
        "partial_fill_share": None if share is None else str(share),
    }


def validate_period(req: BacktestRequest) -> None:
    """The timeframe and the number of days: a known timeframe, 2 to MAX_BARS candles."""
    if req.timeframe not in TIMEFRAMES:
        raise BadUserInput(f"timeframe: use one of {', '.join(TIMEFRAMES)}", field="timeframe")
    if not 1 <= req.days <= MAX_DAYS:
        raise BadUserInput(f"days: must be 1 to {MAX_DAYS}", field="days")
    bars = req.days * 86_400 // TIMEFRAMES[req.timeframe]
    if bars < 2:
        raise BadUserInput("days: the period holds fewer than 2 candles", field="days")
    if bars > MAX_BARS:
        raise BadUserInput(
            f"days: {bars} {req.timeframe} candles exceed the limit of {MAX_BARS}; "
            "use fewer days or a longer timeframe",
            field="days",
        )


def _strategy(req: BacktestRequest, market: Market) -> tuple[str, dict[str, Any], str | None]:
    if (req.kind is None) == (req.template_id is None):
        raise BadUserInput("give a strategy kind with params, or a templateId", field="kind")
    if req.template_id is not None:
        try:
            template = catalogue.template(req.template_id)
        except ValueError as exc:
            raise BadUserInput(str(exc), field="templateId") from None
        if req.params:
            raise BadUserInput(
                "params: a template sizes its own params; leave params out", field="params"
            )
        return template.kind, {}, template.id
    kind = str(req.kind)
    if kind not in registry.strategy_kinds():
        known = ", ".join(registry.strategy_kinds())
        raise BadUserInput(f"kind: unknown strategy {kind!r}; known: {known}", field="kind")
    try:  # against the market's rules too (tick, lot step, minimums)
        parsed = registry.parse_params(kind, dict(req.params or {}), market)
        params = registry.params_to_json(parsed)
    except ValueError as exc:
        name, message = _field_of(exc, "params")
        raise BadUserInput(message, field=name) from None
    return kind, params, None


def _monte_carlo(req: BacktestRequest) -> MonteCarloSpec | None:
    if req.monte_carlo_runs is None:
        return None
    if not 1 <= req.monte_carlo_runs <= MAX_MONTE_CARLO_RUNS:
        raise BadUserInput(
            f"monteCarlo.runs: must be 1 to {MAX_MONTE_CARLO_RUNS}", field="monteCarlo.runs"
        )
    return MonteCarloSpec(runs=req.monte_carlo_runs, seed=req.monte_carlo_seed)


def _walk_forward(
    req: BacktestRequest, kind: str, params: dict[str, Any]
) -> WalkForwardSpec | None:
    if req.walk_forward_windows is None:
        return None
    if req.template_id is not None:
        raise BadUserInput(
            "walkForward: optimise a strategy kind with params, not a template",
            field="walkForward",
        )
    if not 1 <= req.walk_forward_windows <= MAX_WALK_FORWARD_WINDOWS:
        raise BadUserInput(
            f"walkForward.windows: must be 1 to {MAX_WALK_FORWARD_WINDOWS}",
            field="walkForward.windows",
        )
    if not 0.2 <= req.walk_forward_train_share <= 0.9:
        raise BadUserInput(
            "walkForward.trainShare: must be 0.2 to 0.9", field="walkForward.trainShare"
        )
    grid = {k: list(v) for k, v in (req.walk_forward_grid or {}).items()}
    if not grid or any(not values for values in grid.values()):
        raise BadUserInput(
            "walkForward.grid: give at least one value for every parameter",
            field="walkForward.grid",
        )
    combos = list(itertools.product(*grid.values()))
    if len(combos) > MAX_GRID_COMBINATIONS:
        raise BadUserInput(
            f"walkForward.grid: {len(combos)} combinations exceed {MAX_GRID_COMBINATIONS}",
            field="walkForward.grid",
        )
    for combo in combos:  # every combination must be a valid params set
        try:
            registry.validate_params(kind, {**params, **dict(zip(grid, combo, strict=True))})
        except ValueError as exc:
            name, message = _field_of(exc, "walkForward.grid")
            raise BadUserInput(message, field=name) from None
    return WalkForwardSpec(
        windows=req.walk_forward_windows, train_share=req.walk_forward_train_share, grid=grid
    )
