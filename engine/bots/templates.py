"""One-tap bot templates: data, plus a recipe that sizes the params to a market and a capital.

A template never hard-codes prices: its recipe turns (market, current price, capital) into the
strategy params, so "conservative BTC grid" means a band around today's price whatever the
price is. `available(template)` is false while the strategy kind is not in the registry (or its
params do not validate there yet); such templates are still listed, greyed out.

`backtest_template` runs the template's strategy through the event-driven backtester on the
candles it is given (the service passes the sim venue's bundled hourly history), sized at the
first bar's close with the suggested capital — honest figures, including bad ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from engine.backtest.runner import run_backtest
from engine.market.models import Candle, Market
from engine.strategies import registry
from engine.strategies.base import round_to
from engine.strategies.feed import SideEvent, WithSideEvents

Recipe = Callable[[Market, Decimal, Decimal], dict[str, Any]]


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class BotTemplate:
    id: str
    name: str
    description: str  # plain language: what it does, when it loses
    risk_level: RiskLevel
    suggested_capital: Decimal  # quote currency
    kind: str  # strategy kind in engine.strategies.registry
    symbol: str  # a sim venue symbol
    recipe: Recipe

    def params_for(
        self, market: Market, price: Decimal, capital: Decimal | None = None
    ) -> dict[str, Any]:
        return self.recipe(market, price, capital or self.suggested_capital)


@dataclass(frozen=True, slots=True)
class TemplateBacktest:
    template_id: str
    symbol: str
    timeframe: str
    start: datetime
    end: datetime
    bars: int
    initial_capital: Decimal
    final_equity: Decimal
    total_return: float
    max_drawdown: float
    sharpe: float
    win_rate: float
    trades: int
    fees_paid: Decimal


# -- sizing helpers -------------------------------------------------------------------------


def _qty(market: Market, notional: Decimal, price: Decimal) -> Decimal:
    """Base quantity worth about `notional`, on the lot step and at least the venue minimum."""
    qty = round_to(notional / price, market.qty_step, ROUND_FLOOR)
    by_notional = round_to(market.min_notional / price, market.qty_step, ROUND_CEILING)
    return max(qty, market.min_qty, by_notional)


def _price(market: Market, value: Decimal, rounding: str = ROUND_FLOOR) -> str:
    return str(round_to(value, market.price_tick, rounding))


def _pct(value: str) -> Decimal:
    return Decimal(value) / 100


def grid_recipe(band_pct: str, levels: int, stop_pct: str | None = None) -> Recipe:
    """A grid over price x (1 +/- band), capital split evenly over the levels."""

    def recipe(market: Market, price: Decimal, capital: Decimal) -> dict[str, Any]:
        band = _pct(band_pct)
        low, high = price * (1 - band), price * (1 + band)
        params: dict[str, Any] = {
            "low": _price(market, low, ROUND_CEILING),
            "high": _price(market, high),
            "levels": levels,
            "qty_per_level": str(_qty(market, capital / levels, price)),
            "spacing": "arithmetic",
        }
        if stop_pct is not None:
            params["stop_loss"] = _price(market, low * (1 - _pct(stop_pct)))
        return params

    return recipe


def dca_recipe(
    deviation_pct: str,
    safety_orders: int,
    take_profit_pct: str,
    volume_scale: str = "1",
    step_scale: str = "1",
    extra: Mapping[str, Any] | None = None,
) -> Recipe:
    """Base order = 1 share of the capital; safety orders grow by `volume_scale`, so the whole
    ladder (1 + sum of scales) fits the capital at today's price."""

    def recipe(market: Market, price: Decimal, capital: Decimal) -> dict[str, Any]:
        scale = Decimal(volume_scale)
        shares = Decimal(1) + sum((scale**k for k in range(safety_orders)), Decimal(0))
        unit = capital / shares
        return {
            "base_qty": str(_qty(market, unit, price)),
            "safety_qty": str(_qty(market, unit, price)),
            "price_deviation_pct": deviation_pct,
            "max_safety_orders": safety_orders,
            "take_profit_pct": take_profit_pct,
            "volume_scale": volume_scale,
            "step_scale": step_scale,
            **(extra or {}),
        }

    return recipe


def quote_recipe(share: str, fixed: Mapping[str, Any]) -> Recipe:
    """Fixed params plus the quote amount each trade may use: `share` of the capital."""

    def recipe(market: Market, price: Decimal, capital: Decimal) -> dict[str, Any]:
        amount = (capital * Decimal(share)).quantize(Decimal("0.01"), ROUND_FLOOR)
        return {"quote_amount": str(amount), **fixed}

    return recipe


