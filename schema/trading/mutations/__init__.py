from __future__ import annotations

import strawberry

from schema.trading.mutations.cancel_all_orders import cancel_all_orders
from schema.trading.mutations.cancel_order import cancel_order
from schema.trading.mutations.place_order import place_order


@strawberry.type
class TradingMutation:
    place_order = strawberry.mutation(
        resolver=place_order,
        description="Place an order. Needs `stepUp` (an assertion for stepUpChallenge with this "
        "exact order) or a live trading grant that covers it. Idempotent by clientOrderId. The "
        "returned status may be UNKNOWN when the venue did not answer: the order is then "
        "resolved by reconciliation.",
    )
    cancel_order = strawberry.mutation(
        resolver=cancel_order, description="Cancel one of your orders (final orders unchanged)."
    )
    cancel_all_orders = strawberry.mutation(
        resolver=cancel_all_orders,
        description="Cancel your open orders, optionally of one account and/or symbol.",
    )
