"""Shared fixtures. The suite runs twice (see README): on embedded defaults and on services.

CO_TEST_BACKEND=embedded (default): SQLite file + in-process bus.
CO_TEST_BACKEND=services: PostgreSQL (CO_TEST_PG_URL) + Redis (CO_TEST_REDIS_URL).
Tests marked `pg` / `redis` need those servers: they are skipped when the server does not
answer, unless CO_REQUIRE_SERVICES=1 (CI), where an unreachable server fails the test.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

TEST_BACKEND = os.environ.get("CO_TEST_BACKEND", "embedded")
PG_URL = os.environ.get("CO_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_SERVICES = os.environ.get("CO_REQUIRE_SERVICES") == "1"

if TEST_BACKEND not in {"embedded", "services"}:
    raise pytest.UsageError(f"CO_TEST_BACKEND must be embedded or services, not {TEST_BACKEND!r}")


def _answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), 1):
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
