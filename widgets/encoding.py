"""Payload bytes and their strong ETag."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from widgets.payloads import Payload


@dataclass(frozen=True)
class EncodedSnapshot:
    payload: Payload
    body: bytes  # compact UTF-8 JSON, exactly what GET /widgets/{kind} sends
    etag: str  # strong: '"' + 32 hex digits of SHA-256(body) + '"'

    def matches(self, if_none_match: str | None) -> bool:
        """RFC 9110 If-None-Match (weak comparison, as the RFC says for this header)."""
        if not if_none_match:
            return False
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return any(tag == "*" or tag.removeprefix("W/") == self.etag for tag in tags)


def encode(payload: Payload) -> EncodedSnapshot:
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return EncodedSnapshot(payload=payload, body=body, etag=etag)
