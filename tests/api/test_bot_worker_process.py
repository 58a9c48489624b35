"""Bots in real `cryptoorchestrator bot-worker` OS processes against the binance stand-in.

The server runs in this process (CO_BOT_WORKERS=streams, PostgreSQL + Redis); two worker
processes (`python -m api.cli bot-worker`) are started beside it with the same settings through
the environment, before the user and their exchange account exist. A grid bot started through
the API is run by one worker: its orders reach the stand-in and the worker records them in the
database. The owner (read from the bot's lease key in Redis) is killed with SIGKILL; the other
worker takes the bot over once the lease expired (XAUTOCLAIM) and resumes it: nothing is sent
twice and the stand-in's open orders are exactly the bot's live orders in the database. Stopping
the bot through the API ends it in the worker, cancels its orders at the venue, acknowledges
the assignment and drops the lease.

Runs on the services backend only (CO_TEST_BACKEND=services): separate processes share
PostgreSQL and Redis, not an in-process bus.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis
from starlette.applications import Starlette

from api.container import Services
from api.services.market import book_from_message, book_topic
from api.settings import Settings
from api.workers.bot_worker import GROUP, BotDispatch
from tests.conftest import TEST_BACKEND, GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.support.app_services import bot_orders
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.polling import eventually
from tests.support.standins.binance import API_KEY, SECRET, BinanceStandin, settings_override

pytestmark = pytest.mark.skipif(
    TEST_BACKEND != "services",
    reason="bot worker processes share PostgreSQL and Redis (CO_TEST_BACKEND=services)",
)

ROOT = Path(__file__).resolve().parents[2]
LEASE_S = 2.0  # heartbeat every 2/3 s; a dead worker's bot is taken over after 4 s idle
BOOT_S = 120.0  # a worker process imports and connects the whole stack (loaded box)
WAIT_S = 60.0

ADD = (
    "mutation($i: AddExchangeAccountInput!, $s: StepUpAssertionInput) "
    "{ addExchangeAccount(input: $i, stepUp: $s) { id } }"
)
CREATE = "mutation($i: CreateBotInput!) { createBot(input: $i) { id state } }"
START = (
    "mutation($id: ID!, $s: StepUpAssertionInput) { startBot(id: $id, stepUp: $s) { id state } }"
)
STOP = "mutation($id: ID!, $s: StepUpAssertionInput) { stopBot(id: $id, stepUp: $s) { id state } }"
# Every level below the stand-in's price (bid 50000 / ask 50001): three resting buys.
GRID = {"low": "49700", "high": "49900", "levels": 3, "qty_per_level": "0.001"}
LIVE = ("NEW", "PARTIALLY_FILLED")


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin, pg_url: str, redis_url: str) -> Settings:
    return settings.model_copy(
        update={
            "exchange_overrides": {"binance": settings_override(standin.base_url)},
            "live_market_venues": ["binance"],
            "bot_workers": "streams",
            "bot_worker_lease_seconds": LEASE_S,
            "exchange_timeout_seconds": 10.0,
            "sim_tick_seconds": 60.0,
        }
    )


class WorkerProcesses:
    """`python -m api.cli bot-worker --name NAME` processes with the server's settings."""

    def __init__(self, settings: Settings, logs: Path) -> None:
        self.settings = settings
        self.logs = logs
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def env(self, name: str) -> dict[str, str]:
        s = self.settings
        env = {k: v for k, v in os.environ.items() if not k.startswith("CO_")}
        env.update(
            {
                "CO_DATABASE_URL": s.resolved_database_url,
                "CO_REDIS_URL": s.redis_url or "",
                "CO_BUS_NAMESPACE": s.bus_namespace,
                "CO_SECRET_KEY": s.resolved_secret_key,  # decrypts the account's API keys
                "CO_EXCHANGE_OVERRIDES": json.dumps(s.exchange_overrides),
                "CO_LIVE_MARKET_VENUES": ",".join(s.live_market_venues),
                "CO_EXCHANGE_TIMEOUT_SECONDS": str(s.exchange_timeout_seconds),
                "CO_BOT_WORKERS": "streams",
                "CO_BOT_WORKER_LEASE_SECONDS": str(s.bot_worker_lease_seconds),
                "CO_SIM_TICK_SECONDS": str(s.sim_tick_seconds),
                "CO_DEMO_DATA": "false",
                "CO_VAR_DIR": str(self.logs / f"var-{name}"),
                "CO_LOG_LEVEL": "info",
            }
        )
        return env

    def start(self, name: str) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "bot-worker", "--name", name],
            cwd=ROOT,
            env=self.env(name),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()  # the child has its own copy

    def kill9(self, name: str) -> None:
        proc = self.procs[name]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def alive(self, name: str) -> bool:
        return self.procs[name].poll() is None

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def check_running(self, *names: str) -> None:
        for name in names:
            if not self.alive(name):
                raise AssertionError(f"worker {name} exited:\n{self.log(name)[-4000:]}")

    def close(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


@pytest.fixture
async def dispatch(settings: Settings) -> AsyncIterator[BotDispatch]:
    assert settings.redis_url
    d = BotDispatch.from_url(settings.redis_url, settings.bus_namespace, LEASE_S)
    try:
        yield d
    finally:
        await d.redis.delete(d.stream)
        await d.close()


@pytest.fixture
async def worker_procs(
    settings: Settings, tmp_path: Path, dispatch: BotDispatch
) -> AsyncIterator[WorkerProcesses]:
    procs = WorkerProcesses(settings, tmp_path)
    try:
        yield procs
    finally:  # before the stream goes: no orphans, whatever happened
        procs.close()


async def consumers(redis: Redis, stream: str) -> set[str]:
    try:
        rows: Any = await redis.xinfo_consumers(stream, GROUP)
    except Exception:  # the stream or its group does not exist yet
        return set()
    return {str(r["name"]) for r in rows}


async def pending(dispatch: BotDispatch) -> int:
    info: Any = await dispatch.redis.xpending(dispatch.stream, GROUP)
    return int(info["pending"])


async def lease_kept(dispatch: BotDispatch, bot_id: str, owner: str, beats: int = 4) -> None:
    """Wait until `owner` extended the bot's lease `beats` times (its TTL went up) and the bot
    never moved to another worker meanwhile."""
    seen, last = 0, -1

    async def extended() -> int:
        nonlocal seen, last
        holder = await dispatch.owner(bot_id)
        assert holder in (owner, None), f"bot moved from {owner} to {holder}"
        ttl = int(await dispatch.redis.pttl(dispatch.lease_key(bot_id)))
        if holder == owner and last >= 0 and ttl > last:
            seen += 1
        last = ttl if holder == owner else -1
        return seen

    await eventually(extended, lambda n: n >= beats, within_s=WAIT_S)
    assert await dispatch.owner(bot_id) == owner


def venue_streams(standin: BinanceStandin) -> list[str]:
    """The stand-in's websocket market streams of BTCUSDT somebody subscribed to."""
    return sorted(st for _, st in standin.ws_subscriptions if st.startswith("btcusdt@"))


async def venue_book_reaches_the_bus(services: Services, standin: BinanceStandin) -> None:
    """A depth update at the venue comes out on the bot's book topic (the worker's feed)."""
    async with services.bus.subscribe(book_topic("binance", "BTC/USDT")) as sub:

        async def seen() -> bool:
            await standin.push_depth("BTCUSDT", bids=[("50000.50", "3")])  # a new best bid
            try:
                message = await sub.get(timeout=1.0)
            except TimeoutError:
                return False
            _, book = book_from_message(message.data, 20)
            return book.bids[:1] == [(Decimal("50000.5"), Decimal(3))]

        await eventually(seen, within_s=WAIT_S)


def venue_open(standin: BinanceStandin) -> dict[str, str]:
    """clientOrderId -> price of the stand-in's working orders."""
    return {o.client_order_id: f"{o.price:f}" for o in standin.orders.values() if o.status in LIVE}


async def binance_user(gql: GraphQLClient) -> tuple[str, SoftwareAuthenticator, str]:
    token = await gql.register("worker-procs@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    keys = {"venue": "binance", "label": "Binance", "apiKey": API_KEY, "secret": SECRET}
    proof = await step_up(gql, token, device, {"kind": "addExchangeAccount", "venue": "binance"})
    added = await gql.data(ADD, {"i": keys, "s": proof}, token)
    return token, device, added["addExchangeAccount"]["id"]


async def test_a_killed_worker_process_bot_is_resumed_by_another_without_double_orders(
    app: Starlette,
    gql: GraphQLClient,
    standin: BinanceStandin,
    worker_procs: WorkerProcesses,
    dispatch: BotDispatch,
) -> None:
    services: Services = app.state.services
    assert services.bots.runner.dispatch is not None  # the server hands live bots out
    worker_procs.start("w1")
    worker_procs.start("w2")

    async def both_listening() -> set[str]:
        worker_procs.check_running("w1", "w2")
        return await consumers(dispatch.redis, dispatch.stream)

    await eventually(both_listening, lambda c: {"w1", "w2"} <= c, within_s=BOOT_S)
    # The account is added after the workers started: the worker attaches it for the bot.
    token, device, account = await binance_user(gql)
    bot = (
        await gql.data(
            CREATE,
            {"i": {"accountId": account, "kind": "grid", "symbol": "BTC/USDT", "params": GRID}},
            token,
        )
    )["createBot"]

    action = {"kind": "startBot", "botId": bot["id"], "venue": "binance"}
    proof = await step_up(gql, token, device, action)
    started = (await gql.data(START, {"id": bot["id"], "s": proof}, token))["startBot"]
    assert started["state"] == "RUNNING"

    async def owner() -> str | None:
        worker_procs.check_running(*[n for n in ("w1", "w2") if n != killed])
        return await dispatch.owner(bot["id"])

    killed = ""
    first = await eventually(owner, lambda o: o is not None, within_s=WAIT_S)
    assert first in {"w1", "w2"}
    assert services.bots.runner.runtime(bot["id"]) is None  # not run in the server

    # The worker process placed the ladder at the venue and recorded it in the database.
    ladder = await eventually(
        lambda: bot_orders(services, bot["id"]),
        lambda rows: len(rows) == 3 and all(r.state == "open" and r.order_id for r in rows),
        within_s=WAIT_S,
    )
    assert sorted(venue_open(standin).values()) == ["49700", "49800", "49900"]
    assert set(venue_open(standin)) == {r.client_order_id for r in ladder}
    posts = standin.requests.count(("POST", "/api/v3/order"))
    assert posts == 3
    assert await pending(dispatch) == 1
    await lease_kept(dispatch, bot["id"], first)
    # The worker feeds its bot the venue's market data (no app watches BTC/USDT here).
    await eventually(
        lambda: asyncio.sleep(0, venue_streams(standin)),
        lambda st: {s.split("@")[1] for s in st} >= {"depth", "trade"},
        within_s=WAIT_S,
    )
    await venue_book_reaches_the_bus(services, standin)

    # kill -9 the owner: the other worker takes the bot over after the lease expired.
    depth_reads = standin.requests.count(("GET", "/api/v3/depth"))
    worker_procs.kill9(first)
    killed = first
    second = await eventually(owner, lambda o: o not in (None, first), within_s=WAIT_S)
    assert {first, second} == {"w1", "w2"}

    async def depth_count() -> int:
        return standin.requests.count(("GET", "/api/v3/depth"))

    # Two book reads: the new book feed's seed and the resumed runtime's, after reconciling.
    await eventually(depth_count, lambda n: n >= depth_reads + 2, within_s=WAIT_S)
    assert f"worker {second} runs bot {bot['id']} (resume=True)" in worker_procs.log(second)

    # Resumed, not restarted: no order sent again, the venue's open orders are the DB's.
    rows = await bot_orders(services, bot["id"])
    assert [r.client_order_id for r in rows] == [r.client_order_id for r in ladder]
    assert standin.requests.count(("POST", "/api/v3/order")) == posts
    assert ("DELETE", "/api/v3/order") not in standin.requests
    live_rows = {r.client_order_id for r in rows if r.state in ("intent", "open")}
    assert set(venue_open(standin)) == live_rows == {r.client_order_id for r in ladder}
    assert await pending(dispatch) == 1
    await lease_kept(dispatch, bot["id"], second)  # it keeps running there

    # Stop through the API: the worker ends the bot and lets go; its orders are cancelled.
    proof = await step_up(gql, token, device, {**action, "kind": "stopBot"})
    stopped = (await gql.data(STOP, {"id": bot["id"], "s": proof}, token))["stopBot"]
    assert stopped["state"] == "STOPPED"
    assert await dispatch.owner(bot["id"]) is None
    assert await eventually(lambda: pending(dispatch), lambda n: n == 0, within_s=WAIT_S) == 0
    # Its venue feeds ended with it.
    await eventually(lambda: asyncio.sleep(0, venue_streams(standin)), lambda st: not st)
    assert venue_open(standin) == {}
    assert standin.requests.count(("DELETE", "/api/v3/order")) == 3
    assert all(r.state != "open" for r in await bot_orders(services, bot["id"]))
    assert standin.requests.count(("POST", "/api/v3/order")) == posts
    assert standin.unknown_requests == []
    worker_procs.check_running(second)


async def test_a_worker_retakes_its_expired_lease_unless_taken_or_halted_and_survives_a_lost_group(
    services: Services, dispatch: BotDispatch
) -> None:
    from redis.exceptions import ResponseError

    from api.workers.bot_runner import BotRunner
    from api.workers.bot_worker import BotWorker

    worker = BotWorker(dispatch, BotRunner(services.bots.runner.deps), services.db, "w-a")
    await worker.register()
    assert "w-a" in await consumers(dispatch.redis, dispatch.stream)

    # Expired during a slow start, nobody else took it: ours again.
    assert await worker.keep_lease("bot-1")
    assert await dispatch.owner("bot-1") == "w-a"
    await dispatch.redis.delete(dispatch.lease_key("bot-1"))
    assert await worker.keep_lease("bot-1")
    assert await dispatch.owner("bot-1") == "w-a"
    # Taken by another worker, or a halt asked for while it was free: given up.
    await dispatch.redis.set(dispatch.lease_key("bot-1"), "w-b", px=60_000)
    assert not await worker.keep_lease("bot-1")
    assert await dispatch.owner("bot-1") == "w-b"
    await dispatch.redis.delete(dispatch.lease_key("bot-2"))
    await dispatch.redis.set(dispatch.halt_key("bot-2"), "1", px=60_000)
    assert not await worker.keep_lease("bot-2")
    assert await dispatch.owner("bot-2") is None

    # The stream (and its group) deleted under the worker: recognised and made again.
    await dispatch.redis.delete(dispatch.stream)
    with pytest.raises(ResponseError) as lost:
        await worker.read_new()
    assert dispatch.group_lost(lost.value)
    await worker.register()
    assert await worker.read_new() == 0
    assert "w-a" in await consumers(dispatch.redis, dispatch.stream)
    await dispatch.redis.delete(dispatch.halt_key("bot-2"), dispatch.lease_key("bot-1"))
