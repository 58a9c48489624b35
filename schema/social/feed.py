from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from decimal import Decimal

import strawberry

from api.errors import NotFound
from api.services.social.feed import BLOCK, FEED_TOPIC, FOLLOW, FeedItem
from api.services.social.feed import SharedBacktest as SharedBacktestData
from schema.context import Info


@strawberry.type(description="A verified fill shared in a post (recorded from the venue).")
class SharedTrade:
    symbol: str
    side: str
    price: Decimal
    qty: Decimal
    executed_at: datetime


@strawberry.type(
    description="A finished backtest shared in a post: simulated on past candles, NOT live "
    "performance (returns are fractions: 0.05 = 5 %)."
)
class SharedBacktest:
    backtest_id: strawberry.ID
    simulated: bool = strawberry.field(
        description="Always true: a backtest, to be labelled as such (never live performance)."
    )
    symbol: str
    strategy: str = strawberry.field(description="The strategy kind, e.g. grid or momentum.")
    template_id: str | None = strawberry.field(description="The bot template, if one was used.")
    timeframe: str
    period_start: datetime
    period_end: datetime
    total_return: float
    max_drawdown: float
    sharpe: float
    trades: int = strawberry.field(description="Simulated fills.")

    @classmethod
    def of(cls, b: SharedBacktestData) -> SharedBacktest:
        return cls(
            backtest_id=strawberry.ID(b.job_id),
            simulated=True,
            symbol=b.symbol,
            strategy=b.strategy,
            template_id=b.template_id,
            timeframe=b.timeframe,
            period_start=b.start,
            period_end=b.end,
            total_return=b.total_return,
            max_drawdown=b.max_drawdown,
            sharpe=b.sharpe,
            trades=b.trades,
        )


@strawberry.type
class PostComment:
    id: strawberry.ID
    author_id: strawberry.ID
    author_handle: str | None = strawberry.field(
        description="The author's public profile handle; null without a profile."
    )
    body: str
    created_at: datetime


@strawberry.type(description="A feed post. Text is plain: markup is removed when posting.")
class Post:
    id: strawberry.ID
    author_id: strawberry.ID
    author_handle: str | None = strawberry.field(
        description="The author's public profile handle; null without a profile."
    )
    kind: str = strawberry.field(description="text, trade, strategy or backtest")
    body: str
    listing_id: strawberry.ID | None
    trade: SharedTrade | None
    backtest: SharedBacktest | None = strawberry.field(
        description="kind backtest: the shared backtest's headline figures (simulated)."
    )
    likes: int
    comment_count: int
    liked_by_me: bool
    created_at: datetime

    @classmethod
    def of(cls, item: FeedItem) -> Post:
        post, fill = item.post, item.fill
        return cls(
            id=strawberry.ID(post.id),
            author_id=strawberry.ID(post.author_id),
            author_handle=item.author_handle,
            kind=post.kind,
            body=post.body,
            listing_id=strawberry.ID(post.listing_id)
            if post.listing_id and post.kind == "strategy"
            else None,
            trade=SharedTrade(
                symbol=fill.symbol,
                side=fill.side,
                price=fill.price,
                qty=fill.qty,
                executed_at=fill.executed_at,
            )
            if fill
            else None,
            backtest=SharedBacktest.of(item.backtest) if item.backtest else None,
            likes=item.likes,
            comment_count=item.comments,
            liked_by_me=item.liked_by_me,
            created_at=post.created_at,
        )


@strawberry.type
class FeedPage:
    posts: list[Post]
    has_next_page: bool
    end_cursor: str | None


@strawberry.input
class CreatePostInput:
    kind: str = "text"
    body: str = ""
    fill_id: strawberry.ID | None = strawberry.field(
        default=None, description="kind trade: one of your fills"
    )
    listing_id: strawberry.ID | None = strawberry.field(
        default=None, description="kind strategy: a marketplace listing"
    )
    backtest_id: strawberry.ID | None = strawberry.field(
        default=None, description="kind backtest: one of your finished backtests"
    )


