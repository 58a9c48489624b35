"""Turn a bus subscription into a client stream: conflated by the bus, paced here.

While the consumer waits between frames the bus keeps only the newest value per key, so a slow
or rate-limited client receives fewer, fresher frames and never a growing backlog.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from api.bus import Message, Subscription


async def paced(subscription: Subscription, max_rate: float) -> AsyncIterator[Message]:
    """Yield messages from an entered `subscription`, at most `max_rate` per second."""
    interval = 1.0 / max_rate
    async for message in subscription:
        yield message
        await asyncio.sleep(interval)
