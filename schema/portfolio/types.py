from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from api.db import models
from api.services import portfolio


@strawberry.type(description="A trading account on a venue. API keys are never returned.")
class ExchangeAccount:
    id: strawberry.ID
    venue: str
    label: str
    created_at: datetime

    @classmethod
    def of(cls, a: models.ExchangeAccount) -> ExchangeAccount:
        return cls(id=strawberry.ID(a.id), venue=a.venue, label=a.label, created_at=a.created_at)


@strawberry.type(description="Funds of one currency in one account; `used` is held by orders.")
class Balance:
    account_id: strawberry.ID
    venue: str
    account_label: str
    currency: str
    free: Decimal
    used: Decimal
    total: Decimal

    @classmethod
    def of(cls, b: portfolio.AccountBalance) -> Balance:
        return cls(
            account_id=strawberry.ID(b.account_id),
            venue=b.venue,
            account_label=b.label,
            currency=b.currency,
            free=b.free,
            used=b.used,
            total=b.total,
        )
