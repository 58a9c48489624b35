"""Wait for a condition with a deadline instead of sleeping a guessed time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]], done: Callable[[T], bool] = bool, within_s: float = 10.0
) -> T:
    """Call `probe` until `done(result)` (by default: until it is truthy); the last result, or
    AssertionError after `within_s`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while True:
        result = await probe()
        if done(result):
            return result
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {within_s} s; last: {result!r}")
        await asyncio.sleep(0.02)
