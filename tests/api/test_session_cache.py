"""The short-lived authenticated-session cache in AccountService: a hit costs no SQL, a logout
is refused at once on this replica and (through the bus) on every other one, a cached session
never outlives its own expiry, and an out-of-band change is seen within the cache's TTL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from starlette.applications import Starlette

from api.bus import Bus, create_bus
from api.container import Services
from api.db.models import AuthSession, utcnow
from api.errors import Unauthenticated
from api.services.accounts import AccountService, Principal
from api.tasks import stop_tasks
from tests.conftest import GraphQLClient
from tests.support.polling import eventually
from tests.support.sql import statements

ME = "{ me { email } }"


async def session_lookups(services: Services, accounts: AccountService, token: str) -> int:
    """SQL statements that resolving `token` cost (0: served from the cache)."""
    with statements(services.db) as seen:
        await accounts.authenticate(token)
    return sum("FROM sessions" in s for s in seen)


async def refused(accounts: AccountService, token: str) -> str | None:
    try:
        await accounts.authenticate(token)
    except Unauthenticated as exc:
        return str(exc)
    return None


@asynccontextmanager
async def replica(services: Services, bus: Bus, **options: Any) -> AsyncIterator[AccountService]:
    """Another AccountService over the same database, following revocations on `bus`."""
    accounts = AccountService(services.db, timedelta(hours=1), bus=bus, **options)
    task = asyncio.create_task(accounts.follow_revocations())
    try:
        await eventually(lambda: _true(accounts.caching))
        yield accounts
    finally:
        await stop_tasks([task])


async def _true(value: bool) -> bool:
    return value


async def test_a_resolved_session_is_served_from_the_cache(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    token = await gql.register("cached@example.com")
    await eventually(lambda: _true(services.accounts.caching))
    assert await session_lookups(services, services.accounts, token) == 1
    assert await session_lookups(services, services.accounts, token) == 0
    assert (await gql.data(ME, token=token))["me"]["email"] == "cached@example.com"


async def test_logout_refuses_a_cached_token_at_once(app: Starlette, gql: GraphQLClient) -> None:
    services: Services = app.state.services
    token = await gql.register("leaving@example.com")
    await eventually(lambda: _true(services.accounts.caching))
    await gql.data(ME, token=token)
    assert await session_lookups(services, services.accounts, token) == 0  # cached
    assert (await gql.data("mutation { logout }", token=token))["logout"] is True
    # The very next request, with no wait: refused.
    assert await gql.error_code(ME, token=token) == "UNAUTHENTICATED"
    assert await refused(services.accounts, token) == "session token is not valid"


async def test_a_logout_on_one_replica_is_refused_by_another_that_had_it_cached(
    services: Services,
) -> None:
    user = await services.accounts.register("roaming@example.com", "correct horse battery", "R")
    issued = await services.accounts.start_session(user)
    # A second replica: its own bus connection when the bus is Redis, the shared one in-process.
    redis_url = services.settings.redis_url
    other_bus = create_bus(redis_url, services.settings.bus_namespace) if redis_url else None
    if other_bus is not None:
        await other_bus.start()
    try:
        # Its cache never expires on its own (frozen clock): only the bus message can evict.
        async with replica(services, other_bus or services.bus, monotonic=lambda: 0.0) as other:
            principal = await other.authenticate(issued.token)
            assert await session_lookups(services, other, issued.token) == 0
            await eventually(lambda: _true(services.accounts.caching))
            await services.accounts.logout(principal)
            reason = await eventually(lambda: refused(other, issued.token))
            assert reason == "session token is not valid"
    finally:
        if other_bus is not None:
            await other_bus.close()


async def test_a_cached_session_never_outlives_its_own_expiry(services: Services) -> None:
    short = AccountService(services.db, timedelta(seconds=1), bus=services.bus)
    user = await short.register("brief@example.com", "correct horse battery", "B")
    issued = await short.start_session(user)
    # A cache TTL far longer than the session: the session's expiry must still win.
    async with replica(services, services.bus, cache_seconds=3600.0) as accounts:
        await accounts.authenticate(issued.token)
        assert await session_lookups(services, accounts, issued.token) == 0
        reason = await eventually(lambda: refused(accounts, issued.token), within_s=30)
        assert reason == "session has expired: log in again"
        assert utcnow() >= issued.expires_at


async def test_an_out_of_band_revocation_is_seen_within_the_cache_ttl(services: Services) -> None:
    clock = [100.0]
    async with replica(services, services.bus, cache_seconds=3.0, monotonic=lambda: clock[0]) as a:
        user = await a.register("oob@example.com", "correct horse battery", "O")
        issued = await a.start_session(user)
        await a.authenticate(issued.token)
        async with services.db.session() as session:
            await session.exec(update(AuthSession).values(revoked_at=utcnow()))
            await session.commit()
        clock[0] += 2.9  # within the TTL the cached answer stands (the documented bound) ...
        assert await refused(a, issued.token) is None
        clock[0] += 0.2  # ... and past it the database is asked again
        assert await refused(a, issued.token) == "session token is not valid"


async def test_a_lookup_racing_a_revocation_is_not_cached(services: Services) -> None:
    async with replica(services, services.bus) as accounts:
        user = await accounts.register("racer@example.com", "correct horse battery", "R")
        issued = await accounts.start_session(user)
        lookup = asyncio.create_task(accounts.authenticate(issued.token))
        await asyncio.sleep(0)  # the lookup has started and waits on the database
        assert not lookup.done()
        accounts.forget_session("some-session-revoked-meanwhile")
        principal: Principal = await lookup
        assert principal.user_id == user.id
        assert await session_lookups(services, accounts, issued.token) == 1  # not cached


async def test_nothing_is_cached_while_revocations_are_not_followed(services: Services) -> None:
    accounts = AccountService(services.db, timedelta(hours=1), bus=services.bus)
    user = await accounts.register("unfollowed@example.com", "correct horse battery", "U")
    issued = await accounts.start_session(user)
    assert not accounts.caching
    await accounts.authenticate(issued.token)
    assert await session_lookups(services, accounts, issued.token) == 1


async def test_widget_sessions_are_not_cached_here(services: Services) -> None:
    """Widget tokens are revoked by WidgetTokenService, which keeps its own cache."""
    async with replica(services, services.bus) as accounts:
        user = await accounts.register("widgety@example.com", "correct horse battery", "W")
        issued = await accounts.start_session(user)
        async with services.db.session() as session:
            await session.exec(update(AuthSession).values(scope="widget"))
            await session.commit()
        assert (await accounts.authenticate(issued.token)).scope == "widget"
        assert await session_lookups(services, accounts, issued.token) == 1


async def test_the_cache_is_dropped_when_following_stops(services: Services) -> None:
    accounts = AccountService(services.db, timedelta(hours=1), bus=services.bus)
    user = await accounts.register("stopped@example.com", "correct horse battery", "S")
    issued = await accounts.start_session(user)
    task = asyncio.create_task(accounts.follow_revocations())
    await eventually(lambda: _true(accounts.caching))
    await accounts.authenticate(issued.token)
    assert await session_lookups(services, accounts, issued.token) == 0
    await stop_tasks([task])
    assert not accounts.caching
    assert await session_lookups(services, accounts, issued.token) == 1
