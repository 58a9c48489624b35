"""The relying party: py_webauthn calls with our policy (attestation none, user verification
required, discoverable credentials preferred) and the RP id / origins from settings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import parse_client_data_json
from webauthn.helpers.base64url_to_bytes import base64url_to_bytes
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from api.settings import Settings

CEREMONY_TIMEOUT_MS = 120_000


class CeremonyFailed(Exception):
    """The credential did not verify (the reason is for logs, never for clients)."""


@dataclass(frozen=True)
class ParsedCredential:
    raw_id: bytes
    challenge: bytes  # from clientDataJSON, unverified until the signature is checked
    user_handle: bytes | None
    transports: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisteredKey:
    credential_id: bytes
    public_key: bytes
    sign_count: int


@dataclass(frozen=True)
class VerifiedAssertion:
    credential_id: bytes
    new_sign_count: int


def _transports(names: Sequence[str]) -> list[AuthenticatorTransport]:
    known = {t.value: t for t in AuthenticatorTransport}
    return [known[n] for n in names if n in known]


def parse_credential(credential_json: str) -> ParsedCredential:
    """Read the ids and the challenge out of a credential; CeremonyFailed when malformed."""
    try:
        data: Any = json.loads(credential_json)
        response = data["response"]
        client_data = parse_client_data_json(base64url_to_bytes(response["clientDataJSON"]))
        handle = response.get("userHandle")
        return ParsedCredential(
            raw_id=base64url_to_bytes(data["rawId"]),
            challenge=client_data.challenge,
            user_handle=base64url_to_bytes(handle) if handle else None,
            transports=tuple(str(t) for t in response.get("transports") or ()),
        )
    except Exception as exc:
        raise CeremonyFailed(f"malformed credential: {type(exc).__name__}") from exc


@dataclass(frozen=True)
class RelyingParty:
    rp_id: str
    rp_name: str
    origins: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> RelyingParty:
        return cls(
            settings.webauthn_rp_id, settings.webauthn_rp_name, tuple(settings.webauthn_origins)
        )

    def registration_options(
        self,
        *,
        challenge: bytes,
        user_id: str,
        user_name: str,
        display_name: str,
        exclude: Sequence[tuple[bytes, Sequence[str]]] = (),
    ) -> str:
        options = generate_registration_options(
            rp_id=self.rp_id,
            rp_name=self.rp_name,
            user_id=user_id.encode(),
            user_name=user_name,
            user_display_name=display_name,
            challenge=challenge,
            timeout=CEREMONY_TIMEOUT_MS,
            attestation=AttestationConveyancePreference.NONE,
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.PREFERRED,
                user_verification=UserVerificationRequirement.REQUIRED,
            ),
            exclude_credentials=[
                PublicKeyCredentialDescriptor(id=cid, transports=_transports(t))
                for cid, t in exclude
            ],
        )
        return options_to_json(options)

    def verify_registration(self, credential_json: str, challenge: bytes) -> RegisteredKey:
        try:
            verified = verify_registration_response(
                credential=credential_json,
                expected_challenge=challenge,
                expected_rp_id=self.rp_id,
                expected_origin=list(self.origins),
                require_user_verification=True,
            )
        except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as exc:
            raise CeremonyFailed(str(exc)) from exc
        return RegisteredKey(
            verified.credential_id, verified.credential_public_key, verified.sign_count
        )

    def authentication_options(
        self, *, challenge: bytes, allow: Sequence[tuple[bytes, Sequence[str]]] = ()
    ) -> str:
        """Empty `allow`: discoverable (the authenticator offers the user's passkeys)."""
        options = generate_authentication_options(
            rp_id=self.rp_id,
            challenge=challenge,
            timeout=CEREMONY_TIMEOUT_MS,
            allow_credentials=[
                PublicKeyCredentialDescriptor(id=cid, transports=_transports(t)) for cid, t in allow
            ],
            user_verification=UserVerificationRequirement.REQUIRED,
        )
        return options_to_json(options)

    def verify_assertion(
        self, credential_json: str, *, challenge: bytes, public_key: bytes
    ) -> VerifiedAssertion:
        """Signature, challenge, type webauthn.get, rpId hash, origin, UP and UV are checked here.
        The sign count is the caller's rule (so a rollback is only believed once signed)."""
        try:
            verified = verify_authentication_response(
                credential=credential_json,
                expected_challenge=challenge,
                expected_rp_id=self.rp_id,
                expected_origin=list(self.origins),
                credential_public_key=public_key,
                credential_current_sign_count=0,
                require_user_verification=True,
            )
        except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError) as exc:
            raise CeremonyFailed(str(exc)) from exc
        return VerifiedAssertion(verified.credential_id, verified.new_sign_count)


def sign_count_rolled_back(stored: int, reported: int) -> bool:
    """WebAuthn §6.1.1: when either counter is non-zero the new one must be greater."""
    return (stored > 0 or reported > 0) and reported <= stored
