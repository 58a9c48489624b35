"""Shared fixtures. The suite runs twice (see README): on embedded defaults and on services.

CO_TEST_BACKEND=embedded (default): SQLite file + in-process bus.
CO_TEST_BACKEND=services: PostgreSQL (CO_TEST_PG_URL) + Redis (CO_TEST_REDIS_URL).
Tests marked `pg` / `redis` need those servers: they are skipped when the server does not
answer, unless CO_REQUIRE_SERVICES=1 (CI), where an unreachable server fails the test.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.applications import Starlette

from api.app import create_app
from api.container import Services, start_services
from api.settings import Settings
from tests.support.redis_server import RedisServerProcess
from tests.support.standins.binance import BinanceStandin

TEST_BACKEND = os.environ.get("CO_TEST_BACKEND", "embedded")
PG_URL = os.environ.get("CO_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_SERVICES = os.environ.get("CO_REQUIRE_SERVICES") == "1"

if TEST_BACKEND not in {"embedded", "services"}:
    raise pytest.UsageError(f"CO_TEST_BACKEND must be embedded or services, not {TEST_BACKEND!r}")


def _answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def _require(url: str, default_port: int, what: str) -> str:
    if _answers(url, default_port):
        return url
    message = f"{what} does not answer at {url}"
    if REQUIRE_SERVICES:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def redis_url() -> str:
    """URL of the real Redis server; a test using it is a Redis test."""
    return _require(REDIS_URL, 6379, "Redis")


@pytest.fixture
def pg_url() -> str:
    """SQLAlchemy URL of the real PostgreSQL server."""
    return _require(PG_URL, 5432, "PostgreSQL")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "redis_url" in names:
            item.add_marker(pytest.mark.redis)
        if "pg_url" in names:
            item.add_marker(pytest.mark.pg)


@pytest.fixture
def free_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield port


# --- the running service -------------------------------------------------------------------


def _pg_admin(url: str, statement: str) -> None:
    """Run one statement on the server's maintenance connection (own loop: session scope)."""
    import asyncpg
    from sqlalchemy import make_url

    parsed = make_url(url)

    async def run() -> None:
        conn = await asyncpg.connect(
            host=parsed.host,
            port=parsed.port or 5432,
            user=parsed.username,
            database=parsed.database,
        )
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run())


def reset_pg_schema(url: str) -> None:
    _pg_admin(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public")


# Empties every table but Alembic's in one statement: far cheaper than dropping the schema and
# migrating it again for every test (the app's start-up upgrade is then a no-op at head).
_CLEAR_TABLES = """
DO $$
DECLARE stmt text;
BEGIN
  SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')
         || ' RESTART IDENTITY CASCADE'
    INTO stmt
    FROM pg_tables
   WHERE schemaname = 'public' AND tablename <> 'alembic_version';
  IF stmt IS NOT NULL THEN
    EXECUTE stmt;
  END IF;
END $$;
"""


def clear_pg_tables(url: str) -> None:
    _pg_admin(url, _CLEAR_TABLES)


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """A database of its own for this test run, dropped at the end."""
    _require(PG_URL, 5432, "PostgreSQL")
    from sqlalchemy import make_url

    name = f"co_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(PG_URL, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _pg_admin(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The run's database, empty for each test: a new SQLite file, or a reset PostgreSQL schema."""
    if TEST_BACKEND == "embedded":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("pg_database_url")
    request.getfixturevalue("pg_url")  # marks the test as a PostgreSQL test
    clear_pg_tables(url)
    return url


@pytest.fixture
def bus_url(request: pytest.FixtureRequest) -> str | None:
    """The run's bus: None (in-process) or the Redis server."""
    if TEST_BACKEND == "embedded":
        return None
    url: str = request.getfixturevalue("redis_url")
    return url


@pytest.fixture
def settings(
    request: pytest.FixtureRequest, tmp_path: Path, database_url: str, bus_url: str | None
) -> Settings:
    # Marked tests exercise order mechanics, not the step-up (CO_STEP_UP_PAPER_TRADING=false).
    paper_step_up = request.node.get_closest_marker("paper_trading_without_step_up") is None
    return Settings(
        step_up_paper_trading=paper_step_up,
        var_dir=tmp_path / "var",
        database_url=database_url,
        redis_url=bus_url,
        # A test's servers never hear another test's (or a lingering server's) Redis topics.
        bus_namespace=f"test-{uuid.uuid4().hex[:12]}",
        secret_key="test-secret-key-not-for-production",
        demo_data=False,
        sim_tick_seconds=0.05,
        subscription_max_rate=100,
    )


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    """The real service stack (database, bus, orders, ...) without background workers."""
    started = await start_services(settings, run_workers=False)
    try:
        yield started
    finally:
        await started.close()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


class GraphQLClient:
    """Posts GraphQL over HTTP to the app, like the mobile app does."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.raw(query, variables, token)
        assert not body.get("errors"), body.get("errors")
        data: dict[str, Any] = body["data"]
        return data

    async def error_code(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> str:
        body = await self.raw(query, variables, token)
        assert body.get("errors"), f"expected an error, got {body}"
        code: str = body["errors"][0]["extensions"]["code"]
        return code

    async def register(self, email: str, password: str = "correct horse battery") -> str:
        data = await self.data(
            "mutation($i: RegisterInput!) { register(input: $i) { token } }",
            {"i": {"email": email, "password": password, "displayName": email.split("@")[0]}},
        )
        token: str = data["register"]["token"]
        return token


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


@pytest.fixture
async def redis_server(redis_url: str, free_port: int) -> AsyncIterator[RedisServerProcess]:
    server = RedisServerProcess(free_port)
    try:
        await server.start()
        yield server
    finally:
        await server.kill()


@pytest.fixture
async def standin() -> AsyncIterator[BinanceStandin]:
    """A binance stand-in on loopback (tests/exchanges adds a check of unknown requests)."""
    server = BinanceStandin()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
