"""GraphQL bots: templates, bad input naming the field, step-up on start/stop/killSwitch, the
kill switch leaving nothing open, and per-user isolation (by id and by subscription)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import limit_buy, order_nodes, paper_account
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually

BOT_FIELDS = "id name kind symbol state error params limits { maxOpenOrders dailyLossLimit }"
TEMPLATES = """{ botTemplates { id name description riskLevel suggestedCapital kind symbol
  available unavailableReason backtest { bars totalReturn maxDrawdown trades feesPaid } } }"""
CREATE = f"mutation($i: CreateBotInput!) {{ createBot(input: $i) {{ {BOT_FIELDS} }} }}"
FROM_TEMPLATE = (
    "mutation($i: CreateBotFromTemplateInput!) "
    f"{{ createBotFromTemplate(input: $i) {{ {BOT_FIELDS} }} }}"
)
UPDATE = (
    "mutation($id: ID!, $i: UpdateBotInput!) "
    f"{{ updateBot(id: $id, input: $i) {{ {BOT_FIELDS} }} }}"
)
START = (
    "mutation($id: ID!, $s: StepUpAssertionInput) { startBot(id: $id, stepUp: $s) { id state } }"
)
STOP = "mutation($id: ID!, $s: StepUpAssertionInput) { stopBot(id: $id, stepUp: $s) { id state } }"
PAUSE = "mutation($id: ID!) { pauseBot(id: $id) { id state } }"
DELETE = "mutation($id: ID!) { deleteBot(id: $id) }"
KILL = (
    "mutation($s: StepUpAssertionInput) "
    "{ killSwitch(stepUp: $s) { botsStopped ordersCancelled ordersLeftOpen } }"
)
BOT = (
    "query($id: ID!) { bot(id: $id) { id state position realisedPnl unrealisedPnl "
    "openOrders { id status } events { kind message } } }"
)
BOTS = "{ bots { id state } }"
RISK = "{ risk { totalExposure accounts { accountId botsRunning openOrders exposure } } }"
UPDATES = "subscription { botUpdates { id name state } }"


def grid_params(**overrides: Any) -> dict[str, Any]:
    params = {"low": "90000", "high": "100000", "levels": 5, "qty_per_level": "0.001"}
    return {**params, **overrides}


async def new_bot(gql: GraphQLClient, token: str, account: str, **params: Any) -> dict[str, Any]:
    data = await gql.data(
        CREATE,
        {
            "i": {
                "accountId": account,
                "kind": "grid",
                "symbol": "BTC/USDT",
                "params": grid_params(**params),
            }
        },
        token,
    )
    bot: dict[str, Any] = data["createBot"]
    return bot


async def trader(gql: GraphQLClient, email: str) -> tuple[str, str, SoftwareAuthenticator]:
    token = await gql.register(email, PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    return token, await paper_account(gql, token), device


def bot_action(kind: str, bot_id: str) -> dict[str, Any]:
    return {"kind": kind, "botId": bot_id, "venue": "sim"}


async def test_at_least_eight_templates_with_honest_backtests(gql: GraphQLClient) -> None:
    templates = (await gql.data(TEMPLATES))["botTemplates"]
    assert len(templates) >= 8
    assert len({t["id"] for t in templates}) == len(templates)
    for t in templates:
        assert t["description"] and t["riskLevel"] in {"LOW", "MEDIUM", "HIGH"}
        assert Decimal(t["suggestedCapital"]) > 0
        if t["available"]:
            figures = t["backtest"]
            assert figures["bars"] > 100 and 0 <= figures["maxDrawdown"] < 1
            # Every template trades on the bundled history; sentiment and whale templates on
            # the seeded headlines and transfers that come with it.
            assert figures["trades"] > 0 and Decimal(figures["feesPaid"]) > 0, t["id"]
        else:
            assert t["unavailableReason"] and t["backtest"] is None
    available = {t["kind"] for t in templates if t["available"]}
    assert {"grid", "dca"} <= available


async def test_a_template_becomes_a_stopped_bot_sized_to_the_price(gql: GraphQLClient) -> None:
    token = await gql.register("templates@example.com")
    account = await paper_account(gql, token)
    data = await gql.data(
        FROM_TEMPLATE,
        {"i": {"templateId": "btc-grid-conservative", "accountId": account, "capital": "2000"}},
        token,
    )
    bot = data["createBotFromTemplate"]
    assert (bot["kind"], bot["state"], bot["name"]) == ("grid", "STOPPED", "Conservative BTC grid")
    params = bot["params"]
    price = Decimal(
        (await gql.data('{ ticker(venue: "sim", symbol: "BTC/USDT") { last } }'))["ticker"]["last"]
    )
    assert Decimal(params["low"]) < price < Decimal(params["high"])
    assert params["levels"] == 10
    unknown = await gql.raw(
        FROM_TEMPLATE, {"i": {"templateId": "no-such-template", "accountId": account}}, token
    )
    assert unknown["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert unknown["errors"][0]["extensions"]["field"] == "templateId"


BAD_PARAMS: list[tuple[dict[str, Any], str]] = [
    ({"levels": 1}, "params.levels"),
    ({"low": "100000", "high": "90000"}, "params.high"),
    ({"qty_per_level": "0"}, "params.qty_per_level"),
    ({"spacing": "zigzag"}, "params.spacing"),
    ({"surprise": 1}, "params.surprise"),
]


async def test_bad_params_are_refused_naming_the_field(gql: GraphQLClient) -> None:
    token = await gql.register("bad@example.com")
    account = await paper_account(gql, token)
    for params, field in BAD_PARAMS:
        variables = {
            "i": {
                "accountId": account,
                "kind": "grid",
                "symbol": "BTC/USDT",
                "params": grid_params(**params),
            }
        }
        error = (await gql.raw(CREATE, variables, token))["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", params
        assert error["extensions"]["field"] == field, params
    assert (await gql.data(BOTS, token=token))["bots"] == []


async def test_limits_and_unknown_kinds_are_refused_too(gql: GraphQLClient) -> None:
    token = await gql.register("badlimits@example.com")
    account = await paper_account(gql, token)
    base = {"accountId": account, "kind": "grid", "symbol": "BTC/USDT", "params": grid_params()}
    cases = [
        ({**base, "limits": {"maxOpenOrders": 0}}, "limits.max_open_orders"),
        ({**base, "kind": "astrology"}, "kind"),
        ({**base, "symbol": "NOPE/USDT"}, "symbol"),
    ]
    for variables, field in cases:
        body = await gql.raw(CREATE, {"i": variables}, token)
        assert body["errors"][0]["extensions"]["field"] == field, body


async def test_start_and_stop_need_a_step_up_and_nothing_changes_without_one(
    gql: GraphQLClient,
) -> None:
    token, account, device = await trader(gql, "stepup-bot@example.com")
    bot = await new_bot(gql, token, account)
    body = await gql.raw(START, {"id": bot["id"]}, token)
    assert body["errors"][0]["extensions"]["code"] == "STEP_UP_REQUIRED"
    assert (await gql.data(BOT, {"id": bot["id"]}, token))["bot"]["state"] == "STOPPED"

    # An assertion for another bot's start does not start this one.
    other = await new_bot(gql, token, account)
    wrong = await step_up(gql, token, device, bot_action("startBot", other["id"]))
    body = await gql.raw(START, {"id": bot["id"], "s": wrong}, token)
    assert body["errors"][0]["extensions"]["code"] == "STEP_UP_MISMATCH"

    approved = await step_up(gql, token, device, bot_action("startBot", bot["id"]))
    started = (await gql.data(START, {"id": bot["id"], "s": approved}, token))["startBot"]
    assert started["state"] == "RUNNING"
    body = await gql.raw(STOP, {"id": bot["id"]}, token)
    assert body["errors"][0]["extensions"]["code"] == "STEP_UP_REQUIRED"
    assert (await gql.data(BOT, {"id": bot["id"]}, token))["bot"]["state"] == "RUNNING"

    approved = await step_up(gql, token, device, bot_action("stopBot", bot["id"]))
    stopped = (await gql.data(STOP, {"id": bot["id"], "s": approved}, token))["stopBot"]
    assert stopped["state"] == "STOPPED"
    detail = (await gql.data(BOT, {"id": bot["id"]}, token))["bot"]
    assert detail["openOrders"] == []
    assert [e["kind"] for e in detail["events"]][:1] == ["stopped"]


@pytest.mark.paper_trading_without_step_up
async def test_params_change_only_while_stopped_and_delete_needs_a_stopped_bot(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("update@example.com")
    account = await paper_account(gql, token)
    bot = await new_bot(gql, token, account)
    changed = await gql.data(UPDATE, {"id": bot["id"], "i": {"params": {"levels": 6}}}, token)
    assert changed["updateBot"]["params"]["levels"] == 6
    await gql.data(START, {"id": bot["id"]}, token)
    body = await gql.raw(UPDATE, {"id": bot["id"], "i": {"params": {"levels": 7}}}, token)
    assert body["errors"][0]["extensions"]["field"] == "params"
    renamed = await gql.data(
        UPDATE,
        {"id": bot["id"], "i": {"name": "Night grid", "limits": {"maxOpenOrders": 9}}},
        token,
    )
    assert renamed["updateBot"]["name"] == "Night grid"
    assert renamed["updateBot"]["limits"]["maxOpenOrders"] == 9
    assert (await gql.raw(DELETE, {"id": bot["id"]}, token))["errors"][0]["extensions"][
        "code"
    ] == "CONFLICT"
    assert (await gql.data(PAUSE, {"id": bot["id"]}, token))["pauseBot"]["state"] == "PAUSED"
    await gql.data(STOP, {"id": bot["id"]}, token)
    assert (await gql.data(DELETE, {"id": bot["id"]}, token))["deleteBot"] is True
    assert (await gql.data(BOTS, token=token))["bots"] == []


async def test_kill_switch_stops_every_bot_and_leaves_zero_open_orders(
    gql: GraphQLClient,
) -> None:
    token, account, device = await trader(gql, "kill@example.com")
    # A manual order too: the kill switch cancels everything of the user.
    order = limit_buy(account)
    approved = await step_up(gql, token, device, {
        "kind": "placeOrder", "account": account, "venue": "sim", "symbol": "BTC/USDT",
        "side": "buy", "type": "limit", "timeInForce": "gtc", "qty": "0.001", "price": "50000",
    })  # fmt: skip
    await gql.data(
        "mutation($i: PlaceOrderInput!, $s: StepUpAssertionInput) "
        "{ placeOrder(input: $i, stepUp: $s) { id } }",
        {"i": order, "s": approved},
        token,
    )

    async def open_orders() -> list[dict[str, Any]]:
        return await order_nodes(gql, token, st=["OPEN", "PARTIALLY_FILLED"])

    bots = [await new_bot(gql, token, account, low=str(90000 + i * 100)) for i in range(2)]
    for started, bot in enumerate(
        bots, 1
    ):  # one after the other (their first orders race on a new balance row)
        approved = await step_up(gql, token, device, bot_action("startBot", bot["id"]))
        await gql.data(START, {"id": bot["id"], "s": approved}, token)
        wanted = 1 + 2 * started  # the manual order and two resting buys per ladder
        await eventually(open_orders, lambda o: len(o) >= wanted)  # noqa: B023
    assert (await gql.raw(KILL, {}, token))["errors"][0]["extensions"]["code"] == "STEP_UP_REQUIRED"
    assert len(await open_orders()) >= 5

    approved = await step_up(gql, token, device, {"kind": "killSwitch"})
    result = (await gql.data(KILL, {"s": approved}, token))["killSwitch"]
    assert result["botsStopped"] == 2 and result["ordersLeftOpen"] == 0
    assert await open_orders() == []
    assert {b["state"] for b in (await gql.data(BOTS, token=token))["bots"]} == {"STOPPED"}
    risk = (await gql.data(RISK, token=token))["risk"]
    assert [(a["botsRunning"], a["openOrders"]) for a in risk["accounts"]] == [(0, 0)]

    again = await step_up(gql, token, device, {"kind": "killSwitch"})
    assert (await gql.data(KILL, {"s": again}, token))["killSwitch"] == {
        "botsStopped": 0,
        "ordersCancelled": 0,
        "ordersLeftOpen": 0,
    }
    await asyncio.sleep(0.3)  # nothing comes back to life
    assert await open_orders() == []


@pytest.mark.paper_trading_without_step_up
async def test_user_b_cannot_read_or_control_user_a_bots(gql: GraphQLClient) -> None:
    token_a = await gql.register("alice-bots@example.com")
    token_b = await gql.register("bob-bots@example.com")
    bot = await new_bot(gql, token_a, await paper_account(gql, token_a))
    for document in (BOT, START, STOP, PAUSE, DELETE):
        body = await gql.raw(document, {"id": bot["id"]}, token_b)
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", document
    body = await gql.raw(UPDATE, {"id": bot["id"], "i": {"name": "mine now"}}, token_b)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await gql.data(BOTS, token=token_b))["bots"] == []
    # Nor can B put a bot on A's account.
    account_a = await paper_account(gql, token_a)
    body = await gql.raw(
        CREATE,
        {
            "i": {
                "accountId": account_a,
                "kind": "grid",
                "symbol": "BTC/USDT",
                "params": grid_params(),
            }
        },
        token_b,
    )
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await gql.data(BOT, {"id": bot["id"]}, token_a))["bot"]["state"] == "STOPPED"


async def test_bot_updates_reach_only_their_owner(app: Starlette, gql: GraphQLClient) -> None:
    token_a = await gql.register("alice-updates@example.com")
    token_b = await gql.register("bob-updates@example.com")
    bot_a = await new_bot(gql, token_a, await paper_account(gql, token_a))
    bot_b = await new_bot(gql, token_b, await paper_account(gql, token_b))
    async with (
        graphql_ws(app, {"authorization": f"Bearer {token_a}"}) as ws_a,
        graphql_ws(app, {"authorization": f"Bearer {token_b}"}) as ws_b,
    ):
        for ws, op in ((ws_a, "a"), (ws_b, "b")):
            await ws.send_json({"id": op, "type": "subscribe", "payload": {"query": UPDATES}})
        await _until_attached(gql, token_a, bot_a["id"], ws_a, "a")
        await _until_attached(gql, token_b, bot_b["id"], ws_b, "b")
        # A changes its bot first, then B: B's stream carries B's bot only.
        await gql.data(UPDATE, {"id": bot_a["id"], "i": {"name": "A last"}}, token_a)
        await gql.data(UPDATE, {"id": bot_b["id"], "i": {"name": "B last"}}, token_b)
        seen_b: list[dict[str, Any]] = []
        while not seen_b or seen_b[-1]["name"] != "B last":
            frame = await next_of(ws_b, "b")
            seen_b.append(frame["payload"]["data"]["botUpdates"])
        assert {u["id"] for u in seen_b} == {bot_b["id"]}
        frame = await next_of(ws_a, "a")
        assert frame["payload"]["data"]["botUpdates"]["id"] == bot_a["id"]


async def _until_attached(gql: GraphQLClient, token: str, bot_id: str, ws: Any, op: str) -> None:
    """Rename until an update arrives: the subscription is attached from then on."""
    for attempt in range(20):
        await gql.data(UPDATE, {"id": bot_id, "i": {"name": f"try {attempt}"}}, token)
        try:
            await asyncio.wait_for(next_of(ws, op), 0.25)
            return
        except TimeoutError:
            continue
    raise AssertionError("the subscription never delivered an update")


async def test_the_step_up_summary_names_the_bot_but_never_another_users(
    gql: GraphQLClient,
) -> None:
    query = "mutation($a: ActionInput!) { stepUpChallenge(action: $a) { summary } }"
    token, account, _ = await trader(gql, "summary-owner@example.com")
    bot = await new_bot(gql, token, account)
    mine = await gql.data(query, {"a": bot_action("startBot", bot["id"])}, token)
    assert mine["stepUpChallenge"]["summary"] == f"Start bot {bot['name']}"
    other, _, _ = await trader(gql, "summary-other@example.com")
    theirs = await gql.data(query, {"a": bot_action("stopBot", bot["id"])}, other)
    assert theirs["stepUpChallenge"]["summary"] == f"Stop bot {bot['id']}"  # the id, not the name
