"""Strategy marketplace: listings, subscriptions, fees and the ledger behind them.

Paid subscriptions need a step-up ({"kind": "subscribeStrategy", "strategyId": listing id}).
A monthly price is charged when subscribing; a performance fee when a period is settled
(`settle_period`), only on equity above the subscription's high-water mark. Every charge is a
balanced double-entry transaction (engine/social/ledger.py) stored as ledger_entries rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.db.database import Database
from api.db.models import ExchangeAccount, new_id, utcnow
from api.db.social_tables import (
    LedgerEntry,
    StrategyListing,
    StrategyReview,
    StrategySubscription,
)
from api.errors import BadUserInput, NotFound
from api.services.accounts import Principal
from api.services.social.errors import (
    AlreadySubscribed,
    CannotSubscribeOwn,
    InvalidFee,
    ReviewNotAllowed,
)
from api.services.social.profiles import plain_text
from engine.social.fees import FeeError, check_fee_pct, performance_fee, split_fee
from engine.social.ledger import (
    Transaction,
    creator_earnings,
    fee_charge,
    subscriber_cash,
)

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
    ) -> None:
        self.db = db
        self.step_up = step_up
        self.creator_share_pct = creator_share_pct
        self.clock = clock

    async def publish(self, principal: Principal, data: ListingInput) -> StrategyListing:
        if data.source_kind not in {"bot", "template"} or not data.source_id.strip():
            raise BadUserInput("source must be a bot or a template id", field="sourceKind")
        title = plain_text(data.title, 80, "title")
        if not title:
            raise BadUserInput("title must not be empty", field="title")
        _check_pricing(data)
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
        if listing.pricing != Pricing.FREE:
            action = {"kind": "subscribeStrategy", "strategyId": listing.id}
            await self.step_up.verify_if_required(principal, action, assertion)
        subscription = existing or StrategySubscription(
            listing_id=listing.id, subscriber_id=principal.user_id, account_id=account.id
        )
        subscription.account_id, subscription.allocation = account.id, allocation
        subscription.high_water_mark = allocation
        subscription.active, subscription.cancelled_at = True, None
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
        return subscription

    async def cancel(self, principal: Principal, subscription_id: str) -> StrategySubscription:
        async with self.db.session() as session:
            subscription = await session.get(StrategySubscription, subscription_id)
            if subscription is None or subscription.subscriber_id != principal.user_id:
                raise NotFound("no such subscription", field="id")
            if subscription.active:
                subscription.active, subscription.cancelled_at = False, utcnow()
                session.add(subscription)
                await session.commit()
            return subscription

    async def settle_period(self, subscription_id: str, equity: Decimal) -> Decimal:
        """Close a fee period at `equity` (the subscription's verified equity): charge the
        performance fee above the high-water mark, move the mark; returns the fee."""
        async with self.db.session() as session:
            subscription = await session.get(
                StrategySubscription, subscription_id, with_for_update=True
            )
            if subscription is None:
                raise NotFound("no such subscription", field="id")
            listing = await session.get(StrategyListing, subscription.listing_id)
            if listing is None or listing.pricing != Pricing.PERFORMANCE:
                return Decimal(0)
            pct = listing.performance_fee_pct or Decimal(0)
            period = performance_fee(equity, subscription.high_water_mark, pct)
            subscription.high_water_mark = period.high_water_mark
            session.add(subscription)
            if period.fee > 0:
                split = split_fee(period.fee, self.creator_share_pct)
                memo = f"performance fee {pct}% on {listing.title}"
                tx = fee_charge(
                    "performance_fee", memo, subscription.subscriber_id, listing.creator_id, split
                )
                _store(session, tx, subscription.id)
            await session.commit()
            return period.fee

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
