"""Copy sizing: allocation → follower order, rounded to the venue, or a skip with its reason."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from engine.market.models import Market, Side
from engine.social.copy import (
    CopySettings,
    CopySkip,
    FollowerState,
    LeaderFill,
    PlannedCopy,
    Sizing,
    SkipReason,
    copy_client_order_id,
    plan_copy,
)

BTC = Market(
    symbol="BTC/USDT",
    base="BTC",
    quote="USDT",
    price_tick=Decimal("0.1"),
    qty_step=Decimal("0.00001"),
    min_qty=Decimal("0.00001"),
    min_notional=Decimal("5"),
    maker_fee=Decimal("0.0008"),
    taker_fee=Decimal("0.001"),
)
# The leader spends 10 % of a 100,000 USDT account on BTC at 100,000.
BUY = LeaderFill("BTC/USDT", Side.BUY, Decimal("100000"), Decimal("0.1"), Decimal("100000"))
RICH = FollowerState(free_quote=Decimal("50000"), free_base=Decimal("1"))


def planned(plan: object) -> PlannedCopy:
    assert isinstance(plan, PlannedCopy), plan
    return plan


def skipped(plan: object) -> SkipReason:
    assert isinstance(plan, CopySkip), plan
    return plan.reason


def test_proportional_copy_takes_the_same_share_of_the_allocation() -> None:
    plan = planned(plan_copy(BUY, BTC, BUY.price, CopySettings(Decimal("2000")), RICH))
    # 10 % of 2,000 USDT = 200 USDT at 100,000 → 0.002 BTC, limit 1 % above the leader's price.
    assert plan == PlannedCopy(Side.BUY, Decimal("0.002"), Decimal("101000.0"))


def test_ratio_scales_and_max_per_trade_caps() -> None:
    doubled = CopySettings(Decimal("2000"), ratio=Decimal("2"))
    assert planned(plan_copy(BUY, BTC, BUY.price, doubled, RICH)).qty == Decimal("0.004")
    capped = CopySettings(Decimal("2000"), ratio=Decimal("2"), max_per_trade=Decimal("150"))
    assert planned(plan_copy(BUY, BTC, BUY.price, capped, RICH)).qty == Decimal("0.0015")


def test_fixed_sizing_uses_the_fixed_quote_amount() -> None:
    fixed = CopySettings(Decimal("5000"), sizing=Sizing.FIXED, fixed_amount=Decimal("123.456"))
    # 123.456 / 100,000 = 0.00123456 → rounded down to the 0.00001 step.
    assert planned(plan_copy(BUY, BTC, BUY.price, fixed, RICH)).qty == Decimal("0.00123")


def test_buy_is_capped_by_free_quote_including_the_fee() -> None:
    poor = FollowerState(free_quote=Decimal("50"), free_base=Decimal(0))
    plan = planned(plan_copy(BUY, BTC, BUY.price, CopySettings(Decimal("2000")), poor))
    assert plan.qty * plan.limit_price * (1 + BTC.taker_fee) <= Decimal("50")
    assert plan.qty == Decimal("0.00049")


def test_too_little_money_is_insufficient_funds_and_tiny_sizes_are_below_minimum() -> None:
    broke = FollowerState(free_quote=Decimal("0.5"), free_base=Decimal(0))
    assert skipped(plan_copy(BUY, BTC, BUY.price, CopySettings(Decimal("2000")), broke)) == (
        SkipReason.INSUFFICIENT_FUNDS
    )
    tiny = CopySettings(Decimal("0.05"))  # 10 % of 0.05 USDT: 0.00000005 BTC
    assert skipped(plan_copy(BUY, BTC, BUY.price, tiny, RICH)) == SkipReason.BELOW_MIN_SIZE
    small = CopySettings(Decimal("30"))  # 3 USDT: above the lot step, under 5 USDT minimum
    assert skipped(plan_copy(BUY, BTC, BUY.price, small, RICH)) == SkipReason.BELOW_MIN_NOTIONAL


def test_price_moved_past_the_guard_is_skipped_as_slippage() -> None:
    guard = CopySettings(Decimal("2000"), slippage_guard_pct=Decimal("0.5"))
    assert planned(plan_copy(BUY, BTC, Decimal("100400"), guard, RICH))
    assert skipped(plan_copy(BUY, BTC, Decimal("100600"), guard, RICH)) == SkipReason.SLIPPAGE
    # A sell is hurt by a falling price, not a rising one.
    sell = LeaderFill("BTC/USDT", Side.SELL, BUY.price, BUY.qty, BUY.leader_equity)
    assert skipped(plan_copy(sell, BTC, Decimal("99400"), guard, RICH)) == SkipReason.SLIPPAGE
    assert planned(plan_copy(sell, BTC, Decimal("100600"), guard, RICH)).side is Side.SELL


def test_sell_limit_is_below_the_leader_price_on_the_tick_and_capped_by_holdings() -> None:
    sell = LeaderFill("BTC/USDT", Side.SELL, Decimal("100000.05"), BUY.qty, BUY.leader_equity)
    holder = FollowerState(free_quote=Decimal(0), free_base=Decimal("0.00123"))
    plan = planned(plan_copy(sell, BTC, sell.price, CopySettings(Decimal("2000")), holder))
    assert plan.limit_price == Decimal("99000.1")  # 99000.0495 rounded up to the 0.1 tick
    assert plan.qty == Decimal("0.00123")
    empty = FollowerState(free_quote=Decimal("100"), free_base=Decimal(0))
    assert skipped(plan_copy(sell, BTC, sell.price, CopySettings(Decimal("2000")), empty)) == (
        SkipReason.NO_POSITION
    )


def test_stop_loss_blocks_new_buys_but_not_sells() -> None:
    terms = CopySettings(Decimal("1000"), stop_loss_pct=Decimal("10"))
    losing = FollowerState(Decimal("5000"), Decimal("1"), copy_pnl=Decimal("-100"))
    assert skipped(plan_copy(BUY, BTC, BUY.price, terms, losing)) == SkipReason.STOP_LOSS
    fine = FollowerState(Decimal("5000"), Decimal("1"), copy_pnl=Decimal("-99.99"))
    assert planned(plan_copy(BUY, BTC, BUY.price, terms, fine))
    sell = LeaderFill("BTC/USDT", Side.SELL, BUY.price, BUY.qty, BUY.leader_equity)
    assert planned(plan_copy(sell, BTC, sell.price, terms, losing)).side is Side.SELL


def test_proportional_sizing_without_leader_equity_is_skipped() -> None:
    broke_leader = LeaderFill("BTC/USDT", Side.BUY, BUY.price, BUY.qty, Decimal(0))
    plan = plan_copy(broke_leader, BTC, BUY.price, CopySettings(Decimal("2000")), RICH)
    assert skipped(plan) == SkipReason.NO_LEADER_EQUITY


def test_client_order_id_is_deterministic_per_fill_and_follower() -> None:
    one = copy_client_order_id("fill-1", "user-a")
    assert one == copy_client_order_id("fill-1", "user-a")
    assert len(one) == 32 and one.isalnum()
    assert one != copy_client_order_id("fill-1", "user-b")
    assert one != copy_client_order_id("fill-2", "user-a")


@given(
    allocation=st.decimals(min_value=1, max_value=1_000_000, places=2),
    ratio=st.decimals(min_value="0.1", max_value=10, places=2),
    free=st.decimals(min_value=0, max_value=1_000_000, places=2),
    moved_bps=st.integers(min_value=-100, max_value=100),
)
def test_a_planned_copy_always_passes_the_venue_rules_and_the_follower_can_pay(
    allocation: Decimal, ratio: Decimal, free: Decimal, moved_bps: int
) -> None:
    reference = BUY.price * (1 + Decimal(moved_bps) / 10_000)
    terms = CopySettings(allocation, ratio=ratio, max_per_trade=Decimal("20000"))
    plan = plan_copy(BUY, BTC, reference, terms, FollowerState(free, Decimal(0)))
    if isinstance(plan, CopySkip):
        return
    assert plan.qty >= BTC.min_qty and plan.qty % BTC.qty_step == 0
    assert plan.limit_price % BTC.price_tick == 0
    assert plan.limit_price <= BUY.price * Decimal("1.01")
    assert plan.notional >= BTC.min_notional
    assert plan.notional <= Decimal("20000") * Decimal("1.01")
    assert plan.notional * (1 + BTC.taker_fee) <= free
