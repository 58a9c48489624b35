"""Public profiles and the leaderboard through GraphQL: opt-in, verified data only, minimum
track record, ranking, paging, % unless balances are opted in, and bad input."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.container import Services
from api.db.social_tables import DailyEquity
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account
from tests.support.app_services import services_of

UPSERT = (
    "mutation($i: TraderProfileInput!) { upsertTraderProfile(input: $i) "
    "{ handle bio avatarUrl styleTags publicAccountIds showBalances } }"
)
BOARD = (
    "query($p: LeaderboardPeriod, $m: LeaderboardMetric, $f: Int, $a: String) "
    "{ leaderboard(period: $p, metric: $m, first: $f, after: $a) { edges { cursor node "
    "{ rank handle metrics { days trades roiPct maxDrawdownPct } } } "
    "pageInfo { hasNextPage endCursor } } }"
)
PROFILE = (
    "query($h: String!) { traderProfile(handle: $h) { handle bio styleTags verifiedSince "
    "verifiedAccounts { venue label } equityCurve { day returnPct equity } "
    "metrics { period days trades roiPct } } }"
)
DAY0 = date(2026, 10, 1)


async def opt_in(gql: GraphQLClient, name: str, **extra: Any) -> tuple[str, str, str]:
    """A user with a public profile over their paper account: (token, user id, account id)."""
    token = await gql.register(f"{name}@example.com")
    account = await paper_account(gql, token)
    profile = {"handle": name, "publicAccountIds": [account], **extra}
    await gql.data(UPSERT, {"i": profile}, token)
    user_id: str = (await gql.data("{ me { id } }", token=token))["me"]["id"]
    return token, user_id, account


async def history(services: Services, user_id: str, equity: list[str], trades: int) -> None:
    """Daily equity as the leaderboard worker records it from venue data."""
    async with services.db.session() as session:
        for n, value in enumerate(equity):
            day = DAY0 + timedelta(days=n)
            session.add(DailyEquity(user_id=user_id, day=day, equity=Decimal(value), trades=trades))
        await session.commit()
    await services.leaderboard.refresh()


def rising(start: int, step: int, days: int) -> list[str]:
    return [str(start + step * n) for n in range(days)]


async def test_leaderboard_ranks_traders_with_a_track_record(
    gql: GraphQLClient, app: Starlette
) -> None:
    services = services_of(app)
    _, steady, _ = await opt_in(gql, "steady")
    _, rocket, _ = await opt_in(gql, "rocket")
    _, newbie, _ = await opt_in(gql, "newbie")
    _, idle, _ = await opt_in(gql, "idle")
    await history(services, steady, rising(1000, 10, 20), trades=2)  # +19 %, no drawdown
    await history(services, rocket, ["1000", "1500", "900", *rising(1000, 50, 17)], trades=3)
    await history(services, newbie, rising(1000, 100, 10), trades=5)  # 10 days: too short
    await history(services, idle, rising(1000, 100, 20), trades=0)  # no trades: not ranked

    board = (await gql.data(BOARD, {"p": "D30", "m": "ROI"}))["leaderboard"]
    nodes = [edge["node"] for edge in board["edges"]]
    assert [(n["rank"], n["handle"]) for n in nodes] == [(1, "rocket"), (2, "steady")]
    assert nodes[1]["metrics"]["roiPct"] == pytest.approx(19.0)
    assert nodes[1]["metrics"]["days"] == 20
    assert nodes[1]["metrics"]["trades"] == 40

    safest = (await gql.data(BOARD, {"p": "D30", "m": "MAX_DRAWDOWN"}))["leaderboard"]
    assert [e["node"]["handle"] for e in safest["edges"]] == ["steady", "rocket"]

    first = (await gql.data(BOARD, {"p": "D30", "m": "ROI", "f": 1}))["leaderboard"]
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    rest = (await gql.data(BOARD, {"p": "D30", "m": "ROI", "f": 1, "a": after}))["leaderboard"]
    assert [(e["node"]["rank"], e["node"]["handle"]) for e in rest["edges"]] == [(2, "steady")]
    assert rest["pageInfo"]["hasNextPage"] is False

    week = (await gql.data(BOARD, {"p": "D7", "m": "ROI"}))["leaderboard"]
    assert week["edges"] == []  # 7 days is under the 14-day minimum record


async def test_profile_shows_returns_in_percent_unless_balances_are_opted_in(
    gql: GraphQLClient, app: Starlette
) -> None:
    services = services_of(app)
    _, user_id, _ = await opt_in(gql, "quiet", bio="<b>Swing</b> trader<script>x</script>",
                                 styleTags=["Swing", "btc"])  # fmt: skip
    await history(services, user_id, ["2000", "2200", "1980"], trades=1)

    profile = (await gql.data(PROFILE, {"h": "QUIET"}))["traderProfile"]
    assert profile["bio"] == "Swing traderx"  # plain text only
    assert profile["styleTags"] == ["swing", "btc"]
    assert profile["verifiedSince"] == DAY0.isoformat()
    assert profile["verifiedAccounts"] == [{"venue": "sim", "label": "Paper (sim)"}]
    curve = profile["equityCurve"]
    assert [round(p["returnPct"], 6) for p in curve] == [0.0, 10.0, -1.0]
    assert all(p["equity"] is None for p in curve)
    assert [m["period"] for m in profile["metrics"]] == ["D7", "D30", "D90", "ALL"]

    token, _, _ = await opt_in(gql, "open", showBalances=True)
    me = (await gql.data("{ me { id } }", token=token))["me"]["id"]
    await history(services, me, ["500"], trades=0)
    shown = (await gql.data(PROFILE, {"h": "open"}))["traderProfile"]
    assert [Decimal(p["equity"]) for p in shown["equityCurve"]] == [Decimal(500)]


async def test_bad_profiles_get_clear_codes(gql: GraphQLClient) -> None:
    _, _, account = await opt_in(gql, "taken")
    other = await gql.register("other@example.com")
    mine = await paper_account(gql, other)
    for bad in ({"handle": "x"}, {"handle": "no spaces"}, {"handle": "ok_name", "bio": "b" * 501},
                {"handle": "ok_name", "avatarUrl": "javascript:alert(1)"},
                {"handle": "ok_name", "styleTags": ["a", "b", "c", "d", "e", "f"]}):  # fmt: skip
        assert await gql.error_code(UPSERT, {"i": bad}, other) == "BAD_USER_INPUT", bad
    assert await gql.error_code(UPSERT, {"i": {"handle": "Taken"}}, other) == "CONFLICT"
    # Publishing someone else's account is refused: stats only from your own venue data.
    theirs = {"handle": "thief", "publicAccountIds": [account]}
    assert await gql.error_code(UPSERT, {"i": theirs}, other) == "NOT_FOUND"
    assert await gql.error_code(PROFILE, {"h": "nobody"}) == "NOT_FOUND"
    ok = {"handle": "fine", "publicAccountIds": [mine]}
    assert (await gql.data(UPSERT, {"i": ok}, other))["upsertTraderProfile"]["handle"] == "fine"


async def test_platform_stats_are_public(gql: GraphQLClient) -> None:
    stats = await gql.data("{ platformStats { totalTrades activeTraders copiedCapital } }")
    assert stats["platformStats"] == {"totalTrades": 0, "activeTraders": 0, "copiedCapital": "0"}
