"""The user's watchlist over the real GraphQL API, and the watchlist widget that shows it."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette

from api.container import Services
from api.errors import BadUserInput
from api.services.watchlist import WatchlistService
from tests.conftest import GraphQLClient
from tests.widgets.helpers import bearer, widget_token

ENTRIES = "entries { venue symbol } isDefault maxEntries"
GET = f"{{ watchlist {{ {ENTRIES} }} }}"
SET = f"mutation($s: [String!]!) {{ setWatchlist(symbols: $s) {{ {ENTRIES} }} }}"
ADD = f"mutation($y: String!) {{ addToWatchlist(symbol: $y) {{ {ENTRIES} }} }}"
ADD_ON = (
    "mutation($v: String!, $y: String!) "
    f"{{ addToWatchlist(venue: $v, symbol: $y) {{ {ENTRIES} }} }}"
)
REMOVE = f"mutation($y: String!) {{ removeFromWatchlist(symbol: $y) {{ {ENTRIES} }} }}"

DEFAULT = ["BTC/USDT", "ETH/USDT", "SOL/USDT", "BNB/USDT", "XRP/USDT", "ADA/USDT"]


def symbols(watchlist: dict[str, object]) -> list[str]:
    entries = watchlist["entries"]
    assert isinstance(entries, list)
    assert all(entry["venue"] == "sim" for entry in entries)
    return [entry["symbol"] for entry in entries]


async def widget_rows(client: httpx.AsyncClient, token: str) -> tuple[list[str], str]:
    response = await client.get("/widgets/watchlist?size=large", headers=bearer(token))
    assert response.status_code == 200, response.text
    return [row["y"] for row in response.json()["w"]], response.headers["etag"]


async def test_a_new_user_gets_the_default_list_and_the_widget_shows_it(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("a@example.com")
    watchlist = (await gql.data(GET, token=full))["watchlist"]
    assert symbols(watchlist) == DEFAULT
    assert watchlist["isDefault"] is True and watchlist["maxEntries"] == 50
    token, _ = await widget_token(gql, full)
    assert (await widget_rows(client, token))[0] == DEFAULT


async def test_set_keeps_the_order_and_the_widget_shows_the_first_six_at_once(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("a@example.com")
    token, _ = await widget_token(gql, full)
    before, etag = await widget_rows(client, token)
    assert before == DEFAULT
    chosen = ["LTC/USDT", "DOGE/USDT", "BTC/USDT", "TRX/USDT", "DOT/USDT", "LINK/USDT", "ETH/USDT"]
    stored = (await gql.data(SET, {"s": chosen}, full))["setWatchlist"]
    assert symbols(stored) == chosen and stored["isDefault"] is False
    assert symbols((await gql.data(GET, token=full))["watchlist"]) == chosen
    # The snapshot was rebuilt on the change (no waiting for the refresher): new rows, new ETag.
    after, new_etag = await widget_rows(client, token)
    assert after == chosen[:6] and new_etag != etag
    medium = await client.get("/widgets/watchlist?size=medium", headers=bearer(token))
    assert [row["y"] for row in medium.json()["w"]] == chosen[:4]


async def test_add_appends_once_and_remove_takes_it_off(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("a@example.com")
    token, _ = await widget_token(gql, full)
    await widget_rows(client, token)  # the widget reads the watchlist from now on
    added = (await gql.data(ADD, {"y": "DOGE/USDT"}, full))["addToWatchlist"]
    assert symbols(added) == [*DEFAULT, "DOGE/USDT"] and added["isDefault"] is False
    again = (await gql.data(ADD, {"y": "doge/usdt"}, full))["addToWatchlist"]
    assert symbols(again) == [*DEFAULT, "DOGE/USDT"]  # already there: unchanged
    removed = (await gql.data(REMOVE, {"y": "BTC/USDT"}, full))["removeFromWatchlist"]
    assert symbols(removed) == [*DEFAULT[1:], "DOGE/USDT"]
    assert (await widget_rows(client, token))[0] == [*DEFAULT[1:], "DOGE/USDT"]
    absent = (await gql.data(REMOVE, {"y": "BTC/USDT"}, full))["removeFromWatchlist"]
    assert symbols(absent) == [*DEFAULT[1:], "DOGE/USDT"]


async def test_an_emptied_watchlist_stays_empty_and_the_widget_shows_no_rows(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("a@example.com")
    token, _ = await widget_token(gql, full)
    emptied = (await gql.data(SET, {"s": []}, full))["setWatchlist"]
    assert emptied["entries"] == [] and emptied["isDefault"] is False
    assert (await gql.data(GET, token=full))["watchlist"]["entries"] == []
    assert (await widget_rows(client, token))[0] == []


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (SET, {"s": ["BTC/USDT", "NOPE/USDT"]}, "symbols"),
        (SET, {"s": ["BTC/USDT", "ETH/USDT", "BTC/USDT"]}, "symbols"),
        (SET, {"s": ["BTC/USDT"] * 51}, "symbols"),
        (SET, {"s": [""]}, "symbols"),
        (ADD, {"y": "NOPE/USDT"}, "symbol"),
        (ADD, {"y": "x" * 65}, "symbol"),
        (ADD_ON, {"v": "nowhere", "y": "BTC/USDT"}, "symbol"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_stored(
    gql: GraphQLClient, query: str, variables: dict[str, object], field: str
) -> None:
    full = await gql.register("a@example.com")
    body = await gql.raw(query, variables, full)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field
    watchlist = (await gql.data(GET, token=full))["watchlist"]
    assert symbols(watchlist) == DEFAULT and watchlist["isDefault"] is True


async def test_one_users_watchlist_is_never_anothers(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    alice = await gql.register("alice@example.com")
    bob = await gql.register("bob@example.com")
    await gql.data(SET, {"s": ["TRX/USDT", "LTC/USDT"]}, alice)
    bob_list = (await gql.data(GET, token=bob))["watchlist"]
    assert symbols(bob_list) == DEFAULT and bob_list["isDefault"] is True
    # Bob's edits act on Bob's list only (removing Alice's symbols does nothing to hers).
    await gql.data(REMOVE, {"y": "TRX/USDT"}, bob)
    await gql.data(ADD, {"y": "DOT/USDT"}, bob)
    assert symbols((await gql.data(GET, token=alice))["watchlist"]) == ["TRX/USDT", "LTC/USDT"]
    assert symbols((await gql.data(GET, token=bob))["watchlist"]) == [*DEFAULT, "DOT/USDT"]
    alice_widget, _ = await widget_token(gql, alice)
    bob_widget, _ = await widget_token(gql, bob)
    assert (await widget_rows(client, alice_widget))[0] == ["TRX/USDT", "LTC/USDT"]
    assert (await widget_rows(client, bob_widget))[0] == DEFAULT


async def test_a_widget_token_can_neither_read_nor_edit_the_watchlist(
    gql: GraphQLClient,
) -> None:
    full = await gql.register("a@example.com")
    token, _ = await widget_token(gql, full)
    assert await gql.error_code(GET, token=token) == "FORBIDDEN"
    assert await gql.error_code(ADD, {"y": "DOT/USDT"}, token) == "FORBIDDEN"
    assert await gql.error_code(SET, {"s": []}, token) == "FORBIDDEN"
    assert await gql.error_code(GET) == "UNAUTHENTICATED"
    assert symbols((await gql.data(GET, token=full))["watchlist"]) == DEFAULT


async def user_id(gql: GraphQLClient, token: str) -> str:
    me: str = (await gql.data("{ me { id } }", token=token))["me"]["id"]
    return me


async def test_concurrent_adds_are_all_kept(app: Starlette, gql: GraphQLClient) -> None:
    """Two phones adding at once: compare-and-set on the row's version, none is lost."""
    services: Services = app.state.services
    owner = await user_id(gql, await gql.register("a@example.com"))
    extra = ["DOGE/USDT", "AVAX/USDT", "LINK/USDT", "DOT/USDT", "LTC/USDT", "TRX/USDT"]
    await asyncio.gather(*(services.watchlist.add(owner, "sim", s) for s in extra))
    stored = await services.watchlist.get(owner)
    assert sorted(stored.symbols("sim")) == sorted([*DEFAULT, *extra])
    assert stored.symbols("sim")[:6] == DEFAULT  # the default stays first, in its order


