from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.db import bot_tables
from api.services.bots import AccountRisk as AccountRiskView
from api.services.bots import KillSwitchResult as KillSwitchView
from api.services.bots import TemplateView
from engine.bots.templates import TemplateBacktest as TemplateBacktestView
from engine.risk.limits import RiskLimits as Limits
from schema.context import Info
from schema.trading.types import Order


@strawberry.enum(
    description="STOPPED: idle. RUNNING: trading. PAUSED: no new orders, resting orders kept; "
    "starting resumes. ERROR: the strategy raised (see error)."
)
class BotState(Enum):
    STOPPED = "stopped"
    RUNNING = "running"
    PAUSED = "paused"
    ERROR = "error"


@strawberry.enum(description="How much a template can lose in a bad market.")
class RiskLevel(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@strawberry.type(description="Hard limits; null: no limit. Notionals are in the quote currency.")
class RiskLimits:
    max_position_notional: Decimal | None
    max_order_notional: Decimal | None
    max_open_orders: int | None
    daily_loss_limit: Decimal | None = strawberry.field(
        description="Losing this much in a UTC day (realised + unrealised) pauses the bot."
    )

    @classmethod
    def of(cls, limits: Limits) -> RiskLimits:
        return cls(
            max_position_notional=limits.max_position_notional,
            max_order_notional=limits.max_order_notional,
            max_open_orders=limits.max_open_orders,
            daily_loss_limit=limits.daily_loss_limit,
        )


@strawberry.input
class RiskLimitsInput:
    max_position_notional: Decimal | None = None
    max_order_notional: Decimal | None = None
    max_open_orders: int | None = None
    daily_loss_limit: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "max_position_notional": self.max_position_notional,
            "max_order_notional": self.max_order_notional,
            "max_open_orders": self.max_open_orders,
            "daily_loss_limit": self.daily_loss_limit,
        }


@strawberry.type(description="A template's run over the sim venue's bundled history.")
class TemplateBacktest:
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

    @classmethod
    def of(cls, b: TemplateBacktestView) -> TemplateBacktest:
        return cls(
            timeframe=b.timeframe,
            start=b.start,
            end=b.end,
            bars=b.bars,
            initial_capital=b.initial_capital,
            final_equity=b.final_equity,
            total_return=b.total_return,
            max_drawdown=b.max_drawdown,
            sharpe=b.sharpe,
            win_rate=b.win_rate,
            trades=b.trades,
            fees_paid=b.fees_paid,
        )


@strawberry.type(description="A one-tap bot: a strategy sized to today's price and a capital.")
class BotTemplate:
    id: strawberry.ID
    name: str
    description: str
    risk_level: RiskLevel
    suggested_capital: Decimal
    kind: str
    venue: str
    symbol: str
    available: bool
    unavailable_reason: str | None

    @strawberry.field(
        description="Figures on the bundled history (computed once, then cached); "
        "null while the template is unavailable."
    )
    async def backtest(self, info: Info) -> TemplateBacktest | None:
        result = await info.context.services.bots.template_backtest(str(self.id))
        return None if result is None else TemplateBacktest.of(result)

    @classmethod
    def of(cls, view: TemplateView) -> BotTemplate:
        t = view.template
        return cls(
            id=strawberry.ID(t.id),
            name=t.name,
            description=t.description,
            risk_level=RiskLevel(t.risk_level.value),
            suggested_capital=t.suggested_capital,
            kind=t.kind,
            venue="sim",
            symbol=t.symbol,
            available=view.available,
            unavailable_reason=view.unavailable_reason,
        )


@strawberry.type(description="Something that happened to a bot (started, order, fill, limit ...).")
class BotEvent:
    id: strawberry.ID
    at: datetime
    kind: str
    message: str
    data: JSON

    @classmethod
    def of(cls, e: bot_tables.BotEvent) -> BotEvent:
        return cls(
            id=strawberry.ID(e.id), at=e.at, kind=e.kind, message=e.message, data=json.loads(e.data)
        )


