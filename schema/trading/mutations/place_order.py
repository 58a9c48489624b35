from __future__ import annotations

from decimal import Decimal

from api.errors import BadUserInput
from api.services.orders import PlaceOrder
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.context import Info
from schema.trading.types import Order, PlaceOrderInput


def to_request(input: PlaceOrderInput) -> PlaceOrder:
    if (input.qty is None) == (input.quote_qty is None):
        raise BadUserInput("give exactly one of qty and quoteQty", field="qty")
    return PlaceOrder(
        account_id=str(input.account_id),
        symbol=input.symbol,
        side=Side(input.side.value),
        type=OrderType(input.type.value),
        qty=input.qty if input.qty is not None else Decimal(0),  # worked out from quoteQty
        quote_qty=input.quote_qty,
        price=input.price,
        trigger_price=input.trigger_price,
        time_in_force=TimeInForce(input.time_in_force.value),
        client_order_id=input.client_order_id,
    )


async def place_order(
    info: Info, input: PlaceOrderInput, step_up: StepUpAssertionInput | None = None
) -> Order:
    principal = info.context.require_user()
    order = await info.context.services.orders.place_order(
        principal, to_request(input), step_up=assertion_of(step_up)
    )
    return Order.of(order)
