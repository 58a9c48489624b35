"""End to end: the price crosses → the alert fires once → its armed order exists (source
"alert"), a PRICE_ALERT Notice reached the notifier, the owner's alertTriggered stream got it
(and nobody else's), and the signed webhook arrived at a real loopback server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.container import Services
from api.db.models import Order
from api.services.alerts.webhook import SIGNATURE_HEADER, verify
from notifications.model import Notice
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import paper_account
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.loopback_server import loopback_server
from tests.support.polling import eventually
from tests.support.ticks import publish_tick

CREATE = (
    "mutation($i: CreateAlertInput!, $s: StepUpAssertionInput) "
    "{ createAlert(input: $i, stepUp: $s) { id webhookSecret } }"
)
TRIGGERS = (
    "query($a: ID) { alertTriggers(alertId: $a) "
    "{ edges { node { id alertId value actionStatus actionResult } } } }"
)
TRIGGERED = "subscription { alertTriggered { alertId name value actionStatus } }"


class RecordingNotifier:
    """Our boundary to the push service: records what alerts hand over."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    async def __call__(self, notice: Notice) -> None:
        self.notices.append(notice)


class WebhookReceiver:
    def __init__(self) -> None:
        self.requests: list[tuple[bytes, str]] = []

    async def endpoint(self, request: Request) -> Response:
        self.requests.append((await request.body(), request.headers[SIGNATURE_HEADER]))
        return Response(status_code=204)


@pytest.fixture
async def webhook_server() -> AsyncIterator[tuple[WebhookReceiver, str]]:
    receiver = WebhookReceiver()
    app = Starlette(routes=[Route("/hook", receiver.endpoint, methods=["POST"])])
    async with loopback_server(app) as server:
        yield receiver, f"{server.base_url}/hook"


async def alert_orders(services: Services, user_id: str) -> list[Order]:
    async with services.db.session() as session:
        query = select(Order).where(col(Order.user_id) == user_id, col(Order.source) == "alert")
        return list((await session.exec(query)).all())


