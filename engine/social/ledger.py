"""A double-entry ledger: every charge, revenue share and payout is a transaction whose
postings sum to zero (debits = credits), so the books always balance.

Accounts are names like "subscriber:{user}:cash", "creator:{user}:earnings",
"platform:revenue". Positive amounts are debits, negative amounts credits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from engine.social.fees import FeeSplit

PLATFORM_REVENUE = "platform:revenue"


class UnbalancedTransaction(ValueError):
    pass


class Posting(NamedTuple):
    account: str
    amount: Decimal  # > 0 debit, < 0 credit


class Transaction(NamedTuple):
    kind: str  # performance_fee, subscription_fee, payout
    memo: str
    postings: tuple[Posting, ...]


def transaction(kind: str, memo: str, postings: Iterable[Posting]) -> Transaction:
    """A transaction, refused unless its postings balance and none is zero."""
    items = tuple(p for p in postings if p.amount != 0)
    if sum((p.amount for p in items), Decimal(0)) != 0:
        raise UnbalancedTransaction(f"{kind}: postings do not sum to zero")
    return Transaction(kind, memo, items)


def subscriber_cash(user_id: str) -> str:
    return f"subscriber:{user_id}:cash"


def creator_earnings(user_id: str) -> str:
    return f"creator:{user_id}:earnings"


def creator_payouts(user_id: str) -> str:
    return f"creator:{user_id}:payouts"


def fee_charge(kind: str, memo: str, subscriber: str, creator: str, split: FeeSplit) -> Transaction:
    """The subscriber pays the whole fee; the creator and the platform are credited their shares."""
    total = split.creator + split.platform
    return transaction(
        kind,
        memo,
        (
            Posting(subscriber_cash(subscriber), total),
            Posting(creator_earnings(creator), -split.creator),
            Posting(PLATFORM_REVENUE, -split.platform),
        ),
    )


def payout(creator: str, amount: Decimal) -> Transaction:
    """Earnings paid out to the creator (moves the balance from earnings to payouts)."""
    return transaction(
        "payout",
        f"payout to {creator}",
        (Posting(creator_earnings(creator), amount), Posting(creator_payouts(creator), -amount)),
    )


def balances(transactions: Iterable[Transaction]) -> dict[str, Decimal]:
    """Net balance per account (debits positive)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for tx in transactions:
        for posting in tx.postings:
            out[posting.account] += posting.amount
    return dict(out)
