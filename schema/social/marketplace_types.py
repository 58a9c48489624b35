from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.db import social_tables
from api.services.social.marketplace import LiveRecord
from schema.bots.types import TemplateBacktest
from schema.context import Info


@strawberry.enum(description="FREE; MONTHLY (monthlyPrice); PERFORMANCE (a % above the HWM).")
class StrategyPricing(Enum):
    FREE = "free"
    MONTHLY = "monthly"
    PERFORMANCE = "performance"


@strawberry.type(
    description="VERIFIED LIVE record of a listed bot: from the fills the venue reported for "
    "its orders (never typed in); returns in % only."
)
class StrategyLiveRecord:
    state: str = strawberry.field(description="The listed bot now: running, stopped ...")
    since: datetime = strawberry.field(description="When it (last) started live.")
    trades: int = strawberry.field(description="Its fills on the venue.")
    realised_pnl_pct: Decimal | None = strawberry.field(
        description="Realised P&L (fees included) as % of what its buys cost; null before one."
    )

    @classmethod
    def of(cls, record: LiveRecord) -> StrategyLiveRecord:
        return cls(
            state=record.state,
            since=record.since,
            trades=record.trades,
            realised_pnl_pct=record.realised_pnl_pct,
        )


@strawberry.type(description="A strategy offered on the marketplace.")
class StrategyListing:
    id: strawberry.ID
    creator_id: strawberry.ID
    source_kind: str
    title: str
    description: str
    pricing: StrategyPricing
    monthly_price: Decimal | None
    performance_fee_pct: Decimal | None
    created_at: datetime
    rating: float | None = strawberry.field(
        default=None, description="Average review (1-5) by subscribers of 7+ days."
    )
    review_count: int = 0
    row: strawberry.Private[social_tables.StrategyListing | None] = None

    @strawberry.field(
        description="VERIFIED LIVE record of the listed bot (null for a template: nothing "
        "runs live). Shown apart from `backtest`."
    )
    async def verified_record(self, info: Info) -> StrategyLiveRecord | None:
        if self.row is None:
            return None
        record = await info.context.services.marketplace.live_record(self.row)
        return None if record is None else StrategyLiveRecord.of(record)

    @strawberry.field(
        description="BACKTEST (simulated on the sim venue's bundled history, not live "
        "results) of the template, or of the template the listed bot was made from."
    )
    async def backtest(self, info: Info) -> TemplateBacktest | None:
        if self.row is None:
            return None
        result = await info.context.services.marketplace.backtest(self.row)
        return None if result is None else TemplateBacktest.of(result)

    @classmethod
    def of(
        cls, row: social_tables.StrategyListing, rating: tuple[float, int] | None = None
    ) -> StrategyListing:
        return cls(
            row=row,
            id=strawberry.ID(row.id),
            creator_id=strawberry.ID(row.creator_id),
            source_kind=row.source_kind,
            title=row.title,
            description=row.description,
            pricing=StrategyPricing(row.pricing),
            monthly_price=row.monthly_price,
            performance_fee_pct=row.performance_fee_pct,
            created_at=row.created_at,
            rating=rating[0] if rating else None,
            review_count=rating[1] if rating else 0,
        )


@strawberry.type
class StrategyListingPage:
    listings: list[StrategyListing]
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="Your subscription to a listing.")
class StrategySubscription:
    id: strawberry.ID
    listing_id: strawberry.ID
    account_id: strawberry.ID
    allocation: Decimal
    high_water_mark: Decimal
    active: bool
    created_at: datetime
    bot_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Your copy of the listed bot (in your bots): started on subscribing (a "
        "free listing's only with a step-up, else it waits stopped), stopped on cancelling.",
    )

    @classmethod
    def of(cls, row: social_tables.StrategySubscription) -> StrategySubscription:
        return cls(
            id=strawberry.ID(row.id),
            listing_id=strawberry.ID(row.listing_id),
            account_id=strawberry.ID(row.account_id),
            allocation=row.allocation,
            high_water_mark=row.high_water_mark,
            active=row.active,
            created_at=row.created_at,
            bot_id=strawberry.ID(row.bot_id) if row.bot_id else None,
        )


@strawberry.type(description="One ledger posting on your account (debit > 0, credit < 0).")
class LedgerLine:
    id: strawberry.ID
    transaction_id: strawberry.ID
    kind: str
    memo: str
    amount: Decimal
    created_at: datetime

    @classmethod
    def of(cls, row: social_tables.LedgerEntry) -> LedgerLine:
        return cls(
            id=strawberry.ID(row.id),
            transaction_id=strawberry.ID(row.tx_id),
            kind=row.kind,
            memo=row.memo,
            amount=row.amount,
            created_at=row.created_at,
        )


@strawberry.type(description="Ledger lines of one of your accounts and their total.")
class LedgerStatement:
    total: Decimal
    lines: list[LedgerLine]

    @classmethod
    def of(cls, rows: list[social_tables.LedgerEntry], sign: int) -> LedgerStatement:
        """`sign` -1 shows credits (earnings) as positive amounts."""
        lines = [LedgerLine.of(r) for r in rows]
        for line in lines:
            line.amount = line.amount * sign
        return cls(total=sum((line.amount for line in lines), Decimal(0)), lines=lines)


@strawberry.input
class PublishStrategyInput:
    source_kind: str = strawberry.field(description="bot or template")
    source_id: strawberry.ID
    title: str
    description: str = ""
    pricing: StrategyPricing = StrategyPricing.FREE
    monthly_price: Decimal | None = None
    performance_fee_pct: Decimal | None = None
