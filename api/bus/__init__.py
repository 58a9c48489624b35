"""Pub/sub bus: in-process for the embedded backend, Redis for services (see ARCHITECTURE.md).

Every subscriber has its own bounded queue that never blocks producers: conflating (latest message
per topic and key) by default, or a FIFO that drops its oldest message when full.
"""

from __future__ import annotations

from api.bus.contract import Bus, BusHealth, BusUnavailable, Message, SubscriptionClosed
from api.bus.memory import MemoryBus
from api.bus.redis import RedisBus, redact_url
from api.bus.subscription import Subscription

__all__ = [
    "Bus",
    "BusHealth",
    "BusUnavailable",
    "MemoryBus",
    "Message",
    "RedisBus",
    "Subscription",
    "SubscriptionClosed",
    "create_bus",
    "redact_url",
]


def create_bus(redis_url: str | None, namespace: str = "") -> Bus:
    """The Redis bus for a URL (channels named `namespace:topic`); in-process for None or ""."""
    return RedisBus(redis_url, namespace=namespace) if redis_url else MemoryBus()
