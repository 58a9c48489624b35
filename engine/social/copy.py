"""How big a follower's copy of a leader's fill is, or why it is skipped.

Pure: the caller passes the market rules, the current reference price and the follower's free
balances. A copy is a marketable LIMIT IOC order whose price is the leader's fill price moved by
the follower's slippage guard, so the guard holds at execution time too, not only when planning.
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import NamedTuple

from engine.market.models import Market, Side

HUNDRED = Decimal(100)
ZERO = Decimal(0)


class Sizing(StrEnum):
    PROPORTIONAL = "proportional"  # same share of equity as the leader's fill, of the allocation
    FIXED = "fixed"  # a fixed quote amount per copied trade


class SkipReason(StrEnum):
    STOP_LOSS = "stop_loss"  # the follow lost stop_loss_pct of its allocation: no new buys
    SLIPPAGE = "slippage"  # the price moved past the follower's guard since the leader's fill
    NO_LEADER_EQUITY = "no_leader_equity"  # proportional sizing needs the leader's equity
    NO_POSITION = "no_position"  # a sell copy, but the follower holds none of the base
    INSUFFICIENT_FUNDS = "insufficient_funds"  # free balance too small for the venue minimum
    BELOW_MIN_SIZE = "below_min_size"  # sized under the venue's minimum quantity
    BELOW_MIN_NOTIONAL = "below_min_notional"  # sized under the venue's minimum order value


class CopySettings(NamedTuple):
    """A follow's sizing rules. Percentages are percent (1 = 1 %)."""

    allocation: Decimal  # quote capital the follower puts behind this leader
    sizing: Sizing = Sizing.PROPORTIONAL
    ratio: Decimal = Decimal(1)  # multiplier on the sized amount
    fixed_amount: Decimal | None = None  # quote per trade, for Sizing.FIXED
    max_per_trade: Decimal | None = None  # cap on one copy's quote value
    slippage_guard_pct: Decimal = Decimal(1)
    stop_loss_pct: Decimal | None = None


class LeaderFill(NamedTuple):
    symbol: str
    side: Side
    price: Decimal
    qty: Decimal
    leader_equity: Decimal  # the leader's account value in the quote currency at the fill


class FollowerState(NamedTuple):
    free_quote: Decimal
    free_base: Decimal
    copy_pnl: Decimal = ZERO  # this follow's P&L so far (quote), for the stop-loss


class PlannedCopy(NamedTuple):
    side: Side
    qty: Decimal
    limit_price: Decimal

    @property
    def notional(self) -> Decimal:
        return self.qty * self.limit_price


class CopySkip(NamedTuple):
    reason: SkipReason
    detail: str


CopyPlan = PlannedCopy | CopySkip


def copy_key(leader_fill_id: str, follower_id: str) -> str:
    """64 hex digits naming one follower's copy of one leader fill: the same fill processed
    twice, anywhere, gives the same key (and so the same ids)."""
    return hashlib.sha256(f"{leader_fill_id}:{follower_id}".encode()).hexdigest()


def client_order_id_of(key: str) -> str:
    return f"cp{key[:30]}"


def copy_client_order_id(leader_fill_id: str, follower_id: str) -> str:
    """Deterministic client order id (32 chars) of a copy order."""
    return client_order_id_of(copy_key(leader_fill_id, follower_id))


def round_down(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def round_up(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def guarded_limit_price(fill: LeaderFill, market: Market, guard_pct: Decimal) -> Decimal:
    """The worst price the follower accepts: on the venue's tick, never beyond the guard."""
    if fill.side is Side.BUY:
        return round_down(fill.price * (1 + guard_pct / HUNDRED), market.price_tick)
    return round_up(fill.price * (1 - guard_pct / HUNDRED), market.price_tick)


def slippage_pct(fill: LeaderFill, reference_price: Decimal) -> Decimal:
    """How far the price moved against the follower since the fill, in percent (>0: worse)."""
    moved = (reference_price - fill.price) / fill.price * HUNDRED
    return moved if fill.side is Side.BUY else -moved


class CopyPlanner:
    """Plans every follower's copy of one fill: what depends only on the fill, the market and
    the price is computed once (fan-outs plan thousands of copies per fill)."""

    def __init__(self, fill: LeaderFill, market: Market, reference_price: Decimal) -> None:
        self.fill = fill
        self.market = market
        self.moved = slippage_pct(fill, reference_price)
        self.share = fill.price * fill.qty / fill.leader_equity if fill.leader_equity > 0 else None
        self.fee_factor = 1 + max(market.maker_fee, market.taker_fee)
        self._limit_prices: dict[Decimal, Decimal] = {}

    def limit_price(self, guard_pct: Decimal) -> Decimal:
        price = self._limit_prices.get(guard_pct)
        if price is None:
            price = self._limit_prices[guard_pct] = guarded_limit_price(
                self.fill, self.market, guard_pct
            )
        return price

    def plan(self, settings: CopySettings, follower: FollowerState) -> CopyPlan:
        """One follower's copy, or why it is skipped (checks in the order listed)."""
        fill, market = self.fill, self.market
        side = fill.side
        if (
            side is Side.BUY
            and settings.stop_loss_pct is not None
            and follower.copy_pnl <= -settings.allocation * settings.stop_loss_pct / HUNDRED
        ):
            return CopySkip(
                SkipReason.STOP_LOSS, f"copy P&L {follower.copy_pnl:f} hit the stop-loss"
            )
        if self.moved > settings.slippage_guard_pct:
            return CopySkip(
                SkipReason.SLIPPAGE,
                f"price moved {self.moved:.2f} % (guard {settings.slippage_guard_pct} %)",
            )
        if settings.sizing is Sizing.FIXED:
            amount = settings.fixed_amount if settings.fixed_amount is not None else ZERO
            notional = amount * settings.ratio
        elif self.share is None:
            return CopySkip(SkipReason.NO_LEADER_EQUITY, "the leader's equity is unknown")
        else:
            notional = self.share * settings.allocation * settings.ratio
        if settings.max_per_trade is not None and notional > settings.max_per_trade:
            notional = settings.max_per_trade
        price = self.limit_price(settings.slippage_guard_pct)
        step = market.qty_step
        wanted = round_down(notional / fill.price, step)
        if side is Side.BUY:
            affordable = round_down(follower.free_quote / (price * self.fee_factor), step)
        else:
            if follower.free_base <= 0:
                return CopySkip(SkipReason.NO_POSITION, f"no free {market.base} to sell")
            affordable = round_down(follower.free_base, step)
        qty = wanted if wanted < affordable else affordable
        too_small = qty < market.min_qty or qty <= 0 or qty * price < market.min_notional
        if too_small and affordable < wanted:  # the balance, not the sizing, falls short
            return CopySkip(SkipReason.INSUFFICIENT_FUNDS, "free balance below the venue minimum")
        if qty < market.min_qty or qty <= 0:
            return CopySkip(SkipReason.BELOW_MIN_SIZE, f"{wanted:f} is below {market.min_qty:f}")
        if qty * price < market.min_notional:
            return CopySkip(
                SkipReason.BELOW_MIN_NOTIONAL,
                f"{(qty * price):f} is below {market.min_notional:f} {market.quote}",
            )
        return PlannedCopy(side, qty, price)


def plan_copy(
    fill: LeaderFill,
    market: Market,
    reference_price: Decimal,
    settings: CopySettings,
    follower: FollowerState,
) -> CopyPlan:
    """One follower's copy of `fill`, or why it is skipped (see CopyPlanner.plan)."""
    return CopyPlanner(fill, market, reference_price).plan(settings, follower)
