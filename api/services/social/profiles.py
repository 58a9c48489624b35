"""Opt-in public trader profiles. What a profile shows about money comes only from venue data
(daily equity snapshots of the chosen accounts, fills), in % unless the trader opts in."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlmodel import col, select

from api.db.bot_tables import Bot
from api.db.database import Database
from api.db.models import ExchangeAccount, utcnow
from api.db.social_tables import DailyEquity, LeaderboardEntry, TraderAvatar, TraderProfile
from api.errors import BadUserInput, Conflict, NotFound
from api.services.social.avatars import avatar_from_base64, avatar_path
from engine.bots.sizing import capital_of

HANDLE = re.compile(r"^[a-z0-9_]{3,30}$")
TAG = re.compile(r"^[a-z0-9-]{1,20}$")
TAGS_MAX = 5
BIO_MAX = 500
HTML_TAG = re.compile(r"<[^>]*>")


def plain_text(value: str, limit: int, field: str) -> str:
    """Text without markup: tags removed, angle brackets dropped, trimmed, length-checked."""
    text = HTML_TAG.sub("", value).replace("<", "").replace(">", "").strip()
    if len(text) > limit:
        raise BadUserInput(f"{field} must be at most {limit} characters", field=field)
    return text


@dataclass(frozen=True)
class ProfileInput:
    handle: str
    bio: str = ""
    avatar_url: str | None = None
    style_tags: tuple[str, ...] = ()
    public_account_ids: tuple[str, ...] = ()
    show_balances: bool = False


@dataclass(frozen=True)
class CurvePoint:
    day: date
    return_pct: float  # since the first day shown
    equity: Decimal | None  # only when the trader shows balances


@dataclass(frozen=True)
class PublicBot:
    """A bot its owner chose to show: what the bot row holds, in % unless balances are shown."""

    id: str
    name: str
    kind: str
    venue: str
    symbol: str
    state: str
    started_at: datetime | None
    return_pct: float | None  # realised P&L over the capital the params commit; None: unknown
    realised_pnl: Decimal | None  # quote currency, only when the trader shows balances


@dataclass(frozen=True)
class PublicProfile:
    profile: TraderProfile
    accounts: list[ExchangeAccount]  # the public accounts backing the stats
    verified_since: date | None
    curve: list[CurvePoint]
    entries: dict[str, LeaderboardEntry]  # period -> cached metrics
    bots: list[PublicBot] = field(default_factory=list)  # only the bots marked to show


def avatar_url(profile: TraderProfile) -> str | None:
    """The uploaded avatar's URL (with its content hash, so caches refresh) or the typed URL."""
    if profile.avatar_version:
        return avatar_path(profile.handle, profile.avatar_version)
    return profile.avatar_url


def bot_return_pct(bot: Bot) -> float | None:
    """Realised P&L as a % of the capital the bot's params commit, priced at the bot's average
    cost (a grid: its mid price); None when that capital is not known."""
    try:
        params = json.loads(bot.params)
        price = bot.avg_cost
        if bot.kind == "grid":
            price = (Decimal(str(params["low"])) + Decimal(str(params["high"]))) / 2
        elif bot.kind == "dca" and price is None:
            return None  # no position: nothing to price the ladder at
        capital = capital_of(bot.kind, params, price if price is not None else Decimal(1))
    except (KeyError, ValueError, TypeError, InvalidOperation):
        return None
    if capital is None or capital <= 0:
        return None
    return float(bot.realised_pnl / capital * 100)


def public_bot(bot: Bot, show_balances: bool) -> PublicBot:
    return PublicBot(
        id=bot.id,
        name=bot.name,
        kind=bot.kind,
        venue=bot.venue,
        symbol=bot.symbol,
        state=bot.state,
        started_at=bot.started_at,
        return_pct=bot_return_pct(bot),
        realised_pnl=bot.realised_pnl if show_balances else None,
    )


