"""The bus contract the service is written against; both backends implement it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from api.bus.subscription import Subscription


@dataclass(frozen=True)
class Message:
    """One published message. `data` is shared by every local subscriber: treat it as read-only."""

    topic: str
    data: dict[str, Any]


@dataclass(frozen=True)
class BusHealth:
    ok: bool
    backend: str
    detail: str


class BusUnavailable(Exception):
    """The bus cannot carry messages (Redis unreachable, or the bus is closed)."""


class SubscriptionClosed(BusUnavailable):
    """get() on a subscription that was left or whose bus was closed."""


class Bus(Protocol):
    backend: str

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def publish(self, topic: str, data: dict[str, Any], *, key: str | None = None) -> None:
        """Send `data` (JSON-serialisable) to every subscriber of `topic`.

        `key` is the conflation key within the topic (None: the topic itself). Never waits on
        consumers. Raises BusUnavailable when the message cannot be sent.
        """
        ...

    def subscribe(
        self, *topics: str, conflate: bool = True, maxsize: int = 256
    ) -> Subscription: ...

    async def health(self) -> BusHealth: ...
