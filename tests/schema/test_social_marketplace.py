"""Marketplace through GraphQL: publish, subscribe (step-up when paid), a performance fee over
two periods (below, then above the high-water mark), earnings/billing from a balanced ledger,
bad input codes and isolation."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import select
from starlette.applications import Starlette

from api.container import Services
from api.db.models import utcnow
from api.db.social_tables import LedgerEntry
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import paper_account
from tests.support.authenticator import SoftwareAuthenticator

PUBLISH = (
    "mutation($i: PublishStrategyInput!) { publishStrategy(input: $i) "
    "{ id title pricing performanceFeePct monthlyPrice } }"
)
SUBSCRIBE = (
    "mutation($l: ID!, $a: ID!, $x: Decimal!, $s: StepUpAssertionInput) "
    "{ subscribeToStrategy(listingId: $l, accountId: $a, allocation: $x, stepUp: $s) "
    "{ id active highWaterMark } }"
)
CANCEL = "mutation($id: ID!) { cancelSubscription(id: $id) { id active } }"
MARKET = "query($p: StrategyPricing) { marketplace(pricing: $p) { listings { id title } } }"
EARNINGS = "{ earnings { total lines { kind amount } } }"
BILLING = "{ billing { total lines { kind amount memo } } }"


async def member(gql: GraphQLClient, name: str) -> tuple[str, str, SoftwareAuthenticator]:
    token = await gql.register(f"{name}@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    return token, await paper_account(gql, token), device


def listing(**overrides: Any) -> dict[str, Any]:
    return {
        "sourceKind": "template",
        "sourceId": "btc-grid-conservative",
        "title": "BTC grid",
        **overrides,
    }


async def subscribe_paid(
    gql: GraphQLClient, who: tuple[str, str, SoftwareAuthenticator], listing_id: str
) -> dict[str, Any]:
    token, account, device = who
    action = {"kind": "subscribeStrategy", "strategyId": listing_id}
    assertion = await step_up(gql, token, device, action)
    variables = {"l": listing_id, "a": account, "x": "1000", "s": assertion}
    subscribed: dict[str, Any] = (await gql.data(SUBSCRIBE, variables, token))[
        "subscribeToStrategy"
    ]
    return subscribed


async def test_performance_fee_is_charged_only_above_the_high_water_mark(
    gql: GraphQLClient, app: Starlette
) -> None:
    services: Services = app.state.services
    creator = await member(gql, "creator")
    subscriber = await member(gql, "subscriber")
    perf = listing(pricing="PERFORMANCE", performanceFeePct="20")
    listed = (await gql.data(PUBLISH, {"i": perf}, creator[0]))["publishStrategy"]
    sub = await subscribe_paid(gql, subscriber, listed["id"])
    assert Decimal(sub["highWaterMark"]) == 1000

    assert await services.marketplace.settle_period(sub["id"], Decimal("950")) == 0
    assert await services.marketplace.settle_period(sub["id"], Decimal("1200")) == Decimal("40")

    billing = (await gql.data(BILLING, token=subscriber[0]))["billing"]
    assert Decimal(billing["total"]) == 40
    assert [line["kind"] for line in billing["lines"]] == ["performance_fee"]
    earnings = (await gql.data(EARNINGS, token=creator[0]))["earnings"]
    assert Decimal(earnings["total"]) == 32  # the creator's 80 %; the platform keeps 8
    async with services.db.session() as session:
        entries = (await session.exec(select(LedgerEntry))).all()
    assert sum(e.amount for e in entries) == 0
    assert {e.account for e in entries} >= {"platform:revenue"}
    # The next period measures against what the subscriber kept (1,160).
    assert await services.marketplace.settle_period(sub["id"], Decimal("1150")) == 0


async def test_monthly_price_is_charged_on_subscribing_and_free_needs_no_step_up(
    gql: GraphQLClient,
) -> None:
    creator = await member(gql, "creator")
    subscriber = await member(gql, "subscriber")
    monthly = listing(title="Monthly", pricing="MONTHLY", monthlyPrice="9.99")
    paid = (await gql.data(PUBLISH, {"i": monthly}, creator[0]))["publishStrategy"]
    free = (await gql.data(PUBLISH, {"i": listing(title="Free")}, creator[0]))["publishStrategy"]
    titles = [x["title"] for x in (await gql.data(MARKET))["marketplace"]["listings"]]
    assert titles == ["Free", "Monthly"]

    await subscribe_paid(gql, subscriber, paid["id"])
    free_sub = {"l": free["id"], "a": subscriber[1], "x": "100"}
    assert (await gql.data(SUBSCRIBE, free_sub, subscriber[0]))["subscribeToStrategy"]["active"]
    billing = (await gql.data(BILLING, token=subscriber[0]))["billing"]
    assert Decimal(billing["total"]) == Decimal("9.99")
    earnings = (await gql.data(EARNINGS, token=creator[0]))["earnings"]
    assert Decimal(earnings["total"]) == Decimal("7.99")  # 80 % rounded down to the cent


async def test_bad_marketplace_input_gets_clear_codes_and_users_stay_isolated(
    gql: GraphQLClient,
) -> None:
    creator = await member(gql, "creator")
    subscriber = await member(gql, "subscriber")
    for absurd in ({"pricing": "PERFORMANCE", "performanceFeePct": "90"},
                   {"pricing": "PERFORMANCE", "performanceFeePct": "-5"},
                   {"pricing": "MONTHLY", "monthlyPrice": "-1"},
                   {"pricing": "MONTHLY"}):  # fmt: skip
        code = await gql.error_code(PUBLISH, {"i": listing(**absurd)}, creator[0])
        assert code == "INVALID_FEE", absurd
    perf = listing(pricing="PERFORMANCE", performanceFeePct="10")
    listed = (await gql.data(PUBLISH, {"i": perf}, creator[0]))["publishStrategy"]
    unpaid = {"l": listed["id"], "a": subscriber[1], "x": "1000"}
    assert await gql.error_code(SUBSCRIBE, unpaid, subscriber[0]) == "STEP_UP_REQUIRED"
    own = {"l": listed["id"], "a": creator[1], "x": "1000"}
    assert await gql.error_code(SUBSCRIBE, own, creator[0]) == "CANNOT_SUBSCRIBE_OWN"
    sub = await subscribe_paid(gql, subscriber, listed["id"])
    assert await gql.error_code(SUBSCRIBE, unpaid, subscriber[0]) == "ALREADY_SUBSCRIBED"
    # Another user sees none of it and cannot cancel it.
    other = await member(gql, "other")
    assert (await gql.data("{ strategySubscriptions { id } }", token=other[0])) == {
        "strategySubscriptions": []
    }
    assert (await gql.data(BILLING, token=other[0]))["billing"]["lines"] == []
    assert await gql.error_code(CANCEL, {"id": sub["id"]}, other[0]) == "NOT_FOUND"
    theirs = {"l": listed["id"], "a": subscriber[1], "x": "5"}
    assert await gql.error_code(SUBSCRIBE, theirs, other[0]) == "NOT_FOUND"
    assert await gql.error_code(BILLING) == "UNAUTHENTICATED"
    cancelled = (await gql.data(CANCEL, {"id": sub["id"]}, subscriber[0]))["cancelSubscription"]
    assert cancelled["active"] is False


REVIEW = (
    "mutation($l: ID!, $r: Int!, $t: String) { reviewStrategy(listingId: $l, rating: $r, "
    "text: $t) { id rating reviewCount } }"
)


async def test_only_subscribers_of_seven_days_may_review(
    gql: GraphQLClient, app: Starlette
) -> None:
    services: Services = app.state.services
    creator = await member(gql, "creator")
    subscriber = await member(gql, "subscriber")
    listed = (await gql.data(PUBLISH, {"i": listing()}, creator[0]))["publishStrategy"]
    review = {"l": listed["id"], "r": 5, "t": "<b>great</b>"}
    assert await gql.error_code(REVIEW, review, subscriber[0]) == "REVIEW_NOT_ALLOWED"
    free_sub = {"l": listed["id"], "a": subscriber[1], "x": "100"}
    await gql.data(SUBSCRIBE, free_sub, subscriber[0])
    assert await gql.error_code(REVIEW, review, subscriber[0]) == "REVIEW_NOT_ALLOWED"

    services.marketplace.clock = lambda: utcnow() + timedelta(days=7, seconds=1)
    reviewed = (await gql.data(REVIEW, review, subscriber[0]))["reviewStrategy"]
    assert (reviewed["rating"], reviewed["reviewCount"]) == (5.0, 1)
    again = (await gql.data(REVIEW, {**review, "r": 3}, subscriber[0]))["reviewStrategy"]
    assert (again["rating"], again["reviewCount"]) == (3.0, 1)  # replaced, not added
    assert await gql.error_code(REVIEW, {**review, "r": 9}, subscriber[0]) == "BAD_USER_INPUT"


BOTS = "{ bots { id state symbol name } }"


async def test_subscribing_runs_a_copy_of_the_bot_and_cancelling_stops_it(
    gql: GraphQLClient,
) -> None:
    creator = await member(gql, "creator")
    subscriber = await member(gql, "subscriber")
    perf = listing(pricing="PERFORMANCE", performanceFeePct="10")
    listed = (await gql.data(PUBLISH, {"i": perf}, creator[0]))["publishStrategy"]
    token, account, device = subscriber
    action = {"kind": "subscribeStrategy", "strategyId": listed["id"]}
    variables = {"l": listed["id"], "a": account, "x": "1000"}
    query = SUBSCRIBE.replace("highWaterMark }", "highWaterMark botId }")

    variables["s"] = await step_up(gql, token, device, action)
    sub = (await gql.data(query, variables, token))["subscribeToStrategy"]

    bots = (await gql.data(BOTS, token=token))["bots"]
    assert [(b["id"], b["state"], b["symbol"]) for b in bots] == [
        (sub["botId"], "RUNNING", "BTC/USDT")
    ]
    assert (await gql.data(BOTS, token=creator[0]))["bots"] == []  # the copy is theirs alone
    cancelled = (await gql.data(CANCEL, {"id": sub["id"]}, token))["cancelSubscription"]
    assert cancelled["active"] is False
    bots = (await gql.data(BOTS, token=token))["bots"]
    assert [(b["id"], b["state"]) for b in bots] == [(sub["botId"], "STOPPED")]


async def test_a_free_subscription_starts_its_copy_only_with_a_step_up(
    gql: GraphQLClient,
) -> None:
    creator = await member(gql, "creator")
    first, second = await member(gql, "first"), await member(gql, "second")
    listed = (await gql.data(PUBLISH, {"i": listing()}, creator[0]))["publishStrategy"]
    query = SUBSCRIBE.replace("highWaterMark }", "highWaterMark botId }")

    plain = {"l": listed["id"], "a": first[1], "x": "1000"}
    waiting = (await gql.data(query, plain, first[0]))["subscribeToStrategy"]
    action = {"kind": "subscribeStrategy", "strategyId": listed["id"]}
    approved = {"l": listed["id"], "a": second[1], "x": "1000"}
    approved["s"] = await step_up(gql, second[0], second[2], action)
    started = (await gql.data(query, approved, second[0]))["subscribeToStrategy"]

    first_bots = (await gql.data(BOTS, token=first[0]))["bots"]
    assert [(b["id"], b["state"]) for b in first_bots] == [(waiting["botId"], "STOPPED")]
    second_bots = (await gql.data(BOTS, token=second[0]))["bots"]
    assert [(b["id"], b["state"]) for b in second_bots] == [(started["botId"], "RUNNING")]


async def test_listing_a_bot_needs_it_to_be_yours_and_a_template_to_exist(
    gql: GraphQLClient,
) -> None:
    creator = await member(gql, "creator")
    other = await member(gql, "other")
    unknown = listing(sourceId="no-such-template")
    assert await gql.error_code(PUBLISH, {"i": unknown}, creator[0]) == "NOT_FOUND"
    create = "mutation($i: CreateBotFromTemplateInput!) { createBotFromTemplate(input: $i) { id } }"
    bot_input = {"accountId": creator[1], "templateId": "btc-grid-conservative"}
    bot_id = (await gql.data(create, {"i": bot_input}, creator[0]))["createBotFromTemplate"]["id"]
    theirs = listing(sourceKind="bot", sourceId=bot_id)
    assert await gql.error_code(PUBLISH, {"i": theirs}, other[0]) == "NOT_FOUND"
    mine = (await gql.data(PUBLISH, {"i": theirs}, creator[0]))["publishStrategy"]
    assert mine["title"] == "BTC grid"
    template = (await gql.data(PUBLISH, {"i": listing(title="T")}, creator[0]))["publishStrategy"]

    records = (await gql.data(RECORDS))["marketplace"]["listings"]
    by_id = {x["id"]: x for x in records}
    live = by_id[mine["id"]]["verifiedRecord"]  # the bot has not traded yet: no return
    assert (live["state"], live["trades"], live["realisedPnlPct"]) == ("stopped", 0, None)
    assert by_id[template["id"]]["verifiedRecord"] is None  # a template runs nowhere live
    for listed in by_id.values():  # the backtest of the template (the bot's origin)
        backtest = listed["backtest"]
        assert backtest["bars"] > 0 and backtest["timeframe"]
    assert by_id[mine["id"]]["backtest"] == by_id[template["id"]]["backtest"]


RECORDS = (
    "{ marketplace { listings { id verifiedRecord { state trades realisedPnlPct since } "
    "backtest { bars timeframe totalReturn trades } } } }"
)
