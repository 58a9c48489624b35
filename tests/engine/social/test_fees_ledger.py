"""Marketplace fee math and the double-entry ledger: HWM over periods, exact splits, and a
property test that the books always balance."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.social.fees import FeeError, performance_fee, split_fee
from engine.social.ledger import (
    PLATFORM_REVENUE,
    Posting,
    UnbalancedTransaction,
    balances,
    creator_earnings,
    fee_charge,
    payout,
    subscriber_cash,
    transaction,
)

D = Decimal


def test_fee_only_on_equity_above_the_high_water_mark_over_two_periods() -> None:
    # Period 1 ends below the 1,000 mark: nothing is charged and the mark stays.
    first = performance_fee(D("950"), D("1000"), D("20"))
    assert first == (D(0), D("1000"))
    # Period 2 ends at 1,200: 20 % of the 200 above the mark; the mark becomes what is kept.
    second = performance_fee(D("1200"), first.high_water_mark, D("20"))
    assert second == (D("40.00"), D("1160"))
    # Period 3 dips to 1,150: below the new mark, free again.
    assert performance_fee(D("1150"), second.high_water_mark, D("20")).fee == 0


def test_split_rounds_the_creator_down_and_gives_the_platform_the_rest() -> None:
    assert split_fee(D("40.00"), D("70")) == (D("28.00"), D("12.00"))
    odd = split_fee(D("0.05"), D("70"))
    assert odd == (D("0.03"), D("0.02")) and sum(odd) == D("0.05")


@pytest.mark.parametrize("pct", [D("-1"), D("51"), D("NaN"), D("Infinity")])
def test_absurd_fees_are_refused(pct: Decimal) -> None:
    with pytest.raises(FeeError):
        performance_fee(D("1200"), D("1000"), pct)


def test_an_unbalanced_transaction_is_refused() -> None:
    with pytest.raises(UnbalancedTransaction):
        transaction("payout", "x", [Posting("a", D(1)), Posting("b", D("-0.99"))])


money = st.decimals(min_value=0, max_value=1_000_000, places=2)


@given(
    start=money.filter(lambda d: d > 0),
    equities=st.lists(money, min_size=1, max_size=12),
    fee_pct=st.decimals(min_value=0, max_value=50, places=2),
    creator_pct=st.decimals(min_value=0, max_value=100, places=2),
    payout_share=st.decimals(min_value=0, max_value=1, places=2),
)
def test_the_ledger_always_balances(
    start: Decimal,
    equities: list[Decimal],
    fee_pct: Decimal,
    creator_pct: Decimal,
    payout_share: Decimal,
) -> None:
    mark, charged, books = start, D(0), []
    for n, equity in enumerate(equities):
        period = performance_fee(equity, mark, fee_pct)
        assert period.high_water_mark >= mark  # the mark never moves down
        assert period.fee == 0 or equity > mark  # never charged at or below the mark
        mark, charged = period.high_water_mark, charged + period.fee
        split = split_fee(period.fee, creator_pct)
        books.append(fee_charge("performance_fee", f"period {n}", "sub", "maker", split))
        earned = balances(books).get(creator_earnings("maker"), D(0))
        amount = (-earned * payout_share).quantize(D("0.01"))
        if amount > 0:
            books.append(payout("maker", amount))
    for tx in books:
        assert sum((p.amount for p in tx.postings), D(0)) == 0
    totals = balances(books)
    assert sum(totals.values(), D(0)) == 0
    assert totals.get(subscriber_cash("sub"), D(0)) == charged
    creator_side = -totals.get(creator_earnings("maker"), D(0)) - totals.get(
        "creator:maker:payouts", D(0)
    )
    assert creator_side - totals.get(PLATFORM_REVENUE, D(0)) == charged
