"""Resize a strategy's params to another capital (a subscriber's copy of a bot).

A copy keeps every rule of its source (levels, thresholds, periods) and changes only how much
each order commits, so that the whole strategy fits the subscriber's allocation at today's
price:

* grid: `qty_per_level` = allocation / levels / price (every level's buy filled at once);
* dca: base and first safety order get one share each of the ladder (1 + sum of the volume
  scales), as the DCA templates size it;
* the one-position kinds (`quote_amount`: momentum, mean reversion, sentiment, whale): each
  entry spends the same share of the allocation as the source spends of its own capital
  (`source_capital`; unknown: the whole allocation).

Quantities are rounded down to the lot step and raised to the market's minimums; the caller
validates the result with the registry (which names the field when it does not fit).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from engine.market.models import Market
from engine.strategies.base import round_to

QUOTE_KINDS = ("momentum", "mean_reversion", "sentiment", "whale")


def _qty(market: Market, notional: Decimal, price: Decimal) -> Decimal:
    qty = round_to(notional / price, market.qty_step, ROUND_FLOOR)
    by_notional = round_to(market.min_notional / price, market.qty_step, ROUND_CEILING)
    return max(qty, market.min_qty, by_notional)


def capital_of(kind: str, params: Mapping[str, Any], price: Decimal) -> Decimal | None:
    """About how much quote the params commit at `price` (None: not known for this kind)."""
    if kind == "grid":
        return Decimal(str(params["qty_per_level"])) * int(params["levels"]) * price
    if kind == "dca":
        scale = Decimal(str(params.get("volume_scale", "1")))
        count = int(params["max_safety_orders"])
        ladder = Decimal(str(params["safety_qty"])) * sum(
            (scale**k for k in range(count)), Decimal(0)
        )
        return (Decimal(str(params["base_qty"])) + ladder) * price
    if kind in QUOTE_KINDS:
        return Decimal(str(params["quote_amount"]))
    return None


def scale_params(
    kind: str,
    params: Mapping[str, Any],
    allocation: Decimal,
    market: Market,
    price: Decimal,
    source_capital: Decimal | None = None,
) -> dict[str, Any]:
    """`params` with their sizing fields resized to `allocation` (quote) at `price`."""
    if not (allocation.is_finite() and allocation > 0):
        raise ValueError(f"allocation: must be a positive amount, got {allocation}")
    if price <= 0:
        raise ValueError(f"price: must be positive, got {price}")
    out = dict(params)
    if kind == "grid":
        levels = int(params["levels"])
        out["qty_per_level"] = str(_qty(market, allocation / levels, price))
    elif kind == "dca":
        scale = Decimal(str(params.get("volume_scale", "1")))
        count = int(params["max_safety_orders"])
        shares = Decimal(1) + sum((scale**k for k in range(count)), Decimal(0))
        unit = _qty(market, allocation / shares, price)
        out["base_qty"] = out["safety_qty"] = str(unit)
    elif kind in QUOTE_KINDS:
        share = Decimal(1)
        if source_capital is not None and source_capital > 0:
            share = min(Decimal(1), Decimal(str(params["quote_amount"])) / source_capital)
        amount = (allocation * share).quantize(Decimal("0.01"), ROUND_FLOOR)
        out["quote_amount"] = str(max(amount, market.min_notional))
    else:
        raise ValueError(f"kind: cannot size a {kind!r} strategy to an allocation")
    return out
