"""Passkeys over GraphQL with a software authenticator: enrol, passwordless login, manage,
recovery codes, and step-up guarded removal."""

from __future__ import annotations

from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import (
    CHALLENGE,
    CODES,
    LOGIN,
    LOGIN_OPTIONS,
    PASSKEYS,
    PASSWORD,
    REG_OPTIONS,
    REGISTER,
    REMOVE,
)
from tests.schema.passkey_helpers import enrol as _enrol
from tests.schema.passkey_helpers import step_up as _step_up
from tests.support.authenticator import SoftwareAuthenticator


async def test_register_then_passwordless_login(gql: GraphQLClient) -> None:
    token = await gql.register("alice@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    passkey = await _enrol(gql, token, device, password=PASSWORD)
    assert passkey["name"] == "Phone"
    assert passkey["cloneSuspected"] is False
    assert "internal" in passkey["transports"]

    options = (await gql.data(LOGIN_OPTIONS))["passkeyLoginOptions"]
    login = (await gql.data(LOGIN, {"c": device.get(options)}))["loginWithPasskey"]
    assert login["user"]["email"] == "alice@example.com"
    listed = (await gql.data(PASSKEYS, token=login["token"]))["passkeys"]
    assert [p["id"] for p in listed] == [passkey["id"]]
    assert listed[0]["lastUsedAt"] is not None


async def test_login_options_cannot_be_used_twice(gql: GraphQLClient) -> None:
    token = await gql.register("ann@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await _enrol(gql, token, device, password=PASSWORD)
    options = (await gql.data(LOGIN_OPTIONS))["passkeyLoginOptions"]
    credential = device.get(options)
    await gql.data(LOGIN, {"c": credential})
    assert await gql.error_code(LOGIN, {"c": credential}) == "UNAUTHENTICATED"
    unverified = device.get(
        (await gql.data(LOGIN_OPTIONS))["passkeyLoginOptions"], user_verified=False
    )
    assert await gql.error_code(LOGIN, {"c": unverified}) == "UNAUTHENTICATED"


async def test_stolen_token_alone_cannot_enrol_a_passkey(gql: GraphQLClient) -> None:
    token = await gql.register("bob@example.com", PASSWORD)
    thief = SoftwareAuthenticator()
    options = (await gql.data(REG_OPTIONS, token=token))["passkeyRegistrationOptions"]
    code = await gql.error_code(REGISTER, {"i": {"credential": thief.create(options)}}, token)
    assert code == "UNAUTHENTICATED"
    assert (await gql.data(PASSKEYS, token=token))["passkeys"] == []
    # once the owner has a passkey, another one needs a step-up with it
    await _enrol(gql, token, SoftwareAuthenticator(), password=PASSWORD)
    options = (await gql.data(REG_OPTIONS, token=token))["passkeyRegistrationOptions"]
    code = await gql.error_code(
        REGISTER, {"i": {"credential": thief.create(options), "password": PASSWORD}}, token
    )
    assert code == "STEP_UP_REQUIRED"
    assert len((await gql.data(PASSKEYS, token=token))["passkeys"]) == 1


async def test_second_passkey_with_step_up(gql: GraphQLClient) -> None:
    token = await gql.register("cleo@example.com", PASSWORD)
    phone = SoftwareAuthenticator()
    await _enrol(gql, token, phone, password=PASSWORD)
    step_up = await _step_up(gql, token, phone, {"kind": "registerPasskey"})
    await _enrol(gql, token, SoftwareAuthenticator(), stepUp=step_up)
    assert len((await gql.data(PASSKEYS, token=token))["passkeys"]) == 2


async def test_recovery_codes_remove_last_passkey_and_re_enrol(gql: GraphQLClient) -> None:
    token = await gql.register("dan@example.com", PASSWORD)
    body = await gql.raw(CODES, token=token)
    assert body["errors"][0]["extensions"] == {"code": "STEP_UP_REQUIRED", "enroll": True}
    phone = SoftwareAuthenticator()
    passkey = await _enrol(gql, token, phone, password=PASSWORD)
    remove_action = {"kind": "removePasskey", "passkeyId": passkey["id"]}

    # the last passkey cannot go while no recovery codes exist
    step_up = await _step_up(gql, token, phone, remove_action)
    assert await gql.error_code(REMOVE, {"id": passkey["id"], "s": step_up}, token) == "CONFLICT"

    assert await gql.error_code(CODES, token=token) == "STEP_UP_REQUIRED"
    codes_step_up = await _step_up(gql, token, phone, {"kind": "generateRecoveryCodes"})
    codes = (await gql.data(CODES, {"s": codes_step_up}, token))["generateRecoveryCodes"]["codes"]
    assert len(codes) == len(set(codes)) == 10

    assert await gql.error_code(REMOVE, {"id": passkey["id"]}, token) == "STEP_UP_REQUIRED"
    challenge = (await gql.data(CHALLENGE, {"a": remove_action}, token))["stepUpChallenge"]
    assert challenge["summary"] == f"Remove passkey {passkey['id']}"
    step_up = {"credential": phone.get(challenge["optionsJson"])}
    assert (await gql.data(REMOVE, {"id": passkey["id"], "s": step_up}, token))["removePasskey"]
    assert (await gql.data(PASSKEYS, token=token))["passkeys"] == []
    assert await gql.error_code(REMOVE, {"id": passkey["id"], "s": step_up}, token) == "NOT_FOUND"

    # a recovery code enrols a new passkey, once
    await _enrol(gql, token, SoftwareAuthenticator(), recoveryCode=codes[0].upper())
    options = (await gql.data(REG_OPTIONS, token=token))["passkeyRegistrationOptions"]
    again = {"credential": SoftwareAuthenticator().create(options), "recoveryCode": codes[0]}
    assert await gql.error_code(REGISTER, {"i": again}, token) == "UNAUTHENTICATED"


async def test_step_up_for_one_passkey_cannot_remove_another(gql: GraphQLClient) -> None:
    token = await gql.register("eve@example.com", PASSWORD)
    phone, laptop = SoftwareAuthenticator(), SoftwareAuthenticator()
    first = await _enrol(gql, token, phone, password=PASSWORD)
    step_up = await _step_up(gql, token, phone, {"kind": "registerPasskey"})
    second = await _enrol(gql, token, laptop, stepUp=step_up)
    step_up = await _step_up(gql, token, phone, {"kind": "removePasskey", "passkeyId": first["id"]})
    code = await gql.error_code(REMOVE, {"id": second["id"], "s": step_up}, token)
    assert code == "STEP_UP_MISMATCH"
    assert len((await gql.data(PASSKEYS, token=token))["passkeys"]) == 2


async def test_rename_and_unguarded_kinds(gql: GraphQLClient) -> None:
    token = await gql.register("fay@example.com", PASSWORD)
    passkey = await _enrol(gql, token, SoftwareAuthenticator(), password=PASSWORD)
    renamed = await gql.data(
        'mutation($id: ID!) { renamePasskey(id: $id, name: "Work laptop") { name } }',
        {"id": passkey["id"]},
        token,
    )
    assert renamed["renamePasskey"]["name"] == "Work laptop"
    for kind in ("cancelOrder", "nonsense"):
        assert await gql.error_code(CHALLENGE, {"a": {"kind": kind}}, token) == "BAD_USER_INPUT"
    order = {
        "kind": "placeOrder",
        "venue": "sim",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "qty": "0.5",
        "price": "64000.00",
    }
    challenge = (await gql.data(CHALLENGE, {"a": order}, token))["stepUpChallenge"]
    assert challenge["summary"] == "Buy 0.5 BTC/USDT at 64,000 USDT on sim"
    other = await gql.register("gus@example.com", PASSWORD)
    code = await gql.error_code(
        'mutation($id: ID!) { renamePasskey(id: $id, name: "x") { name } }',
        {"id": passkey["id"]},
        other,
    )
    assert code == "NOT_FOUND"


async def test_trading_grant_over_graphql(gql: GraphQLClient) -> None:
    token = await gql.register("hal@example.com", PASSWORD)
    phone = SoftwareAuthenticator()
    await _enrol(gql, token, phone, password=PASSWORD)
    grant_input = {
        "accountId": "acc1",
        "maxOrders": 3,
        "maxNotional": "500",
        "minutes": 5,
        "symbols": ["ETH/USDT", "BTC/USDT"],
    }
    create = """mutation($i: TradingGrantInput!, $s: StepUpAssertionInput) {
      createTradingGrant(input: $i, stepUp: $s) { id symbols maxOrders maxNotional ordersUsed }
    }"""
    assert await gql.error_code(create, {"i": grant_input}, token) == "STEP_UP_REQUIRED"
    action = {
        "kind": "createTradingGrant",
        "account": "acc1",
        "maxOrders": 3,
        "maxNotional": "500.00",
        "minutes": 5,
        "symbols": ["BTC/USDT", "ETH/USDT"],
    }
    step_up = await _step_up(gql, token, phone, action)
    grant = (await gql.data(create, {"i": grant_input, "s": step_up}, token))["createTradingGrant"]
    assert grant["symbols"] == ["BTC/USDT", "ETH/USDT"]
    assert grant["maxNotional"] == "500" and grant["ordersUsed"] == 0
    revoke = "mutation($id: ID!) { revokeTradingGrant(id: $id) }"
    assert (await gql.data(revoke, {"id": grant["id"]}, token))["revokeTradingGrant"] is True
    listed = (await gql.data("{ tradingGrants { id revokedAt } }", token=token))["tradingGrants"]
    assert listed[0]["id"] == grant["id"] and listed[0]["revokedAt"] is not None


async def test_registration_needs_user_verification_and_our_origin(gql: GraphQLClient) -> None:
    token = await gql.register("ida@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    for forgery in ({"user_verified": False}, {"origin": "https://evil.example"}):
        options = (await gql.data(REG_OPTIONS, token=token))["passkeyRegistrationOptions"]
        credential = device.create(options, **forgery)
        variables = {"i": {"credential": credential, "password": PASSWORD}}
        assert await gql.error_code(REGISTER, variables, token) == "BAD_USER_INPUT"
    assert (await gql.data(PASSKEYS, token=token))["passkeys"] == []