TEMPLATES: tuple[BotTemplate, ...] = (
    BotTemplate(
        id="btc-grid-conservative",
        name="Conservative BTC grid",
        description="Buys BTC a little lower and sells it a little higher, 10 times over a band "
        "of 4% around today's price. Earns in sideways markets; if BTC falls 3% below the band "
        "it stops and sells, taking that loss.",
        risk_level=RiskLevel.LOW,
        suggested_capital=Decimal(1000),
        kind="grid",
        symbol="BTC/USDT",
        recipe=grid_recipe("4", 10, stop_pct="3"),
    ),
    BotTemplate(
        id="eth-weekly-dca",
        name="ETH weekly DCA",
        description="Buys ETH now, then buys more in 4 steps if it drops (each step about a "
        "typical week's move of 3.5%), and sells everything 3% above the average price. "
        "Then starts again. Loses while ETH keeps falling below the last step.",
        risk_level=RiskLevel.MEDIUM,
        suggested_capital=Decimal(500),
        kind="dca",
        symbol="ETH/USDT",
        recipe=dca_recipe("3.5", 4, "3"),
    ),
    BotTemplate(
        id="btc-smart-dca-ml",
        name="Smart DCA with ML timing",
        description="Like DCA on BTC, but each extra buy waits until the dip model says a "
        "rebound is likely. Safety orders grow 1.5x so the average falls faster; takes profit "
        "2% above it. Models can be wrong: the ladder can still fill all the way down.",
        risk_level=RiskLevel.MEDIUM,
        suggested_capital=Decimal(1000),
        kind="dca",
        symbol="BTC/USDT",
        recipe=dca_recipe("2", 5, "2", volume_scale="1.5", extra={"ml_timing_threshold": 0.6}),
    ),
    BotTemplate(
        id="sol-momentum",
        name="SOL momentum",
        description="Follows SOL's trend: buys when the fast average crosses above the slow "
        "one and exits on the opposite cross or an ATR stop. Wins in trends, pays small losses "
        "in choppy markets.",
        risk_level=RiskLevel.HIGH,
        suggested_capital=Decimal(500),
        kind="momentum",
        symbol="SOL/USDT",
        recipe=quote_recipe(
            "0.9",
            {"entry": "ema_cross", "fast_period": 12, "slow_period": 48, "atr_stop_mult": "2"},
        ),
    ),
    BotTemplate(
        id="majors-mean-reversion",
        name="Mean reversion on ETH",
        description="Buys ETH when it falls well below its recent average (z-score below -2 "
        "with RSI oversold) and sells back at the average, or after a time stop. Loses when a "
        "drop turns into a trend.",
        risk_level=RiskLevel.MEDIUM,
        suggested_capital=Decimal(800),
        kind="mean_reversion",
        symbol="ETH/USDT",
        recipe=quote_recipe("0.9", {"period": 48, "entry_z": "2", "rsi_max": "30", "max_bars": 48}),
    ),
    BotTemplate(
        id="btc-sentiment-scalper",
        name="Sentiment scalper",
        description="Trades BTC on sudden shifts in news sentiment (the sim venue's headline "
        "stream offline, RSS feeds live) and exits quickly. Headlines can mislead: keep it "
        "small.",
        risk_level=RiskLevel.HIGH,
        suggested_capital=Decimal(300),
        kind="sentiment",
        symbol="BTC/USDT",
        recipe=quote_recipe("0.9", {"entry_level": 0.6, "stop_pct": "2", "max_hold_s": 3600}),
    ),
    BotTemplate(
        id="eth-whale-follower",
        name="Whale follower",
        description="Watches ETH for unusually large trades, resting orders and transfers of "
        "1,000 ETH or more to or from exchanges, and follows their direction for a short while. "
        "Whales can also be fooling the market.",
        risk_level=RiskLevel.HIGH,
        suggested_capital=Decimal(500),
        kind="whale",
        symbol="ETH/USDT",
        recipe=quote_recipe(
            "0.9", {"mode": "follow", "hold_s": 3600, "stop_pct": "2", "transfer_min": "1000"}
        ),
    ),
    BotTemplate(
        id="trx-low-risk-grid",
        name="Low-risk steady grid",
        description="The calmest market on the venue (TRX, the nearest to a stablecoin here) "
        "with a tight 2% grid of 8 levels: many small, frequent profits. Stops and sells if "
        "the price leaves the band downwards by 2%.",
        risk_level=RiskLevel.LOW,
        suggested_capital=Decimal(300),
        kind="grid",
        symbol="TRX/USDT",
        recipe=grid_recipe("2", 8, stop_pct="2"),
    ),
)

_BY_ID = {t.id: t for t in TEMPLATES}


def template(template_id: str) -> BotTemplate:
    """The template with this id; ValueError naming `templateId` otherwise."""
    try:
        return _BY_ID[template_id]
    except KeyError:
        raise ValueError(f"templateId: unknown template {template_id!r}") from None


def unavailable_reason(t: BotTemplate, market: Market, price: Decimal) -> str | None:
    """Why the template cannot be used yet (None: it can)."""
    if t.kind not in registry.strategy_kinds():
        return f"the {t.kind} strategy is not available yet"
    try:
        registry.parse_params(t.kind, t.params_for(market, price), market)
    except ValueError as exc:
        return f"its parameters do not fit the {t.kind} strategy yet ({exc})"
    return None


def backtest_template(
    t: BotTemplate,
    market: Market,
    candles: Sequence[Candle],
    timeframe: str,
    events: Sequence[SideEvent] = (),
) -> TemplateBacktest:
    """Run the template over `candles`, sized at the first closed bar's close; `events`
    (headlines, whale transfers) reach the strategy at the close of the bar they fall in."""
    bars = [c for c in candles if c.closed]
    if len(bars) < 2:
        raise ValueError("candles: need at least two closed candles")
    params = t.params_for(market, bars[0].close)
    strategy = registry.build_strategy(t.kind, params, market)
    if events:
        strategy = WithSideEvents(strategy, events)
    result = run_backtest(strategy, market, bars[1:], initial_quote=t.suggested_capital)
    s = result.stats
    final = result.final_quote + result.final_base * bars[-1].close
    return TemplateBacktest(
        template_id=t.id,
        symbol=t.symbol,
        timeframe=timeframe,
        start=bars[1].open_time,
        end=result.times[-1],
        bars=len(bars) - 1,
        initial_capital=t.suggested_capital,
        final_equity=final,
        total_return=s.total_return,
        max_drawdown=s.max_drawdown,
        sharpe=s.sharpe,
        win_rate=s.win_rate,
        trades=s.trade_count,
        fees_paid=s.fees_paid,
    )
