"""The social feed: posts (plain text, a shared verified fill, a marketplace listing or a finished
backtest of the author's), likes,
comments, following users, blocking and reporting. New posts go to the bus topic `feed`;
each reader sees posts of the users they follow and their own, never of anyone blocked
(either way) nor posts they reported."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.bus import Bus, BusUnavailable
from api.db.backtest_tables import BacktestJob
from api.db.database import Database
from api.db.models import FillRecord, User, utcnow
from api.db.social_tables import (
    Post,
    PostComment,
    PostLike,
    PostReport,
    StrategyListing,
    TraderProfile,
    UserRelation,
)
from api.errors import BadUserInput, Conflict, NotFound, RateLimited
from api.services.accounts import Principal
from api.services.backtests.service import input_of, result_of
from api.services.social.profiles import plain_text

log = logging.getLogger(__name__)

FEED_TOPIC = "feed"
POST_MAX = 1000
COMMENT_MAX = 500
REASON_MAX = 200
POST_KINDS = ("text", "trade", "strategy", "backtest")
FOLLOW, BLOCK = "follow", "block"


class BacktestNotFinished(Conflict):
    """Only a backtest that ran to the end (status done) can be shared."""

    code = "BACKTEST_NOT_FINISHED"


@dataclass(frozen=True)
class SharedBacktest:
    """The headline figures of a finished backtest, read from its job. Simulated on past
    candles: never live performance."""

    job_id: str
    symbol: str
    strategy: str  # the strategy kind (grid, momentum, ...)
    template_id: str | None
    timeframe: str
    start: datetime
    end: datetime
    total_return: float
    max_drawdown: float
    sharpe: float
    trades: int

    @classmethod
    def of(cls, job: BacktestJob) -> SharedBacktest | None:
        report = result_of(job)
        if job.status != "done" or report is None:
            return None
        spec, metrics = input_of(job), report["metrics"]
        return cls(
            job_id=job.id,
            symbol=str(spec["symbol"]),
            strategy=str(spec["kind"]),
            template_id=spec.get("template_id"),
            timeframe=str(spec["timeframe"]),
            start=datetime.fromisoformat(report["start"]),
            end=datetime.fromisoformat(report["end"]),
            total_return=float(metrics["total_return"]),
            max_drawdown=float(metrics["max_drawdown"]),
            sharpe=float(metrics["sharpe"]),
            trades=int(metrics["trades"]),
        )


@dataclass(frozen=True)
class FeedItem:
    post: Post
    likes: int
    comments: int
    liked_by_me: bool
    fill: FillRecord | None
    author_handle: str | None = None  # the author's public profile handle, if they have one
    backtest: SharedBacktest | None = None  # kind backtest


class FeedService:
    def __init__(
        self,
        db: Database,
        bus: Bus,
        *,
        posts_per_minute: int = 5,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.bus = bus
        self.posts_per_minute = posts_per_minute
        self.clock = clock

    # -- writing -------------------------------------------------------------------------
    async def post(
        self,
        principal: Principal,
        kind: str,
        body: str,
        fill_id: str | None = None,
        listing_id: str | None = None,
        backtest_id: str | None = None,
    ) -> Post:
        if kind not in POST_KINDS:
            raise BadUserInput("kind must be text, trade, strategy or backtest", field="kind")
        text = plain_text(body, POST_MAX, "body")
        if kind == "text" and not text:
            raise BadUserInput("a post needs some text", field="body")
        now = self.clock()
        async with self.db.session() as session:
            if kind == "trade":
                fill = await session.get(FillRecord, fill_id) if fill_id else None
                if fill is None or fill.user_id != principal.user_id:
                    raise NotFound("no such fill of yours", field="fillId")
            if kind == "strategy" and (
                listing_id is None or await session.get(StrategyListing, listing_id) is None
            ):
                raise NotFound("no such listing", field="listingId")
            if kind == "backtest":
                job = await session.get(BacktestJob, backtest_id) if backtest_id else None
                if job is None or job.user_id != principal.user_id:
                    raise NotFound("no such backtest of yours", field="backtestId")
                if job.status != "done" or job.result is None:
                    raise BacktestNotFinished(
                        f"only a finished backtest can be shared (this one is {job.status})",
                        field="backtestId",
                    )
            recent = (
                await session.exec(
                    select(func.count())
                    .select_from(Post)
                    .where(
                        Post.author_id == principal.user_id,
                        col(Post.created_at) > now - timedelta(minutes=1),
                    )
                )
            ).one()
            if recent >= self.posts_per_minute:
                raise RateLimited(f"at most {self.posts_per_minute} posts a minute")
            post = Post(
                author_id=principal.user_id,
                kind=kind,
                body=text,
                fill_id=fill_id if kind == "trade" else None,
                # the posts table has one reference column per shared thing; a backtest post keeps
                # its job id in listing_id (kind tells which it is)
                listing_id=listing_id
                if kind == "strategy"
                else backtest_id
                if kind == "backtest"
                else None,
                created_at=now,
            )
            session.add(post)
            await session.commit()
        try:
            await self.bus.publish(FEED_TOPIC, {"id": post.id, "authorId": post.author_id})
        except BusUnavailable as exc:  # stored; readers see it on their next query
            log.warning("bus unavailable, post not pushed live: %s", exc)
        return post

    async def like(self, principal: Principal, post_id: str, liked: bool = True) -> None:
        await self.visible_post(principal.user_id, post_id)
        async with self.db.session() as session:
            existing = (
                await session.exec(
                    select(PostLike).where(
                        PostLike.post_id == post_id, PostLike.user_id == principal.user_id
                    )
                )
            ).first()
            if liked and existing is None:
                session.add(PostLike(post_id=post_id, user_id=principal.user_id))
            elif not liked and existing is not None:
                await session.delete(existing)
            try:
                await session.commit()
            except IntegrityError:  # a concurrent like: the same outcome
                await session.rollback()

    async def comment(self, principal: Principal, post_id: str, body: str) -> PostComment:
        await self.visible_post(principal.user_id, post_id)
        text = plain_text(body, COMMENT_MAX, "body")
        if not text:
            raise BadUserInput("a comment needs some text", field="body")
        comment = PostComment(post_id=post_id, author_id=principal.user_id, body=text)
        async with self.db.session() as session:
            session.add(comment)
            await session.commit()
        return comment

    async def report(self, principal: Principal, post_id: str, reason: str) -> None:
        await self.visible_post(principal.user_id, post_id)
        text = plain_text(reason, REASON_MAX, "reason")
        async with self.db.session() as session:
            session.add(PostReport(post_id=post_id, reporter_id=principal.user_id, reason=text))
            try:
                await session.commit()
            except IntegrityError:  # reported before
                await session.rollback()

    async def relate(self, principal: Principal, other_id: str, kind: str, on: bool) -> None:
        """Follow / block (`on`) or undo it."""
        if other_id == principal.user_id:
            raise BadUserInput("that is you", field="userId")
        async with self.db.session() as session:
            if await session.get(User, other_id) is None:
                raise NotFound("no such user", field="userId")
            existing = (
                await session.exec(
                    select(UserRelation).where(
                        UserRelation.user_id == principal.user_id,
                        UserRelation.other_id == other_id,
                        UserRelation.kind == kind,
                    )
                )
            ).first()
            if on and existing is None:
                session.add(UserRelation(user_id=principal.user_id, other_id=other_id, kind=kind))
            elif not on and existing is not None:
                await session.delete(existing)
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()

    # -- reading -------------------------------------------------------------------------
    async def visible_authors(self, user_id: str) -> set[str]:
        """Whose posts `user_id` sees: themself and whom they follow, minus blocks either way."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(UserRelation).where(
                        or_(
                            col(UserRelation.user_id) == user_id,
                            col(UserRelation.other_id) == user_id,
                        )
                    )
                )
            ).all()
        follows = {r.other_id for r in rows if r.kind == FOLLOW and r.user_id == user_id}
        blocked = {
            r.other_id if r.user_id == user_id else r.user_id for r in rows if r.kind == BLOCK
        }
        return ({user_id} | follows) - blocked

    async def visible_post(self, user_id: str, post_id: str) -> Post:
        async with self.db.session() as session:
            post = await session.get(Post, post_id)
        if post is None or post.author_id not in await self.visible_authors(user_id):
            raise NotFound("no such post", field="postId")
        return post

    async def feed(
        self, user_id: str, first: int = 20, after: str | None = None
    ) -> tuple[list[FeedItem], bool]:
        """Newest first; `after` is the id of the last post of the previous page."""
        if not 1 <= first <= 100:
            raise BadUserInput("first must be between 1 and 100", field="first")
        authors = await self.visible_authors(user_id)
        reported = select(PostReport.post_id).where(PostReport.reporter_id == user_id)
        query = select(Post).where(col(Post.author_id).in_(authors), col(Post.id).not_in(reported))
        async with self.db.session() as session:
            if after is not None:
                cursor = await session.get(Post, after)
                if cursor is None:
                    raise BadUserInput("after must be a cursor from this feed", field="after")
                query = query.where(
                    (col(Post.created_at) < cursor.created_at)
                    | ((col(Post.created_at) == cursor.created_at) & (col(Post.id) < cursor.id))
                )
            posts = list(
                (
                    await session.exec(
                        query.order_by(col(Post.created_at).desc(), col(Post.id).desc()).limit(
                            first + 1
                        )
                    )
                ).all()
            )
            page = posts[:first]
            handles = await self._handles(session, {post.author_id for post in page})
            items = await self._items(session, page, user_id, handles)
        return items, len(posts) > first

    async def handles(self, user_ids: set[str]) -> dict[str, str]:
        """user id -> public profile handle, for those of `user_ids` that have a profile."""
        async with self.db.session() as session:
            return await self._handles(session, user_ids)

    @staticmethod
    async def _handles(session: AsyncSession, user_ids: set[str]) -> dict[str, str]:
        if not user_ids:
            return {}
        rows = await session.exec(
            select(TraderProfile.user_id, TraderProfile.handle).where(
                col(TraderProfile.user_id).in_(user_ids)
            )
        )
        return {user: handle for user, handle in rows.all()}

    async def item(self, user_id: str, post_id: str) -> FeedItem:
        post = await self.visible_post(user_id, post_id)
        async with self.db.session() as session:
            handles = await self._handles(session, {post.author_id})
            [item] = await self._items(session, [post], user_id, handles)
            return item

    async def comments(self, user_id: str, post_id: str, first: int = 20) -> list[PostComment]:
        await self.visible_post(user_id, post_id)
        async with self.db.session() as session:
            rows = await session.exec(
                select(PostComment)
                .where(PostComment.post_id == post_id)
                .order_by(col(PostComment.created_at))
                .limit(max(1, min(first, 100)))
            )
            return list(rows.all())

    @staticmethod
    async def _items(
        session: AsyncSession, posts: list[Post], user_id: str, handles: dict[str, str]
    ) -> list[FeedItem]:
        """Feed items of `posts` in five statements, however many posts there are."""
        if not posts:
            return []
        ids = [post.id for post in posts]
        likes: dict[str, int] = dict(
            (
                await session.exec(
                    select(PostLike.post_id, func.count())
                    .where(col(PostLike.post_id).in_(ids))
                    .group_by(col(PostLike.post_id))
                )
            ).all()
        )
        liked = set(
            (
                await session.exec(
                    select(PostLike.post_id).where(
                        col(PostLike.post_id).in_(ids), PostLike.user_id == user_id
                    )
                )
            ).all()
        )
        comments: dict[str, int] = dict(
            (
                await session.exec(
                    select(PostComment.post_id, func.count())
                    .where(col(PostComment.post_id).in_(ids))
                    .group_by(col(PostComment.post_id))
                )
            ).all()
        )
        fill_ids = [post.fill_id for post in posts if post.fill_id]
        fills = {
            f.id: f
            for f in (
                await session.exec(select(FillRecord).where(col(FillRecord.id).in_(fill_ids)))
            ).all()
        }
        job_ids = [p.listing_id for p in posts if p.kind == "backtest" and p.listing_id]
        jobs = {
            j.id: j
            for j in (
                await session.exec(select(BacktestJob).where(col(BacktestJob.id).in_(job_ids)))
            ).all()
        }
        items = []
        for post in posts:
            job = jobs.get(post.listing_id) if post.kind == "backtest" and post.listing_id else None
            items.append(
                FeedItem(
                    post,
                    likes.get(post.id, 0),
                    comments.get(post.id, 0),
                    post.id in liked,
                    fills.get(post.fill_id) if post.fill_id else None,
                    handles.get(post.author_id),
                    SharedBacktest.of(job) if job and job.user_id == post.author_id else None,
                )
            )
        return items
