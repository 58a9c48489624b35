"""What a fired alert does on its own: hedge a position, cancel all orders, control bots through
the injected BotControl, and report (never raise) when it cannot."""

from __future__ import annotations

from decimal import Decimal

import pytest
from starlette.applications import Starlette

from api.container import Services
from api.db.alert_tables import Alert
from api.services.accounts import Principal
from api.services.alerts.spec import ActionKind, AlertAction, AlertSpec
from api.services.orders import PlaceOrder
from engine.alerts import Direction, Metric, ThresholdCondition
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import paper_account
from tests.support.authenticator import SoftwareAuthenticator

pytestmark = pytest.mark.paper_trading_without_step_up

CONDITION = ThresholdCondition(Metric.PRICE, Direction.ABOVE, 10_000_000.0)


class RecordingBots:
    """Our boundary to the bot service: records the calls alerts make."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []

    async def start_bot(self, principal: Principal, bot_id: str) -> object:
        self.calls.append(("start", principal.user_id, bot_id))
        return None

    async def stop_bot(self, principal: Principal, bot_id: str) -> object:
        self.calls.append(("stop", principal.user_id, bot_id))
        return None

    async def kill_switch(self, principal: Principal) -> object:
        self.calls.append(("kill", principal.user_id, None))
        return None


async def trader(services: Services, gql: GraphQLClient, email: str) -> tuple[Principal, str]:
    token = await gql.register(email)
    user = await services.accounts.find_by_email(email)
    assert user is not None
    return Principal(user.id, "test", "full"), await paper_account(gql, token)


async def fire(services: Services, alert: Alert, key: str = "k") -> tuple[str, str | None]:
    """Claim one trigger as the evaluator would and wait for its action."""
    trigger = await services.alerts.store.claim(
        alert.id,
        key,
        services.alerts.clock(),
        0,
        symbol=alert.symbol,
        value="1",
        detail={},
        action_status="pending",
    )
    assert trigger is not None
    evaluator = services.alert_evaluator
    row = await services.alerts.store.by_id(alert.id)
    assert row is not None
    evaluator.queue.put_nowait((row, trigger.id))
    await evaluator.drain()
    done = await services.alerts.store.trigger(trigger.id)
    assert done is not None
    return done.action_status, done.action_result


async def test_hedge_sells_the_share_of_the_position_rounded_to_the_lot(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    principal, account = await trader(services, gql, "hedger@example.com")
    bought = await services.orders.place_order(
        principal,
        PlaceOrder(
            account,
            "BTC/USDT",
            Side.BUY,
            OrderType.MARKET,
            Decimal("0.003"),
            time_in_force=TimeInForce.IOC,
        ),
    )
    assert bought.status == "filled"
    hedge = AlertAction(ActionKind.HEDGE, account_id=account, percent=Decimal("50"))
    alert = await services.alerts.create(
        principal, AlertSpec("hedge", CONDITION, "BTC/USDT", action=hedge)
    )
    status, result = await fire(services, alert)
    assert status == "done", result
    orders = (await services.orders.orders(principal.user_id)).items
    sells = [o for o in orders if o.side == "sell"]
    assert len(sells) == 1 and sells[0].source == "alert"
    assert sells[0].qty == Decimal("0.0015")


async def test_hedge_without_a_position_is_skipped(app: Starlette, gql: GraphQLClient) -> None:
    services: Services = app.state.services
    principal, account = await trader(services, gql, "flat@example.com")
    hedge = AlertAction(ActionKind.HEDGE, account_id=account, percent=Decimal("100"))
    alert = await services.alerts.create(
        principal, AlertSpec("hedge", CONDITION, "BTC/USDT", action=hedge)
    )
    status, result = await fire(services, alert)
    assert status == "skipped" and result is not None and "too small" in result


async def test_cancel_all_orders_needs_no_step_up_and_cancels(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    principal, account = await trader(services, gql, "calm@example.com")
    resting = await services.orders.place_order(
        principal,
        PlaceOrder(
            account, "BTC/USDT", Side.BUY, OrderType.LIMIT, Decimal("0.001"), Decimal("30000")
        ),
    )
    assert resting.status == "open"
    cancel = AlertAction(ActionKind.CANCEL_ALL_ORDERS, account_id=account)
    alert = await services.alerts.create(
        principal, AlertSpec("panic", CONDITION, "BTC/USDT", action=cancel)
    )
    assert alert.armed_by is None
    assert await fire(services, alert) == ("done", "cancelled 1 orders")
    assert (await services.orders.order(principal.user_id, resting.id)).status == "canceled"


async def test_bot_actions_go_through_the_injected_bot_control(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    token = await gql.register("botty@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    create = (
        "mutation($i: CreateAlertInput!, $s: StepUpAssertionInput) "
        "{ createAlert(input: $i, stepUp: $s) { id } }"
    )
    alert_input = {
        "name": "stop grid",
        "symbol": "BTC/USDT",
        "market": {"metric": "PRICE", "direction": "BELOW", "threshold": "1000"},
        "action": {"kind": "STOP_BOT", "botId": "bot-1"},
    }
    # Bot actions always need the step-up, even on paper.
    assert await gql.error_code(create, {"i": alert_input}, token) == "STEP_UP_REQUIRED"
    arming = {"kind": "createTradingAlert", "type": "stopBot", "botId": "bot-1", "maxOrders": 1}
    assertion = await step_up(gql, token, device, arming)
    alert_id = (await gql.data(create, {"i": alert_input, "s": assertion}, token))["createAlert"][
        "id"
    ]
    alert = await services.alerts.store.by_id(alert_id)
    assert alert is not None and alert.armed_by is not None

    services.alert_evaluator.actions.bots = None
    status, result = await fire(services, alert, "first")
    assert (status, result) == ("failed", "bot control is not available in this service")

    bots = RecordingBots()
    services.alert_evaluator.actions.bots = bots
    recurring = await services.alerts.store.by_id(alert_id)
    assert recurring is not None
    recurring.status, recurring.mode, recurring.max_fires = "active", "recurring", 5
    await services.alerts.store.save(recurring)
    assert await fire(services, recurring, "second") == ("done", "stopped bot bot-1")
    assert bots.calls == [("stop", alert.user_id, "bot-1")]
