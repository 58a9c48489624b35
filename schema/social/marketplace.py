from __future__ import annotations

from decimal import Decimal

import strawberry

from api.services.social.marketplace import ListingInput, Pricing
from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.context import Info
from schema.social.marketplace_types import (
    LedgerStatement,
    PublishStrategyInput,
    StrategyListing,
    StrategyListingPage,
    StrategyPricing,
    StrategySubscription,
)


@strawberry.type
class MarketplaceQuery:
    @strawberry.field(description="Active strategy listings, newest first.")
    async def marketplace(
        self,
        info: Info,
        pricing: StrategyPricing | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> StrategyListingPage:
        marketplace = info.context.services.marketplace
        rows, has_next = await marketplace.listings(
            Pricing(pricing.value) if pricing else None, first, after
        )
        ratings = await marketplace.ratings([r.id for r in rows])
        return StrategyListingPage(
            listings=[StrategyListing.of(r, ratings.get(r.id)) for r in rows],
            has_next_page=has_next,
            end_cursor=rows[-1].id if rows else None,
        )

    @strawberry.field(description="Your strategy subscriptions.")
    async def strategy_subscriptions(self, info: Info) -> list[StrategySubscription]:
        principal = info.context.require_user()
        rows = await info.context.services.marketplace.subscriptions(principal.user_id)
        return [StrategySubscription.of(r) for r in rows]

    @strawberry.field(description="What you earned as a creator (your share of fees).")
    async def earnings(self, info: Info) -> LedgerStatement:
        principal = info.context.require_user()
        rows = await info.context.services.marketplace.earnings(principal.user_id)
        return LedgerStatement.of(rows, -1)

    @strawberry.field(description="What you were charged as a subscriber.")
    async def billing(self, info: Info) -> LedgerStatement:
        principal = info.context.require_user()
        rows = await info.context.services.marketplace.billing(principal.user_id)
        return LedgerStatement.of(rows, 1)


@strawberry.type
class MarketplaceMutation:
    @strawberry.mutation(
        description="Offer a bot or template. Fees outside the allowed range: INVALID_FEE."
    )
    async def publish_strategy(self, info: Info, input: PublishStrategyInput) -> StrategyListing:
        principal = info.context.require_user()
        listing = await info.context.services.marketplace.publish(
            principal,
            ListingInput(
                source_kind=input.source_kind,
                source_id=str(input.source_id),
                title=input.title,
                description=input.description,
                pricing=Pricing(input.pricing.value),
                monthly_price=input.monthly_price,
                performance_fee_pct=input.performance_fee_pct,
            ),
        )
        return StrategyListing.of(listing)

    @strawberry.mutation(
        description="Subscribe with an allocation: creates your copy of the listed bot or "
        "template on accountId, sized to the allocation (botId). Paid listings need a step-up "
        "{kind: subscribeStrategy, strategyId: listingId} and start the copy; a free listing "
        "starts it only when a step-up is given (else it waits stopped in your bots). Codes: "
        "ALREADY_SUBSCRIBED, CANNOT_SUBSCRIBE_OWN, NOT_FOUND, STEP_UP_REQUIRED, "
        "BAD_USER_INPUT (the copy's sizing does not fit the market)."
    )
    async def subscribe_to_strategy(
        self,
        info: Info,
        listing_id: strawberry.ID,
        account_id: strawberry.ID,
        allocation: Decimal,
        step_up: StepUpAssertionInput | None = None,
    ) -> StrategySubscription:
        principal = info.context.require_user()
        row = await info.context.services.marketplace.subscribe(
            principal, str(listing_id), str(account_id), allocation, assertion_of(step_up)
        )
        return StrategySubscription.of(row)

    @strawberry.mutation(
        description="Cancel one of your subscriptions and stop its copy (never guarded: "
        "it only reduces risk)."
    )
    async def cancel_subscription(self, info: Info, id: strawberry.ID) -> StrategySubscription:
        principal = info.context.require_user()
        row = await info.context.services.marketplace.cancel(principal, str(id))
        return StrategySubscription.of(row)

    @strawberry.mutation(
        description="Rate (1-5) and review a strategy: only after 7 days of an active "
        "subscription (REVIEW_NOT_ALLOWED otherwise); a new review replaces yours."
    )
    async def review_strategy(
        self, info: Info, listing_id: strawberry.ID, rating: int, text: str = ""
    ) -> StrategyListing:
        principal = info.context.require_user()
        marketplace = info.context.services.marketplace
        await marketplace.review(principal, str(listing_id), rating, text)
        listing = await marketplace.listing(str(listing_id))
        return StrategyListing.of(
            listing, (await marketplace.ratings([listing.id])).get(listing.id)
        )
