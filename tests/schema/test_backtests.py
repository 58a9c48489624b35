"""Backtest jobs over GraphQL: run, report, progress subscription, cancel, limits, isolation."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from starlette.applications import Starlette

from api.container import Services
from tests.conftest import GraphQLClient
from tests.support.graphql_ws import graphql_ws, next_of

RUN = "mutation($i: BacktestInput!) { runBacktest(input: $i) { id status progress } }"
CANCEL = "mutation($id: ID!) { cancelBacktest(id: $id) { id status } }"
JOB = """query($id: ID!) { backtest(id: $id) {
  id status progress etaSeconds error input params
  metrics { totalReturn cagr sharpe sortino maxDrawdown winRate profitFactor exposure feesPaid
            trades roundTrips realizedPnl finalEquity }
  equityCurve { time equity }
  trades { time side price qty fee liquidity }
  tradesTruncated
  monteCarlo { trades { method runs probabilityOfLoss finalEquity { percentile value }
                        maxDrawdown { percentile value } }
               blocks { method runs finalEquity { percentile value } } }
  walkForward { outOfSampleReturn efficiency
                windows { trainStart testStart testEnd params trainReturn testReturn } }
} }"""
PROGRESS = (
    "subscription($id: ID!) { backtestProgress(jobId: $id) "
    "{ jobId status progress etaSeconds error } }"
)
GRID = {"symbol": "BTC/USDT", "kind": "grid", "timeframe": "1h", "days": 60, "capital": "10000"}
# Long enough (28,800 one-minute bars) to be caught running.
LONG = {
    "symbol": "ETH/USDT",
    "kind": "momentum",
    "timeframe": "1m",
    "days": 20,
    "params": {"quote_amount": "900"},
}


def grid(**extra: Any) -> dict[str, Any]:
    params = {"low": "85000", "high": "105000", "levels": 10, "qty_per_level": "0.01"}
    return {**GRID, "params": params, **extra}


async def run(gql: GraphQLClient, token: str, spec: dict[str, Any]) -> str:
    data = await gql.data(RUN, {"i": spec}, token)
    job = data["runBacktest"]
    assert job["status"] in ("QUEUED", "RUNNING")
    return str(job["id"])


async def wait_final(
    gql: GraphQLClient, token: str, job_id: str, query: str = JOB
) -> dict[str, Any]:
    """The job once it is DONE, FAILED or CANCELED, read with `query` (selects `status`)."""
    for _ in range(600):
        job: dict[str, Any] = (await gql.data(query, {"id": job_id}, token))["backtest"]
        if job["status"] in ("DONE", "FAILED", "CANCELED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("backtest did not finish")


async def test_grid_backtest_reports_metrics_curve_trades_monte_carlo_and_walk_forward(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("bt@example.com")
    spec = grid(
        monteCarlo={"runs": 200, "seed": 3}, walkForward={"windows": 2, "grid": {"levels": [5, 10]}}
    )
    job = await wait_final(gql, token, await run(gql, token, spec))
    assert job["status"] == "DONE", job["error"]
    assert job["progress"] == 1.0 and job["error"] is None
    m = job["metrics"]
    assert m["trades"] == len(job["trades"]) > 0
    assert 0 <= m["maxDrawdown"] < 1 and 0 <= m["winRate"] <= 1 and 0 < m["exposure"] <= 1
    assert float(m["feesPaid"]) > 0
    curve = job["equityCurve"]
    assert 2 <= len(curve) <= 500
    assert m["finalEquity"] == pytest.approx(curve[-1]["equity"])
    assert m["totalReturn"] == pytest.approx(curve[-1]["equity"] / 10_000 - 1)
    assert job["input"]["params"]["levels"] == 10 and job["input"]["seed"] == 7
    bands = job["monteCarlo"]["trades"]
    finals = [p["value"] for p in bands["finalEquity"]]
    assert bands["runs"] == 200 and finals == sorted(finals)
    assert [p["percentile"] for p in bands["finalEquity"]] == [5, 25, 50, 75, 95]
    assert job["monteCarlo"]["blocks"]["method"] == "blocks"
    windows = job["walkForward"]["windows"]
    assert len(windows) == 2
    assert all(w["params"]["levels"] in (5, 10) for w in windows)
    assert windows[0]["testEnd"] <= windows[1]["trainStart"]


async def test_same_request_gives_the_same_report(gql: GraphQLClient) -> None:
    token = await gql.register("det@example.com")
    first = await wait_final(gql, token, await run(gql, token, grid(days=20)))
    second = await wait_final(gql, token, await run(gql, token, grid(days=20)))
    assert first["metrics"] == second["metrics"]
    assert first["trades"] == second["trades"]
    other_seed = await wait_final(gql, token, await run(gql, token, grid(days=20, seed=8)))
    assert other_seed["equityCurve"] != first["equityCurve"]


async def test_a_template_backtest_is_sized_to_the_capital(gql: GraphQLClient) -> None:
    token = await gql.register("tpl@example.com")
    spec = {"symbol": "ETH/USDT", "templateId": "eth-weekly-dca", "days": 20, "capital": "500"}
    job = await wait_final(gql, token, await run(gql, token, spec))
    assert job["status"] == "DONE", job["error"]
    assert job["params"]["max_safety_orders"] == 4
    assert job["metrics"]["trades"] >= 1


async def test_progress_frames_start_with_the_state_rise_and_end_with_done(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("prog@example.com")
    job_id = await run(gql, token, LONG)
    async with graphql_ws(app, {"authorization": f"Bearer {token}"}) as ws:
        await ws.send_json(
            {
                "id": "p",
                "type": "subscribe",
                "payload": {"query": PROGRESS, "variables": {"id": job_id}},
            }
        )
        frames = []
        while True:
            message = await next_of(ws, "p")
            if message["type"] == "complete":
                break
            assert message["type"] == "next", message
            frames.append(message["payload"]["data"]["backtestProgress"])
    assert all(f["jobId"] == job_id for f in frames)
    progress = [f["progress"] for f in frames]
    assert progress == sorted(progress)
    assert frames[-1]["status"] == "DONE" and frames[-1]["progress"] == 1.0
    assert sum(1 for f in frames if f["status"] == "RUNNING" and 0 < f["progress"] < 1) >= 1
    running = [f for f in frames if f["status"] == "RUNNING" and f["progress"] > 0]
    assert all(f["etaSeconds"] is not None and f["etaSeconds"] >= 0 for f in running)


def hold_after_first_report(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> tuple[threading.Event, list[float]]:
    """Holds a job's worker thread once it has published progress, until the returned event is
    set, and lists the bars it reports after that. The real reporter still runs, so a cancel made
    meanwhile stops the run at the next bar, however fast or loaded the machine is."""
    release = threading.Event()
    after_release: list[float] = []
    reporter = services.backtests._reporter

    def holding(job_id: str, run: Any, loop: asyncio.AbstractEventLoop) -> Any:
        report = reporter(job_id, run, loop)

        def report_then_hold(fraction: float) -> None:
            if release.is_set():
                after_release.append(fraction)
            report(fraction)
            if run.reports and not release.is_set():
                release.wait(timeout=30)

        return report_then_hold

    monkeypatch.setattr(services.backtests, "_reporter", holding)
    return release, after_release


async def test_cancel_stops_the_worker_and_ends_the_subscription(
    app: Starlette, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    services: Services = app.state.services
    release, after_release = hold_after_first_report(services, monkeypatch)
    token = await gql.register("cancel@example.com")
    job_id = await run(gql, token, LONG)
    try:
        async with graphql_ws(app, {"authorization": f"Bearer {token}"}) as ws:
            await ws.send_json(
                {
                    "id": "c",
                    "type": "subscribe",
                    "payload": {"query": PROGRESS, "variables": {"id": job_id}},
                }
            )
            while True:  # wait until it is really running
                frame = (await next_of(ws, "c"))["payload"]["data"]["backtestProgress"]
                if frame["status"] == "RUNNING" and frame["progress"] > 0:
                    break
            canceled = (await gql.data(CANCEL, {"id": job_id}, token))["cancelBacktest"]
            assert canceled["status"] == "CANCELED"
            release.set()
            last = None
            while True:
                message = await next_of(ws, "c")
                if message["type"] == "complete":
                    break
                last = message["payload"]["data"]["backtestProgress"]
            assert last is not None and last["status"] == "CANCELED"
    finally:
        release.set()
    for _ in range(100):  # the worker thread stops within a bar
        if job_id not in services.backtests._runs:
            break
        await asyncio.sleep(0.02)
    assert job_id not in services.backtests._runs
    assert len(after_release) == 1  # the first bar after the cancel raised: nothing more ran
    job = (await gql.data(JOB, {"id": job_id}, token))["backtest"]
    assert job["status"] == "CANCELED" and job["metrics"] is None and job["progress"] < 1
    again = (await gql.data(CANCEL, {"id": job_id}, token))["cancelBacktest"]
    assert again["status"] == "CANCELED"  # idempotent


async def test_a_third_active_backtest_is_rate_limited_and_a_queued_one_can_be_canceled(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    token = await gql.register("limit@example.com")
    slots = services.backtests._slots
    await slots.acquire()  # hold both run slots: jobs stay queued, deterministically
    await slots.acquire()
    try:
        jobs = [await run(gql, token, grid(days=5)), await run(gql, token, grid(days=5))]
        assert await gql.error_code(RUN, {"i": grid(days=5)}, token) == "RATE_LIMITED"
        canceled = (await gql.data(CANCEL, {"id": jobs[0]}, token))["cancelBacktest"]
        assert canceled["status"] == "CANCELED"
        jobs.append(await run(gql, token, grid(days=5)))  # a place is free again
    finally:
        slots.release()
        slots.release()
    assert (await wait_final(gql, token, jobs[0]))["status"] == "CANCELED"  # never ran
    for job_id in jobs[1:]:
        assert (await wait_final(gql, token, job_id))["status"] == "DONE"


BAD_INPUTS: list[tuple[dict[str, Any], str]] = [
    ({"kind": "nope"}, "kind"),
    (
        {"params": {"low": "85000", "high": "105000", "levels": 1, "qty_per_level": "0.01"}},
        "params.levels",
    ),
    (
        {"params": {"low": "105000", "high": "85000", "levels": 5, "qty_per_level": "0.01"}},
        "params.high",
    ),
    (
        {"params": {"low": "85000", "high": "105000", "levels": 5, "qty_per_level": "0"}},
        "params.qty_per_level",
    ),
    ({"params": {"levels": 5}}, "params.low"),
    ({"symbol": "DOGE/EUR"}, "symbol"),
    ({"timeframe": "2h"}, "timeframe"),
    ({"days": 400}, "days"),
    ({"timeframe": "1m", "days": 60}, "days"),
    ({"capital": "0"}, "capital"),
    ({"takerFee": "0.5"}, "takerFee"),
    ({"slippagePct": "-1"}, "slippagePct"),
    ({"templateId": "btc-grid-conservative"}, "kind"),
    ({"monteCarlo": {"runs": 0}}, "monteCarlo.runs"),
    (
        {
            "walkForward": {
                "windows": 2,
                "grid": {
                    "levels": [2, 3, 4, 5, 6],
                    "spacing": ["arithmetic", "geometric"],
                    "qty_per_level": ["0.01", "0.02", "0.03"],
                },
            }
        },
        "walkForward.grid",
    ),
    ({"walkForward": {"windows": 2, "grid": {"levels": [1, 5]}}}, "walkForward.grid.levels"),
]


async def test_bad_input_is_refused_naming_the_field(gql: GraphQLClient) -> None:
    token = await gql.register("bad@example.com")
    for change, field in BAD_INPUTS:
        body = await gql.raw(RUN, {"i": {**grid(), **change}}, token)
        assert body.get("errors"), (change, body)
        error = body["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", (change, error)
        assert error["extensions"]["field"] == field, (change, error)
    body = await gql.raw(RUN, {"i": {"symbol": "BTC/USDT", "templateId": "nope"}}, token)
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "templateId"}
    listed = await gql.data("{ backtests { edges { node { id } } } }", token=token)
    assert listed["backtests"]["edges"] == []  # nothing was stored


async def test_backtests_need_a_user(gql: GraphQLClient) -> None:
    assert await gql.error_code(RUN, {"i": grid()}) == "UNAUTHENTICATED"


async def test_user_b_cannot_read_cancel_list_or_subscribe_to_a_job_of_user_a(
    app: Starlette, gql: GraphQLClient
) -> None:
    alice = await gql.register("alice-bt@example.com")
    bob = await gql.register("bob-bt@example.com")
    job_id = await run(gql, alice, grid(days=10))
    assert await gql.error_code(JOB, {"id": job_id}, bob) == "NOT_FOUND"
    assert await gql.error_code(CANCEL, {"id": job_id}, bob) == "NOT_FOUND"
    listed = await gql.data("{ backtests { edges { node { id } } } }", token=bob)
    assert listed["backtests"]["edges"] == []
    async with graphql_ws(app, {"authorization": f"Bearer {bob}"}) as ws:
        await ws.send_json(
            {
                "id": "x",
                "type": "subscribe",
                "payload": {"query": PROGRESS, "variables": {"id": job_id}},
            }
        )
        message = await next_of(ws, "x")
        assert message["type"] == "error" or message["payload"].get("errors")
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    job = await wait_final(gql, alice, job_id)
    assert job["status"] == "DONE"  # bob's cancel did nothing


async def test_backtests_are_listed_newest_first_with_cursors(gql: GraphQLClient) -> None:
    token = await gql.register("list@example.com")
    first = await run(gql, token, grid(days=5))
    await wait_final(gql, token, first)
    second = await run(gql, token, grid(days=6))
    await wait_final(gql, token, second)
    query = (
        "query($a: String) { backtests(first: 1, after: $a) "
        "{ edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }"
    )
    page = (await gql.data(query, {"a": None}, token))["backtests"]
    assert [e["node"]["id"] for e in page["edges"]] == [second]
    assert page["pageInfo"]["hasNextPage"] is True
    page = (await gql.data(query, {"a": page["pageInfo"]["endCursor"]}, token))["backtests"]
    assert [e["node"]["id"] for e in page["edges"]] == [first]
    assert page["pageInfo"]["hasNextPage"] is False
