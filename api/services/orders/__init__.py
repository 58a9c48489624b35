"""The one order path: API, bots, alerts and copy trading all place orders through OrderService."""

from __future__ import annotations

from api.services.orders.records import orders_topic
from api.services.orders.service import (
    AccountNotReconciled,
    OrderPage,
    OrderService,
    PlaceOrder,
)

__all__ = ["AccountNotReconciled", "OrderPage", "OrderService", "PlaceOrder", "orders_topic"]
