"""Widget tokens: a named, revocable, read-only session (scope "widget") per home-screen widget."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.db.models import _time, new_id


class WidgetToken(SQLModel, table=True):
    """The label and life of one widget token. The bearer secret is the session's token: its
    SHA-256 sits in `sessions` with scope "widget", so one authentication path serves both."""

    __tablename__ = "widget_tokens"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    session_id: str = Field(
        foreign_key="sessions.id", unique=True, max_length=32, ondelete="CASCADE"
    )
    label: str = Field(max_length=60)
    created_at: datetime = _time()
    revoked_at: datetime | None = _time(nullable=True)
