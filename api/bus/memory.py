"""In-process bus: publish dispatches straight into the local fan-out."""

from __future__ import annotations

from typing import Any

from api.bus.contract import BusHealth
from api.bus.envelope import decode_envelope, encode_envelope
from api.bus.fanout import FanoutBus


class MemoryBus(FanoutBus):
    """The embedded backend: one process, no server."""

    backend = "memory"

    async def start(self) -> None:
        if self._state == "new":
            self._state = "running"

    async def close(self) -> None:
        self._close_subscriptions()

    async def publish(self, topic: str, data: dict[str, Any], *, key: str | None = None) -> None:
        self._ensure_running()
        # The same JSON round trip as over Redis: subscribers get a copy, never the caller's dict.
        key, data = decode_envelope(encode_envelope(key, data))
        self._fanout.dispatch(topic, key, data)

    async def health(self) -> BusHealth:
        if self._state != "running":
            state = "not started" if self._state == "new" else "closed"
            return BusHealth(ok=False, backend=self.backend, detail=f"in-process bus {state}")
        detail = (
            f"in-process bus: {len(self._fanout.topics())} topics, "
            f"{self._fanout.subscription_count()} subscriptions"
        )
        return BusHealth(ok=True, backend=self.backend, detail=detail)