async def test_add_beyond_the_limit_is_refused(app: Starlette, gql: GraphQLClient) -> None:
    services: Services = app.state.services
    owner = await user_id(gql, await gql.register("a@example.com"))
    small = WatchlistService(services.db, services.market, max_entries=3)
    await small.set(owner, ["BTC/USDT", "ETH/USDT", "SOL/USDT"])
    with pytest.raises(BadUserInput, match="at most 3") as refused:
        await small.add(owner, "sim", "DOT/USDT")
    assert refused.value.details["field"] == "symbol"
    assert (await small.get(owner)).symbols("sim") == ["BTC/USDT", "ETH/USDT", "SOL/USDT"]


async def test_the_widgets_read_of_the_symbols_is_cached_and_cleared_by_an_edit(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    owner = await user_id(gql, await gql.register("a@example.com"))
    now = [100.0]
    here = WatchlistService(services.db, services.market, monotonic=lambda: now[0])
    other_replica = WatchlistService(services.db, services.market)
    assert await here.stored_symbols(owner) is None  # never set: the widget shows the default
    await other_replica.set(owner, ["DOT/USDT"])
    assert await here.stored_symbols(owner) is None  # still the cached answer
    now[0] += 31
    assert await here.stored_symbols(owner) == ["DOT/USDT"]
    await here.add(owner, "sim", "LTC/USDT")  # an edit here is seen at once
    assert await here.stored_symbols(owner) == ["DOT/USDT", "LTC/USDT"]
