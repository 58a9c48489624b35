"""User watchlists: one row per user with its ordered entries (venue and symbol)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from api.db.models import _time


class Watchlist(SQLModel, table=True):
    """A user's watchlist. No row: the user never changed it and sees the default list.

    `entries` is a JSON array of `[venue, symbol]` pairs in the user's order (at most 50);
    `version` counts writes, so concurrent edits never overwrite each other (compare-and-set).
    """

    __tablename__ = "watchlists"

    user_id: str = Field(
        primary_key=True, foreign_key="users.id", max_length=32, ondelete="CASCADE"
    )
    entries: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    version: int = Field(default=1)
    updated_at: datetime = _time()
