"""The feed through GraphQL: who sees what (follow, block, report), plain text only, likes and
comments, shared verified trades, the posting rate limit, and the live subscription."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import fill_nodes, market_buy, paper_account, place
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually

pytestmark = pytest.mark.paper_trading_without_step_up

POST_FIELDS = "id authorId kind body likes commentCount likedByMe trade { symbol side qty }"
CREATE = f"mutation($i: CreatePostInput!) {{ createPost(input: $i) {{ {POST_FIELDS} }} }}"
FEED = (
    "query($f: Int, $a: String) { feed(first: $f, after: $a) "
    f"{{ posts {{ {POST_FIELDS} }} hasNextPage endCursor }} }}"
)
FOLLOW = "mutation($u: ID!, $on: Boolean) { followUser(userId: $u, follow: $on) }"
BLOCK = "mutation($u: ID!) { blockUser(userId: $u) }"
LIKE = f"mutation($p: ID!) {{ likePost(postId: $p) {{ {POST_FIELDS} }} }}"
COMMENT = (
    f"mutation($p: ID!, $b: String!) {{ commentOnPost(postId: $p, body: $b) {{ {POST_FIELDS} }} }}"
)
COMMENTS = "query($p: ID!) { postComments(postId: $p) { body authorId } }"
REPORT = 'mutation($p: ID!) { reportPost(postId: $p, reason: "spam") }'


async def user(gql: GraphQLClient, name: str) -> tuple[str, str]:
    token = await gql.register(f"{name}@example.com")
    me: str = (await gql.data("{ me { id } }", token=token))["me"]["id"]
    return token, me


async def post(gql: GraphQLClient, token: str, body: str, **extra: Any) -> dict[str, Any]:
    created: dict[str, Any] = (await gql.data(CREATE, {"i": {"body": body, **extra}}, token))[
        "createPost"
    ]
    return created


async def bodies(gql: GraphQLClient, token: str) -> list[str]:
    return [p["body"] for p in (await gql.data(FEED, {}, token))["feed"]["posts"]]


async def test_feed_shows_followed_users_and_own_posts_as_plain_text(
    gql: GraphQLClient,
) -> None:
    (alice, alice_id), (bob, bob_id) = await user(gql, "alice"), await user(gql, "bob")
    carol, _ = await user(gql, "carol")
    await post(gql, alice, "<b>BTC</b> looks <script>alert(1)</script>strong")
    await post(gql, carol, "not followed")
    await post(gql, bob, "my own")
    assert await bodies(gql, bob) == ["my own"]

    await gql.data(FOLLOW, {"u": alice_id}, bob)
    assert await bodies(gql, bob) == ["my own", "BTC looks alert(1)strong"]

    [_, alices] = (await gql.data(FEED, {}, bob))["feed"]["posts"]
    liked = (await gql.data(LIKE, {"p": alices["id"]}, bob))["likePost"]
    assert (liked["likes"], liked["likedByMe"]) == (1, True)
    again = (await gql.data(LIKE, {"p": alices["id"]}, bob))["likePost"]
    assert again["likes"] == 1  # idempotent
    commented = await gql.data(COMMENT, {"p": alices["id"], "b": "<i>agreed</i>"}, bob)
    assert commented["commentOnPost"]["commentCount"] == 1
    comments = (await gql.data(COMMENTS, {"p": alices["id"]}, alice))["postComments"]
    assert comments == [{"body": "agreed", "authorId": bob_id}]

    first = (await gql.data(FEED, {"f": 1}, bob))["feed"]
    assert first["hasNextPage"] is True
    rest = (await gql.data(FEED, {"f": 1, "a": first["endCursor"]}, bob))["feed"]
    assert [p["body"] for p in rest["posts"]] == ["BTC looks alert(1)strong"]

    await gql.data(FOLLOW, {"u": alice_id, "on": False}, bob)
    assert await bodies(gql, bob) == ["my own"]


async def test_block_hides_both_ways_and_report_hides_for_the_reporter(
    gql: GraphQLClient,
) -> None:
    (alice, alice_id), (bob, bob_id) = await user(gql, "alice"), await user(gql, "bob")
    await gql.data(FOLLOW, {"u": alice_id}, bob)
    await gql.data(FOLLOW, {"u": bob_id}, alice)
    spam = await post(gql, alice, "spam")
    await post(gql, bob, "hello")

    await gql.data(REPORT, {"p": spam["id"]}, bob)
    assert await bodies(gql, bob) == ["hello"]
    assert await bodies(gql, alice) == ["hello", "spam"]

    await gql.data(BLOCK, {"u": bob_id}, alice)
    assert await bodies(gql, alice) == ["spam"]
    assert await bodies(gql, bob) == ["hello"]
    assert await gql.error_code(LIKE, {"p": spam["id"]}, bob) == "NOT_FOUND"


async def test_limits_rate_and_shared_trades(gql: GraphQLClient) -> None:
    (alice, _), (bob, _) = await user(gql, "alice"), await user(gql, "bob")
    assert await gql.error_code(CREATE, {"i": {"body": "x" * 1001}}, alice) == "BAD_USER_INPUT"
    assert await gql.error_code(CREATE, {"i": {"body": "<p></p>"}}, alice) == "BAD_USER_INPUT"
    account = await paper_account(gql, alice)
    await place(gql, alice, market_buy(account))
    [fill] = await eventually(lambda: fill_nodes(gql, alice), lambda f: len(f) == 1)
    shared = await post(gql, alice, "bought", kind="trade", fillId=fill["id"])
    assert shared["trade"] == {"symbol": "BTC/USDT", "side": "buy", "qty": fill["qty"]}
    stolen = {"kind": "trade", "body": "mine!", "fillId": fill["id"]}
    assert await gql.error_code(CREATE, {"i": stolen}, bob) == "NOT_FOUND"
    for n in range(4):  # 5 posts a minute
        await post(gql, alice, f"post {n}")
    assert await gql.error_code(CREATE, {"i": {"body": "one too many"}}, alice) == "RATE_LIMITED"


async def test_feed_subscription_pushes_new_posts_of_followed_users(
    gql: GraphQLClient, app: Starlette
) -> None:
    (alice, alice_id), (bob, _) = await user(gql, "alice"), await user(gql, "bob")
    carol, _ = await user(gql, "carol")
    await gql.data(FOLLOW, {"u": alice_id}, bob)
    async with graphql_ws(app, {"authorization": f"Bearer {bob}"}) as ws:
        query = "subscription { feed { body authorId } }"
        await ws.send_json({"id": "f", "type": "subscribe", "payload": {"query": query}})
        await asyncio.sleep(0.2)  # the subscription is registered on the bus
        await post(gql, carol, "stranger")
        await post(gql, alice, "live")
        message = await next_of(ws, "f")
    assert message["payload"]["data"]["feed"] == {"body": "live", "authorId": alice_id}


async def test_posts_and_comments_name_authors_by_their_public_handle(
    gql: GraphQLClient,
) -> None:
    (dana, dana_id), (erin, _) = await user(gql, "dana"), await user(gql, "erin")
    profile = "mutation($i: TraderProfileInput!) { upsertTraderProfile(input: $i) { handle } }"
    await gql.data(profile, {"i": {"handle": "DanaTrades"}}, dana)
    await gql.data(FOLLOW, {"u": dana_id}, erin)
    mine = await post(gql, dana, "hello followers")
    await post(gql, erin, "no profile here")
    await gql.data(COMMENT, {"p": mine["id"], "b": "welcome"}, erin)
    feed = "{ feed { posts { body authorHandle } } }"
    seen = {p["body"]: p["authorHandle"] for p in (await gql.data(feed, {}, erin))["feed"]["posts"]}
    assert seen == {"hello followers": "danatrades", "no profile here": None}
    comments = "query($p: ID!) { postComments(postId: $p) { body authorHandle } }"
    rows = (await gql.data(comments, {"p": mine["id"]}, dana))["postComments"]
    assert rows == [{"body": "welcome", "authorHandle": None}]


BACKTEST_POST = (
    "id kind body listingId backtest { backtestId simulated symbol strategy templateId timeframe "
    "periodStart periodEnd totalReturn maxDrawdown sharpe trades }"
)
SHARE = f"mutation($i: CreatePostInput!) {{ createPost(input: $i) {{ {BACKTEST_POST} }} }}"
RUN_BACKTEST = "mutation($i: BacktestInput!) { runBacktest(input: $i) { id } }"
BACKTEST = (
    "query($id: ID!) { backtest(id: $id) { status metrics { totalReturn maxDrawdown sharpe "
    "trades } } }"
)
GRID_BACKTEST = {
    "symbol": "BTC/USDT",
    "kind": "grid",
    "timeframe": "1h",
    "days": 5,
    "params": {"low": "85000", "high": "105000", "levels": 6, "qty_per_level": "0.01"},
}


async def finished_backtest(gql: GraphQLClient, token: str) -> tuple[str, dict[str, Any]]:
    job_id = (await gql.data(RUN_BACKTEST, {"i": GRID_BACKTEST}, token))["runBacktest"]["id"]
    job = await eventually(
        lambda: gql.data(BACKTEST, {"id": job_id}, token),
        lambda j: j["backtest"]["status"] in ("DONE", "FAILED", "CANCELED"),
    )
    assert job["backtest"]["status"] == "DONE"
    return str(job_id), job["backtest"]["metrics"]


async def test_a_finished_backtest_is_shared_with_its_headline_figures_labelled_simulated(
    gql: GraphQLClient,
) -> None:
    (alice, alice_id), (bob, _) = await user(gql, "alice"), await user(gql, "bob")
    job_id, metrics = await finished_backtest(gql, alice)
    shared = (
        await gql.data(
            SHARE,
            {"i": {"kind": "backtest", "body": "<b>grid</b> test", "backtestId": job_id}},
            alice,
        )
    )["createPost"]
    assert (shared["kind"], shared["body"], shared["listingId"]) == ("backtest", "grid test", None)
    card = shared["backtest"]
    assert card["backtestId"] == job_id and card["simulated"] is True
    assert (card["symbol"], card["strategy"], card["templateId"], card["timeframe"]) == (
        "BTC/USDT",
        "grid",
        None,
        "1h",
    )
    assert {k: card[k] for k in ("totalReturn", "maxDrawdown", "sharpe", "trades")} == metrics
    assert card["periodStart"] < card["periodEnd"]

    await gql.data(FOLLOW, {"u": alice_id}, bob)
    feed = f"{{ feed {{ posts {{ {BACKTEST_POST} }} }} }}"
    [seen] = (await gql.data(feed, {}, bob))["feed"]["posts"]
    assert seen == shared  # a follower sees the same card


async def test_only_your_own_finished_backtest_can_be_shared(
    gql: GraphQLClient, app: Starlette
) -> None:
    from api.container import Services

    (alice, _), (bob, _) = await user(gql, "alice"), await user(gql, "bob")
    job_id, _ = await finished_backtest(gql, alice)
    steal = {"kind": "backtest", "body": "mine!", "backtestId": job_id}
    assert await gql.error_code(CREATE, {"i": steal}, bob) == "NOT_FOUND"
    unknown = {"kind": "backtest", "backtestId": "nope"}
    assert await gql.error_code(CREATE, {"i": unknown}, alice) == "NOT_FOUND"
    assert await gql.error_code(CREATE, {"i": {"kind": "backtest"}}, alice) == "NOT_FOUND"
    assert await gql.error_code(CREATE, {"i": {"kind": "video"}}, alice) == "BAD_USER_INPUT"

    services: Services = app.state.services
    slots = services.backtests._slots
    await slots.acquire()  # hold both run slots: the next job stays queued
    await slots.acquire()
    try:
        queued = (await gql.data(RUN_BACKTEST, {"i": GRID_BACKTEST}, alice))["runBacktest"]["id"]
        early = {"kind": "backtest", "backtestId": queued}
        assert await gql.error_code(CREATE, {"i": early}, alice) == "BACKTEST_NOT_FINISHED"
        await gql.data(
            "mutation($id: ID!) { cancelBacktest(id: $id) { id } }", {"id": queued}, alice
        )
        assert await gql.error_code(CREATE, {"i": early}, alice) == "BACKTEST_NOT_FINISHED"
    finally:
        slots.release()
        slots.release()
    assert await bodies(gql, alice) == []  # nothing was stored by the refused posts
    assert await bodies(gql, bob) == []