@strawberry.type
class FeedQuery:
    @strawberry.field(description="Posts of the people you follow and yours, newest first.")
    async def feed(self, info: Info, first: int = 20, after: str | None = None) -> FeedPage:
        principal = info.context.require_user()
        items, has_next = await info.context.services.social_feed.feed(
            principal.user_id, first, after
        )
        posts = [Post.of(i) for i in items]
        return FeedPage(
            posts=posts, has_next_page=has_next, end_cursor=str(posts[-1].id) if posts else None
        )

    @strawberry.field(description="Comments of a post you can see, oldest first.")
    async def post_comments(
        self, info: Info, post_id: strawberry.ID, first: int = 20
    ) -> list[PostComment]:
        principal = info.context.require_user()
        feed = info.context.services.social_feed
        rows = await feed.comments(principal.user_id, str(post_id), first)
        handles = await feed.handles({r.author_id for r in rows})
        return [
            PostComment(
                id=strawberry.ID(r.id),
                author_id=strawberry.ID(r.author_id),
                author_handle=handles.get(r.author_id),
                body=r.body,
                created_at=r.created_at,
            )
            for r in rows
        ]


@strawberry.type
class FeedMutation:
    @strawberry.mutation(description="Post to the feed (RATE_LIMITED beyond the per-minute cap).")
    async def create_post(self, info: Info, input: CreatePostInput) -> Post:
        principal = info.context.require_user()
        feed = info.context.services.social_feed
        post = await feed.post(
            principal,
            input.kind,
            input.body,
            str(input.fill_id) if input.fill_id else None,
            str(input.listing_id) if input.listing_id else None,
            str(input.backtest_id) if input.backtest_id else None,
        )
        return Post.of(await feed.item(principal.user_id, post.id))

    @strawberry.mutation
    async def like_post(self, info: Info, post_id: strawberry.ID, liked: bool = True) -> Post:
        principal = info.context.require_user()
        feed = info.context.services.social_feed
        await feed.like(principal, str(post_id), liked)
        return Post.of(await feed.item(principal.user_id, str(post_id)))

    @strawberry.mutation
    async def comment_on_post(self, info: Info, post_id: strawberry.ID, body: str) -> Post:
        principal = info.context.require_user()
        feed = info.context.services.social_feed
        await feed.comment(principal, str(post_id), body)
        return Post.of(await feed.item(principal.user_id, str(post_id)))

    @strawberry.mutation(description="Hide a post from your feed and flag it for moderation.")
    async def report_post(self, info: Info, post_id: strawberry.ID, reason: str) -> bool:
        principal = info.context.require_user()
        await info.context.services.social_feed.report(principal, str(post_id), reason)
        return True

    @strawberry.mutation(description="See a user's posts in your feed (or stop: follow false).")
    async def follow_user(self, info: Info, user_id: strawberry.ID, follow: bool = True) -> bool:
        principal = info.context.require_user()
        await info.context.services.social_feed.relate(principal, str(user_id), FOLLOW, follow)
        return True

    @strawberry.mutation(description="Neither of you sees the other's posts (block false: undo).")
    async def block_user(self, info: Info, user_id: strawberry.ID, block: bool = True) -> bool:
        principal = info.context.require_user()
        await info.context.services.social_feed.relate(principal, str(user_id), BLOCK, block)
        return True


@strawberry.type
class FeedSubscription:
    @strawberry.subscription(description="New posts for your feed, live.")
    async def feed(self, info: Info) -> AsyncGenerator[Post, None]:
        principal = info.context.require_user()
        feed = info.context.services.social_feed
        async with info.context.services.bus.subscribe(FEED_TOPIC, conflate=False) as live:
            async for message in live:
                if message.data.get("authorId") not in await feed.visible_authors(
                    principal.user_id
                ):
                    continue
                try:
                    yield Post.of(await feed.item(principal.user_id, str(message.data["id"])))
                except NotFound:  # deleted or reported meanwhile
                    continue
