"""End to end over GraphQL: a price alert is pushed through real firebase-admin to the stand-in,
the app reads the action token from the push and performs it — with a passkey step-up bound to
the exact order for Buy, without one for Cancel rest and View."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from api.settings import Settings
from notifications.model import Notice, NoticeAction
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import order_nodes, paper_account
from tests.support.app_services import services_of
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.polling import eventually
from tests.support.standins.fcm import FcmStandin

REGISTER_DEVICE = """mutation($t: String!, $p: PushPlatform!, $l: String!, $z: String!) {
  registerDevice(token: $t, platform: $p, locale: $l, timezone: $z, appVersion: "1.4.0") {
    id platform locale timezone appVersion
  }
}"""
ACTION = """query($t: String!) { notificationAction(actionToken: $t) {
  kind actionId notificationId needsStepUp summary
  stepUpAction { kind account venue symbol side type timeInForce qty amount price botId }
} }"""
PERFORM = """mutation($t: String!, $s: StepUpAssertionInput) {
  performNotificationAction(actionToken: $t, stepUp: $s) {
    kind message deepLink orderId cancelledOrderIds
  }
}"""
INBOX = "{ notifications { unreadCount edges { node { id read deepLink } } } }"


@pytest.fixture
def settings(settings: Settings, fcm_credentials: Path) -> Settings:
    """The app sends through firebase-admin to the stand-in."""
    return settings.model_copy(update={"fcm_credentials": fcm_credentials})


async def user_id(app: Starlette, email: str) -> str:
    user = await services_of(app).accounts.find_by_email(email)
    assert user is not None
    return user.id


def preset(account: str, side: str) -> dict[str, Any]:
    return {
        "accountId": account,
        "symbol": "BTC/USDT",
        "side": side,
        "type": "limit",
        "qty": "0.001",
        "price": "50000",
    }


async def pushed_buttons(standin: FcmStandin, token: str) -> dict[str, str]:
    async def bodies() -> list[dict[str, Any]]:
        return standin.bodies_for(token)

    [body] = await eventually(bodies)
    return {b["id"]: b["token"] for b in json.loads(body["message"]["data"]["actions"])}


async def alert_pushed(
    gql: GraphQLClient, app: Starlette, standin: FcmStandin, email: str, device: str
) -> tuple[str, str, SoftwareAuthenticator, dict[str, str]]:
    """A trader with a passkey and a phone, who just got a PRICE_ALERT push."""
    token = await gql.register(email, PASSWORD)
    authenticator = SoftwareAuthenticator()
    await enrol(gql, token, authenticator, password=PASSWORD)
    account = await paper_account(gql, token)
    variables = {"t": device, "p": "ANDROID", "l": "en-US", "z": "Europe/Paris"}
    registered = (await gql.data(REGISTER_DEVICE, variables, token))["registerDevice"]
    assert registered["platform"] == "ANDROID" and registered["locale"] == "en"
    notice = Notice(
        user_id=await user_id(app, email),
        category="PRICE_ALERT",
        template="price_below",
        params={"symbol": "BTC/USDT", "price": "49990", "threshold": "50000"},
        data={"alertId": "a-1", "symbol": "BTC/USDT"},
        actions=(
            NoticeAction("BUY_PRESET", "placeOrder", preset(account, "buy")),
            NoticeAction("SELL_PRESET", "placeOrder", preset(account, "sell")),
            NoticeAction("SNOOZE_1H", "snooze", {"alertId": "a-1", "minutes": "60"}),
        ),
    )
    assert await services_of(app).notifications.notify(notice) is not None
    return token, account, authenticator, await pushed_buttons(standin, device)


async def test_buy_from_a_push_places_the_order_after_a_step_up_bound_to_it(
    gql: GraphQLClient, app: Starlette, fcm_standin: FcmStandin
) -> None:
    token, account, device, buttons = await alert_pushed(
        gql, app, fcm_standin, "alice@example.com", "alice-phone"
    )
    preview = (await gql.data(ACTION, {"t": buttons["BUY_PRESET"]}, token))["notificationAction"]
    assert preview["needsStepUp"] is True
    assert preview["summary"] == "Buy 0.001 BTC/USDT at 50,000 USDT on sim"
    action = preview["stepUpAction"]
    assert action == {
        "kind": "placeOrder",
        "account": account,
        "venue": "sim",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "timeInForce": "gtc",
        "qty": "0.001",
        "amount": None,
        "price": "50000",
        "botId": None,
    }

    # No step-up: refused, nothing placed, and the button still works afterwards.
    assert await gql.error_code(PERFORM, {"t": buttons["BUY_PRESET"]}, token) == "STEP_UP_REQUIRED"
    # A step-up for another order (the Sell button's) does not approve this one.
    sell = (await gql.data(ACTION, {"t": buttons["SELL_PRESET"]}, token))["notificationAction"]
    wrong = await step_up(gql, token, device, sell["stepUpAction"])
    code = await gql.error_code(PERFORM, {"t": buttons["BUY_PRESET"], "s": wrong}, token)
    assert code == "STEP_UP_MISMATCH"
    assert await order_nodes(gql, token) == []

    assertion = await step_up(gql, token, device, action)
    done = (await gql.data(PERFORM, {"t": buttons["BUY_PRESET"], "s": assertion}, token))[
        "performNotificationAction"
    ]
    assert done["kind"] == "placeOrder" and done["message"] == "order open"
    [order] = await order_nodes(gql, token)
    assert order["id"] == done["orderId"]
    assert order["clientOrderId"].startswith("push-")
    assert (order["side"], order["qty"], order["price"], order["status"]) == (
        "BUY",
        "0.001",
        "50000",
        "OPEN",
    )
    # Single use: a second tap (even with a fresh step-up) does nothing.
    again = await step_up(gql, token, device, action)
    code = await gql.error_code(PERFORM, {"t": buttons["BUY_PRESET"], "s": again}, token)
    assert code == "ACTION_TOKEN_USED"
    assert len(await order_nodes(gql, token)) == 1


async def test_another_users_action_token_is_not_found(
    gql: GraphQLClient, app: Starlette, fcm_standin: FcmStandin
) -> None:
    _, _, _, buttons = await alert_pushed(gql, app, fcm_standin, "alice@example.com", "a-phone")
    mallory = await gql.register("mallory@example.com", PASSWORD)
    for query in (ACTION, PERFORM):
        assert await gql.error_code(query, {"t": buttons["BUY_PRESET"]}, mallory) == "NOT_FOUND"
    assert await gql.error_code(PERFORM, {"t": "made-up"}, mallory) == "NOT_FOUND"


async def test_snooze_is_wired_to_the_alerts_and_unknown_kinds_are_refused_and_kept(
    gql: GraphQLClient, app: Starlette, fcm_standin: FcmStandin
) -> None:
    token, _, _, buttons = await alert_pushed(gql, app, fcm_standin, "alice@example.com", "p")
    actions = services_of(app).notifications.actions
    # A kind this server has no handler for is refused and its token kept for later.
    snooze = actions._handlers.pop("snooze")
    try:
        code = await gql.error_code(PERFORM, {"t": buttons["SNOOZE_1H"]}, token)
        assert code == "ACTION_NOT_SUPPORTED"
    finally:
        actions.register("snooze", snooze)
    # Wired to the real alerts service: the push names alert "a-1", which this user does not
    # have, so the snooze is refused with the alerts' own NOT_FOUND.
    assert await gql.error_code(PERFORM, {"t": buttons["SNOOZE_1H"]}, token) == "NOT_FOUND"


async def test_cancel_rest_from_a_fill_push_needs_no_step_up_and_view_marks_it_read(
    gql: GraphQLClient, app: Starlette, fcm_standin: FcmStandin
) -> None:
    token, account, device, buttons = await alert_pushed(
        gql, app, fcm_standin, "alice@example.com", "alice-phone"
    )
    preview = (await gql.data(ACTION, {"t": buttons["BUY_PRESET"]}, token))["notificationAction"]
    assertion = await step_up(gql, token, device, preview["stepUpAction"])
    placed = (await gql.data(PERFORM, {"t": buttons["BUY_PRESET"], "s": assertion}, token))[
        "performNotificationAction"
    ]
    alice = await user_id(app, "alice@example.com")
    fill_like = Notice(
        alice,
        "RISK_LIMIT",
        "risk_limit",
        {"limit": "Daily loss"},
        {"orderId": placed["orderId"]},
        (NoticeAction("VIEW", "view"),),
    )
    fcm_standin.sent.clear()
    record = await services_of(app).notifications.notify(fill_like)
    assert record is not None
    view = (await pushed_buttons(fcm_standin, "alice-phone"))["VIEW"]
    preview = (await gql.data(ACTION, {"t": view}, token))["notificationAction"]
    assert (preview["needsStepUp"], preview["stepUpAction"]) == (False, None)
    opened = (await gql.data(PERFORM, {"t": view}, token))["performNotificationAction"]
    assert opened["deepLink"] == f"cryptoorchestrator://orders/{placed['orderId']}"
    inbox = (await gql.data(INBOX, token=token))["notifications"]
    assert {e["node"]["id"]: e["node"]["read"] for e in inbox["edges"]}[record.id] is True

    cancel_notice = Notice(
        alice,
        "ORDER_FILLED",
        "buy_filled",
        {"symbol": "BTC/USDT", "qty": "0.001", "price": "50000"},
        {"orderId": placed["orderId"]},
        (NoticeAction("CANCEL_REST", "cancelAllOrders", {"accountId": account}),),
    )
    fcm_standin.sent.clear()
    await services_of(app).notifications.notify(cancel_notice)
    cancel = (await pushed_buttons(fcm_standin, "alice-phone"))["CANCEL_REST"]
    done = (await gql.data(PERFORM, {"t": cancel}, token))["performNotificationAction"]
    assert done["cancelledOrderIds"] == [placed["orderId"]]
    [order] = await order_nodes(gql, token)
    assert order["status"] == "CANCELED"
