"""Strategy marketplace fees: performance fee above a high-water mark, creator/platform split.

Money is Decimal, rounded down to `CENT` for what a person is charged or credited: the
platform's share is the remainder, so the parts always add up to the whole charge exactly.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import NamedTuple

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_PERFORMANCE_FEE_PCT = Decimal(50)


class FeeError(ValueError):
    """A fee setting outside what the marketplace allows."""


class PeriodFee(NamedTuple):
    fee: Decimal  # charged to the subscriber for the period
    high_water_mark: Decimal  # the mark the next period is measured against


class FeeSplit(NamedTuple):
    creator: Decimal
    platform: Decimal


def check_fee_pct(pct: Decimal, upper: Decimal = MAX_PERFORMANCE_FEE_PCT) -> None:
    if not pct.is_finite() or pct < 0 or pct > upper:
        raise FeeError(f"a fee must be between 0 and {upper} %")


def performance_fee(equity: Decimal, high_water_mark: Decimal, fee_pct: Decimal) -> PeriodFee:
    """The fee for a period that ends at `equity`: `fee_pct` of the gain above the mark, none
    below it. The new mark is the equity after the fee is paid (a later period pays only on
    gains above what the subscriber kept), and never moves down."""
    check_fee_pct(fee_pct)
    gain = equity - high_water_mark
    if gain <= 0:
        return PeriodFee(Decimal(0), high_water_mark)
    fee = (gain * fee_pct / HUNDRED).quantize(CENT, rounding=ROUND_DOWN)
    return PeriodFee(fee, max(high_water_mark, equity - fee))


def split_fee(fee: Decimal, creator_share_pct: Decimal) -> FeeSplit:
    """Creator gets `creator_share_pct` of `fee` (rounded down to a cent), the platform the rest."""
    check_fee_pct(creator_share_pct, HUNDRED)
    creator = (fee * creator_share_pct / HUNDRED).quantize(CENT, rounding=ROUND_DOWN)
    return FeeSplit(creator, fee - creator)
