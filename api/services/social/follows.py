"""Following a trader (copy trading): start, change, stop; the follower's own views.

Starting a follow and raising its allocation move money: both need a step-up bound to
{"kind": "followTrader" | "increaseAllocation", "traderId": ..., "amount": allocation}.
Lowering it, changing other terms and unfollowing reduce risk and are never guarded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any, Protocol

from sqlmodel import col, select

from api.db.database import Database
from api.db.models import BalanceRecord, ExchangeAccount, Order, User, utcnow
from api.db.social_tables import CopyTrade, Follow
from api.errors import ApiError, BadUserInput, NotFound
from api.services.accounts import Principal
from api.services.orders import OrderService, PlaceOrder
from api.services.social.copy_pnl import copied_positions, copy_pnl_by_follow
from api.services.social.errors import (
    AllocationAboveFreeBalance,
    AlreadyFollowing,
    CannotFollowSelf,
    NotFollowing,
    UnknownTrader,
)
from api.services.social.prices import VenuePrices
from api.services.venues import VenueRegistry
from engine.market.models import Side
from engine.social.copy import (
    CopyPlanner,
    CopySettings,
    FollowerState,
    LeaderFill,
    PlannedCopy,
    Sizing,
    round_down,
)
from engine.trading.models import OrderType, TimeInForce

# Allocations are quote capital in this currency (every sim market is quoted in USDT).
COPY_QUOTE = "USDT"
MAX_RATIO = Decimal(10)
MAX_SLIPPAGE_GUARD_PCT = Decimal(20)


class StepUpVerifier(Protocol):
    async def verify_if_required(
        self, principal: Principal, action: dict[str, Any], assertion: str | None
    ) -> object: ...


@dataclass(frozen=True)
class FollowTerms:
    account_id: str
    allocation: Decimal
    sizing: Sizing = Sizing.PROPORTIONAL
    ratio: Decimal = Decimal(1)
    fixed_amount: Decimal | None = None
    max_per_trade: Decimal | None = None
    slippage_guard_pct: Decimal = Decimal(1)
    copy_open_positions: bool = False
    stop_loss_pct: Decimal | None = None


def _positive(value: Decimal | None, field: str, upper: Decimal | None = None) -> None:
    if value is None:
        return
    if not value.is_finite() or value <= 0 or (upper is not None and value > upper):
        bound = f" and at most {upper}" if upper is not None else ""
        raise BadUserInput(f"{field} must be a positive number{bound}", field=field)


def check_terms(terms: FollowTerms) -> None:
    _positive(terms.allocation, "allocation")
    _positive(terms.ratio, "ratio", MAX_RATIO)
    _positive(terms.max_per_trade, "maxPerTrade")
    _positive(terms.stop_loss_pct, "stopLossPct", Decimal(100))
    guard = terms.slippage_guard_pct
    if not guard.is_finite() or guard < 0 or guard > MAX_SLIPPAGE_GUARD_PCT:
        raise BadUserInput(
            f"slippageGuardPct must be between 0 and {MAX_SLIPPAGE_GUARD_PCT}",
            field="slippageGuardPct",
        )
    if terms.sizing is Sizing.FIXED:
        if terms.fixed_amount is None:
            raise BadUserInput("fixed sizing needs fixedAmount", field="fixedAmount")
        _positive(terms.fixed_amount, "fixedAmount", terms.allocation)


def terms_of(follow: Follow) -> FollowTerms:
    return FollowTerms(
        account_id=follow.account_id,
        allocation=follow.allocation,
        sizing=Sizing(follow.sizing),
        ratio=follow.ratio,
        fixed_amount=follow.fixed_amount,
        max_per_trade=follow.max_per_trade,
        slippage_guard_pct=follow.slippage_guard_pct,
        copy_open_positions=follow.copy_open_positions,
        stop_loss_pct=follow.stop_loss_pct,
    )


def copy_settings(follow: Follow) -> CopySettings:
    return CopySettings(
        allocation=follow.allocation,
        sizing=Sizing(follow.sizing),
        ratio=follow.ratio,
        fixed_amount=follow.fixed_amount,
        max_per_trade=follow.max_per_trade,
        slippage_guard_pct=follow.slippage_guard_pct,
        stop_loss_pct=follow.stop_loss_pct,
    )


def _apply(follow: Follow, terms: FollowTerms) -> None:
    for item in fields(terms):
        value = getattr(terms, item.name)
        setattr(follow, item.name, value.value if isinstance(value, Sizing) else value)


def follow_action(kind: str, trader_id: str, allocation: Decimal) -> dict[str, Any]:
    return {"kind": kind, "traderId": trader_id, "amount": allocation}


class FollowService:
    def __init__(
        self, db: Database, venues: VenueRegistry, orders: OrderService, step_up: StepUpVerifier
    ) -> None:
        self.db = db
        self.venues = venues
        self.orders = orders
        self.step_up = step_up

    async def follow(
        self,
        principal: Principal,
        trader_id: str,
        terms: FollowTerms,
        assertion: str | None = None,
    ) -> Follow:
        if trader_id == principal.user_id:
            raise CannotFollowSelf("you cannot copy yourself", field="traderId")
        check_terms(terms)
        async with self.db.session() as session:
            if await session.get(User, trader_id) is None:
                raise UnknownTrader("no such trader", field="traderId")
            existing = (
                await session.exec(
                    select(Follow).where(
                        Follow.follower_id == principal.user_id, Follow.leader_id == trader_id
                    )
                )
            ).first()
        if existing is not None and existing.active:
            raise AlreadyFollowing(
                "you already copy this trader: use updateFollow", field="traderId"
            )
        account = await self._account(principal.user_id, terms.account_id)
        await self._check_free_balance(account, terms.allocation)
        await self.step_up.verify_if_required(
            principal, follow_action("followTrader", trader_id, terms.allocation), assertion
        )
        now = utcnow()
        follow = existing or Follow(
            follower_id=principal.user_id, leader_id=trader_id, account_id=account.id
        )
        _apply(follow, terms)
        follow.active, follow.started_at, follow.updated_at = True, now, now
        async with self.db.session() as session:
            session.add(follow)
            await session.commit()
        if follow.copy_open_positions:
            await self._copy_open_positions(principal, follow, account)
        return follow

    async def _copy_open_positions(
        self, principal: Principal, follow: Follow, account: ExchangeAccount
    ) -> list[Order]:
        """Buy into what the leader holds now (their accounts on the follower's venue), each
        holding sized like a fill of it at the current price; skips are left out silently."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(BalanceRecord)
                    .join(ExchangeAccount, col(ExchangeAccount.id) == BalanceRecord.account_id)
                    .where(
                        ExchangeAccount.user_id == follow.leader_id,
                        ExchangeAccount.venue == account.venue,
                    )
                )
            ).all()
        holdings: dict[str, Decimal] = {}
        for row in rows:
            holdings[row.currency] = holdings.get(row.currency, Decimal(0)) + row.free + row.used
        prices = VenuePrices(self.venues, account.venue)
        equity = await prices.value(holdings.items(), COPY_QUOTE)
        exchange = self.venues.account_exchange(account)
        markets = await exchange.load_markets()
        free = await exchange.fetch_balance()
        free_quote = free[COPY_QUOTE].free if COPY_QUOTE in free else Decimal(0)
        opened: list[Order] = []
        for currency, amount in sorted(holdings.items()):
            market = markets.get(f"{currency}/{COPY_QUOTE}")
            if currency == COPY_QUOTE or amount <= 0 or market is None:
                continue
            ask = await prices.reference(market.symbol, Side.BUY)
            holding = LeaderFill(market.symbol, Side.BUY, ask, amount, equity)
            plan = CopyPlanner(holding, market, ask).plan(
                copy_settings(follow), FollowerState(free_quote, Decimal(0))
            )
            if not isinstance(plan, PlannedCopy):
                continue
            key = f"{follow.id}:{market.symbol}:{follow.started_at.isoformat()}"
            request = PlaceOrder(
                account_id=account.id,
                symbol=market.symbol,
                side=Side.BUY,
                type=OrderType.LIMIT,
                qty=plan.qty,
                price=plan.limit_price,
                time_in_force=TimeInForce.IOC,
                client_order_id="co" + hashlib.sha256(key.encode()).hexdigest()[:30],
                source="copy",
            )
            try:
                opened.append(await self.orders.place_order(principal, request))
            except ApiError:  # the follow stands; this position is simply not copied
                continue
            free_quote -= plan.notional * (1 + max(market.maker_fee, market.taker_fee))
        return opened

    async def update(
        self,
        principal: Principal,
        trader_id: str,
        changes: dict[str, Any],
        assertion: str | None = None,
    ) -> Follow:
        """Change some terms (keys: FollowTerms fields); a higher allocation needs a step-up."""
        follow = await self._active(principal.user_id, trader_id)
        terms = replace(terms_of(follow), **changes)
        check_terms(terms)
        if terms.account_id != follow.account_id:
            await self._account(principal.user_id, terms.account_id)
        if terms.allocation > follow.allocation:
            account = await self._account(principal.user_id, terms.account_id)
            await self._check_free_balance(account, terms.allocation)
            await self.step_up.verify_if_required(
                principal,
                follow_action("increaseAllocation", trader_id, terms.allocation),
                assertion,
            )
        _apply(follow, terms)
        follow.updated_at = utcnow()
        async with self.db.session() as session:
            session.add(follow)
            await session.commit()
        return follow

    async def unfollow(
        self, principal: Principal, trader_id: str, close_positions: bool = False
    ) -> list[Order]:
        """Stop copying; with `close_positions`, sell what the copies bought (market, once per
        symbol). Returns the closing orders."""
        follow = await self._active(principal.user_id, trader_id)
        follow.active, follow.updated_at = False, utcnow()
        async with self.db.session() as session:
            session.add(follow)
            await session.commit()
        if not close_positions:
            return []
        return await self._close(principal, follow)

    async def _close(self, principal: Principal, follow: Follow) -> list[Order]:
        async with self.db.engine.connect() as conn:
            positions = await copied_positions(conn, follow.id)
        account = await self._account(principal.user_id, follow.account_id)
        exchange = self.venues.account_exchange(account)
        markets = await exchange.load_markets()
        balances = await exchange.fetch_balance()
        closing: list[Order] = []
        for symbol, held in sorted(positions.items()):
            market = markets.get(symbol)
            if market is None:
                continue
            free = balances[market.base].free if market.base in balances else Decimal(0)
            qty = round_down(min(held, free), market.qty_step)
            if qty < market.min_qty or qty <= 0:
                continue
            key = f"{follow.id}:{symbol}:{follow.updated_at.isoformat()}"
            request = PlaceOrder(
                account_id=account.id,
                symbol=symbol,
                side=Side.SELL,
                type=OrderType.MARKET,
                qty=qty,
                time_in_force=TimeInForce.IOC,
                client_order_id="cx" + hashlib.sha256(key.encode()).hexdigest()[:30],
                source="copy",
            )
            try:
                closing.append(await self.orders.place_order(principal, request))
            except ApiError:  # e.g. under the venue minimum value: left to the user
                continue
        return closing

    # -- reading -------------------------------------------------------------------------
    async def following(self, user_id: str) -> list[Follow]:
        """The traders the user copies (active first, newest first)."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(Follow)
                .where(Follow.follower_id == user_id)
                .order_by(col(Follow.active).desc(), col(Follow.started_at).desc())
            )
            return list(rows.all())

    async def copy_pnl(self, follows: list[Follow]) -> dict[str, Decimal]:
        """Copy P&L (quote, before fees) per follow id, valued at the sim venue's last prices."""
        if not follows:
            return {}
        async with self.db.engine.connect() as conn:
            return await copy_pnl_by_follow(
                conn, [f.id for f in follows], VenuePrices(self.venues, "sim")
            )

    async def copy_trades(
        self, user_id: str, trader_id: str | None = None, limit: int = 50
    ) -> list[CopyTrade]:
        """The user's copies (placed or skipped), newest first; only ever their own."""
        query = select(CopyTrade).where(CopyTrade.follower_id == user_id)
        if trader_id is not None:
            query = query.where(CopyTrade.leader_id == trader_id)
        async with self.db.session() as session:
            rows = await session.exec(
                query.order_by(col(CopyTrade.created_at).desc()).limit(max(1, min(limit, 200)))
            )
            return list(rows.all())

    async def followers_count(self, leader_id: str) -> int:
        async with self.db.session() as session:
            rows = await session.exec(
                select(Follow.id).where(Follow.leader_id == leader_id, col(Follow.active))
            )
            return len(rows.all())

    # -- helpers -------------------------------------------------------------------------
    async def _active(self, user_id: str, trader_id: str) -> Follow:
        async with self.db.session() as session:
            follow = (
                await session.exec(
                    select(Follow).where(
                        Follow.follower_id == user_id,
                        Follow.leader_id == trader_id,
                        col(Follow.active),
                    )
                )
            ).first()
        if follow is None:
            raise NotFollowing("you do not copy this trader", field="traderId")
        return follow

    async def _account(self, user_id: str, account_id: str) -> ExchangeAccount:
        async with self.db.session() as session:
            account = await session.get(ExchangeAccount, account_id)
        if account is None or account.user_id != user_id:
            raise NotFound("no such exchange account", field="accountId")
        return account

    async def _check_free_balance(self, account: ExchangeAccount, allocation: Decimal) -> None:
        balances = await self.venues.account_exchange(account).fetch_balance()
        free = balances[COPY_QUOTE].free if COPY_QUOTE in balances else Decimal(0)
        if allocation > free:
            raise AllocationAboveFreeBalance(
                f"allocation {allocation:f} is above the free {free:f} {COPY_QUOTE}",
                field="allocation",
            )