@strawberry.type(description="One of your bots.")
class Bot:
    id: strawberry.ID
    account_id: strawberry.ID
    venue: str
    symbol: str
    kind: str
    name: str
    template_id: str | None
    state: BotState
    error: str | None
    params: JSON
    limits: RiskLimits
    position: Decimal = strawberry.field(description="Base quantity the bot's own fills hold.")
    avg_cost: Decimal | None
    realised_pnl: Decimal = strawberry.field(description="Quote currency, fees included.")
    fees_paid: Decimal
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    stopped_at: datetime | None
    show_on_profile: bool = strawberry.field(
        default=False, description="Listed on your public trader profile (setBotProfileVisibility)."
    )

    @strawberry.field(description="P&L of the open position at the current price.")
    async def unrealised_pnl(self, info: Info) -> Decimal:
        if self.avg_cost is None or self.position <= 0:
            return Decimal(0)
        mark = await info.context.services.bots.mark_price(self.venue, self.symbol)
        return Decimal(0) if mark is None else (mark - self.avg_cost) * self.position

    @strawberry.field(description="The bot's orders resting at the venue.")
    async def open_orders(self, info: Info) -> list[Order]:
        principal = info.context.require_user()
        rows = await info.context.services.bots.open_orders(principal, str(self.id))
        return [Order.of(o) for o in rows]

    @strawberry.field(description="The bot's latest events, newest first (at most 50).")
    async def events(self, info: Info, limit: int = 20) -> list[BotEvent]:
        principal = info.context.require_user()
        rows = await info.context.services.bots.events(
            principal, str(self.id), max(1, min(limit, 50))
        )
        return [BotEvent.of(e) for e in rows]

    @classmethod
    def of(cls, b: bot_tables.Bot) -> Bot:
        from api.services.bots.records import bot_limits

        return cls(
            id=strawberry.ID(b.id),
            account_id=strawberry.ID(b.account_id),
            venue=b.venue,
            symbol=b.symbol,
            kind=b.kind,
            name=b.name,
            template_id=b.template_id,
            state=BotState(b.state),
            error=b.error,
            params=json.loads(b.params),
            limits=RiskLimits.of(bot_limits(b)),
            position=b.position,
            avg_cost=b.avg_cost,
            realised_pnl=b.realised_pnl,
            fees_paid=b.fees_paid,
            created_at=b.created_at,
            updated_at=b.updated_at,
            started_at=b.started_at,
            stopped_at=b.stopped_at,
            show_on_profile=b.show_on_profile,
        )


@strawberry.type(description="What the kill switch did.")
class KillSwitchResult:
    bots_stopped: int
    orders_cancelled: int
    orders_left_open: int = strawberry.field(
        description="Orders in doubt at the venue (no answer yet); reconciliation settles them."
    )

    @classmethod
    def of(cls, r: KillSwitchView) -> KillSwitchResult:
        return cls(
            bots_stopped=r.bots_stopped,
            orders_cancelled=r.orders_cancelled,
            orders_left_open=r.orders_left_open,
        )


@strawberry.type(
    description="One value-at-risk figure: the 1-day loss not exceeded with "
    "this confidence, under the method's assumptions."
)
class VarFigure:
    method: str = strawberry.field(description="historical or parametric")
    confidence: float
    amount: Decimal


@strawberry.type(description="One exchange account's bot exposure and limits.")
class AccountRisk:
    account_id: strawberry.ID
    venue: str
    label: str
    bots_running: int
    open_orders: int
    exposure: Decimal = strawberry.field(description="Bots' positions at current prices (quote).")
    daily_pnl: Decimal = strawberry.field(description="Bots' realised P&L today + unrealised.")
    limits: RiskLimits
    var_days: int | None = strawberry.field(description="Daily returns behind the VaR figures.")
    var: list[VarFigure] = strawberry.field(
        description="1-day VaR of the bots' positions, historical and parametric at 95% and 99% "
        "(empty when nothing is held)."
    )

    @classmethod
    def of(cls, r: AccountRiskView) -> AccountRisk:
        return cls(
            account_id=strawberry.ID(r.account_id),
            venue=r.venue,
            label=r.label,
            bots_running=r.bots_running,
            open_orders=r.open_orders,
            exposure=r.exposure,
            daily_pnl=r.daily_pnl,
            limits=RiskLimits.of(r.limits),
            var_days=r.var.days if r.var else None,
            var=[
                VarFigure(method=f.method.value, confidence=f.confidence, amount=f.amount)
                for f in (r.var.figures if r.var else ())
            ],
        )


@strawberry.type(description="Your risk: per account exposure, today's P&L and limits.")
class Risk:
    accounts: list[AccountRisk]
    total_exposure: Decimal


@strawberry.input
class CreateBotInput:
    account_id: strawberry.ID
    kind: str = strawberry.field(description="grid, dca, ... (see botTemplates / docs).")
    symbol: str
    params: JSON = strawberry.field(description="The strategy's parameters (docs/strategies.md).")
    name: str | None = None
    limits: RiskLimitsInput | None = None


@strawberry.input
class CreateBotFromTemplateInput:
    template_id: strawberry.ID
    account_id: strawberry.ID
    overrides: JSON | None = strawberry.field(
        default=None, description="Params to change from the template's."
    )
    capital: Decimal | None = strawberry.field(
        default=None, description="Quote amount to size the bot for (default: suggested)."
    )
    name: str | None = None
    limits: RiskLimitsInput | None = None


@strawberry.input
class UpdateBotInput:
    name: str | None = None
    params: JSON | None = strawberry.field(
        default=None, description="Changed params (merged); only while the bot is stopped."
    )
    limits: RiskLimitsInput | None = None
