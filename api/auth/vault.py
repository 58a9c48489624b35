"""Encrypts exchange API secrets at rest (Fernet: AES-128-CBC + HMAC-SHA256).

The Fernet key is derived from the service secret key with HKDF, so rotating CO_SECRET_KEY
makes stored secrets unreadable: re-enter keys after a rotation.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class VaultError(Exception):
    pass


class SecretVault:
    def __init__(self, secret_key: str) -> None:
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"co-exchange-key-vault"
        ).derive(secret_key.encode())
        self._fernet = Fernet(base64.urlsafe_b64encode(derived))

    def encrypt(self, plaintext: str) -> bytes:
        return self._fernet.encrypt(plaintext.encode())

    def decrypt(self, ciphertext: bytes) -> str:
        try:
            return self._fernet.decrypt(ciphertext).decode()
        except InvalidToken as exc:
            raise VaultError("stored secret cannot be decrypted with the current key") from exc
