"""Event alerts: a filled order of the alert's owner (matching its filters) fires it, with an
ORDER_FILLED notice; other symbols and other users' fills do not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from starlette.applications import Starlette

from api.container import Services
from api.services.accounts import Principal
from api.services.orders import PlaceOrder
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from notifications.model import Notice
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account
from tests.support.polling import eventually

pytestmark = pytest.mark.paper_trading_without_step_up

CREATE = "mutation($i: CreateAlertInput!) { createAlert(input: $i) { id } }"
TRIGGERS = "query($a: ID) { alertTriggers(alertId: $a) { edges { node { value symbol } } } }"


def market_buy(account: str, symbol: str, qty: str) -> PlaceOrder:
    return PlaceOrder(
        account, symbol, Side.BUY, OrderType.MARKET, Decimal(qty), time_in_force=TimeInForce.IOC
    )


async def test_a_filled_order_fires_the_owner_fill_alert_once_per_order(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    notices: list[Notice] = []

    async def notify(notice: Notice) -> None:
        notices.append(notice)

    services.alert_evaluator.actions.notify = notify
    token = await gql.register("filly@example.com")
    other = await gql.register("other@example.com")
    user = await services.accounts.find_by_email("filly@example.com")
    other_user = await services.accounts.find_by_email("other@example.com")
    assert user is not None and other_user is not None
    alert_input = {
        "name": "BTC fills",
        "event": {"kind": "ORDER_FILLED", "match": [{"name": "symbol", "value": "BTC/USDT"}]},
        "mode": "RECURRING",
    }
    alert_id = (await gql.data(CREATE, {"i": alert_input}, token))["createAlert"]["id"]

    async def subscribed() -> bool:
        return f"orders:{user.id}" in services.alert_evaluator.following

    await eventually(subscribed)
    me = Principal(user.id, "test", "full")
    them = Principal(other_user.id, "test", "full")
    account, other_account = await paper_account(gql, token), await paper_account(gql, other)
    await services.orders.place_order(me, market_buy(account, "ETH/USDT", "0.01"))
    await services.orders.place_order(them, market_buy(other_account, "BTC/USDT", "0.001"))
    btc = await services.orders.place_order(me, market_buy(account, "BTC/USDT", "0.001"))
    assert btc.status == "filled"

    async def triggers() -> list[dict[str, object]]:
        data = await gql.data(TRIGGERS, {"a": alert_id}, token)
        edges: list[dict[str, object]] = data["alertTriggers"]["edges"]
        return edges

    edges = await eventually(triggers)
    await services.alert_evaluator.drain()
    assert [e["node"] for e in await triggers()] == [{"value": "0.001", "symbol": None}]
    assert [(n.category, n.data["alertId"]) for n in notices] == [("ORDER_FILLED", alert_id)]
    assert len(edges) == 1


async def test_a_bot_error_fires_the_owner_bot_alert_with_a_bot_error_notice(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    notices: list[Notice] = []

    async def notify(notice: Notice) -> None:
        notices.append(notice)

    services.alert_evaluator.actions.notify = notify
    token = await gql.register("botwatch@example.com")
    user = await services.accounts.find_by_email("botwatch@example.com")
    assert user is not None
    alert_input = {
        "name": "bot errors",
        "event": {"kind": "BOT_EVENT", "match": [{"name": "type", "value": "error"}]},
    }
    alert_id = (await gql.data(CREATE, {"i": alert_input}, token))["createAlert"]["id"]

    async def subscribed() -> bool:
        return f"bots:{user.id}" in services.alert_evaluator.following

    await eventually(subscribed)
    topic = f"bots:{user.id}"
    started = {"id": "bot-9", "state": "running", "kind": "started", "message": ""}
    failed = {"id": "bot-9", "state": "error", "kind": "error", "message": "venue down"}
    for data in (started, failed, failed):
        await services.bus.publish(topic, data)

    async def fired() -> list[Notice]:
        return notices

    await eventually(fired)
    await services.alert_evaluator.drain()
    assert [(n.category, n.data["alertId"]) for n in notices] == [("BOT_ERROR", alert_id)]
    edges = (await gql.data(TRIGGERS, {"a": alert_id}, token))["alertTriggers"]["edges"]
    assert len(edges) == 1


async def test_a_signal_at_or_above_the_probability_fires_every_user_watching_it(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    tokens = [await gql.register(f"quant{i}@example.com") for i in range(2)]
    match = [
        {"name": "symbol", "value": "ETH/USDT"},
        {"name": "model", "value": "test-model"},  # the live signal feed uses other models
        {"name": "direction", "value": "up"},
    ]
    alert_input = {"name": "ETH up", "event": {"kind": "SIGNAL", "match": match, "atLeast": "0.8"}}
    ids = [(await gql.data(CREATE, {"i": alert_input}, t))["createAlert"]["id"] for t in tokens]
    no_symbol = {"name": "x", "event": {"kind": "SIGNAL", "atLeast": "0.8"}}
    assert await gql.error_code(CREATE, {"i": no_symbol}, tokens[0]) == "BAD_USER_INPUT"

    async def subscribed() -> bool:
        evaluator = services.alert_evaluator
        armed = all(evaluator.armed(alert_id) for alert_id in ids)
        return armed and "signals:ETH/USDT" in evaluator.following

    await eventually(subscribed)

    def signal(probability_up: float, minute: int) -> dict[str, object]:
        return {
            "symbol": "ETH/USDT",
            "timeframe": "1m",
            "timestamp": f"2030-01-01T00:{minute:02d}:00+00:00",
            "direction": "up",
            "probability_up": probability_up,
            "regime": "trend",
            "model": "test-model",
            "version": "1",
            "features": [],
        }

    for probability, minute in ((0.7, 1), (0.9, 2), (0.9, 2)):  # the last one is a repeat
        await services.bus.publish("signals:ETH/USDT", signal(probability, minute))

    async def fired() -> list[list[object]]:
        values = []
        for alert_id, token in zip(ids, tokens, strict=True):
            data = await gql.data(TRIGGERS, {"a": alert_id}, token)
            values.append([e["node"]["value"] for e in data["alertTriggers"]["edges"]])
        return values

    assert await eventually(fired, lambda values: all(values)) == [["0.9"], ["0.9"]]
    await services.alert_evaluator.drain()
    assert await fired() == [["0.9"], ["0.9"]]
