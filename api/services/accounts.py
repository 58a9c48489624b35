"""Sign-up, password login, bearer sessions and `me`.

Resolved full sessions are kept for a few seconds (`SESSION_CACHE_SECONDS`), so a busy client
does not cost a database round trip per request; a cached entry never outlives the session's
own expiry. Revoking a session (logout) drops it here at once and, through the bus topic
`session-revocations`, on every other replica. The cache is used only while this process
follows that topic; a message lost meanwhile (Redis unreachable) or a change made to the
`sessions` table behind this service's back is seen within the TTL. Widget-scope sessions are
never cached here (WidgetTokenService revokes them and keeps its own short cache). Any new way to
end sessions (password change, "log out everywhere") must call `session_revoked` per session."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from api.auth.passwords import hash_password, needs_rehash, verify_password
from api.auth.tokens import new_token, token_digest
from api.bus import Bus, BusUnavailable
from api.db.database import Database
from api.db.models import AuthSession, User, utcnow
from api.errors import BadUserInput, Conflict, Unauthenticated

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
REVOCATIONS_TOPIC = "session-revocations"  # {"sessionId": ...}: drop it from every cache
SESSION_CACHE_SECONDS = 3.0
SESSION_CACHE_SIZE = 10_000
CACHED_SCOPE = "full"
RETRY_SECONDS = 1.0  # following revocations again after the bus failed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedSession:
    token: str  # shown to the client once; only its digest is stored
    expires_at: datetime
    user: User


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from a bearer token on every request / ws connection."""

    user_id: str
    session_id: str
    scope: str


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > 320 or not _EMAIL.match(email):
        raise BadUserInput("email address is not valid", field="email")
    return email


def _check_password(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise BadUserInput(
            f"password must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
            field="password",
        )


@dataclass(frozen=True)
class _CachedSession:
    principal: Principal
    expires_at: datetime  # the session's own expiry (wall clock, UTC)
    until: float  # monotonic time after which the database is asked again


class AccountService:
    def __init__(
        self,
        db: Database,
        session_ttl: timedelta,
        *,
        bus: Bus | None = None,
        cache_seconds: float = SESSION_CACHE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.session_ttl = session_ttl
        self.bus = bus
        self.cache_seconds = cache_seconds
        self.monotonic = monotonic
        self._sessions: dict[str, _CachedSession] = {}  # token digest -> resolved session
        self._revocations = 0  # bumped on every revocation: a lookup racing one is not cached
        self._following = False  # the cache is used only while revocations are followed

    async def register(
        self, email: str, password: str, display_name: str, *, is_demo: bool = False
    ) -> User:
        email = normalise_email(email)
        _check_password(password)
        display_name = display_name.strip()
        if not 1 <= len(display_name) <= 80:
            raise BadUserInput("display name must be 1 to 80 characters", field="displayName")
        user = User(
            email=email,
            password_hash=hash_password(password),
            display_name=display_name,
            is_demo=is_demo,
        )
        async with self.db.session() as session:
            session.add(user)
            try:
                await session.commit()
            except IntegrityError as exc:
                raise Conflict("an account with this email already exists", field="email") from exc
        return user

    async def login(
        self, email: str, password: str, user_agent: str | None = None
    ) -> IssuedSession:
        try:
            email = normalise_email(email)
        except BadUserInput:
            email = ""
        async with self.db.session() as session:
            user = (await session.exec(select(User).where(User.email == email))).first()
            if not verify_password(user.password_hash if user else None, password) or not user:
                raise Unauthenticated("wrong email or password")
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
                session.add(user)
                await session.commit()
        return await self.start_session(user, user_agent)

    async def start_session(self, user: User, user_agent: str | None = None) -> IssuedSession:
        token = new_token()
        now = utcnow()
        row = AuthSession(
            user_id=user.id,
            token_hash=token_digest(token),
            created_at=now,
            expires_at=now + self.session_ttl,
            user_agent=(user_agent or "")[:255] or None,
        )
        async with self.db.session() as session:
            session.add(row)
            await session.commit()
        return IssuedSession(token=token, expires_at=row.expires_at, user=user)

    @property
    def caching(self) -> bool:
        """True while revocations are followed, i.e. while resolved sessions are cached."""
        return self._following

    async def authenticate(self, token: str) -> Principal:
        """Resolve a bearer token; raise Unauthenticated when unknown, revoked or expired."""
        digest = token_digest(token)
        cached = self._sessions.get(digest)
        if cached is not None:
            if cached.until > self.monotonic() and cached.expires_at > utcnow():
                return cached.principal
            del self._sessions[digest]
        revocations = self._revocations
        async with self.db.session() as session:
            row = (
                await session.exec(select(AuthSession).where(AuthSession.token_hash == digest))
            ).first()
        if row is None or row.revoked_at is not None:
            raise Unauthenticated("session token is not valid")
        if row.expires_at <= utcnow():
            raise Unauthenticated("session has expired: log in again")
        principal = Principal(user_id=row.user_id, session_id=row.id, scope=row.scope)
        if self._following and revocations == self._revocations and row.scope == CACHED_SCOPE:
            if len(self._sessions) >= SESSION_CACHE_SIZE:
                del self._sessions[next(iter(self._sessions))]  # the oldest entry
            until = self.monotonic() + self.cache_seconds
            self._sessions[digest] = _CachedSession(principal, row.expires_at, until)
        return principal

    async def logout(self, principal: Principal) -> None:
        async with self.db.session() as session:
            row = await session.get(AuthSession, principal.session_id)
            if row is not None and row.revoked_at is None:
                row.revoked_at = utcnow()
                session.add(row)
                await session.commit()
        await self.session_revoked(principal.session_id)

    async def session_revoked(self, session_id: str) -> None:
        """Call after a session's revocation is committed: drops it here at once and tells
        the other replicas. A bus failure is logged: they drop it within the cache's TTL."""
        self.forget_session(session_id)
        if self.bus is None:
            return
        try:
            await self.bus.publish(REVOCATIONS_TOPIC, {"sessionId": session_id})
        except BusUnavailable as exc:
            log.warning("session revocation not broadcast (%s); other replicas: ≤ TTL", exc)

    def forget_session(self, session_id: str) -> None:
        """Drop a session from this process's cache (and any lookup racing this call)."""
        self._revocations += 1
        for digest, cached in list(self._sessions.items()):
            if cached.principal.session_id == session_id:
                del self._sessions[digest]

    async def follow_revocations(self) -> None:
        """Runs for the life of the service: the session cache is on only while this follows
        the bus's revocation topic (so a revocation on any replica reaches this one)."""
        if self.bus is None:
            return
        while True:
            try:
                async with self.bus.subscribe(
                    REVOCATIONS_TOPIC, conflate=False, maxsize=4096
                ) as sub:
                    self._following = True
                    async for message in sub:
                        session_id = message.data.get("sessionId")
                        if isinstance(session_id, str):
                            self.forget_session(session_id)
                return  # the bus was closed
            except BusUnavailable as exc:
                log.warning("session cache off: cannot follow revocations (%s)", exc)
            finally:
                self._following = False
                self._revocations += 1
                self._sessions.clear()
            await asyncio.sleep(RETRY_SECONDS)

    async def get_user(self, user_id: str) -> User:
        async with self.db.session() as session:
            user = await session.get(User, user_id)
        if user is None:
            raise Unauthenticated("account no longer exists")
        return user

    async def find_by_email(self, email: str) -> User | None:
        async with self.db.session() as session:
            return (
                await session.exec(select(User).where(User.email == normalise_email(email)))
            ).first()
