"""Deterministic client order ids for bot orders.

The id of a bot's n-th order is a function of (bot id, n, strategy tag) only, so after a crash
the runner can re-send an intent it had recorded and the venue (and our order path, idempotent
by client order id) recognises it instead of placing a second order.
"""

from __future__ import annotations

import hashlib

PREFIX = "b-"
MAX_LENGTH = 36  # the order path accepts 1-36 of [A-Za-z0-9_-]


def bot_client_order_id(bot_id: str, seq: int, tag: str) -> str:
    digest = hashlib.sha256(f"{bot_id}:{seq}:{tag}".encode()).hexdigest()
    return PREFIX + digest[: MAX_LENGTH - len(PREFIX)]
