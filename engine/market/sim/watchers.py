"""Waiters for "the next update after now", resolved by the venue's step (CCXT watch_* style)."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Broadcast(Generic[K, V]):
    def __init__(self) -> None:
        self._waiting: dict[K, list[asyncio.Future[V]]] = {}

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def waiting_keys(self) -> list[K]:
        return list(self._waiting)

    def wants(self, key: K) -> bool:
        return key in self._waiting

    async def next(self, key: K) -> V:
        future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(key, []).append(future)
        try:
            return await future
        except asyncio.CancelledError:
            waiting = self._waiting.get(key)
            if waiting is not None and future in waiting:
                waiting.remove(future)
                if not waiting:
                    del self._waiting[key]
            raise

    def publish(self, key: K, value: V) -> None:
        for future in self._waiting.pop(key, ()):
            if not future.done():
                future.set_result(value)

    def fail_all(self, error: BaseException) -> None:
        waiting, self._waiting = self._waiting, {}
        for futures in waiting.values():
            for future in futures:
                if not future.done():
                    future.set_exception(error)
