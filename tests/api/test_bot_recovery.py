"""A killed server resumes its running bots and never places an order twice.

The kill lands at the worst moment: the bot has recorded a new order (its `bot_orders` row and
the `pending_submit` order row are committed) and dies before the order reaches the venue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal

import httpx
import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.app import create_app
from api.container import Services
from api.db.bot_tables import Bot, BotOrder
from api.db.models import Order
from api.services.orders import PlaceOrder
from api.settings import Settings
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from tests.api.test_bot_runner import mid, tight_grid
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account
from tests.support.app_services import bot_orders, services_of
from tests.support.faulty_exchange import FaultyExchange
from tests.support.polling import eventually

pytestmark = pytest.mark.paper_trading_without_step_up

BTC = "BTC/USDT"
EMAIL = "restart-bot@example.com"
PASSWORD = "correct horse battery"
# At the venue. The restarted venue's price differs: a re-placed order may fill at once, and
# the venue reports that fill on its next step (not taken here: the market stays quiet).
ACCEPTED = ("open", "partially_filled", "filled")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A quiet market: the feed steps at start-up, then only when the test says so."""
    return settings.model_copy(update={"sim_tick_seconds": 60.0})


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[tuple[GraphQLClient, Starlette]]:
    """The whole server, started and stopped like a process (stopping ends the bot tasks but
    leaves the bots `running` in the database, as a kill would)."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield GraphQLClient(http), app


async def all_orders(services: Services, account_id: str) -> list[Order]:
    async with services.db.session() as session:
        rows = await session.exec(
            select(Order).where(col(Order.account_id) == account_id).order_by(col(Order.id))
        )
        return list(rows.all())


def venue_count(services: Services, account_id: str) -> Counter[str]:
    """How many orders the (in-memory) venue holds per client order id for this account."""
    account = services.venues.sim.desk.account(account_id)
    return Counter(o.request.client_order_id for o in account.orders.values())


async def test_a_killed_bot_resumes_after_restart_and_places_nothing_twice(
    settings: Settings,
) -> None:
    async with running(settings) as (gql, app):
        services = services_of(app)
        token = await gql.register(EMAIL, PASSWORD)
        principal = await services.accounts.authenticate(token)
        account = await paper_account(gql, token)
        center = mid(services)
        bot = await services.bots.create_bot(
            principal, account_id=account, kind="grid", symbol=BTC, params=tight_grid(center)
        )
        await services.bots.start_bot(principal, bot.id, None)
        await eventually(  # the opening ladder (and a seed buy, if any) is at the venue
            lambda: bot_orders(services, bot.id),
            lambda rows: len(rows) >= 2 and all(r.state != "intent" for r in rows),
        )
        # From now on the process "dies" right before an order reaches the venue.
        faulty = FaultyExchange(services.venues.sim_account(account, {}))
        faulty.crash_before_send = True
        services.venues.attach_account(account, faulty)

        # A taker fills the grid's best bid; the bot records its re-quote and dies sending it.
        taker_token = await gql.register("taker-restart@example.com")
        taker = await services.accounts.authenticate(taker_token)
        taker_account = await paper_account(gql, taker_token)
        for side in (Side.BUY, Side.SELL):
            request = PlaceOrder(
                account_id=taker_account,
                symbol=BTC,
                side=side,
                type=OrderType.MARKET,
                qty=Decimal("0.001"),
                time_in_force=TimeInForce.IOC,
            )
            await services.orders.place_order(taker, request, step_up=None)
        await services.feed.step_and_publish()
        await eventually(lambda: _running_ids(services), lambda ids: bot.id not in ids, within_s=10)
        rows = await bot_orders(services, bot.id)
        crashed = [r for r in rows if r.state == "intent"]
        assert crashed, [(r.tag, r.state) for r in rows]
        assert faulty.sent == 0
        before = {o.client_order_id: o.id for o in await all_orders(services, account)}
        assert all(r.client_order_id in before for r in crashed)  # stored pending_submit

    async with running(settings) as (gql, app):  # same database, a fresh process and venue
        services = services_of(app)
        resumed = await eventually(lambda: _bot(services, bot.id), lambda b: b.next_seq > 0)
        assert resumed.state == "running"
        await eventually(lambda: _running_ids(services), lambda ids: bot.id in ids)

        async def rows_and_orders() -> tuple[list[BotOrder], list[Order]]:
            return await bot_orders(services, bot.id), await all_orders(services, account)

        def settled(found: tuple[list[BotOrder], list[Order]]) -> bool:
            """Every recorded intent re-sent, every lost order re-placed and accepted."""
            rows, orders = found
            status = {o.client_order_id: o.status for o in orders}
            return (
                all(r.state in ("open", "done") for r in rows)
                and all(
                    status.get(r.client_order_id) in ACCEPTED for r in rows if r.state == "open"
                )
                and all(any(r.tag == c.tag and r.seq > c.seq for r in rows) for c in crashed)
            )

        rows, orders = await eventually(rows_and_orders, settled)
        by_client = Counter(o.client_order_id for o in orders)
        assert max(by_client.values()) == 1  # one order per client order id, ever
        assert max(venue_count(services, account).values(), default=0) <= 1
        for row in crashed:
            # Re-sent with the same client order id: the stored order came back, no new one.
            assert row.client_order_id in before
            assert [o.id for o in orders if o.client_order_id == row.client_order_id] == [
                before[row.client_order_id]
            ]
            assert venue_count(services, account)[row.client_order_id] == 0
        # The orders the restarted venue lost, and the one never sent, rest again under new
        # client order ids; the bot keeps trading.
        statuses = {o.client_order_id: o.status for o in orders}
        live = [r for r in rows if r.state == "open"]
        assert live and all(r.client_order_id not in before for r in live), [
            (r.tag, r.seq, r.state, statuses.get(r.client_order_id)) for r in rows
        ]
        for row in crashed:  # placed again once, under a new sequence number
            again = [r for r in rows if r.tag == row.tag and r.seq > row.seq]
            assert len(again) == 1 and again[0].client_order_id not in before
        assert all(statuses[r.client_order_id] in ACCEPTED for r in live)


async def _running_ids(services: Services) -> set[str]:
    return services.bots.runner.running_ids


async def _bot(services: Services, bot_id: str) -> Bot:
    async with services.db.session() as session:
        bot = await session.get(Bot, bot_id)
        assert bot is not None
        return bot
