"""A running strategy's state, saved so a restarted server resumes it where it was.

Strategies are plain objects (dataclasses, Decimals, lists), so pickle captures them whole. A
pickle must never be loaded from an untrusted source: each snapshot carries an HMAC-SHA256
made with a key derived from the server secret, and a snapshot whose tag does not verify is
ignored (the bot then starts fresh). A strategy that cannot be pickled (one holding a model
session, say) gets no snapshot: after a restart it starts fresh, its old orders cancelled.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import pickle

from engine.strategies.base import Strategy

log = logging.getLogger(__name__)

_TAG_BYTES = 32


def snapshot_key(secret: str) -> bytes:
    return hashlib.sha256(b"co-bot-snapshot:" + secret.encode()).digest()


def dump_strategy(strategy: Strategy, key: bytes) -> bytes | None:
    try:
        body = pickle.dumps(strategy, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        log.info("strategy %s cannot be snapshotted: %s", type(strategy).__name__, exc)
        return None
    return hmac.new(key, body, hashlib.sha256).digest() + body


def load_strategy(blob: bytes | None, key: bytes) -> Strategy | None:
    if not blob or len(blob) <= _TAG_BYTES:
        return None
    tag, body = blob[:_TAG_BYTES], blob[_TAG_BYTES:]
    if not hmac.compare_digest(tag, hmac.new(key, body, hashlib.sha256).digest()):
        log.warning("a bot snapshot failed its integrity check: starting fresh")
        return None
    strategy = pickle.loads(body)  # authenticated above: written by this server only
    return strategy if isinstance(strategy, Strategy) else None
