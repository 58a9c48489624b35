"""Large on-chain transfer sources for the whale tracker: pluggable, simulated by default.

A source answers the transfers seen in a time span; a runner turns them into `WhaleTransfer`
events. `SimulatedTransfers` is seeded and needs no network: Poisson arrivals at
`per_day`, log-normal sizes around `typical_amount`, either direction with equal odds.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Protocol

import numpy as np

from engine.strategies.base import TransferDirection, WhaleTransfer


class TransferSource(Protocol):
    def transfers(self, since: datetime, until: datetime) -> list[WhaleTransfer]:
        """Transfers with `since <= timestamp < until`, oldest first."""
        ...


class SimulatedTransfers:
    def __init__(
        self,
        seed: int,
        asset: str,
        *,
        per_day: float = 4.0,
        typical_amount: Decimal = Decimal(500),
        amount_sigma: float = 0.8,
    ) -> None:
        self.seed = seed
        self.asset = asset
        self.per_day = per_day
        self.typical_amount = typical_amount
        self.amount_sigma = amount_sigma

    def transfers(self, since: datetime, until: datetime) -> list[WhaleTransfer]:
        # One generator per UTC day keeps any span's answer the same however it is split.
        out: list[WhaleTransfer] = []
        day = since.replace(hour=0, minute=0, second=0, microsecond=0)
        while day < until:
            out += [t for t in self._day(day) if since <= t.timestamp < until]
            day += timedelta(days=1)
        return out

    def _day(self, day: datetime) -> list[WhaleTransfer]:
        rng = np.random.default_rng([self.seed, day.toordinal()])
        count = int(rng.poisson(self.per_day))
        seconds = np.sort(rng.uniform(0, 86_400, count))
        sizes = rng.lognormal(0.0, self.amount_sigma, count)
        directions = rng.integers(0, 2, count)
        return [
            WhaleTransfer(
                asset=self.asset,
                amount=(self.typical_amount * Decimal(repr(float(size)))).quantize(Decimal(1)),
                direction=(TransferDirection.TO_EXCHANGE if d else TransferDirection.FROM_EXCHANGE),
                timestamp=day + timedelta(seconds=float(s)),
                source="sim",
            )
            for s, size, d in zip(seconds, sizes, directions, strict=True)
        ]
