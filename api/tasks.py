"""Stopping background tasks reliably."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

log = logging.getLogger(__name__)


async def stop_tasks(tasks: Sequence[asyncio.Task[None]]) -> None:
    """Cancel `tasks` and wait until they have ended; log any that failed.

    Cancels repeatedly: on Python 3.11 asyncio.wait_for (inside redis-py's send, for one) can
    swallow a cancellation that arrives as the awaited call completes.
    """
    while pending := [task for task in tasks if not task.done()]:
        for task in pending:
            task.cancel()
        await asyncio.wait(pending, timeout=0.1)
    for task in tasks:
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed", task.get_name(), exc_info=task.exception())
