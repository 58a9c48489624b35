"""Widget tokens: read-only, revocable bearer tokens for home-screen widgets.

A widget token is a session with scope "widget" (so `AccountService.authenticate` resolves it
like any token) plus a `widget_tokens` row with its label. Only a full session may create, list
or revoke them. `authenticate` keeps resolved widget principals for a few seconds: a widget
fetch must not cost a database round trip every time; revoking in this process evicts at once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.auth.tokens import new_token, token_digest
from api.db.database import Database
from api.db.models import AuthSession, utcnow
from api.db.widget_tables import WidgetToken
from api.errors import BadUserInput, Conflict, Forbidden, NotFound
from api.services.accounts import AccountService, Principal

WIDGET_SCOPE = "widget"
FULL_SCOPE = "full"
READER_SCOPES = frozenset({FULL_SCOPE, WIDGET_SCOPE})
MAX_LABEL = 60
MAX_TOKENS_PER_USER = 20
WIDGET_TOKEN_TTL = timedelta(days=365)
PRINCIPAL_CACHE_SECONDS = 5.0
PRINCIPAL_CACHE_SIZE = 10_000


@dataclass(frozen=True)
class IssuedWidgetToken:
    token: str  # shown once
    widget_token: WidgetToken


class WidgetTokenService:
    def __init__(
        self,
        db: Database,
        accounts: AccountService,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self.monotonic = monotonic
        self._principals: dict[str, tuple[Principal, float]] = {}  # token digest → (who, until)
        self._lookups: dict[str, asyncio.Future[Principal]] = {}

    async def create(self, principal: Principal, label: str) -> IssuedWidgetToken:
        require_full(principal)
        label = label.strip()
        if not 1 <= len(label) <= MAX_LABEL:
            raise BadUserInput(f"label must be 1 to {MAX_LABEL} characters", field="label")
        token = new_token()
        now = utcnow()
        async with self.db.session() as session:
            live = await self._live(session, principal.user_id)
            if len(live) >= MAX_TOKENS_PER_USER:
                raise Conflict(
                    f"at most {MAX_TOKENS_PER_USER} widget tokens: revoke one first", field="label"
                )
            auth = AuthSession(
                user_id=principal.user_id,
                token_hash=token_digest(token),
                scope=WIDGET_SCOPE,
                created_at=now,
                expires_at=now + WIDGET_TOKEN_TTL,
                user_agent=f"widget: {label}"[:255],
            )
            session.add(auth)
            await session.flush()
            row = WidgetToken(
                user_id=principal.user_id, session_id=auth.id, label=label, created_at=now
            )
            session.add(row)
            await session.commit()
        return IssuedWidgetToken(token=token, widget_token=row)

    async def list_tokens(self, principal: Principal) -> list[WidgetToken]:
        require_full(principal)
        async with self.db.session() as session:
            return await self._live(session, principal.user_id)

    async def revoke(self, principal: Principal, token_id: str) -> WidgetToken:
        """Revoke one of the caller's tokens; another user's id is simply not found."""
        require_full(principal)
        now = utcnow()
        async with self.db.session() as session:
            row = await session.get(WidgetToken, token_id)
            if row is None or row.user_id != principal.user_id or row.revoked_at is not None:
                raise NotFound("no such widget token", field="id")
            auth = await session.get(AuthSession, row.session_id)
            row.revoked_at = now
            session.add(row)
            if auth is not None and auth.revoked_at is None:
                auth.revoked_at = now
                session.add(auth)
                self._evict_session(auth.id)
            await session.commit()
        return row

    async def authenticate(self, token: str) -> Principal:
        """Like AccountService.authenticate; widget principals are cached briefly, and
        concurrent requests with the same token share one lookup (no stampede on expiry)."""
        digest = token_digest(token)
        cached = self._principals.get(digest)
        if cached is not None and cached[1] > self.monotonic():
            return cached[0]
        lookup = self._lookups.get(digest)
        if lookup is None:
            lookup = asyncio.ensure_future(self._lookup(token, digest))
            self._lookups[digest] = lookup
            lookup.add_done_callback(lambda _: self._lookups.pop(digest, None))
        return await asyncio.shield(lookup)

    async def _lookup(self, token: str, digest: str) -> Principal:
        principal = await self.accounts.authenticate(token)
        if principal.scope == WIDGET_SCOPE:
            if len(self._principals) >= PRINCIPAL_CACHE_SIZE:
                self._principals.clear()
            self._principals[digest] = (principal, self.monotonic() + PRINCIPAL_CACHE_SECONDS)
        return principal

    def _evict_session(self, session_id: str) -> None:
        for digest, (principal, _) in list(self._principals.items()):
            if principal.session_id == session_id:
                del self._principals[digest]

    @staticmethod
    async def _live(session: AsyncSession, user_id: str) -> list[WidgetToken]:
        result = await session.exec(
            select(WidgetToken)
            .where(WidgetToken.user_id == user_id, col(WidgetToken.revoked_at).is_(None))
            .order_by(col(WidgetToken.created_at))
        )
        return list(result.all())


def require_full(principal: Principal) -> None:
    if principal.scope != FULL_SCOPE:
        raise Forbidden("a widget token can only read widget snapshots")


def require_reader(principal: Principal) -> None:
    if principal.scope not in READER_SCOPES:
        raise Forbidden("this token cannot read widget snapshots")
