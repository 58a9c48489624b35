"""Count the SQL statements a piece of code sends (a real engine's cursor events)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from api.db.database import Database


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every statement `db`'s engine executes inside the block, in order."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
