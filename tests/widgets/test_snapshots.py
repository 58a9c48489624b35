"""Snapshots are per user, precomputed, and rebuilt from bus events only when they change."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal

import httpx
import jsonschema
import pytest
from starlette.applications import Starlette

from api.app import create_app
from api.container import Services
from api.db.bot_tables import Bot
from api.services.market import ticker_topic
from api.services.widgets import WidgetProviders, WidgetService
from api.services.widgets.sources import StrongestSignal
from api.settings import Settings
from api.tasks import stop_tasks
from api.workers.widget_refresher import WidgetRefresher
from tests.conftest import GraphQLClient
from tests.support.app_services import services_of
from tests.support.polling import eventually
from tests.widgets.helpers import bearer, widget_token
from widgets.inputs import BotLine, BotsData
from widgets.kinds import WidgetKind
from widgets.payloads import Payload
from widgets.schema_files import payload_schema


@pytest.fixture
async def still_app(settings: Settings) -> AsyncIterator[Starlette]:
    """The app without background workers: the test steps the market itself."""
    application = create_app(settings, run_workers=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def still_gql(still_app: Starlette) -> AsyncIterator[GraphQLClient]:
    transport = httpx.ASGITransport(app=still_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield GraphQLClient(http)


async def user_id(services: Services, email: str) -> str:
    user = await services.accounts.find_by_email(email)
    assert user is not None
    return user.id


async def test_each_token_reads_only_its_own_users_portfolio(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    alice = await still_gql.register("alice@example.com")
    bob = await still_gql.register("bob@example.com")
    await services.portfolio.open_paper_account(
        await user_id(services, "bob@example.com"), {"BTC": Decimal("2")}, label="Bob's BTC"
    )
    alice_widget, _ = await widget_token(still_gql, alice)
    bob_widget, _ = await widget_token(still_gql, bob)
    http = still_gql.http
    alice_view = (
        await http.get("/widgets/portfolio?size=large", headers=bearer(alice_widget))
    ).json()
    bob_view = (await http.get("/widgets/portfolio?size=large", headers=bearer(bob_widget))).json()
    assert alice_view["tv"] == "10000.00" and alice_view["h"] == [{"a": "USDT", "w": "100.00"}]
    btc = (await services.market.ticker("sim", "BTC/USDT")).last
    assert Decimal(bob_view["tv"]) == (10000 + 2 * btc).quantize(Decimal("0.01"))
    assert [h["a"] for h in bob_view["h"]] == ["BTC", "USDT"]


async def test_reads_come_from_memory_and_the_refresher_rebuilds_on_ticks(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    full = await still_gql.register("w@example.com")
    await services.portfolio.open_paper_account(
        await user_id(services, "w@example.com"), {"BTC": Decimal("1")}, label="BTC"
    )
    token, _ = await widget_token(still_gql, full)
    http = still_gql.http
    first = await http.get("/widgets/portfolio?size=medium", headers=bearer(token))
    start_price = (await services.market.ticker("sim", "BTC/USDT")).last
    refresher = WidgetRefresher(services.bus, services.widgets, ["BTC/USDT"], interval_s=3600)
    async with services.bus.subscribe(ticker_topic("sim", "BTC/USDT")) as ticks:
        for _ in range(200):  # step the market until BTC's price moves
            await services.feed.step_and_publish()
            if (await services.market.ticker("sim", "BTC/USDT")).last != start_price:
                break
        # Until the refresher runs, the widget keeps the precomputed snapshot.
        again = await http.get("/widgets/portfolio?size=medium", headers=bearer(token))
        assert again.headers["etag"] == first.headers["etag"]
        refresher.on_message(await ticks.get(timeout=5))
    assert refresher.market_moved
    assert await refresher.flush() > 0
    moved = await http.get(
        "/widgets/portfolio?size=medium",
        headers=bearer(token) | {"If-None-Match": first.headers["etag"]},
    )
    assert moved.status_code == 200 and moved.json()["tv"] != first.json()["tv"]


async def test_a_rebuild_with_the_same_content_keeps_bytes_and_etag(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    token, _ = await widget_token(still_gql, await still_gql.register("w@example.com"))
    http = still_gql.http
    first = await http.get("/widgets/bots?size=large", headers=bearer(token))
    later = services.widgets.clock() + timedelta(minutes=5)
    services.widgets.clock = lambda: later
    assert await services.widgets.refresh_readers(["bots", "alerts", "signal"]) == 0
    again = await http.get("/widgets/bots?size=large", headers=bearer(token))
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]


async def test_idle_readers_are_forgotten(still_app: Starlette, still_gql: GraphQLClient) -> None:
    services = services_of(still_app)
    token, _ = await widget_token(still_gql, await still_gql.register("w@example.com"))
    await still_gql.http.get("/widgets/signal", headers=bearer(token))
    assert services.widgets.readers == [await user_id(services, "w@example.com")]
    later = services.widgets.clock() + services.widgets.idle_after + timedelta(seconds=1)
    services.widgets.clock = lambda: later
    await services.widgets.refresh_readers()
    assert services.widgets.readers == []


async def test_providers_feed_the_bots_widget_and_changes_are_announced(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    await still_gql.register("w@example.com")
    uid = await user_id(services, "w@example.com")
    state = {"bots": BotsData(running=1, errors=0, top=[BotLine("b1", "Grid BTC", "running")])}

    async def bots(user: str) -> BotsData | None:
        return state["bots"] if user == uid else None

    widgets = WidgetService(services.portfolio, services.market, WidgetProviders(bots=bots))
    changes: list[tuple[str, WidgetKind]] = []

    async def on_change(user: str, kind: WidgetKind, payload: Payload) -> None:
        assert payload["k"] == kind and payload["s"] == "l"
        changes.append((user, kind))

    widgets.listeners.append(on_change)
    running = await widgets.snapshot(uid, "bots", "large")
    assert running.payload["b"] == [{"i": "b1", "n": "Grid BTC", "st": "running", "p": None}]
    state["bots"] = BotsData(
        running=0, errors=1, top=[BotLine("b1", "Grid BTC", "error", Decimal("-3.5"))]
    )
    await widgets.refresh_readers(["bots"])
    failed = await widgets.snapshot(uid, "bots", "large")
    assert failed.payload["e"] == 1 and failed.payload["b"][0]["p"] == "-3.50"
    assert failed.etag != running.etag
    assert changes == [(uid, "bots"), (uid, "bots")]
    other = await widgets.snapshot("someone-else", "bots", "large")
    assert other.payload["r"] == 0 and other.payload["b"] == []


async def test_the_running_refresher_follows_the_market_over_the_bus(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    full = await still_gql.register("w@example.com")
    token, _ = await widget_token(still_gql, full)
    http = still_gql.http
    first = await http.get("/widgets/watchlist?size=large", headers=bearer(token))
    symbols = [row["y"] for row in first.json()["w"]]
    refresher = WidgetRefresher(services.bus, services.widgets, symbols, interval_s=0.05)
    task = asyncio.create_task(refresher.run())
    try:

        async def step_and_read() -> httpx.Response:
            await services.feed.step_and_publish()
            return await http.get(
                "/widgets/watchlist?size=large",
                headers=bearer(token) | {"If-None-Match": first.headers["etag"]},
            )

        moved = await eventually(step_and_read, lambda r: r.status_code == 200, within_s=20)
    finally:
        await stop_tasks([task])
    assert moved.headers["etag"] != first.headers["etag"]
    assert [row["y"] for row in moved.json()["w"]] == symbols
    assert refresher.rounds > 0


async def test_the_bots_widget_shows_the_users_bots_end_to_end(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    token, _ = await widget_token(still_gql, await still_gql.register("w@example.com"))
    uid = await user_id(services, "w@example.com")
    account = (await services.portfolio.accounts(uid))[0]
    async with services.db.session() as session:
        session.add(
            Bot(
                user_id=uid,
                account_id=account.id,
                venue="sim",
                symbol="BTC/USDT",
                kind="grid",
                name="Grid BTC",
                params="{}",
                limits="{}",
                state="error",
                realised_pnl=Decimal("-1.5"),
            )
        )
        await session.commit()
    body = (await still_gql.http.get("/widgets/bots?size=large", headers=bearer(token))).json()
    assert (body["r"], body["e"]) == (0, 1)
    assert [(b["n"], b["st"], b["p"]) for b in body["b"]] == [("Grid BTC", "error", "-1.50")]


async def test_the_signal_widget_shows_the_strongest_model_signal(
    still_app: Starlette, still_gql: GraphQLClient
) -> None:
    services = services_of(still_app)
    symbols = list(services.venues.sim.markets)
    ticks = [0.0]
    strongest = StrongestSignal(services.signals, symbols, ttl=30, monotonic=lambda: ticks[0])
    first = await strongest("anyone")
    assert await strongest("someone else") is first  # one inference round for everybody
    signals = await services.signals.latest_many(symbols, "1m")
    decided = [s for s in signals if s.direction != "flat"]
    if decided:
        best = max(decided, key=lambda s: abs(s.probability_up - 0.5))
        assert first is not None and first.symbol == best.symbol
        assert first.direction == ("buy" if best.direction == "up" else "sell")
        assert first.source.startswith(best.model)
    else:
        assert first is None
    token, _ = await widget_token(still_gql, await still_gql.register("w@example.com"))
    body = (await still_gql.http.get("/widgets/signal?size=large", headers=bearer(token))).json()
    jsonschema.validate(body, payload_schema("signal"))
    assert (body["g"] is None) == (first is None)
