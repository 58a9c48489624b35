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
    return {"sourceKind": "template", "sourceId": "grid-btc", "title": "BTC grid", **overrides}


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
