"""A software WebAuthn authenticator: real P-256 keys, CBOR attestation "none", real
authenticatorData (rpIdHash, UP/UV/AT flags, sign count) and real ES256 signatures, so the
server's py_webauthn verification runs unpatched. Knobs let tests forge every bad case."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP = 0x01
FLAG_UV = 0x04
FLAG_AT = 0x40
AAGUID = bytes(16)


def b64url(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class StoredKey:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    user_handle: bytes
    rp_id: str
    sign_count: int = 0


def _cose_public_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    numbers = key.public_key().public_numbers()
    return cbor2.dumps(
        {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
    )


class SoftwareAuthenticator:
    """One device holding passkeys. `counter_step` 0 models authenticators without a counter."""

    def __init__(self, origin: str = "http://localhost:8081", counter_step: int = 1) -> None:
        self.origin = origin
        self.counter_step = counter_step
        self.keys: dict[bytes, StoredKey] = {}

    def _client_data(self, kind: str, challenge: bytes, origin: str | None) -> bytes:
        return json.dumps(
            {
                "type": kind,
                "challenge": b64url(challenge),
                "origin": origin or self.origin,
                "crossOrigin": False,
            }
        ).encode()

    def create(
        self,
        options_json: str,
        *,
        user_verified: bool = True,
        origin: str | None = None,
        rp_id: str | None = None,
    ) -> str:
        """navigator.credentials.create: returns the RegistrationResponseJSON as a string."""
        options = json.loads(options_json)
        rp = rp_id or options["rp"]["id"]
        key = ec.generate_private_key(ec.SECP256R1())
        credential_id = os.urandom(32)
        stored = StoredKey(credential_id, key, unb64url(options["user"]["id"]), rp)
        flags = FLAG_UP | FLAG_AT | (FLAG_UV if user_verified else 0)
        attested = AAGUID + struct.pack(">H", len(credential_id)) + credential_id
        auth_data = (
            hashlib.sha256(rp.encode()).digest()
            + bytes([flags])
            + struct.pack(">I", stored.sign_count)
            + attested
            + _cose_public_key(key)
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", unb64url(options["challenge"]), origin)
        self.keys[credential_id] = stored
        return json.dumps(
            {
                "id": b64url(credential_id),
                "rawId": b64url(credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": b64url(client_data),
                    "attestationObject": b64url(attestation),
                    "transports": ["internal", "hybrid"],
                },
                "clientExtensionResults": {},
                "authenticatorAttachment": "platform",
            }
        )

    def get(
        self,
        options_json: str,
        *,
        credential_id: bytes | None = None,
        user_verified: bool = True,
        user_present: bool = True,
        origin: str | None = None,
        rp_id: str | None = None,
        client_data_type: str = "webauthn.get",
        sign_count: int | None = None,
        tamper_signature: bool = False,
    ) -> str:
        """navigator.credentials.get: returns the AuthenticationResponseJSON as a string.
        Without `credential_id`, the first allowed (or, discoverable, the first held) key."""
        options = json.loads(options_json)
        allowed = [unb64url(c["id"]) for c in options.get("allowCredentials") or []]
        if credential_id is None:
            held = [cid for cid in allowed if cid in self.keys] if allowed else list(self.keys)
            if not held:
                raise LookupError("no passkey on this authenticator matches")
            credential_id = held[0]
        stored = self.keys[credential_id]
        if sign_count is None:
            stored.sign_count += self.counter_step
            count = stored.sign_count
        else:
            count = sign_count
        flags = (FLAG_UP if user_present else 0) | (FLAG_UV if user_verified else 0)
        auth_data = (
            hashlib.sha256((rp_id or options.get("rpId") or stored.rp_id).encode()).digest()
            + bytes([flags])
            + struct.pack(">I", count)
        )
        client_data = self._client_data(client_data_type, unb64url(options["challenge"]), origin)
        signature = stored.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        if tamper_signature:  # flip a bit of the DER signature's last byte (still valid DER)
            signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
        response: dict[str, Any] = {
            "clientDataJSON": b64url(client_data),
            "authenticatorData": b64url(auth_data),
            "signature": b64url(signature),
            "userHandle": b64url(stored.user_handle),
        }
        return json.dumps(
            {
                "id": b64url(credential_id),
                "rawId": b64url(credential_id),
                "type": "public-key",
                "response": response,
                "clientExtensionResults": {},
                "authenticatorAttachment": "platform",
            }
        )
