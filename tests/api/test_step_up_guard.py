"""The step-up guard against a real (software) authenticator: happy path and bypass matrix.
Every refusal asserts its code and that the challenge stayed unconsumed (nothing happened)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.auth.step_up_errors import (
    StepUpExpired,
    StepUpInvalid,
    StepUpMismatch,
    StepUpReplayed,
    StepUpRequired,
)
from api.container import Services
from api.db.models import WebAuthnChallenge, WebAuthnCredential, utcnow
from api.services.step_up import StepUpChallenge
from tests.support.passkey_flows import Enrolled, enrolled, signed_in

ORDER: dict[str, Any] = {
    "kind": "placeOrder",
    "account": "acc1",
    "venue": "sim",
    "symbol": "BTC/USDT",
    "side": "buy",
    "type": "limit",
    "qty": Decimal("0.5"),
    "price": Decimal("64000"),
}


@pytest.fixture
async def services(app: Starlette) -> AsyncIterator[Services]:
    services: Services = app.state.services
    yield services


@pytest.fixture
async def alice(services: Services) -> Enrolled:
    return await enrolled(services, "alice@example.com")


async def _challenge_row(services: Services, challenge: StepUpChallenge) -> WebAuthnChallenge:
    row = await services.step_up.challenges.get(challenge.challenge_id)
    assert row is not None
    return row


async def _credential(services: Services, passkey_id: str) -> WebAuthnCredential:
    async with services.db.session() as session:
        row = await session.get(WebAuthnCredential, passkey_id)
    assert row is not None
    return row


async def test_happy_path_consumes_the_challenge_and_advances_the_counter(
    services: Services, alice: Enrolled
) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assert challenge.summary == "Buy 0.5 BTC/USDT at 64,000 USDT on sim"
    assert challenge.expires_at - utcnow() <= timedelta(seconds=120)
    assertion = alice.authenticator.get(challenge.options_json)
    proof = await services.step_up.verify(alice.principal, ORDER, assertion)
    assert proof.challenge_id == challenge.challenge_id
    assert (await _challenge_row(services, challenge)).consumed_at is not None
    credential = await _credential(services, alice.passkey_id)
    assert credential.sign_count == 1
    assert credential.last_used_at is not None


async def test_equivalent_decimals_are_the_same_action(services: Services, alice: Enrolled) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json)
    same = {**ORDER, "qty": Decimal("0.500"), "price": Decimal("64000.00")}
    await services.step_up.verify(alice.principal, same, assertion)


async def test_no_assertion_is_step_up_required(services: Services, alice: Enrolled) -> None:
    with pytest.raises(StepUpRequired) as caught:
        await services.step_up.verify(alice.principal, ORDER, None)
    assert "enroll" not in caught.value.details


async def test_user_without_passkey_is_told_to_enroll(services: Services) -> None:
    principal, _ = await signed_in(services, "bob@example.com")
    with pytest.raises(StepUpRequired) as caught:
        await services.step_up.verify(principal, ORDER, None)
    assert caught.value.details == {"enroll": True}
    with pytest.raises(StepUpRequired):
        await services.step_up.challenge(principal, ORDER)


@pytest.mark.parametrize(
    "changed",
    [
        {"qty": Decimal("5")},
        {"price": Decimal("1")},
        {"symbol": "ETH/USDT"},
        {"side": "sell"},
        {"venue": "binance"},
        {"account": "acc2"},
        {"type": "market", "price": None},
        {"timeInForce": "ioc"},
    ],
    ids=lambda c: ",".join(c),
)
async def test_assertion_for_a_different_order_is_a_mismatch(
    services: Services, alice: Enrolled, changed: dict[str, Any]
) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json)
    with pytest.raises(StepUpMismatch):
        await services.step_up.verify(alice.principal, {**ORDER, **changed}, assertion)
    assert (await _challenge_row(services, challenge)).consumed_at is None
    # the untouched action still goes through with the same assertion
    await services.step_up.verify(alice.principal, ORDER, assertion)


async def test_assertion_for_another_bot_is_a_mismatch(services: Services, alice: Enrolled) -> None:
    start = {"kind": "startBot", "botId": "bot-1"}
    challenge = await services.step_up.challenge(alice.principal, start)
    assertion = alice.authenticator.get(challenge.options_json)
    with pytest.raises(StepUpMismatch):
        await services.step_up.verify(alice.principal, {**start, "botId": "bot-2"}, assertion)
    with pytest.raises(StepUpMismatch):
        await services.step_up.verify(
            alice.principal, {"kind": "stopBot", "botId": "bot-1"}, assertion
        )
    assert (await _challenge_row(services, challenge)).consumed_at is None


async def test_replayed_assertion_is_refused(services: Services, alice: Enrolled) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json)
    await services.step_up.verify(alice.principal, ORDER, assertion)
    consumed_at = (await _challenge_row(services, challenge)).consumed_at
    with pytest.raises(StepUpReplayed):
        await services.step_up.verify(alice.principal, ORDER, assertion)
    assert (await _challenge_row(services, challenge)).consumed_at == consumed_at


async def test_expired_challenge_is_refused(services: Services, alice: Enrolled) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json)
    store = services.step_up.challenges
    store.clock = lambda: utcnow() + timedelta(seconds=121)
    with pytest.raises(StepUpExpired):
        await services.step_up.verify(alice.principal, ORDER, assertion)
    store.clock = utcnow
    row = await _challenge_row(services, challenge)
    assert row.consumed_at is None
    assert row.expires_at - row.created_at == timedelta(seconds=120)


async def test_other_users_passkey_is_refused(services: Services, alice: Enrolled) -> None:
    mallory = await enrolled(services, "mallory@example.com")
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    (mallory_key,) = mallory.authenticator.keys
    assertion = mallory.authenticator.get(challenge.options_json, credential_id=mallory_key)
    with pytest.raises(StepUpInvalid):
        await services.step_up.verify(alice.principal, ORDER, assertion)
    assert (await _challenge_row(services, challenge)).consumed_at is None


async def test_challenge_of_another_session_is_refused(services: Services, alice: Enrolled) -> None:
    user = await services.accounts.get_user(alice.principal.user_id)
    other = await services.accounts.authenticate(
        (await services.accounts.start_session(user)).token
    )
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json)
    with pytest.raises(StepUpInvalid):
        await services.step_up.verify(other, ORDER, assertion)
    assert (await _challenge_row(services, challenge)).consumed_at is None


@pytest.mark.parametrize(
    "forgery",
    [
        {"user_verified": False},
        {"user_present": False},
        {"origin": "https://evil.example"},
        {"rp_id": "evil.example"},
        {"client_data_type": "webauthn.create"},
        {"tamper_signature": True},
    ],
    ids=lambda f: next(iter(f)),
)
async def test_forged_assertions_are_invalid(
    services: Services, alice: Enrolled, forgery: dict[str, Any]
) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json, **forgery)
    with pytest.raises(StepUpInvalid):
        await services.step_up.verify(alice.principal, ORDER, assertion)
    assert (await _challenge_row(services, challenge)).consumed_at is None
    assert (await _credential(services, alice.passkey_id)).clone_suspected_at is None


async def test_garbage_assertion_is_invalid(services: Services, alice: Enrolled) -> None:
    for garbage in ("not json", "{}", '{"rawId": "x", "response": {}}'):
        with pytest.raises(StepUpInvalid):
            await services.step_up.verify(alice.principal, ORDER, garbage)


async def test_sign_count_rollback_flags_the_passkey(services: Services, alice: Enrolled) -> None:
    first = await services.step_up.challenge(alice.principal, ORDER)
    await services.step_up.verify(
        alice.principal, ORDER, alice.authenticator.get(first.options_json, sign_count=5)
    )
    second = await services.step_up.challenge(alice.principal, ORDER)
    cloned = alice.authenticator.get(second.options_json, sign_count=5)
    with pytest.raises(StepUpInvalid):
        await services.step_up.verify(alice.principal, ORDER, cloned)
    assert (await _challenge_row(services, second)).consumed_at is None
    assert (await _credential(services, alice.passkey_id)).clone_suspected_at is not None
    with pytest.raises(StepUpRequired) as caught:
        await services.step_up.challenge(alice.principal, ORDER)
    assert caught.value.details == {"enroll": True}


async def test_authenticator_without_counter_is_accepted(
    services: Services, alice: Enrolled
) -> None:
    for _ in range(2):
        challenge = await services.step_up.challenge(alice.principal, ORDER)
        assertion = alice.authenticator.get(challenge.options_json, sign_count=0)
        await services.step_up.verify(alice.principal, ORDER, assertion)


async def test_two_concurrent_uses_of_one_challenge_exactly_one_wins(
    services: Services, alice: Enrolled
) -> None:
    challenge = await services.step_up.challenge(alice.principal, ORDER)
    assertion = alice.authenticator.get(challenge.options_json)
    results = await asyncio.gather(
        *(services.step_up.verify(alice.principal, ORDER, assertion) for _ in range(4)),
        return_exceptions=True,
    )
    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, BaseException)]
    assert len(winners) == 1, results
    assert all(isinstance(r, StepUpReplayed) for r in losers), losers
    assert (await _challenge_row(services, challenge)).consumed_at is not None


async def test_paper_step_up_can_be_relaxed_for_demos_but_never_for_live_venues(
    services: Services, alice: Enrolled
) -> None:
    guard = services.step_up
    assert guard.required(ORDER)
    with pytest.raises(StepUpRequired):
        await guard.verify_if_required(alice.principal, ORDER, None)
    guard.paper_trading_needs_step_up = False
    try:
        assert await guard.verify_if_required(alice.principal, ORDER, None) is None
        live = {**ORDER, "venue": "binance"}
        assert guard.required(live)
        with pytest.raises(StepUpRequired):
            await guard.verify_if_required(alice.principal, live, None)
    finally:
        guard.paper_trading_needs_step_up = True
