"""In the running service (workers on): a whale event published on the bus and a P&L move
picked up by the P&L sampler fire their GraphQL-created alerts, each once, for their owner."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.container import Services
from api.db.alert_tables import PnlPeak
from api.db.models import FillRecord
from notifications.model import Notice
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account
from tests.support.polling import eventually
from tests.support.round_trips import record_round_trip

pytestmark = pytest.mark.paper_trading_without_step_up

CREATE = "mutation($i: CreateAlertInput!) { createAlert(input: $i) { id } }"
TRIGGERS = "query($a: ID) { alertTriggers(alertId: $a) { edges { node { value } } } }"


async def trigger_values(gql: GraphQLClient, token: str, alert_id: str) -> list[str]:
    data = await gql.data(TRIGGERS, {"a": alert_id}, token)
    return [e["node"]["value"] for e in data["alertTriggers"]["edges"]]


async def test_whale_and_pnl_alerts_fire_in_the_running_service(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    notices: list[Notice] = []

    async def notify(notice: Notice) -> None:
        notices.append(notice)

    services.alert_evaluator.actions.notify = notify
    token = await gql.register("levels@example.com")
    other = await gql.register("other@example.com")
    user = await services.accounts.find_by_email("levels@example.com")
    assert user is not None
    whale_input = {
        "name": "BTC whale",
        "event": {
            "kind": "WHALE",
            "match": [{"name": "symbol", "value": "BTC/USDT"}],
            "atLeast": "1000000",
        },
    }
    whale_id = (await gql.data(CREATE, {"i": whale_input}, token))["createAlert"]["id"]
    pnl_input = {"name": "P&L 150", "event": {"kind": "PNL", "atLeast": "150"}}
    pnl_id = (await gql.data(CREATE, {"i": pnl_input}, token))["createAlert"]["id"]
    # The other user's P&L alert reads only their own (flat) P&L.
    others = (await gql.data(CREATE, {"i": pnl_input}, other))["createAlert"]["id"]

    async def following() -> bool:
        return "whales:sim:BTC/USDT" in services.alert_evaluator.following

    await eventually(following)
    event = {
        "id": "trade:btc:1",
        "venue": "sim",
        "symbol": "BTC/USDT",
        "kind": "trade",
        "side": "sell",
        "qty": "40",
        "price": "65000",
        "notional": "2600000",
        "ts": "2030-01-01T00:00:00+00:00",
    }
    await services.bus.publish("whales:sim:BTC/USDT", event)
    await services.bus.publish("whales:sim:BTC/USDT", event)  # delivered twice: one trigger

    async def whale_fired() -> list[str]:
        return await trigger_values(gql, token, whale_id)

    assert await eventually(whale_fired) == ["2600000"]

    # The sampler has sampled the user's flat P&L once (its peak row exists) ...
    async def sampled() -> PnlPeak | None:
        async with services.db.session() as session:
            return await session.get(PnlPeak, user.id)

    await eventually(sampled)
    # ... then a profitable round trip is recorded: P&L 0 → 200 enters [150, ∞).
    account = await paper_account(gql, token)
    at = datetime(2030, 1, 1, tzinfo=UTC)
    await record_round_trip(services.db, user.id, account, tag="levels", gain="200", at=at)

    async def pnl_fired() -> list[str]:
        return await trigger_values(gql, token, pnl_id)

    assert await eventually(pnl_fired) == ["200"]
    await services.alert_evaluator.drain()
    assert await trigger_values(gql, token, whale_id) == ["2600000"]
    assert await trigger_values(gql, other, others) == []
    # The other user cannot read this user's alert history: NOT_FOUND, no hint it exists.
    foreign = await gql.raw(TRIGGERS, {"a": pnl_id}, other)
    assert [e["extensions"]["code"] for e in foreign["errors"]] == ["NOT_FOUND"]
    assert sorted(n.category for n in notices) == ["PRICE_ALERT", "RISK_LIMIT"]
    async with services.db.session() as session:
        fills = await session.exec(select(FillRecord).where(col(FillRecord.user_id) == user.id))
        assert len(fills.all()) == 2
