from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import api.db.all_tables  # noqa: F401  (every table on SQLModel.metadata)
from api.db.database import Database
from tests.conftest import reset_pg_schema

EXPECTED_TABLES = {
    "users",
    "sessions",
    "webauthn_credentials",
    "exchange_accounts",
    "orders",
    "fills",
    "balances",
    "webauthn_challenges",
    "recovery_codes",
    "trading_grants",
    "follows",
    "copy_trades",
    "copy_fanouts",
    "trader_profiles",
    "trader_avatars",
    "daily_equity",
    "leaderboard_entries",
    "strategy_listings",
    "strategy_subscriptions",
    "fee_settlements",
    "backtest_datasets",
    "leaderboard_state",
    "ledger_entries",
    "posts",
    "post_likes",
    "post_comments",
    "user_relations",
    "post_reports",
    "strategy_reviews",
    "widget_tokens",
    "watchlists",
    "bots",
    "bot_orders",
    "bot_events",
    "account_risk_limits",
    "alerts",
    "alert_triggers",
    "push_devices",
    "notification_preferences",
    "notifications",
    "notification_deliveries",
    "notification_action_tokens",
    "push_outbox",
    "push_pending",
    "pnl_peaks",
    "backtest_jobs",
    "signal_models",
    "alembic_version",
}


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


async def _upgrade_and_compare(url: str) -> None:
    db = Database(url)
    try:
        await db.upgrade()
        await db.upgrade()  # idempotent: a second start changes nothing
        async with db.engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
            diff = await conn.run_sync(_diff)
        assert tables >= EXPECTED_TABLES
        assert diff == [], f"models and migrations disagree: {diff}"
    finally:
        await db.dispose()


async def test_migrations_create_every_table_on_sqlite(tmp_path: Path) -> None:
    await _upgrade_and_compare(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")


@pytest.fixture
def empty_pg_database(pg_url: str, pg_database_url: str) -> str:
    reset_pg_schema(pg_database_url)
    return pg_database_url


async def test_migrations_create_every_table_on_postgresql(empty_pg_database: str) -> None:
    await _upgrade_and_compare(empty_pg_database)


async def test_processes_starting_together_migrate_one_at_a_time(empty_pg_database: str) -> None:
    """Three engines (as three processes would) upgrade an empty database at once: the advisory
    lock serialises them, so none fails on a half-created schema."""
    databases = [Database(empty_pg_database) for _ in range(3)]
    try:
        await asyncio.gather(*(db.upgrade() for db in databases))
        async with databases[0].engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert tables >= EXPECTED_TABLES
    finally:
        for db in databases:
            await db.dispose()


def test_migrations_form_one_line_of_history() -> None:
    """One head: every revision builds on the one before (no parallel branches to merge)."""
    from alembic.script import ScriptDirectory

    from api.db.database import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://"))
    assert len(script.get_heads()) == 1, script.get_heads()
