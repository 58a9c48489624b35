"""Turn a bus subscription into a client stream: conflated by the bus, paced here.

While the consumer waits between frames the bus keeps only the newest value per key, so a slow
or rate-limited client receives fewer, fresher frames and never a growing backlog.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from api.bus import Message, Subscription


class Pacer:
    """Spaces a stream's frames at least 1/max_rate seconds apart. The pause after a frame
    counts from when it went out: the consumer's own time with the frame (a broadcast group's
    pass over thousands of sockets) is part of the interval, not added to it."""

    def __init__(self, max_rate: float) -> None:
        self.interval = 1.0 / max_rate
        self._clock = asyncio.get_running_loop().time
        self._sent_at = -self.interval

    def sent(self) -> None:
        """Call as a frame goes out (just before yielding it)."""
        self._sent_at = self._clock()

    async def wait(self) -> None:
        """Sleep for what is left of the interval since the last frame, if anything."""
        left = self._sent_at + self.interval - self._clock()
        if left > 0:
            await asyncio.sleep(left)


async def paced(subscription: Subscription, max_rate: float) -> AsyncIterator[Message]:
    """Yield messages from an entered `subscription`, at most `max_rate` per second."""
    pacer = Pacer(max_rate)
    async for message in subscription:
        pacer.sent()
        yield message
        await pacer.wait()
