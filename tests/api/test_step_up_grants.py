"""Trading grants: one step-up, a bounded window of orders; everything beyond is refused."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.auth.step_up_errors import StepUpGrantExceeded, StepUpMismatch, StepUpRequired
from api.container import Services
from api.db.models import TradingGrant, utcnow
from api.errors import BadUserInput
from api.services.trading_grants import GrantRequest, OrderAuthorization
from tests.support.passkey_flows import Enrolled, enrolled

ORDER: dict[str, Any] = {
    "kind": "placeOrder",
    "account": "acc1",
    "venue": "sim",
    "symbol": "BTC/USDT",
    "side": "buy",
    "type": "limit",
    "qty": Decimal("0.001"),
    "price": Decimal("64000"),
}
NOTIONAL = Decimal("64")
GRANT = GrantRequest("acc1", max_orders=3, max_notional=Decimal("200"), minutes=10)


@pytest.fixture
def services(app: Starlette) -> Services:
    services: Services = app.state.services
    return services


@pytest.fixture
async def alice(services: Services) -> Enrolled:
    return await enrolled(services, "alice@example.com")


async def _grant(services: Services, who: Enrolled, request: GrantRequest = GRANT) -> TradingGrant:
    challenge = await services.step_up.challenge(who.principal, request.action())
    assertion = who.authenticator.get(challenge.options_json)
    return await services.trading_grants.create(who.principal, request, assertion)


async def _authorize(
    services: Services, who: Enrolled, notional: Decimal = NOTIONAL, **o: Any
) -> OrderAuthorization:
    return await services.trading_grants.authorize_order(
        who.principal, {**ORDER, **o}, None, notional=notional
    )


async def _used(services: Services, grant_id: str) -> tuple[int, Decimal]:
    async with services.db.session() as session:
        row = await session.get(TradingGrant, grant_id)
    assert row is not None
    return row.orders_used, row.notional_used


async def test_one_step_up_then_three_orders_without_assertions(
    services: Services, alice: Enrolled
) -> None:
    grant = await _grant(services, alice)
    assert grant.expires_at - grant.created_at == timedelta(minutes=10)
    for _ in range(3):
        approved = await _authorize(services, alice)
        assert approved.grant_id == grant.id and approved.proof is None
    assert await _used(services, grant.id) == (3, Decimal("192"))
    with pytest.raises(StepUpGrantExceeded):
        await _authorize(services, alice, Decimal("1"))
    assert await _used(services, grant.id) == (3, Decimal("192"))


async def test_exceeded_by_notional(services: Services, alice: Enrolled) -> None:
    grant = await _grant(services, alice)
    await _authorize(services, alice, Decimal("150"))
    with pytest.raises(StepUpGrantExceeded):
        await _authorize(services, alice, Decimal("50.01"))
    assert await _used(services, grant.id) == (1, Decimal("150"))
    await _authorize(services, alice, Decimal("50"))


async def test_exceeded_by_symbol_and_account(services: Services, alice: Enrolled) -> None:
    only_btc = GrantRequest("acc1", 3, Decimal("200"), 10, symbols=("BTC/USDT",))
    grant = await _grant(services, alice, only_btc)
    with pytest.raises(StepUpGrantExceeded):
        await _authorize(services, alice, symbol="ETH/USDT")
    with pytest.raises(StepUpRequired):
        await _authorize(services, alice, account="acc2")
    assert await _used(services, grant.id) == (0, Decimal("0"))


async def test_expired_grant(services: Services, alice: Enrolled) -> None:
    grant = await _grant(services, alice)
    services.step_up.challenges.clock = lambda: utcnow() + timedelta(minutes=10, seconds=1)
    try:
        with pytest.raises(StepUpGrantExceeded):
            await _authorize(services, alice)
    finally:
        services.step_up.challenges.clock = utcnow
    assert await _used(services, grant.id) == (0, Decimal("0"))


async def test_revoked_grant(services: Services, alice: Enrolled) -> None:
    grant = await _grant(services, alice)
    await _authorize(services, alice)
    await services.trading_grants.revoke(alice.principal, grant.id)
    with pytest.raises(StepUpGrantExceeded):
        await _authorize(services, alice)
    assert await _used(services, grant.id) == (1, NOTIONAL)
    listed = await services.trading_grants.of_user(alice.principal)
    assert [g.revoked_at is not None for g in listed] == [True]


async def test_no_grant_means_step_up_required(services: Services, alice: Enrolled) -> None:
    with pytest.raises(StepUpRequired):
        await _authorize(services, alice)


async def test_grant_limits_are_what_the_passkey_approved(
    services: Services, alice: Enrolled
) -> None:
    challenge = await services.step_up.challenge(alice.principal, GRANT.action())
    assertion = alice.authenticator.get(challenge.options_json)
    bigger = GrantRequest("acc1", max_orders=3, max_notional=Decimal("20000"), minutes=10)
    with pytest.raises(StepUpMismatch):
        await services.trading_grants.create(alice.principal, bigger, assertion)
    assert await services.trading_grants.of_user(alice.principal) == []
    with pytest.raises(BadUserInput):
        await services.trading_grants.create(
            alice.principal, GrantRequest("acc1", 3, Decimal("1"), minutes=16), assertion
        )


async def test_grants_never_cover_bot_control(services: Services, alice: Enrolled) -> None:
    await _grant(services, alice)
    with pytest.raises(BadUserInput):
        await services.trading_grants.authorize_order(
            alice.principal, {"kind": "startBot", "botId": "b1"}, None, notional=Decimal(0)
        )
    with pytest.raises(StepUpRequired):
        await services.step_up.verify(alice.principal, {"kind": "startBot", "botId": "b1"}, None)


async def test_concurrent_orders_never_overspend_a_grant(
    services: Services, alice: Enrolled
) -> None:
    grant = await _grant(services, alice, GrantRequest("acc1", 2, Decimal("1000"), 10))
    results = await asyncio.gather(
        *(_authorize(services, alice) for _ in range(5)), return_exceptions=True
    )
    approved = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(approved) == 2
    assert all(isinstance(r, StepUpGrantExceeded) for r in refused), refused
    assert await _used(services, grant.id) == (2, NOTIONAL * 2)
