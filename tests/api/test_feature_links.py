"""Features wired together by the composition root: an armed alert controls the owner's bots
without a new step-up (it was approved at creation), a session never can."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from api.errors import NotFound
from api.services.accounts import Principal
from api.services.feature_links import ArmedBotControl
from api.services.step_up import ARMED_ALERT_SCOPE
from tests.conftest import GraphQLClient
from tests.schema.test_bots import BOT, new_bot
from tests.schema.trading_helpers import paper_account

START = "mutation($id: ID!) { startBot(id: $id) { id state } }"


async def test_an_armed_alert_starts_and_stops_the_owners_bot_and_a_session_cannot(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("armed@example.com")
    account = await paper_account(gql, token)
    bot = await new_bot(gql, token, account)
    # A session (even the owner's) needs a step-up to start it.
    assert await gql.error_code(START, {"id": bot["id"]}, token) == "STEP_UP_REQUIRED"
    services = app.state.services
    owner = (await gql.data("{ me { id } }", token=token))["me"]["id"]
    control = services.alert_evaluator.actions.bots
    assert isinstance(control, ArmedBotControl), "alerts are wired to the bot service"
    armed = Principal(user_id=owner, session_id="alert:a-1", scope=ARMED_ALERT_SCOPE)
    await control.start_bot(armed, bot["id"])
    state = (await gql.data(BOT, {"id": bot["id"]}, token))["bot"]["state"]
    assert state == "RUNNING"
    await control.stop_bot(armed, bot["id"])
    assert (await gql.data(BOT, {"id": bot["id"]}, token))["bot"]["state"] == "STOPPED"
    # Another user's alert principal cannot reach this bot.
    stranger = Principal(user_id="someone-else", session_id="alert:x", scope=ARMED_ALERT_SCOPE)
    with pytest.raises(NotFound):
        await control.start_bot(stranger, bot["id"])
