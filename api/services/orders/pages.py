"""Keyset pagination over (created_at, id), newest first, with opaque cursors."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import and_, or_
from sqlmodel.sql.expression import SelectOfScalar

from api.db.database import Database
from api.errors import BadUserInput

T = TypeVar("T")
MAX_PAGE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next_page: bool


def encode_cursor(created_at: datetime, id_: str) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{id_}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        stamp, _, id_ = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        at = datetime.fromisoformat(stamp)
    except ValueError:
        raise BadUserInput("not a cursor from this list", field="after") from None
    if not id_ or at.tzinfo is None:
        raise BadUserInput("not a cursor from this list", field="after")
    return at, id_


def check_first(first: int) -> None:
    if not 1 <= first <= MAX_PAGE:
        raise BadUserInput(f"first must be 1 to {MAX_PAGE}", field="first")


async def newest_first_page(
    db: Database,
    query: SelectOfScalar[T],
    at: Any,
    id_: Any,
    first: int,
    after: str | None,
) -> Page[T]:
    """One page of `query` ordered by (`at`, `id_`) descending, starting after the cursor.
    `at` and `id_` are the row's timestamp and id columns; cursors encode those two values."""
    check_first(first)
    if after is not None:
        cursor_at, cursor_id = decode_cursor(after)
        query = query.where(or_(at < cursor_at, and_(at == cursor_at, id_ < cursor_id)))
    query = query.order_by(at.desc(), id_.desc()).limit(first + 1)
    async with db.session() as session:
        rows = list((await session.exec(query)).all())
    page = rows[:first]
    cursors = [encode_cursor(getattr(r, at.key), getattr(r, id_.key)) for r in page]
    return Page(page, cursors, len(rows) > first)