async def test_price_cross_fires_once_places_the_armed_order_and_notifies(
    app: Starlette, gql: GraphQLClient, webhook_server: tuple[WebhookReceiver, str]
) -> None:
    services: Services = app.state.services
    notifier = RecordingNotifier()
    services.alert_evaluator.actions.notify = notifier
    receiver, hook_url = webhook_server

    token = await gql.register("eve@example.com", PASSWORD)
    other = await gql.register("oscar@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    account = await paper_account(gql, token)
    user = await services.accounts.find_by_email("eve@example.com")
    assert user is not None

    last = float((await services.market.ticker("sim", "BTC/USDT")).last)
    threshold = round(last * 3)
    alert_input: dict[str, Any] = {
        "name": "BTC moon",
        "symbol": "BTC/USDT",
        "market": {"metric": "PRICE", "direction": "ABOVE", "threshold": str(threshold)},
        "preset": {"accountId": account, "qty": "0.002"},
        "action": {"kind": "PLACE_ORDER", "accountId": account, "side": "BUY", "qty": "0.001"},
        "webhookUrl": hook_url,
    }
    arming = {
        "kind": "createTradingAlert",
        "type": "placeOrder",
        "account": account,
        "venue": "sim",
        "symbol": "BTC/USDT",
        "side": "buy",
        "timeInForce": "ioc",
        "qty": "0.001",
        "maxOrders": 1,
    }
    assertion = await step_up(gql, token, device, arming)
    created = (await gql.data(CREATE, {"i": alert_input, "s": assertion}, token))["createAlert"]
    alert_id = created["id"]

    async def armed() -> bool:
        return services.alert_evaluator.armed(alert_id)

    await eventually(armed)
    async with (
        graphql_ws(app, {"authorization": f"Bearer {token}"}) as mine,
        graphql_ws(app, {"authorization": f"Bearer {other}"}) as theirs,
    ):
        for ws in (mine, theirs):
            await ws.send_json({"id": "t", "type": "subscribe", "payload": {"query": TRIGGERED}})
        await asyncio.sleep(0.2)  # both subscriptions are listening
        for i in range(3):  # crosses up each time: the live feed's ticks bring it back down
            await publish_tick(services, threshold + 10.0, f"2030-01-01T00:00:0{i}+00:00")
            await asyncio.sleep(0.1)
        message = await next_of(mine, "t")
        assert message["payload"]["data"]["alertTriggered"]["alertId"] == alert_id
        assert message["payload"]["data"]["alertTriggered"]["actionStatus"] == "done"
        with pytest.raises(Exception):  # noqa: B017  (the other user's stream stays silent)
            await theirs.receive_json(timeout=0.5)

    await services.alert_evaluator.drain()
    triggers = (await gql.data(TRIGGERS, {"a": alert_id}, token))["alertTriggers"]["edges"]
    assert len(triggers) == 1
    assert triggers[0]["node"]["actionStatus"] == "done"
    assert (await gql.data(TRIGGERS, {"a": None}, other))["alertTriggers"]["edges"] == []

    orders = await alert_orders(services, user.id)
    assert len(orders) == 1
    assert (orders[0].side, str(orders[0].qty.normalize())) == ("buy", "0.001")
    assert orders[0].client_order_id.startswith("al-")  # derived from (alert, trigger)

    assert len(notifier.notices) == 1
    notice = notifier.notices[0]
    assert (notice.user_id, notice.category, notice.data["alertId"]) == (
        user.id,
        "PRICE_ALERT",
        alert_id,
    )
    buttons = {a.id: (a.kind, dict(a.payload)) for a in notice.actions}
    assert set(buttons) == {"BUY_PRESET", "SELL_PRESET", "SNOOZE_1H"}
    assert buttons["BUY_PRESET"] == (
        "placeOrder",
        {
            "accountId": account,
            "symbol": "BTC/USDT",
            "side": "buy",
            "type": "market",
            "timeInForce": "ioc",
            "qty": "0.002",
            "price": None,
        },
    )
    assert buttons["SNOOZE_1H"] == ("snooze", {"alertId": alert_id, "minutes": 60})

    async def delivered() -> int:
        return len(receiver.requests)

    await eventually(delivered)
    body, signature = receiver.requests[0]
    assert verify(created["webhookSecret"], signature, body)
    assert not verify("another-secret", signature, body)
    assert b'"alertId":"' + alert_id.encode() in body


async def test_an_action_claimed_before_a_crash_runs_once_after_restart(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    token = await gql.register("fay@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    account = await paper_account(gql, token)
    user = await services.accounts.find_by_email("fay@example.com")
    assert user is not None
    threshold = round(float((await services.market.ticker("sim", "BTC/USDT")).last) * 3)
    action = {"kind": "PLACE_ORDER", "accountId": account, "side": "BUY", "qty": "0.001"}
    alert_input = {
        "name": "restart",
        "symbol": "BTC/USDT",
        "market": {"metric": "PRICE", "direction": "ABOVE", "threshold": str(threshold)},
        "action": action,
    }
    arming = {
        "kind": "createTradingAlert",
        "type": "placeOrder",
        "account": account,
        "venue": "sim",
        "symbol": "BTC/USDT",
        "side": "buy",
        "timeInForce": "ioc",
        "qty": "0.001",
        "maxOrders": 1,
    }
    assertion = await step_up(gql, token, device, arming)
    alert_id = (await gql.data(CREATE, {"i": alert_input, "s": assertion}, token))["createAlert"][
        "id"
    ]
    # The claim is committed, then the process "dies" before acting.
    store = services.alerts.store
    trigger = await store.claim(
        alert_id,
        "crash",
        services.alerts.clock(),
        0,
        symbol="BTC/USDT",
        value="1",
        detail={},
        action_status="pending",
    )
    assert trigger is not None
    evaluator = services.alert_evaluator
    for _ in range(2):  # two restarts both find the pending action: one order all the same
        await evaluator.store.finish_action(trigger.id, "pending", None)
        await evaluator.load()
        await evaluator.drain()
    assert len(await alert_orders(services, user.id)) == 1
    stored = await store.trigger(trigger.id)
    assert stored is not None and stored.action_status == "done"
