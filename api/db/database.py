"""The async database: engine, sessions, health and migrations (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATION_LOCK_KEY = 0x636F6D6967  # "comig": one advisory lock id for schema migrations


class DatabaseUnavailable(Exception):
    """The database at the configured URL cannot be reached or opened."""


def redact(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A server connection can drop between uses; a local SQLite file cannot (and the ping
        # would cost a thread round trip through aiosqlite on every checkout).
        self.engine: AsyncEngine = create_async_engine(url, pool_pre_ping=self.dialect != "sqlite")
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _enable_sqlite_foreign_keys)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    def session(self) -> AsyncSession:
        return self._sessions()

    async def check(self) -> None:
        """Raise DatabaseUnavailable naming the (redacted) URL when it does not answer."""
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:
            raise DatabaseUnavailable(
                f"database not reachable at {redact(self.url)}: {type(exc).__name__}: {exc}"
            ) from exc

    async def healthy(self) -> bool:
        try:
            await self.check()
        except DatabaseUnavailable:
            return False
        return True

    async def upgrade(self, revision: str = "heads") -> None:
        """Apply Alembic migrations on this engine's connection."""

        def run(connection: Connection) -> None:
            config = alembic_config(self.url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        async with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Processes starting together (API replicas, bot workers) migrate one at a
                # time; the others then find the schema current. Held until this commits.
                await conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            await conn.run_sync(run)

    async def dispose(self) -> None:
        await self.engine.dispose()
