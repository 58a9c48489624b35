from __future__ import annotations

from api.services.trading_grants import GrantRequest
from schema.auth.types import StepUpAssertionInput, TradingGrant, TradingGrantInput, assertion_of
from schema.context import Info


async def create_trading_grant(
    info: Info, input: TradingGrantInput, step_up: StepUpAssertionInput | None = None
) -> TradingGrant:
    """Step-up guarded (kind createTradingGrant with the same limits)."""
    principal = info.context.require_user()
    request = GrantRequest(
        account_id=str(input.account_id),
        max_orders=input.max_orders,
        max_notional=input.max_notional,
        minutes=input.minutes,
        symbols=tuple(input.symbols or ()),
    )
    row = await info.context.services.trading_grants.create(
        principal, request, assertion_of(step_up)
    )
    return TradingGrant.of(row)
