"""Alerts over GraphQL: create / update / snooze / delete, input errors with clear codes, the
step-up that arms a trading alert, and isolation between users."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette

from api.container import Services
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import paper_account
from tests.support.authenticator import SoftwareAuthenticator

ALERT_FIELDS = (
    "id name symbol status mode fires cooldownSeconds maxFires snoozedUntil expiresAt "
    "armedWithStepUp webhookUrl market { metric direction threshold period } "
    "action { kind side qty accountId } preset { qty accountId }"
)
CREATE = (
    "mutation($i: CreateAlertInput!, $s: StepUpAssertionInput) "
    f"{{ createAlert(input: $i, stepUp: $s) {{ {ALERT_FIELDS} }} }}"
)
UPDATE = (
    "mutation($id: ID!, $i: UpdateAlertInput!) "
    f"{{ updateAlert(id: $id, input: $i) {{ {ALERT_FIELDS} }} }}"
)
DELETE = "mutation($id: ID!) { deleteAlert(id: $id) }"
SNOOZE = "mutation($id: ID!, $m: Int!) { snoozeAlert(id: $id, minutes: $m) { id snoozedUntil } }"
ALERTS = f"{{ alerts {{ {ALERT_FIELDS} }} }}"
TRIGGERS = "query($a: ID) { alertTriggers(alertId: $a) { edges { node { id alertId value } } } }"


def price_alert(**overrides: Any) -> dict[str, Any]:
    alert = {
        "name": "BTC breakout",
        "symbol": "BTC/USDT",
        "market": {"metric": "PRICE", "direction": "ABOVE", "threshold": "70000"},
    }
    return {**alert, **overrides}


def buy_action(account: str) -> dict[str, Any]:
    return {"kind": "PLACE_ORDER", "accountId": account, "side": "BUY", "qty": "0.001"}


def arming(account: str, **overrides: Any) -> dict[str, Any]:
    """The ActionInput the app sends to stepUpChallenge before createAlert with buy_action."""
    action = {
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
    return {**action, **overrides}


async def create(
    gql: GraphQLClient, token: str, alert: dict[str, Any], **kw: Any
) -> dict[str, Any]:
    data = await gql.data(CREATE, {"i": alert, **kw}, token)
    created: dict[str, Any] = data["createAlert"]
    return created


async def test_create_list_update_snooze_and_delete_a_price_alert(gql: GraphQLClient) -> None:
    token = await gql.register("ann@example.com")
    alert = await create(gql, token, price_alert(mode="RECURRING", cooldownSeconds=60))
    assert alert["status"] == "ACTIVE" and alert["mode"] == "RECURRING"
    assert alert["market"] == {
        "metric": "PRICE",
        "direction": "ABOVE",
        "threshold": "70000",
        "period": 0,
    }
    assert alert["armedWithStepUp"] is False
    assert [a["id"] for a in (await gql.data(ALERTS, token=token))["alerts"]] == [alert["id"]]

    changes = {"name": "BTC dip", "direction": "BELOW", "threshold": "60000", "active": False}
    updated = (await gql.data(UPDATE, {"id": alert["id"], "i": changes}, token))["updateAlert"]
    assert updated["name"] == "BTC dip" and updated["status"] == "PAUSED"
    assert updated["market"]["direction"] == "BELOW"

    snoozed = (await gql.data(SNOOZE, {"id": alert["id"], "m": 60}, token))["snoozeAlert"]
    assert snoozed["snoozedUntil"] is not None
    assert (await gql.data(DELETE, {"id": alert["id"]}, token))["deleteAlert"] is True
    assert (await gql.data(ALERTS, token=token))["alerts"] == []


async def test_indicator_alerts_take_their_window(gql: GraphQLClient) -> None:
    token = await gql.register("ivy@example.com")
    rsi = {"metric": "RSI", "direction": "ABOVE", "threshold": "70", "period": 14}
    ema = {"metric": "EMA_GAP_PCT", "direction": "CROSSES", "threshold": "0", "period": 20}
    event = {"kind": "SIGNAL", "match": [{"name": "symbol", "value": "ETH/USDT"}], "atLeast": "0.8"}
    assert (await create(gql, token, price_alert(market=rsi)))["market"]["period"] == 14
    assert (await create(gql, token, price_alert(market=ema)))["market"]["metric"] == "EMA_GAP_PCT"
    signal = await gql.data(
        CREATE.replace(ALERT_FIELDS, "id event { kind atLeast match { name value } }"),
        {"i": {"name": "ETH signal", "event": event}},
        token,
    )
    assert signal["createAlert"]["event"]["kind"] == "SIGNAL"


async def test_bad_input_gets_clear_codes_and_names_the_field(gql: GraphQLClient) -> None:
    token = await gql.register("bob@example.com")
    account = await paper_account(gql, token)
    cases = [
        (price_alert(symbol="NOPE/USDT"), "symbol"),
        (
            price_alert(market={"metric": "PRICE", "direction": "ABOVE", "threshold": "-1"}),
            "threshold",
        ),
        (
            price_alert(
                market={"metric": "CHANGE_PCT", "direction": "ABOVE", "threshold": "5", "period": 0}
            ),
            "period",
        ),
        (
            price_alert(
                market={"metric": "RSI", "direction": "ABOVE", "threshold": "120", "period": 14}
            ),
            "threshold",
        ),
        (price_alert(cooldownSeconds=-5), "cooldownSeconds"),
        (price_alert(webhookUrl="ftp://example.com/hook"), "webhookUrl"),
        (price_alert(name=" "), "name"),
        (price_alert(action={**buy_action(account), "qty": "0"}), "qty"),
        (price_alert(mode="RECURRING", action=buy_action(account)), "maxFires"),
        ({"name": "nothing"}, "market"),
    ]
    for alert, field in cases:
        body = await gql.raw(CREATE, {"i": alert}, token)
        error = body["errors"][0]["extensions"]
        assert (error["code"], error.get("field")) == ("BAD_USER_INPUT", field), alert
    assert (await gql.data(ALERTS, token=token))["alerts"] == []


async def test_an_alert_that_trades_needs_a_step_up_bound_to_its_action(gql: GraphQLClient) -> None:
    token = await gql.register("cat@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    account = await paper_account(gql, token)
    alert = price_alert(action=buy_action(account))

    assert await gql.error_code(CREATE, {"i": alert}, token) == "STEP_UP_REQUIRED"
    wrong = await step_up(gql, token, device, arming(account, qty="0.002"))
    assert await gql.error_code(CREATE, {"i": alert, "s": wrong}, token) == "STEP_UP_MISMATCH"
    assert (await gql.data(ALERTS, token=token))["alerts"] == []

    right = await step_up(gql, token, device, arming(account))
    created = await create(gql, token, alert, s=right)
    assert created["armedWithStepUp"] is True
    assert created["action"] == {
        "kind": "PLACE_ORDER",
        "side": "BUY",
        "qty": "0.001",
        "accountId": account,
    }
    assert created["maxFires"] == 1
    # The same assertion cannot arm a second alert.
    assert await gql.error_code(CREATE, {"i": alert, "s": right}, token) == "STEP_UP_REPLAYED"


async def test_alerts_that_only_notify_or_cancel_need_no_step_up(gql: GraphQLClient) -> None:
    token = await gql.register("dan@example.com", PASSWORD)
    account = await paper_account(gql, token)
    preset = {"accountId": account, "qty": "0.01"}
    notify_only = await create(gql, token, price_alert(preset=preset))
    assert notify_only["preset"] == {"qty": "0.01", "accountId": account}
    cancel = {"kind": "CANCEL_ALL_ORDERS", "accountId": account}
    assert (await create(gql, token, price_alert(action=cancel)))["action"]["kind"] == (
        "CANCEL_ALL_ORDERS"
    )


async def test_user_b_cannot_read_change_or_delete_user_a_alerts(gql: GraphQLClient) -> None:
    token_a = await gql.register("alice@example.com")
    token_b = await gql.register("mallory@example.com")
    alert = await create(gql, token_a, price_alert())
    account_b = await paper_account(gql, token_b)
    assert (await gql.data(ALERTS, token=token_b))["alerts"] == []
    assert await gql.error_code(TRIGGERS, {"a": alert["id"]}, token_b) == "NOT_FOUND"
    assert await gql.error_code(UPDATE, {"id": alert["id"], "i": {"name": "x"}}, token_b) == (
        "NOT_FOUND"
    )
    assert await gql.error_code(SNOOZE, {"id": alert["id"], "m": 5}, token_b) == "NOT_FOUND"
    assert await gql.error_code(DELETE, {"id": alert["id"]}, token_b) == "NOT_FOUND"
    # Nor put user A's account in one of B's alerts.
    a_account = await paper_account(gql, token_a)
    preset = {"accountId": a_account, "qty": "0.01"}
    assert await gql.error_code(CREATE, {"i": price_alert(preset=preset)}, token_b) == "NOT_FOUND"
    assert account_b != a_account
    assert [a["name"] for a in (await gql.data(ALERTS, token=token_a))["alerts"]] == [
        "BTC breakout"
    ]
    assert await gql.error_code(ALERTS) == "UNAUTHENTICATED"


async def test_update_checks_its_input_like_create(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("upd@example.com")
    alert = await create(gql, token, price_alert(webhookUrl="https://example.com/hook"))
    assert alert["webhookUrl"] == "https://example.com/hook"
    bad = [
        ({"threshold": "0"}, "threshold"),
        ({"cooldownSeconds": -1}, "cooldownSeconds"),
        ({"expiresAt": "2020-01-01T00:00:00+00:00"}, "expiresAt"),
        ({"webhookUrl": "not a url"}, "webhookUrl"),
        ({"name": ""}, "name"),
    ]
    for changes, field in bad:
        body = await gql.raw(UPDATE, {"id": alert["id"], "i": changes}, token)
        error = body["errors"][0]["extensions"]
        assert (error["code"], error.get("field")) == ("BAD_USER_INPUT", field), changes
    cleared = await gql.data(UPDATE, {"id": alert["id"], "i": {"clearWebhook": True}}, token)
    assert cleared["updateAlert"]["webhookUrl"] is None
    assert await gql.error_code(SNOOZE, {"id": alert["id"], "m": -1}, token) == "BAD_USER_INPUT"


async def test_trigger_history_pages_newest_first(app: Starlette, gql: GraphQLClient) -> None:
    services: Services = app.state.services
    token = await gql.register("pages@example.com")
    alert = await create(gql, token, price_alert(mode="RECURRING"))
    start = datetime(2030, 1, 1, tzinfo=UTC)
    for minute in range(3):
        claimed = await services.alerts.store.claim(
            alert["id"],
            f"k{minute}",
            start + timedelta(minutes=minute),
            0,
            symbol="BTC/USDT",
            value=str(minute),
            detail={},
            action_status="none",
        )
        assert claimed is not None
    query = (
        "query($a: ID, $f: Int, $c: String) { alertTriggers(alertId: $a, first: $f, after: $c) "
        "{ edges { node { value } } pageInfo { hasNextPage endCursor } } }"
    )
    first = (await gql.data(query, {"a": alert["id"], "f": 2}, token))["alertTriggers"]
    assert [e["node"]["value"] for e in first["edges"]] == ["2", "1"]
    assert first["pageInfo"]["hasNextPage"] is True
    variables = {"a": alert["id"], "f": 2, "c": first["pageInfo"]["endCursor"]}
    rest = (await gql.data(query, variables, token))["alertTriggers"]
    assert [e["node"]["value"] for e in rest["edges"]] == ["0"]
    assert rest["pageInfo"]["hasNextPage"] is False
    listed = (await gql.data(ALERTS, token=token))["alerts"][0]
    assert listed["fires"] == 3
