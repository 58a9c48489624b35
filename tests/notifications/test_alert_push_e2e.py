"""The issue's end to end, on both backends: the price crosses → the alert fires once → the push
is recorded by the FCM stand-in (real firebase-admin) → Buy is performed with a passkey step-up
→ the order exists (source "push").

The alert evaluator's notifier is set here the way the composition root wires it
(`AlertActions(notify=services.notifications.hand_over)`)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.container import Services
from api.db.models import Order
from api.settings import Settings
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import paper_account
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.polling import eventually
from tests.support.standins.fcm import FcmStandin
from tests.support.ticks import publish_tick

CREATE = "mutation($i: CreateAlertInput!) { createAlert(input: $i) { id } }"
REGISTER_DEVICE = """mutation($t: String!) {
  registerDevice(token: $t, platform: ANDROID, locale: "en", timezone: "UTC") { id }
}"""
ACTION = """query($t: String!) { notificationAction(actionToken: $t) {
  summary stepUpAction { kind account venue symbol side type timeInForce qty price }
} }"""
PERFORM = """mutation($t: String!, $s: StepUpAssertionInput) {
  performNotificationAction(actionToken: $t, stepUp: $s) { orderId message }
}"""


@pytest.fixture
def settings(settings: Settings, fcm_credentials: Path) -> Settings:
    return settings.model_copy(update={"fcm_credentials": fcm_credentials})


async def test_price_cross_pushes_once_and_buy_from_the_push_places_the_order(
    app: Starlette, gql: GraphQLClient, fcm_standin: FcmStandin
) -> None:
    services: Services = app.state.services
    services.alert_evaluator.actions.notify = services.notifications.hand_over

    token = await gql.register("eve@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    account = await paper_account(gql, token)
    await gql.data(REGISTER_DEVICE, {"t": "eve-phone"}, token)
    last = float((await services.market.ticker("sim", "BTC/USDT")).last)
    threshold = round(last * 3)
    alert: dict[str, Any] = {
        "name": "BTC moon",
        "symbol": "BTC/USDT",
        "market": {"metric": "PRICE", "direction": "ABOVE", "threshold": str(threshold)},
        "preset": {"accountId": account, "qty": "0.002"},
    }
    alert_id = (await gql.data(CREATE, {"i": alert}, token))["createAlert"]["id"]

    async def armed() -> bool:
        return services.alert_evaluator.armed(alert_id)

    await eventually(armed)
    for i in range(3):  # crosses up each time; it fires once
        await publish_tick(services, threshold + 10.0, f"2030-01-01T00:00:0{i}+00:00")
        await asyncio.sleep(0.1)
    await services.alert_evaluator.drain()

    async def pushes() -> list[dict[str, Any]]:
        return fcm_standin.bodies_for("eve-phone")

    [push] = await eventually(pushes)
    await asyncio.sleep(0.3)
    assert len(fcm_standin.bodies_for("eve-phone")) == 1
    data = push["message"]["data"]
    assert data["category"] == "PRICE_ALERT"
    assert data["title"] == "Price alert: BTC/USDT"
    assert json.loads(data["data"])["alertId"] == alert_id
    buttons = {b["id"]: b["token"] for b in json.loads(data["actions"])}
    assert set(buttons) == {"BUY_PRESET", "SELL_PRESET", "SNOOZE_1H"}

    preview = (await gql.data(ACTION, {"t": buttons["BUY_PRESET"]}, token))["notificationAction"]
    assert preview["summary"] == "Buy 0.002 BTC/USDT at market on sim"
    assertion = await step_up(gql, token, device, preview["stepUpAction"])
    done = (await gql.data(PERFORM, {"t": buttons["BUY_PRESET"], "s": assertion}, token))[
        "performNotificationAction"
    ]
    async with services.db.session() as session:
        orders = (await session.exec(select(Order).where(col(Order.source) == "push"))).all()
    [order] = orders
    assert order.id == done["orderId"]
    assert (order.side, order.type, str(order.qty.normalize()), order.account_id) == (
        "buy",
        "market",
        "0.002",
        account,
    )
