"""Positions from fills with the average-cost method: quantity, average entry price, realised
and unrealised P&L (spot, long only: what a sell takes beyond the tracked quantity came from
funds deposited outside our fills, so it has no cost basis and realises nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from engine.market.models import Side

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class FillInput:
    """What position keeping needs of a fill (oldest first when applied in sequence)."""

    symbol: str
    side: Side
    qty: Decimal
    price: Decimal
    fee: Decimal
    fee_currency: str


@dataclass(frozen=True, slots=True)
class Position:
    symbol: str
    qty: Decimal = ZERO  # base held through our fills
    avg_cost: Decimal = ZERO  # quote per base, fees excluded; 0 when flat
    realised: Decimal = ZERO  # quote, after fees
    fees: Decimal = ZERO  # quote value of fees paid
    traded_qty: Decimal = ZERO  # base bought + sold

    @property
    def base(self) -> str:
        return self.symbol.split("/", 1)[0]

    @property
    def quote(self) -> str:
        return self.symbol.split("/", 1)[1]

    def unrealised(self, mark: Decimal) -> Decimal:
        return (mark - self.avg_cost) * self.qty

    def value(self, mark: Decimal) -> Decimal:
        return mark * self.qty


def apply_fill(position: Position, fill: FillInput) -> Position:
    fee_in_quote = _fee_in_quote(position, fill)
    fee_in_base_on_buy = fill.side is Side.BUY and fill.fee_currency == position.base
    # A base fee on a buy is already in the cost basis (paid the full price, got less).
    realised = position.realised - (ZERO if fee_in_base_on_buy else fee_in_quote)
    qty, avg = position.qty, position.avg_cost
    if fill.side is Side.BUY:
        received = fill.qty - (fill.fee if fee_in_base_on_buy else ZERO)
        new_qty = qty + received
        avg = (avg * qty + fill.price * fill.qty) / new_qty if new_qty > 0 else ZERO
        qty = new_qty
    else:
        matched = min(fill.qty, qty)
        realised += (fill.price - avg) * matched
        qty -= matched
        if qty == 0:
            avg = ZERO
    return Position(
        symbol=position.symbol,
        qty=qty,
        avg_cost=avg,
        realised=realised,
        fees=position.fees + fee_in_quote,
        traded_qty=position.traded_qty + fill.qty,
    )


def _fee_in_quote(position: Position, fill: FillInput) -> Decimal:
    if fill.fee_currency == position.quote:
        return fill.fee
    if fill.fee_currency == position.base:
        return fill.fee * fill.price
    return ZERO  # a third currency (e.g. an exchange token): not part of this position


def positions_from_fills(fills: Iterable[FillInput]) -> dict[str, Position]:
    """Every symbol's position after applying `fills` in order (oldest first)."""
    positions: dict[str, Position] = {}
    for fill in fills:
        current = positions.get(fill.symbol) or Position(symbol=fill.symbol)
        positions[fill.symbol] = apply_fill(current, fill)
    return positions