class ProfileService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def upsert(self, user_id: str, data: ProfileInput) -> TraderProfile:
        handle = data.handle.strip().lower()
        if not HANDLE.match(handle):
            raise BadUserInput("handle must be 3 to 30 of a-z, 0-9 and _", field="handle")
        tags = tuple(dict.fromkeys(t.strip().lower() for t in data.style_tags if t.strip()))
        if len(tags) > TAGS_MAX or not all(TAG.match(t) for t in tags):
            raise BadUserInput(
                f"up to {TAGS_MAX} style tags of a-z, 0-9 and -, 20 characters each",
                field="styleTags",
            )
        avatar = data.avatar_url.strip() if data.avatar_url else None
        if avatar and (not avatar.startswith("https://") or len(avatar) > 300 or " " in avatar):
            raise BadUserInput("avatarUrl must be an https:// URL", field="avatarUrl")
        async with self.db.session() as session:
            owned = {
                a.id
                for a in (
                    await session.exec(
                        select(ExchangeAccount).where(ExchangeAccount.user_id == user_id)
                    )
                ).all()
            }
            if not set(data.public_account_ids) <= owned:
                raise NotFound("no such exchange account", field="publicAccountIds")
            taken = (
                await session.exec(select(TraderProfile).where(TraderProfile.handle == handle))
            ).first()
            if taken is not None and taken.user_id != user_id:
                raise Conflict("this handle is taken", field="handle")
            profile = await session.get(TraderProfile, user_id) or TraderProfile(
                user_id=user_id, handle=handle
            )
            profile.handle = handle
            profile.bio = plain_text(data.bio, BIO_MAX, "bio")
            profile.avatar_url = avatar
            profile.style_tags = ",".join(tags)
            profile.public_account_ids = ",".join(sorted(set(data.public_account_ids)))
            profile.show_balances = data.show_balances
            profile.updated_at = utcnow()
            session.add(profile)
            await session.commit()
            return profile

    async def mine(self, user_id: str) -> TraderProfile | None:
        async with self.db.session() as session:
            return await session.get(TraderProfile, user_id)

    async def public(self, handle: str) -> PublicProfile:
        async with self.db.session() as session:
            profile = (
                await session.exec(
                    select(TraderProfile).where(TraderProfile.handle == handle.strip().lower())
                )
            ).first()
            if profile is None:
                raise NotFound("no such trader", field="handle")
            ids = [i for i in profile.public_account_ids.split(",") if i]
            accounts = list(
                (
                    await session.exec(
                        select(ExchangeAccount).where(
                            col(ExchangeAccount.id).in_(ids),
                            ExchangeAccount.user_id == profile.user_id,
                        )
                    )
                ).all()
            )
            days = list(
                (
                    await session.exec(
                        select(DailyEquity)
                        .where(DailyEquity.user_id == profile.user_id)
                        .order_by(col(DailyEquity.day))
                    )
                ).all()
            )
            entries = {
                e.period: e
                for e in (
                    await session.exec(
                        select(LeaderboardEntry).where(LeaderboardEntry.user_id == profile.user_id)
                    )
                ).all()
            }
            shown = list(
                (
                    await session.exec(
                        select(Bot)
                        .where(Bot.user_id == profile.user_id, col(Bot.show_on_profile).is_(True))
                        .order_by(col(Bot.created_at), col(Bot.id))
                    )
                ).all()
            )
        base = next((d.equity for d in days if d.equity > 0), None)
        curve = [
            CurvePoint(
                d.day,
                float((d.equity / base - 1) * 100) if base else 0.0,
                d.equity if profile.show_balances else None,
            )
            for d in days
        ]
        since = days[0].day if days else None
        return PublicProfile(
            profile,
            accounts,
            since,
            curve,
            entries,
            [public_bot(b, profile.show_balances) for b in shown],
        )

    # -- avatar ----------------------------------------------------------------------------
    async def set_avatar(self, user_id: str, image: str) -> TraderProfile:
        """Check and normalise the upload (off the event loop), then store it; bad input
        stores nothing."""
        avatar = await asyncio.to_thread(avatar_from_base64, image)
        async with self.db.session() as session:
            profile = await session.get(TraderProfile, user_id)
            if profile is None:
                raise NotFound("opt in to a public profile first", field="profile")
            row = await session.get(TraderAvatar, user_id) or TraderAvatar(
                user_id=user_id, media_type=avatar.media_type, version="", content=b""
            )
            row.media_type = avatar.media_type
            row.version = avatar.version
            row.content = avatar.content
            row.updated_at = utcnow()
            profile.avatar_version = avatar.version
            profile.updated_at = utcnow()
            session.add(row)
            session.add(profile)
            await session.commit()
            return profile

    async def remove_avatar(self, user_id: str) -> TraderProfile:
        async with self.db.session() as session:
            profile = await session.get(TraderProfile, user_id)
            if profile is None:
                raise NotFound("opt in to a public profile first", field="profile")
            row = await session.get(TraderAvatar, user_id)
            if row is not None:
                await session.delete(row)
            profile.avatar_version = None
            profile.updated_at = utcnow()
            session.add(profile)
            await session.commit()
            return profile

    async def avatar(self, handle: str) -> TraderAvatar | None:
        """The avatar of an opted-in profile by handle; None when there is none to show."""
        async with self.db.session() as session:
            profile = (
                await session.exec(
                    select(TraderProfile).where(TraderProfile.handle == handle.strip().lower())
                )
            ).first()
            if profile is None or profile.avatar_version is None:
                return None
            return await session.get(TraderAvatar, profile.user_id)

    # -- bots on the profile -----------------------------------------------------------------
    async def set_bot_visibility(self, user_id: str, bot_id: str, visible: bool) -> Bot:
        """Show or hide one of your bots on your public profile (someone else's bot: NOT_FOUND,
        the same answer as a bot that does not exist)."""
        async with self.db.session() as session:
            bot = await session.get(Bot, bot_id)
            if bot is None or bot.user_id != user_id:
                raise NotFound("no such bot", field="botId")
            bot.show_on_profile = visible
            bot.updated_at = utcnow()
            session.add(bot)
            await session.commit()
            return bot
