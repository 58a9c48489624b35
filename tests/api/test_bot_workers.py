"""Bot workers over a real Redis Stream consumer group: a started bot runs in exactly one
worker (duplicate assignments are dropped), a worker that goes silent has its bots reclaimed by
another (resumed: no order placed twice), and stopping a bot through the service ends it in its
worker and leaves nothing pending."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import ROUND_CEILING, Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.container import Services
from api.settings import Settings
from api.tasks import stop_tasks
from api.workers.bot_runner import BotRunner
from api.workers.bot_worker import GROUP, BotDispatch, BotWorker
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account
from tests.support.app_services import bot_orders
from tests.support.polling import eventually

pytestmark = pytest.mark.paper_trading_without_step_up

BTC = "BTC/USDT"
LEASE_S = 1.0


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"sim_tick_seconds": 60.0})


@pytest.fixture
async def dispatch(redis_url: str, settings: Settings) -> AsyncIterator[BotDispatch]:
    d = BotDispatch.from_url(redis_url, f"{settings.bus_namespace}-workers", lease_s=LEASE_S)
    yield d
    await d.redis.delete(d.stream)
    await d.close()


class Workers:
    def __init__(self, services: Services, dispatch: BotDispatch) -> None:
        self.services = services
        self.dispatch = dispatch
        self.workers: dict[str, BotWorker] = {}
        self.tasks: dict[str, asyncio.Task[None]] = {}

    def start(self, name: str) -> BotWorker:
        runner = BotRunner(self.services.bots.runner.deps)
        worker = BotWorker(
            self.dispatch, runner, self.services.db, name, heartbeat_s=0.1, block_ms=50
        )
        self.workers[name] = worker
        self.tasks[name] = asyncio.create_task(worker.run(), name=f"worker-{name}")
        return worker

    async def kill(self, name: str) -> None:
        # stop_tasks cancels until it sticks (redis-py may swallow one cancellation on 3.11)
        await stop_tasks([self.tasks.pop(name)])

    def owners(self, bot_id: str) -> list[str]:
        return [n for n, w in self.workers.items() if n in self.tasks and bot_id in w.bot_ids]

    async def close(self) -> None:
        for name in list(self.tasks):
            await self.kill(name)


@pytest.fixture
async def workers(app: Starlette, dispatch: BotDispatch) -> AsyncIterator[Workers]:
    services: Services = app.state.services
    embedded = services.bots.runner
    # The server hands every bot to the workers (the sim venue is shared in-process here).
    server = BotRunner(embedded.deps, dispatch, local_venues=())
    server.active = True
    services.bots.runner = server
    pool = Workers(services, dispatch)
    try:
        yield pool
    finally:
        await pool.close()
        services.bots.runner = embedded


def tight_grid(services: Services) -> dict[str, Any]:
    book = services.venues.sim.order_book(BTC, 1)
    center = ((book.bids[0][0] + book.asks[0][0]) / 2).quantize(Decimal("0.1"), ROUND_CEILING)
    return {"low": str(center - 6), "high": str(center), "levels": 3, "qty_per_level": "0.001"}


async def pending(dispatch: BotDispatch) -> int:
    info: Any = await dispatch.redis.xpending(dispatch.stream, GROUP)
    return int(info["pending"])


async def test_each_bot_runs_in_one_worker_and_a_silent_workers_bots_are_reclaimed(
    app: Starlette, gql: GraphQLClient, workers: Workers, dispatch: BotDispatch
) -> None:
    services: Services = app.state.services
    token = await gql.register("workers@example.com")
    principal = await services.accounts.authenticate(token)
    account = await paper_account(gql, token)
    workers.start("a")
    workers.start("b")
    bot = await services.bots.create_bot(
        principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(services)
    )
    await services.bots.start_bot(principal, bot.id, None)

    async def owners() -> list[str]:
        return workers.owners(bot.id)

    [first] = await eventually(owners, lambda o: len(o) == 1)
    assert await dispatch.owner(bot.id) == first
    ladder = await eventually(
        lambda: bot_orders(services, bot.id),
        lambda rows: [r.state for r in rows if r.tag.startswith("grid-buy")] == ["open"] * 2,
    )

    # A duplicate assignment (a second start, a resume at server start-up) is dropped.
    assert await dispatch.assign(bot.id, resume=True) is None  # the lease is held
    await dispatch.redis.xadd(dispatch.stream, {"bot_id": bot.id, "resume": "1"})
    await asyncio.sleep(0.5)
    assert await owners() == [first] and await pending(dispatch) == 1

    # The owner goes silent (killed): after the lease time the other worker takes over.
    await workers.kill(first)
    [second] = await eventually(owners, lambda o: len(o) == 1, within_s=10)
    assert second != first
    assert await dispatch.owner(bot.id) == second
    await asyncio.sleep(0.5)
    rows = await bot_orders(services, bot.id)  # resumed: the ladder was not placed again
    assert [r.client_order_id for r in rows] == [r.client_order_id for r in ladder]

    # Stopping through the service ends it in its worker and releases the assignment.
    stopped = await services.bots.stop_bot(principal, bot.id, None)
    assert stopped.state == "stopped"
    assert await owners() == [] and await dispatch.owner(bot.id) is None
    assert await pending(dispatch) == 0
    assert bot.id not in workers.workers[second].runner.running_ids
    assert await services.bots.open_orders(principal, bot.id) == []


def test_the_bot_worker_command_needs_redis(capsys: pytest.CaptureFixture[str]) -> None:
    from api.cli import build_parser, main

    args = build_parser().parse_args(["bot-worker", "--name", "w1"])
    assert (args.command, args.name) == ("bot-worker", "w1")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("CO_REDIS_URL", raising=False)
        mp.setenv("CO_DEMO_DATA", "false")
        assert main(["bot-worker"]) == 2
    assert "bot-worker needs CO_REDIS_URL" in capsys.readouterr().err
