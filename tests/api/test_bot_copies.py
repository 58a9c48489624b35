"""A subscriber's copy of a bot (the marketplace's): same strategy and rules, sized to the
subscriber's allocation, running on the subscriber's account, invisible to the source's owner;
bad input names the field and a refused start leaves nothing behind."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.auth.step_up_errors import StepUpRequired
from api.container import Services
from api.db.bot_tables import Bot
from api.errors import ApiError, BadUserInput, NotFound
from api.services.accounts import Principal
from api.services.bots.records import loads
from api.services.step_up import ARMED_ALERT_SCOPE
from tests.conftest import GraphQLClient
from tests.support.app_services import paper_user, services_of

BTC = "BTC/USDT"


def internal(principal: Principal) -> Principal:
    """What the marketplace acts as after the subscriber approved with a step-up."""
    return Principal(principal.user_id, "marketplace-test", ARMED_ALERT_SCOPE)


def grid(price: Decimal) -> dict[str, Any]:
    return {
        "low": str((price * Decimal("0.9")).quantize(Decimal(1))),
        "high": str((price * Decimal("1.1")).quantize(Decimal(1))),
        "levels": 5,
        "qty_per_level": "0.01",
    }


async def bots_of(services: Services, user_id: str) -> list[Bot]:
    async with services.db.session() as session:
        return list((await session.exec(select(Bot).where(col(Bot.user_id) == user_id))).all())


async def test_a_copy_runs_for_the_subscriber_sized_to_the_allocation(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    creator, creator_account = await paper_user(gql, services, "creator@example.com")
    subscriber, account = await paper_user(gql, services, "subscriber@example.com")
    price = services.venues.sim.ticker(BTC).last
    source = await services.bots.create_bot(
        creator, account_id=creator_account, kind="grid", symbol=BTC, params=grid(price)
    )

    copy = await services.bots.create_subscriber_copy(
        internal(subscriber), account_id=account, allocation=Decimal(2000), source_bot_id=source.id
    )
    assert (copy.user_id, copy.account_id, copy.state) == (subscriber.user_id, account, "running")
    assert (copy.kind, copy.symbol, copy.name) == ("grid", BTC, source.name)
    params, source_params = loads(copy.params), loads(source.params)
    for rule in ("low", "high", "levels"):
        assert Decimal(str(params[rule])) == Decimal(str(source_params[rule]))
    qty = Decimal(params["qty_per_level"])
    market = services.venues.sim.markets[BTC]
    now = services.venues.sim.ticker(BTC).last
    expected = (Decimal(2000) / 5 / now / market.qty_step).to_integral_value(ROUND_FLOOR)
    assert qty == max(expected * market.qty_step, market.min_qty)
    assert copy.id in services.bots.runner.running_ids
    events = await services.bots.events(subscriber, copy.id)
    assert any(e.message == f"copy of bot {source.id}" for e in events)

    # Per-user isolation: the source's owner cannot read or stop the copy; the source is as it was.
    with pytest.raises(NotFound):
        await services.bots.bot(creator, copy.id)
    with pytest.raises(NotFound):
        await services.bots.stop_bot(creator, copy.id, None)
    assert (await services.bots.bot(creator, source.id)).state == "stopped"
    # The subscriber controls it like any bot of theirs (step-up waived here: internal scope).
    stopped = await services.bots.stop_bot(internal(subscriber), copy.id, None)
    assert stopped.state == "stopped"


async def test_a_template_copy_uses_the_template_recipe_and_can_stay_stopped(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    subscriber, account = await paper_user(gql, services, "tpl@example.com")
    copy = await services.bots.create_subscriber_copy(
        internal(subscriber),
        account_id=account,
        allocation=Decimal(600),
        template_id="btc-sentiment-scalper",
        start=False,
    )
    assert copy.state == "stopped" and copy.template_id == "btc-sentiment-scalper"
    assert Decimal(loads(copy.params)["quote_amount"]) == Decimal("540.00")  # 90 % of 600


async def test_bad_input_names_the_field_and_a_refused_start_leaves_nothing(
    app: Starlette, gql: GraphQLClient
) -> None:
    services = services_of(app)
    creator, creator_account = await paper_user(gql, services, "c2@example.com")
    subscriber, account = await paper_user(gql, services, "s2@example.com")
    price = services.venues.sim.ticker(BTC).last
    source = await services.bots.create_bot(
        creator, account_id=creator_account, kind="grid", symbol=BTC, params=grid(price)
    )
    armed = internal(subscriber)
    cases: list[tuple[dict[str, Any], type[Exception], str]] = [
        ({"allocation": Decimal(0), "source_bot_id": source.id}, BadUserInput, "allocation"),
        ({"allocation": Decimal(10)}, BadUserInput, "source"),
        (
            {
                "allocation": Decimal(10),
                "source_bot_id": source.id,
                "template_id": "eth-weekly-dca",
            },
            BadUserInput,
            "source",
        ),
        ({"allocation": Decimal(10), "source_bot_id": "nope"}, NotFound, "sourceBotId"),
        ({"allocation": Decimal(10), "template_id": "nope"}, BadUserInput, "templateId"),
    ]
    for kwargs, error, field in cases:
        with pytest.raises(error) as caught:
            await services.bots.create_subscriber_copy(armed, account_id=account, **kwargs)
        assert isinstance(caught.value, ApiError) and caught.value.details["field"] == field
    with pytest.raises(NotFound) as other:  # not the subscriber's account
        await services.bots.create_subscriber_copy(
            armed, account_id=creator_account, allocation=Decimal(10), source_bot_id=source.id
        )
    assert other.value.details["field"] == "accountId"
    # A normal session without its step-up: refused, and no copy remains.
    with pytest.raises(StepUpRequired):
        await services.bots.create_subscriber_copy(
            subscriber, account_id=account, allocation=Decimal(500), source_bot_id=source.id
        )
    assert await bots_of(services, subscriber.user_id) == []
