"""A subscriber's bounded, never-blocking queue and the Subscription handle around it."""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from types import TracebackType
from typing import Protocol

from api.bus.contract import Message, SubscriptionClosed

Slot = tuple[str, str | None]
"""(topic, conflation key): the unit a conflating buffer keeps one message for."""


class ConflatingBuffer:
    """Latest message per slot wins.

    A slot keeps the place in line it got when first queued (no move-to-end): a slot that updates
    constantly cannot push the others back, so every slot waits at most one pass over the buffer.
    Beyond `maxsize` distinct slots the oldest queued slot is dropped.
    """

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._messages: OrderedDict[Slot, Message] = OrderedDict()

    def put(self, slot: Slot, message: Message) -> int:
        """Queue `message`; returns how many messages were overwritten or dropped (0 or 1)."""
        if slot in self._messages:
            self._messages[slot] = message
            return 1
        dropped = 0
        if len(self._messages) >= self._maxsize:
            self._messages.popitem(last=False)
            dropped = 1
        self._messages[slot] = message
        return dropped

    def pop(self) -> Message:
        return self._messages.popitem(last=False)[1]

    def clear(self) -> None:
        self._messages.clear()

    def __len__(self) -> int:
        return len(self._messages)


class FifoBuffer:
    """Every message in order; when full the oldest is dropped."""

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._messages: deque[Message] = deque()

    def put(self, slot: Slot, message: Message) -> int:
        dropped = 0
        if len(self._messages) >= self._maxsize:
            self._messages.popleft()
            dropped = 1
        self._messages.append(message)
        return dropped

    def pop(self) -> Message:
        return self._messages.popleft()

    def clear(self) -> None:
        self._messages.clear()

    def __len__(self) -> int:
        return len(self._messages)


class SubscriptionHost(Protocol):
    """The bus side of a subscription: registers it in the fan-out and removes it."""

    async def attach(self, subscription: Subscription) -> None: ...

    def detach(self, subscription: Subscription) -> None: ...


class Subscription:
    """Messages of some topics for one consumer: `async with bus.subscribe(...) as sub`.

    Messages published after entering are queued here without ever blocking the publisher; the
    consumer reads them with `async for message in sub` or `await sub.get(timeout)`. Leaving the
    context unsubscribes. Not thread-safe: use it on the event loop that runs the bus.
    """

    def __init__(
        self, host: SubscriptionHost, topics: tuple[str, ...], *, conflate: bool, maxsize: int
    ) -> None:
        if not topics:
            raise ValueError("subscribe() needs at least one topic")
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, not {maxsize}")
        self.topics = topics
        self.conflate = conflate
        self.dropped = 0
        self._host = host
        self._buffer = ConflatingBuffer(maxsize) if conflate else FifoBuffer(maxsize)
        self._ready = asyncio.Event()
        self._state = "new"  # -> "active" -> "closed"

    @property
    def pending(self) -> int:
        """Messages queued and not read yet."""
        return len(self._buffer)

    def take_pending(self) -> list[Message]:
        """Every message queued now, oldest first (never waits)."""
        taken = []
        while self._buffer:
            taken.append(self._buffer.pop())
        return taken

    async def __aenter__(self) -> Subscription:
        if self._state != "new":
            raise RuntimeError("a Subscription can be entered only once")
        self._state = "active"  # first: a bus closing while we attach must leave us closed
        try:
            await self._host.attach(self)
        except BaseException:
            self.close()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._state == "active":
            self._host.detach(self)
        self.close()

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> Message:
        try:
            return await self.get()
        except SubscriptionClosed:
            raise StopAsyncIteration from None

    async def get(self, timeout: float | None = None) -> Message:  # noqa: ASYNC109 (contract)
        """The next message. TimeoutError after `timeout` s; SubscriptionClosed once closed."""
        if self._state == "new":
            raise RuntimeError("enter the subscription first: async with bus.subscribe(...)")
        if not self._buffer:
            async with asyncio.timeout(timeout):
                await self._wait_for_message()
        return self._buffer.pop()

    async def _wait_for_message(self) -> None:
        while not self._buffer:
            if self._state == "closed":
                raise SubscriptionClosed(f"subscription to {list(self.topics)} is closed")
            self._ready.clear()
            await self._ready.wait()

    def deliver(self, slot: Slot, message: Message) -> None:
        """Called by the fan-out; O(1) and never waits."""
        self.dropped += self._buffer.put(slot, message)
        self._ready.set()

    def close(self) -> None:
        """Ends the subscription: pending messages are discarded and readers wake up."""
        self._state = "closed"
        self._buffer.clear()
        self._ready.set()
