"""Local fan-out shared by both backends: topic -> the subscriptions of this process."""

from __future__ import annotations

from typing import Any

from api.bus.contract import BusUnavailable, Message
from api.bus.subscription import Subscription


class Fanout:
    """Delivers a message to every local subscription of its topic: O(subscribers), no awaiting."""

    def __init__(self) -> None:
        self._subscriptions: dict[str, set[Subscription]] = {}

    def topics(self) -> set[str]:
        """Topics with at least one local subscription."""
        return set(self._subscriptions)

    def subscription_count(self) -> int:
        return len({id(s) for subs in self._subscriptions.values() for s in subs})

    def add(self, subscription: Subscription) -> None:
        for topic in subscription.topics:
            self._subscriptions.setdefault(topic, set()).add(subscription)

    def remove(self, subscription: Subscription) -> None:
        for topic in subscription.topics:
            subs = self._subscriptions.get(topic)
            if subs is None:
                continue
            subs.discard(subscription)
            if not subs:
                del self._subscriptions[topic]

    def dispatch(self, topic: str, key: str | None, data: dict[str, Any]) -> None:
        subscriptions = self._subscriptions.get(topic)
        if not subscriptions:
            return
        message = Message(topic, data)
        slot = (topic, key)
        for subscription in subscriptions:
            subscription.deliver(slot, message)

    def close_all(self) -> None:
        for subscription in {s for subs in self._subscriptions.values() for s in subs}:
            subscription.close()
        self._subscriptions.clear()


class FanoutBus:
    """Lifecycle and subscription bookkeeping common to both backends.

    Subclasses set `backend`, implement publishing and may react to topic changes through
    `_topics_added` (awaited while a subscription is entered) and `_topics_removed`.
    """

    backend: str

    def __init__(self) -> None:
        self._fanout = Fanout()
        self._state = "new"  # -> "running" -> "closed"

    def subscribe(self, *topics: str, conflate: bool = True, maxsize: int = 256) -> Subscription:
        unique_topics = tuple(dict.fromkeys(topics))
        return Subscription(self, unique_topics, conflate=conflate, maxsize=maxsize)

    async def attach(self, subscription: Subscription) -> None:
        self._ensure_running()
        self._fanout.add(subscription)
        try:
            await self._topics_added()
        except BaseException:
            self.detach(subscription)
            raise

    def detach(self, subscription: Subscription) -> None:
        self._fanout.remove(subscription)
        if self._state == "running":
            self._topics_removed()

    async def _topics_added(self) -> None:
        """Hook: the local topic set may have grown."""

    def _topics_removed(self) -> None:
        """Hook: the local topic set may have shrunk."""

    def _ensure_running(self) -> None:
        if self._state == "new":
            raise RuntimeError(f"{type(self).__name__}.start() was not called")
        if self._state == "closed":
            raise BusUnavailable(f"the {self.backend} bus is closed")

    def _close_subscriptions(self) -> None:
        self._state = "closed"
        self._fanout.close_all()
