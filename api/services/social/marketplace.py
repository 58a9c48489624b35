"""Strategy marketplace: listings, subscriptions, fees and the ledger behind them.

Paid subscriptions need a step-up ({"kind": "subscribeStrategy", "strategyId": listing id}).
A monthly price is charged when subscribing; a performance fee when a period is settled
(`settle_period`), only on equity above the subscription's high-water mark. Every charge is a
balanced double-entry transaction (engine/social/ledger.py) stored as ledger_entries rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.db.bot_tables import Bot, BotOrder
from api.db.database import Database
from api.db.models import ExchangeAccount, FillRecord, new_id, utcnow
from api.db.social_tables import (
    FeeSettlement,
    LedgerEntry,
    StrategyListing,
    StrategyReview,
    StrategySubscription,
)
from api.errors import BadUserInput, NotFound
from api.services.accounts import Principal
from api.services.social.errors import (
    AlreadySettled,
    AlreadySubscribed,
    CannotSubscribeOwn,
    InvalidFee,
    ReviewNotAllowed,
)
from api.services.social.profiles import plain_text
from api.services.social.subscription_equity import subscription_equity
from api.services.step_up import ARMED_ALERT_SCOPE
from api.services.venues import VenueRegistry
from engine.bots.templates import TemplateBacktest
from engine.bots.templates import template as bot_template
from engine.social.fees import FeeError, check_fee_pct, performance_fee, split_fee
from engine.social.ledger import (
    Transaction,
    creator_earnings,
    fee_charge,
    subscriber_cash,
)

log = logging.getLogger(__name__)

MAX_MONTHLY_PRICE = Decimal(10_000)
REVIEW_AFTER = timedelta(days=7)


class Pricing(StrEnum):
    FREE = "free"
    MONTHLY = "monthly"
    PERFORMANCE = "performance"


class StepUpVerifier(Protocol):
    async def verify_if_required(
        self, principal: Principal, action: dict[str, Any], assertion: str | None
    ) -> object: ...


class SubscriberCopies(Protocol):
    """What the marketplace needs of api.services.bots.BotService."""

    async def bot(self, principal: Principal, bot_id: str) -> Any: ...

    async def create_subscriber_copy(
        self,
        subscriber: Principal,
        *,
        account_id: str,
        allocation: Decimal,
        source_bot_id: str | None = None,
        template_id: str | None = None,
        start: bool = True,
    ) -> Any: ...

    async def start_bot(self, principal: Principal, bot_id: str, step_up: str | None) -> Any: ...

    async def stop_bot(self, principal: Principal, bot_id: str, step_up: str | None) -> Any: ...

    async def delete_bot(self, principal: Principal, bot_id: str) -> bool: ...

    async def template_backtest(self, template_id: str) -> TemplateBacktest | None: ...


@dataclass(frozen=True)
class LiveRecord:
    """A listed bot's verified live record: from the fills the venue reported for its orders
    (recorded by the reconciler/market feed, never typed in). Returns only in %."""

    state: str
    since: datetime
    trades: int
    realised_pnl_pct: Decimal | None  # realised P&L (fees included) / what its buys cost


def acting_for(user_id: str, subscription_id: str) -> Principal:
    """The in-process principal the marketplace starts/stops a subscriber's copy as: the
    subscriber approved it (a step-up bound to the listing) when subscribing, or asked for it
    (cancelling); no token ever resolves to this scope (see StepUpGuard.verify_if_required)."""
    return Principal(user_id, f"subscription:{subscription_id}", ARMED_ALERT_SCOPE)


@dataclass(frozen=True)
class ListingInput:
    source_kind: str  # bot, template
    source_id: str
    title: str
    description: str = ""
    pricing: Pricing = Pricing.FREE
    monthly_price: Decimal | None = None
    performance_fee_pct: Decimal | None = None


def _check_pricing(data: ListingInput) -> None:
    if data.pricing is Pricing.MONTHLY:
        price = data.monthly_price
        if price is None or not price.is_finite() or not 0 < price <= MAX_MONTHLY_PRICE:
            raise InvalidFee(
                f"monthlyPrice must be above 0 and at most {MAX_MONTHLY_PRICE}",
                field="monthlyPrice",
            )
    if data.pricing is Pricing.PERFORMANCE:
        pct = data.performance_fee_pct
        try:
            if pct is None or pct <= 0:
                raise FeeError("a performance fee must be above 0 %")
            check_fee_pct(pct)
        except FeeError as exc:
            raise InvalidFee(str(exc), field="performanceFeePct") from None


def _user_of(account: str) -> str | None:
    """The user id inside 'subscriber:{id}:cash' / 'creator:{id}:...'; None for the platform."""
    parts = account.split(":")
    return parts[1] if len(parts) == 3 and parts[0] in {"subscriber", "creator"} else None


class MarketplaceService:
    def __init__(
        self,
        db: Database,
        step_up: StepUpVerifier,
        *,
        creator_share_pct: Decimal,
        clock: Callable[[], datetime] = utcnow,
        bots: SubscriberCopies | None = None,
        venues: VenueRegistry | None = None,
    ) -> None:
        self.db = db
        self.step_up = step_up
        self.creator_share_pct = creator_share_pct
        self.clock = clock
        # Runs each subscriber's copy of the listed bot/template; without it (tests of the
        # fees alone) subscriptions only bill.
        self.bots = bots
        # Prices the copy's open position when a cancelled subscription's period is settled.
        self.venues = venues

    async def publish(self, principal: Principal, data: ListingInput) -> StrategyListing:
        if data.source_kind not in {"bot", "template"} or not data.source_id.strip():
            raise BadUserInput("source must be a bot or a template id", field="sourceKind")
        title = plain_text(data.title, 80, "title")
        if not title:
            raise BadUserInput("title must not be empty", field="title")
        _check_pricing(data)
        await self._check_source(principal, data.source_kind, data.source_id.strip())
        listing = StrategyListing(
            creator_id=principal.user_id,
            source_kind=data.source_kind,
            source_id=data.source_id.strip()[:64],
            title=title,
            description=plain_text(data.description, 2000, "description"),
            pricing=data.pricing.value,
            monthly_price=data.monthly_price if data.pricing is Pricing.MONTHLY else None,
            performance_fee_pct=(
                data.performance_fee_pct if data.pricing is Pricing.PERFORMANCE else None
            ),
        )
        async with self.db.session() as session:
            session.add(listing)
            await session.commit()
        return listing

    async def listings(
        self, pricing: Pricing | None = None, first: int = 20, after: str | None = None
    ) -> tuple[list[StrategyListing], bool]:
        """Active listings, newest first; `after` is the last id of the previous page."""
        if not 1 <= first <= 100:
            raise BadUserInput("first must be between 1 and 100", field="first")
        query = select(StrategyListing).where(col(StrategyListing.active))
        if pricing is not None:
            query = query.where(StrategyListing.pricing == pricing.value)
        async with self.db.session() as session:
            if after is not None:
                cursor = await session.get(StrategyListing, after)
                if cursor is None:
                    raise BadUserInput("after must be a cursor from this list", field="after")
                query = query.where(
                    (col(StrategyListing.created_at) < cursor.created_at)
                    | (
                        (col(StrategyListing.created_at) == cursor.created_at)
                        & (col(StrategyListing.id) < cursor.id)
                    )
                )
            rows = list(
                (
                    await session.exec(
                        query.order_by(
                            col(StrategyListing.created_at).desc(), col(StrategyListing.id).desc()
                        ).limit(first + 1)
                    )
                ).all()
            )
        return rows[:first], len(rows) > first

    async def listing(self, listing_id: str) -> StrategyListing:
        async with self.db.session() as session:
            listing = await session.get(StrategyListing, listing_id)
        if listing is None:
            raise NotFound("no such listing", field="listingId")
        return listing

    async def subscribe(
        self,
        principal: Principal,
        listing_id: str,
        account_id: str,
        allocation: Decimal,
        assertion: str | None = None,
    ) -> StrategySubscription:
        if not allocation.is_finite() or allocation <= 0:
            raise BadUserInput("allocation must be a positive number", field="allocation")
        async with self.db.session() as session:
            listing = await session.get(StrategyListing, listing_id)
            account = await session.get(ExchangeAccount, account_id)
            existing = (
                await session.exec(
                    select(StrategySubscription).where(
                        StrategySubscription.listing_id == listing_id,
                        StrategySubscription.subscriber_id == principal.user_id,
                    )
                )
            ).first()
        if listing is None or not listing.active:
            raise NotFound("no such listing", field="listingId")
        if listing.creator_id == principal.user_id:
            raise CannotSubscribeOwn("you cannot subscribe to your own strategy")
        if account is None or account.user_id != principal.user_id:
            raise NotFound("no such exchange account", field="accountId")
        if existing is not None and existing.active:
            raise AlreadySubscribed("you already subscribe to this strategy", field="listingId")
        # Paid listings always need the step-up; a free one starts its copy only with one
        # (starting a bot trades the subscriber's money) and otherwise leaves it stopped.
        start = listing.pricing != Pricing.FREE or assertion is not None
        if start:
            action = {"kind": "subscribeStrategy", "strategyId": listing.id}
            await self.step_up.verify_if_required(principal, action, assertion)
        subscription = existing or StrategySubscription(
            listing_id=listing.id, subscriber_id=principal.user_id, account_id=account.id
        )
        copy = await self._create_copy(principal, listing, account.id, allocation)
        acting = acting_for(principal.user_id, subscription.id)
        try:
            if copy is not None and start:
                await self.bots.start_bot(acting, copy, None)  # type: ignore[union-attr]
            subscription.account_id, subscription.allocation = account.id, allocation
            subscription.high_water_mark = allocation
            subscription.active, subscription.cancelled_at = True, None
            subscription.bot_id = copy
            async with self.db.session() as session:
                session.add(subscription)
                await session.flush()
                if listing.pricing == Pricing.MONTHLY and listing.monthly_price:
                    split = split_fee(listing.monthly_price, self.creator_share_pct)
                    memo = f"monthly subscription to {listing.title}"
                    tx = fee_charge(
                        "subscription_fee", memo, principal.user_id, listing.creator_id, split
                    )
                    _store(session, tx, subscription.id)
                await session.commit()
        except Exception as exc:  # nothing half-way: no running copy without its subscription
            if copy is not None:
                await self._remove_copy(acting, copy)
            if isinstance(exc, IntegrityError):  # a concurrent subscribe got there first
                raise AlreadySubscribed(
                    "you already subscribe to this strategy", field="listingId"
                ) from None
            raise
        return subscription

    async def live_record(self, listing: StrategyListing) -> LiveRecord | None:
        """The listed bot's verified record; None for a template (nothing runs live)."""
        if listing.source_kind != "bot":
            return None
        async with self.db.session() as session:
            bot = await session.get(Bot, listing.source_id)
            if bot is None or bot.user_id != listing.creator_id:
                return None
            orders = select(BotOrder.order_id).where(BotOrder.bot_id == bot.id)
            fills = (
                await session.exec(
                    select(col(FillRecord.side), col(FillRecord.price), col(FillRecord.qty)).where(
                        col(FillRecord.order_id).in_(orders),
                        FillRecord.user_id == bot.user_id,
                    )
                )
            ).all()
        bought = sum((price * qty for side, price, qty in fills if side == "buy"), Decimal(0))
        pct = (bot.realised_pnl / bought * 100).quantize(Decimal("0.01")) if bought else None
        return LiveRecord(bot.state, bot.started_at or bot.created_at, len(fills), pct)

    async def backtest(self, listing: StrategyListing) -> TemplateBacktest | None:
        """The strategy's backtest on the sim venue's bundled history (a template's, or the
        template a listed bot was made from); None when there is none."""
        if self.bots is None:
            return None
        template_id: str | None = listing.source_id
        if listing.source_kind == "bot":
            async with self.db.session() as session:
                bot = await session.get(Bot, listing.source_id)
            template_id = bot.template_id if bot is not None else None
        if template_id is None:
            return None
        try:
            return await self.bots.template_backtest(template_id)
        except (NotFound, BadUserInput, ValueError):  # a template withdrawn since
            return None

    async def _check_source(self, principal: Principal, kind: str, source_id: str) -> None:
        """A listed bot is the creator's own; a listed template exists."""
        if kind == "template":
            try:
                bot_template(source_id)
            except ValueError:
                raise NotFound("no such bot template", field="sourceId") from None
        elif self.bots is not None:
            await self.bots.bot(principal, source_id)  # NOT_FOUND unless it is theirs

    async def _create_copy(
        self, subscriber: Principal, listing: StrategyListing, account_id: str, allocation: Decimal
    ) -> str | None:
        """The subscriber's stopped copy of the listing's bot/template (validated, sized to
        the allocation); None without a bot service."""
        if self.bots is None:
            return None
        source = {"source_bot_id": listing.source_id} if listing.source_kind == "bot" else {}
        if listing.source_kind == "template":
            source = {"template_id": listing.source_id}
        bot = await self.bots.create_subscriber_copy(
            subscriber, account_id=account_id, allocation=allocation, start=False, **source
        )
        return str(bot.id)

    async def _remove_copy(self, acting: Principal, bot_id: str) -> None:
        assert self.bots is not None
        try:
            await self.bots.stop_bot(acting, bot_id, None)
            await self.bots.delete_bot(acting, bot_id)
        except Exception:  # the original error matters more; the copy stays stopped/visible
            log.exception("could not remove the subscriber copy %s", bot_id)

    async def cancel(self, principal: Principal, subscription_id: str) -> StrategySubscription:
        """Ends the subscription and stops the subscriber's copy (it stays in their bots, with
        its history; deleting it is theirs to do). A performance-fee subscription's running
        period is settled now, at the stopped copy's verified equity (only above the mark)."""
        async with self.db.session() as session:
            subscription = await session.get(StrategySubscription, subscription_id)
            if subscription is None or subscription.subscriber_id != principal.user_id:
                raise NotFound("no such subscription", field="id")
        if subscription.active and subscription.bot_id is not None and self.bots is not None:
            acting = acting_for(principal.user_id, subscription.id)
            with suppress(NotFound):  # NOT_FOUND: the subscriber deleted the copy already
                await self.bots.stop_bot(acting, subscription.bot_id, None)  # idempotent
        if subscription.active:
            await self._settle_on_cancel(subscription)
        async with self.db.session() as session:
            row = await session.get(StrategySubscription, subscription_id)
            assert row is not None
            if row.active:
                row.active, row.cancelled_at = False, utcnow()
                session.add(row)
                await session.commit()
            return row

    async def _settle_on_cancel(self, subscription: StrategySubscription) -> None:
        if self.venues is None:
            return
        async with self.db.session() as session:
            listing = await session.get(StrategyListing, subscription.listing_id)
        if listing is None or listing.pricing != Pricing.PERFORMANCE:
            return
        try:
            equity = await subscription_equity(self.db, self.venues, subscription)
            await self.settle_period(subscription.id, equity, self.clock())
        except AlreadySettled:
            pass
        except LookupError as exc:  # cancelling is never blocked: it only reduces risk
            log.warning("subscription %s cancelled unsettled: %s", subscription.id, exc)

    async def settle_period(
        self, subscription_id: str, equity: Decimal, period_end: datetime | None = None
    ) -> Decimal:
        """Close a fee period at `equity` (the subscription's verified equity): charge the
        performance fee above the high-water mark, move the mark; returns the fee.

        With `period_end` (the scheduled settlement, api/workers/fee_settlement.py) the period
        is claimed first in the same transaction — primary key (subscription, period end) — so
        a restart or a second replica settling the same period gets ALREADY_SETTLED and
        nothing is charged twice."""
        try:
            async with self.db.session() as session:
                claim = None
                if period_end is not None:  # the claim's INSERT takes the write lock first
                    claim = FeeSettlement(
                        subscription_id=subscription_id,
                        period_end=period_end,
                        equity=equity,
                        created_at=self.clock(),
                    )
                    session.add(claim)
                    await session.flush()
                subscription = await session.get(
                    StrategySubscription, subscription_id, with_for_update=True
                )
                if subscription is None:
                    raise NotFound("no such subscription", field="id")
                listing = await session.get(StrategyListing, subscription.listing_id)
                fee = Decimal(0)
                if listing is not None and listing.pricing == Pricing.PERFORMANCE:
                    pct = listing.performance_fee_pct or Decimal(0)
                    period = performance_fee(equity, subscription.high_water_mark, pct)
                    if claim is not None:
                        claim.high_water_mark, claim.fee = subscription.high_water_mark, period.fee
                    subscription.high_water_mark = period.high_water_mark
                    session.add(subscription)
                    fee = period.fee
                    if fee > 0:
                        split = split_fee(fee, self.creator_share_pct)
                        memo = f"performance fee {pct}% on {listing.title}"
                        tx = fee_charge(
                            "performance_fee",
                            memo,
                            subscription.subscriber_id,
                            listing.creator_id,
                            split,
                        )
                        _store(session, tx, subscription.id)
                await session.commit()
                return fee
        except IntegrityError:
            if period_end is None or not await self._settled(subscription_id, period_end):
                raise
            raise AlreadySettled("this fee period is settled already", field="periodEnd") from None

    async def _settled(self, subscription_id: str, period_end: datetime) -> bool:
        async with self.db.session() as session:
            return await session.get(FeeSettlement, (subscription_id, period_end)) is not None

    async def review(
        self, principal: Principal, listing_id: str, rating: int, text: str = ""
    ) -> StrategyReview:
        """Only a subscriber whose subscription is active and at least 7 days old may review;
        a second review replaces the first."""
        if not 1 <= rating <= 5:
            raise BadUserInput("rating must be 1 to 5", field="rating")
        body = plain_text(text, 500, "text")
        async with self.db.session() as session:
            subscription = (
                await session.exec(
                    select(StrategySubscription).where(
                        StrategySubscription.listing_id == listing_id,
                        StrategySubscription.subscriber_id == principal.user_id,
                        col(StrategySubscription.active),
                    )
                )
            ).first()
            if subscription is None or self.clock() - subscription.created_at < REVIEW_AFTER:
                raise ReviewNotAllowed(
                    "only subscribers of at least 7 days can review", field="listingId"
                )
            review = (
                await session.exec(
                    select(StrategyReview).where(
                        StrategyReview.listing_id == listing_id,
                        StrategyReview.reviewer_id == principal.user_id,
                    )
                )
            ).first() or StrategyReview(
                listing_id=listing_id, reviewer_id=principal.user_id, rating=rating
            )
            review.rating, review.text, review.created_at = rating, body, self.clock()
            session.add(review)
            await session.commit()
            return review

    async def ratings(self, listing_ids: list[str]) -> dict[str, tuple[float, int]]:
        """(average rating, count) per listing id that has reviews."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(StrategyReview).where(col(StrategyReview.listing_id).in_(listing_ids))
                )
            ).all()
        out: dict[str, list[int]] = {}
        for row in rows:
            out.setdefault(row.listing_id, []).append(row.rating)
        return {k: (sum(v) / len(v), len(v)) for k, v in out.items()}

    async def subscriptions(self, user_id: str) -> list[StrategySubscription]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(StrategySubscription)
                .where(StrategySubscription.subscriber_id == user_id)
                .order_by(col(StrategySubscription.created_at).desc())
            )
            return list(rows.all())

    async def earnings(self, user_id: str) -> list[LedgerEntry]:
        """What the creator was credited (their earnings account), newest first."""
        return await self._entries(creator_earnings(user_id))

    async def billing(self, user_id: str) -> list[LedgerEntry]:
        """What the subscriber was charged, newest first."""
        return await self._entries(subscriber_cash(user_id))

    async def _entries(self, account: str) -> list[LedgerEntry]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(LedgerEntry)
                .where(LedgerEntry.account == account)
                .order_by(col(LedgerEntry.created_at).desc(), col(LedgerEntry.id))
            )
            return list(rows.all())


def _store(session: AsyncSession, tx: Transaction, subscription_id: str) -> None:
    tx_id, now = new_id(), utcnow()
    for posting in tx.postings:
        session.add(
            LedgerEntry(
                tx_id=tx_id,
                kind=tx.kind,
                memo=tx.memo[:200],
                account=posting.account,
                user_id=_user_of(posting.account),
                subscription_id=subscription_id,
                amount=posting.amount,
                created_at=now,
            )
        )
