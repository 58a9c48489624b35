"""Count the SQL statements a piece of code sends (a real engine's cursor events)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event

from api.db.database import Database

# Set inside a `statements` block: the list its statements go to. Tasks started in the block
# copy it; the app's background workers (started earlier) do not, nor do other tests' blocks.
_counting: ContextVar[list[str] | None] = ContextVar("counting_statements", default=None)


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every statement the code in the block sends through `db`'s engine, in order: the block's
    own task and the tasks it starts, not the workers sharing the engine (the market feed's
    recorders, the P&L sampler) that happen to write meanwhile. SQLAlchemy runs a statement in a
    greenlet that carries the awaiting task's context, so the variable is seen there."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _counting.get() is seen:
            seen.append(statement)

    engine = db.engine.sync_engine
    token = _counting.set(seen)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
        _counting.reset(token)
