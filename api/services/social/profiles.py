"""Opt-in public trader profiles. What a profile shows about money comes only from venue data
(daily equity snapshots of the chosen accounts, fills), in % unless the trader opts in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import col, select

from api.db.database import Database
from api.db.models import ExchangeAccount, utcnow
from api.db.social_tables import DailyEquity, LeaderboardEntry, TraderProfile
from api.errors import BadUserInput, Conflict, NotFound

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
class PublicProfile:
    profile: TraderProfile
    accounts: list[ExchangeAccount]  # the public accounts backing the stats
    verified_since: date | None
    curve: list[CurvePoint]
    entries: dict[str, LeaderboardEntry]  # period -> cached metrics


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
        return PublicProfile(profile, accounts, since, curve, entries)
