"""Sign-up, password login, bearer sessions and `me`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from api.auth.passwords import hash_password, needs_rehash, verify_password
from api.auth.tokens import new_token, token_digest
from api.db.database import Database
from api.db.models import AuthSession, User, utcnow
from api.errors import BadUserInput, Conflict, Unauthenticated

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


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


class AccountService:
    def __init__(self, db: Database, session_ttl: timedelta) -> None:
        self.db = db
        self.session_ttl = session_ttl

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

    async def authenticate(self, token: str) -> Principal:
        """Resolve a bearer token; raise Unauthenticated when unknown, revoked or expired."""
        async with self.db.session() as session:
            row = (
                await session.exec(
                    select(AuthSession).where(AuthSession.token_hash == token_digest(token))
                )
            ).first()
        if row is None or row.revoked_at is not None:
            raise Unauthenticated("session token is not valid")
        if row.expires_at <= utcnow():
            raise Unauthenticated("session has expired: log in again")
        return Principal(user_id=row.user_id, session_id=row.id, scope=row.scope)

    async def logout(self, principal: Principal) -> None:
        async with self.db.session() as session:
            row = await session.get(AuthSession, principal.session_id)
            if row is not None and row.revoked_at is None:
                row.revoked_at = utcnow()
                session.add(row)
                await session.commit()

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
