"""addExchangeAccount against a binance stand-in on loopback (real CCXT, real signatures):
keys are checked before they are kept, stored encrypted, never returned, step-up guarded."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select
from starlette.applications import Starlette

from api.db.models import ExchangeAccount
from api.settings import Settings
from engine.exchanges.errors import NetworkError
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.standins.binance import API_KEY, SECRET, BinanceStandin, settings_override

ADD = (
    "mutation($i: AddExchangeAccountInput!, $s: StepUpAssertionInput) "
    "{ addExchangeAccount(input: $i, stepUp: $s) { id venue label apiKeyHint hasKeys } }"
)
REMOVE = "mutation($id: ID!) { removeExchangeAccountKeys(id: $id) { id hasKeys apiKeyHint } }"
ACCOUNTS = "{ exchangeAccounts { id venue label apiKeyHint hasKeys } }"
ACTION = {"kind": "addExchangeAccount", "venue": "binance"}


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(update={"exchange_overrides": {"binance": override}})


def keys(**overrides: Any) -> dict[str, Any]:
    base = {"venue": "binance", "label": "Binance main", "apiKey": API_KEY, "secret": SECRET}
    return {**base, **overrides}


async def trader(gql: GraphQLClient, email: str) -> tuple[str, SoftwareAuthenticator]:
    token = await gql.register(email, PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    return token, device


async def stored_accounts(app: Starlette) -> list[ExchangeAccount]:
    async with app.state.services.db.session() as session:
        return list((await session.exec(select(ExchangeAccount))).all())


async def test_keys_checked_by_the_venue_are_stored_encrypted_and_never_shown(
    app: Starlette, gql: GraphQLClient
) -> None:
    token, device = await trader(gql, "keys@example.com")
    proof = await step_up(gql, token, device, ACTION)
    added = (await gql.data(ADD, {"i": keys(), "s": proof}, token))["addExchangeAccount"]
    assert added["venue"] == "binance" and added["hasKeys"] is True
    assert added["apiKeyHint"] == "…" + API_KEY[-4:]
    listed = (await gql.data(ACCOUNTS, token=token))["exchangeAccounts"]
    assert {a["id"] for a in listed if a["venue"] == "binance"} == {added["id"]}
    body = str(listed) + str(added)
    assert API_KEY not in body and SECRET not in body
    row = next(a for a in await stored_accounts(app) if a.id == added["id"])
    assert row.api_key_encrypted and API_KEY.encode() not in row.api_key_encrypted
    assert row.secret_encrypted and SECRET.encode() not in row.secret_encrypted
    # The account trades through the venue: its balance is the stand-in's.
    exchange = app.state.services.venues.account_exchange(row)
    assert "USDT" in await exchange.fetch_balance()


async def test_a_stolen_session_cannot_add_keys(app: Starlette, gql: GraphQLClient) -> None:
    token = await gql.register("victim@example.com", PASSWORD)
    body = await gql.raw(ADD, {"i": keys()}, token)
    assert body["errors"][0]["extensions"]["code"] == "STEP_UP_REQUIRED"
    token, _device = await trader(gql, "victim2@example.com")
    assert await gql.error_code(ADD, {"i": keys()}, token) == "STEP_UP_REQUIRED"
    assert [a for a in await stored_accounts(app) if a.venue == "binance"] == []


@pytest.mark.parametrize(
    ("changed", "code"),
    [
        ({"secret": "wrong-secret"}, "EXCHANGE_AUTH_FAILED"),
        ({"apiKey": "someone-elses-key"}, "EXCHANGE_AUTH_FAILED"),
        ({"venue": "nowhere"}, "BAD_USER_INPUT"),
        ({"apiKey": "  "}, "BAD_USER_INPUT"),
        ({"label": ""}, "BAD_USER_INPUT"),
    ],
)
async def test_refused_keys_store_nothing(
    app: Starlette, gql: GraphQLClient, changed: dict[str, str], code: str
) -> None:
    token, device = await trader(gql, "refused@example.com")
    action = {**ACTION, "venue": changed.get("venue", "binance")}
    proof = await step_up(gql, token, device, action)
    assert await gql.error_code(ADD, {"i": keys(**changed), "s": proof}, token) == code
    assert [a for a in await stored_accounts(app) if a.venue != "sim"] == []


async def test_keys_can_be_removed_by_their_owner_only(app: Starlette, gql: GraphQLClient) -> None:
    token, device = await trader(gql, "owner@example.com")
    proof = await step_up(gql, token, device, ACTION)
    added = (await gql.data(ADD, {"i": keys(), "s": proof}, token))["addExchangeAccount"]
    other = await gql.register("other@example.com", PASSWORD)
    assert await gql.error_code(REMOVE, {"id": added["id"]}, other) == "NOT_FOUND"
    removed = (await gql.data(REMOVE, {"id": added["id"]}, token))["removeExchangeAccountKeys"]
    assert removed == {"id": added["id"], "hasKeys": False, "apiKeyHint": None}
    row = next(a for a in await stored_accounts(app) if a.id == added["id"])
    assert row.api_key_encrypted is None and row.secret_encrypted is None
    assert app.state.services.venues.detach_account(added["id"]) is None


STATUS = (
    "{ exchangeStatus { accountId venue connected restLatencyMs resyncs rateLimitHeadroom "
    "lastError } }"
)


async def test_exchange_status_reports_latency_and_a_venue_going_down(
    app: Starlette, gql: GraphQLClient, standin: BinanceStandin
) -> None:
    token, device = await trader(gql, "status@example.com")
    proof = await step_up(gql, token, device, ACTION)
    added = (await gql.data(ADD, {"i": keys(), "s": proof}, token))["addExchangeAccount"]
    row = next(a for a in await stored_accounts(app) if a.id == added["id"])
    exchange = app.state.services.venues.account_exchange(row)
    await exchange.fetch_balance()  # a call the service makes anyway: it is measured

    statuses = {s["venue"]: s for s in (await gql.data(STATUS, token=token))["exchangeStatus"]}
    assert statuses["sim"]["connected"] is True
    live = statuses["binance"]
    assert live["accountId"] == added["id"] and live["connected"] is True
    assert live["restLatencyMs"] > 0 and live["lastError"] is None
    assert 0 <= live["rateLimitHeadroom"] <= 1

    await standin.stop()
    with pytest.raises(NetworkError):
        await exchange.fetch_balance()
    down = {s["venue"]: s for s in (await gql.data(STATUS, token=token))["exchangeStatus"]}
    assert down["binance"]["connected"] is False and down["binance"]["lastError"]
    other = await gql.register("nosy@example.com", PASSWORD)
    theirs = (await gql.data(STATUS, token=other))["exchangeStatus"]
    assert [s["venue"] for s in theirs] == ["sim"]
