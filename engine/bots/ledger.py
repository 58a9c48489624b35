"""A bot's own position and P&L from its fills (average-cost method), pure and replayable.

Bots may share an account with each other and with manual trading, so a bot's position is what
its own fills add up to, not the account's balance. Fees in the quote currency lower realised
P&L; fees in the base currency lower the position. `daily_pnl` is today's realised P&L (UTC
day) plus the unrealised P&L of the open position at a mark price.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from engine.market.models import Side

ZERO = Decimal(0)


@dataclass
class BotLedger:
    base: str
    quote: str
    position: Decimal = ZERO
    avg_cost: Decimal | None = None
    realised_pnl: Decimal = ZERO
    fees_paid: Decimal = ZERO  # quote-currency fees (base fees reduce the position instead)
    day: date | None = None
    realised_today: Decimal = ZERO

    def apply(
        self,
        side: Side,
        price: Decimal,
        qty: Decimal,
        fee: Decimal,
        fee_currency: str,
        at: datetime,
    ) -> Decimal:
        """Book one fill; returns the P&L it realised (fees included)."""
        if self.day != at.date():
            self.day, self.realised_today = at.date(), ZERO
        realised = ZERO
        if side is Side.BUY:
            cost = (self.avg_cost or ZERO) * self.position + price * qty
            self.position += qty
            self.avg_cost = cost / self.position if self.position > 0 else None
        else:
            closed = min(qty, max(self.position, ZERO))
            if closed > 0 and self.avg_cost is not None:
                realised = (price - self.avg_cost) * closed
            self.position -= qty
            if self.position <= 0:
                self.avg_cost = None
        if fee_currency == self.base:
            self.position -= fee
            if self.position <= 0:
                self.avg_cost = None
        elif fee:
            realised -= fee
            self.fees_paid += fee
        self.realised_pnl += realised
        self.realised_today += realised
        return realised

    def unrealised(self, mark: Decimal) -> Decimal:
        if self.avg_cost is None or self.position <= 0:
            return ZERO
        return (mark - self.avg_cost) * self.position

    def daily_pnl(self, mark: Decimal, today: date) -> Decimal:
        realised = self.realised_today if self.day == today else ZERO
        return realised + self.unrealised(mark)
