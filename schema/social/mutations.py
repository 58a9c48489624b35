from __future__ import annotations

from typing import Any

import strawberry

from api.errors import BadUserInput
from api.services.social import FollowTerms
from api.services.social.profiles import ProfileInput
from engine.social.copy import Sizing
from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.bots.types import Bot
from schema.context import Info
from schema.social.types import (
    Follow,
    FollowTraderInput,
    TraderProfile,
    TraderProfileInput,
    UpdateFollowInput,
)
from schema.trading.types import Order

# Terms that may not be cleared (null) by updateFollow.
REQUIRED_TERMS = {"account_id", "allocation", "sizing", "ratio", "slippage_guard_pct"}
TERM_FIELDS = (
    "account_id",
    "allocation",
    "sizing",
    "ratio",
    "fixed_amount",
    "max_per_trade",
    "slippage_guard_pct",
    "copy_open_positions",
    "stop_loss_pct",
)


def terms_of(input: FollowTraderInput) -> FollowTerms:
    return FollowTerms(
        account_id=str(input.account_id),
        allocation=input.allocation,
        sizing=Sizing(input.sizing.value),
        ratio=input.ratio,
        fixed_amount=input.fixed_amount,
        max_per_trade=input.max_per_trade,
        slippage_guard_pct=input.slippage_guard_pct,
        copy_open_positions=input.copy_open_positions,
        stop_loss_pct=input.stop_loss_pct,
    )


def changes_of(input: UpdateFollowInput) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in TERM_FIELDS:
        value = getattr(input, name)
        if value is strawberry.UNSET:
            continue
        if value is None and (name in REQUIRED_TERMS or name == "copy_open_positions"):
            raise BadUserInput(f"{name} cannot be null", field=name)
        if name == "sizing" and value is not None:
            value = Sizing(value.value)
        elif name == "account_id" and value is not None:
            value = str(value)
        changes[name] = value
    return changes


@strawberry.type(description="What unfollowTrader did.")
class Unfollowed:
    trader_id: strawberry.ID
    closing_orders: list[Order] = strawberry.field(
        description="Market sells of what the copies bought (closePositions: true)."
    )


@strawberry.type
class SocialMutation:
    @strawberry.mutation(
        description="Copy a trader. Step-up guarded: stepUpChallenge with {kind: followTrader, "
        "traderId, amount: allocation}. Codes: CANNOT_FOLLOW_SELF, UNKNOWN_TRADER, "
        "ALLOCATION_ABOVE_FREE_BALANCE, ALREADY_FOLLOWING, BAD_USER_INPUT."
    )
    async def follow_trader(
        self, info: Info, input: FollowTraderInput, step_up: StepUpAssertionInput | None = None
    ) -> Follow:
        principal = info.context.require_user()
        follow = await info.context.services.social.follow(
            principal, str(input.trader_id), terms_of(input), assertion_of(step_up)
        )
        return Follow.of(follow)

    @strawberry.mutation(
        description="Change a follow's terms. A higher allocation needs a step-up "
        "{kind: increaseAllocation, traderId, amount: new allocation}; the rest does not."
    )
    async def update_follow(
        self, info: Info, input: UpdateFollowInput, step_up: StepUpAssertionInput | None = None
    ) -> Follow:
        principal = info.context.require_user()
        follow = await info.context.services.social.update(
            principal, str(input.trader_id), changes_of(input), assertion_of(step_up)
        )
        return Follow.of(follow)

    @strawberry.mutation(
        description="Stop copying a trader (never guarded: it reduces risk); with "
        "closePositions, sell what the copies bought at market."
    )
    async def unfollow_trader(
        self, info: Info, trader_id: strawberry.ID, close_positions: bool = False
    ) -> Unfollowed:
        principal = info.context.require_user()
        orders = await info.context.services.social.unfollow(
            principal, str(trader_id), close_positions
        )
        return Unfollowed(trader_id=trader_id, closing_orders=[Order.of(o) for o in orders])

    @strawberry.mutation(
        description="Opt in to (or change) your public trader profile. Stats on it come only "
        "from the chosen accounts' venue data; absolute balances only with showBalances."
    )
    async def upsert_trader_profile(self, info: Info, input: TraderProfileInput) -> TraderProfile:
        principal = info.context.require_user()
        row = await info.context.services.profiles.upsert(
            principal.user_id,
            ProfileInput(
                handle=input.handle,
                bio=input.bio,
                avatar_url=input.avatar_url,
                style_tags=tuple(input.style_tags),
                public_account_ids=tuple(str(i) for i in input.public_account_ids),
                show_balances=input.show_balances,
            ),
        )
        return TraderProfile.of(row)

    @strawberry.mutation(
        description="Upload your profile avatar: base64 of a PNG, JPEG or WebP image (at most "
        "2 MiB decoded). It is checked by content, turned upright, centre-cropped, resized to "
        "256x256 and re-encoded without metadata; bad input is BAD_USER_INPUT on `image`."
    )
    async def set_avatar(self, info: Info, image: str) -> TraderProfile:
        principal = info.context.require_user()
        row = await info.context.services.profiles.set_avatar(principal.user_id, image)
        return TraderProfile.of(row)

    @strawberry.mutation(description="Remove your uploaded profile avatar.")
    async def remove_avatar(self, info: Info) -> TraderProfile:
        principal = info.context.require_user()
        row = await info.context.services.profiles.remove_avatar(principal.user_id)
        return TraderProfile.of(row)

    @strawberry.mutation(
        description="Show (or hide) one of your bots on your public trader profile. Only the "
        "bot's kind, market, state and returns are shown; amounts only with showBalances."
    )
    async def set_bot_profile_visibility(
        self, info: Info, bot_id: strawberry.ID, visible: bool
    ) -> Bot:
        principal = info.context.require_user()
        row = await info.context.services.profiles.set_bot_visibility(
            principal.user_id, str(bot_id), visible
        )
        return Bot.of(row)
