"""Trading grants: one step-up approves a bounded window of orders (count, notional, symbols,
≤ 15 minutes, one account). Only `placeOrder` can use a grant; bot control and key changes
always need their own step-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import col, select

from api.auth.actions import Action
from api.auth.step_up_errors import StepUpGrantExceeded
from api.db.database import Database
from api.db.models import TradingGrant
from api.errors import BadUserInput, NotFound
from api.services.accounts import Principal
from api.services.step_up import StepUpGuard, StepUpProof

MAX_GRANT_MINUTES = 15
MAX_GRANT_ORDERS = 100
_RETRIES = 5


@dataclass(frozen=True)
class GrantRequest:
    account_id: str
    max_orders: int
    max_notional: Decimal
    minutes: int
    symbols: tuple[str, ...] = ()

    def validate(self) -> None:
        if not 1 <= self.max_orders <= MAX_GRANT_ORDERS:
            raise BadUserInput(f"maxOrders must be 1 to {MAX_GRANT_ORDERS}", field="maxOrders")
        if not self.max_notional > 0:
            raise BadUserInput("maxNotional must be positive", field="maxNotional")
        if not 1 <= self.minutes <= MAX_GRANT_MINUTES:
            raise BadUserInput(f"minutes must be 1 to {MAX_GRANT_MINUTES}", field="minutes")

    def action(self) -> dict[str, object]:
        return {
            "kind": "createTradingGrant",
            "account": self.account_id,
            "maxOrders": self.max_orders,
            "maxNotional": self.max_notional,
            "minutes": self.minutes,
            "symbols": ",".join(sorted(set(self.symbols))) or None,
        }


@dataclass(frozen=True)
class OrderAuthorization:
    """How an order was approved: by its own step-up (`proof`) or by a grant (`grant_id`);
    both None when policy waived step-up (simulated venue with CO_STEP_UP_PAPER_TRADING off)."""

    proof: StepUpProof | None = None
    grant_id: str | None = None


def _covers(grant: TradingGrant, symbol: str) -> bool:
    allowed = [s for s in grant.symbols.split(",") if s]
    return not allowed or symbol in allowed


class TradingGrantService:
    def __init__(self, db: Database, guard: StepUpGuard) -> None:
        self.db = db
        self.guard = guard

    def _now(self) -> datetime:
        return self.guard.challenges.clock()

    async def create(
        self, principal: Principal, request: GrantRequest, assertion: str | None
    ) -> TradingGrant:
        request.validate()
        await self.guard.verify(principal, request.action(), assertion)
        now = self._now()
        grant = TradingGrant(
            user_id=principal.user_id,
            account_id=request.account_id,
            symbols=",".join(sorted(set(request.symbols))),
            max_orders=request.max_orders,
            max_notional=request.max_notional,
            created_at=now,
            expires_at=now + timedelta(minutes=request.minutes),
        )
        async with self.db.session() as session:
            session.add(grant)
            await session.commit()
        return grant

    async def of_user(self, principal: Principal) -> list[TradingGrant]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(TradingGrant)
                .where(TradingGrant.user_id == principal.user_id)
                .order_by(col(TradingGrant.created_at).desc())
            )
            return list(rows)

    async def revoke(self, principal: Principal, grant_id: str) -> None:
        async with self.db.session() as session:
            grant = await session.get(TradingGrant, grant_id)
            if grant is None or grant.user_id != principal.user_id:
                raise NotFound("no such trading grant", field="id")
            if grant.revoked_at is None:
                grant.revoked_at = self._now()
                session.add(grant)
                await session.commit()

    async def _use_grant(
        self, principal: Principal, account: str, symbol: str, notional: Decimal
    ) -> tuple[str | None, bool]:
        """Spend one order and `notional` of a covering live grant. Optimistic: the UPDATE only
        lands while `orders_used` is what was read, so concurrent orders never overspend.
        Returns (grant id or None, whether the user has any grant on this account)."""
        for _ in range(_RETRIES):
            now = self._now()
            async with self.db.session() as session:
                grants = list(
                    await session.exec(
                        select(TradingGrant).where(
                            TradingGrant.user_id == principal.user_id,
                            TradingGrant.account_id == account,
                        )
                    )
                )
            live = [
                g
                for g in grants
                if g.revoked_at is None
                and g.expires_at > now
                and _covers(g, symbol)
                and g.orders_used < g.max_orders
                and g.notional_used + notional <= g.max_notional
            ]
            if not live:
                return None, bool(grants)
            grant = min(live, key=lambda g: g.expires_at)
            statement = (
                update(TradingGrant)
                .where(
                    col(TradingGrant.id) == grant.id,
                    col(TradingGrant.orders_used) == grant.orders_used,
                    col(TradingGrant.revoked_at).is_(None),
                    col(TradingGrant.expires_at) > now,
                )
                .values(
                    orders_used=grant.orders_used + 1,
                    notional_used=grant.notional_used + notional,
                )
            )
            async with self.db.session() as session:
                result = await (await session.connection()).execute(statement)
                await session.commit()
            if result.rowcount == 1:
                return grant.id, True
        return None, True

    async def authorize_order(
        self,
        principal: Principal,
        action: Action,
        assertion: str | None,
        *,
        notional: Decimal,
    ) -> OrderAuthorization:
        """What `placeOrder` calls before it writes anything. With an assertion: the step-up
        guard. Without: a live grant that covers account, symbol, one more order and `notional`
        (quote currency; for market orders an estimate at the current price), else
        STEP_UP_GRANT_EXCEEDED (a grant exists) or STEP_UP_REQUIRED."""
        if action.get("kind") != "placeOrder":
            raise BadUserInput("only placeOrder can use a trading grant")
        if not self.guard.required(action):
            return OrderAuthorization()
        if assertion:
            return OrderAuthorization(proof=await self.guard.verify(principal, action, assertion))
        if notional < 0:
            raise BadUserInput("notional must not be negative")
        grant_id, had_grant = await self._use_grant(
            principal, str(action.get("account")), str(action.get("symbol")), notional
        )
        if grant_id is not None:
            return OrderAuthorization(grant_id=grant_id)
        if had_grant:
            raise StepUpGrantExceeded(
                "your trading grant does not cover this order (limit reached, other symbol,"
                " expired or revoked): confirm it with your passkey"
            )
        await self.guard.verify(principal, action, None)  # raises StepUpRequired
        raise AssertionError("unreachable")
