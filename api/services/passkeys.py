"""Passkeys: enrolment, passwordless login, management and recovery codes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from api.auth.passwords import verify_password
from api.auth.step_up_errors import StepUpRequired
from api.auth.webauthn import CeremonyFailed, RelyingParty, parse_credential, sign_count_rolled_back
from api.db.models import WebAuthnChallenge, WebAuthnCredential
from api.errors import BadUserInput, Conflict, NotFound, Unauthenticated
from api.services.accounts import AccountService, IssuedSession, Principal
from api.services.challenges import ChallengeStore
from api.services.credentials import CredentialStore
from api.services.recovery_codes import RecoveryCodeStore
from api.services.step_up import StepUpGuard

REGISTER = "register"
LOGIN = "login"
_LOGIN_FAILED = "passkey sign-in failed: try again or sign in with your password"
_REGISTER_FAILED = "the passkey could not be added: start again from passkeyRegistrationOptions"


@dataclass(frozen=True)
class EnrolmentProof:
    """How the caller shows it is the account owner before a passkey is added: the first
    passkey needs the password (a stolen session token alone is not enough), later ones a
    step-up with an existing passkey; a recovery code works in both cases."""

    password: str | None = None
    recovery_code: str | None = None
    step_up: str | None = None


def _name(name: str | None) -> str:
    name = (name or "Passkey").strip()
    if not 1 <= len(name) <= 80:
        raise BadUserInput("passkey name must be 1 to 80 characters", field="name")
    return name


class PasskeyService:
    def __init__(
        self,
        rp: RelyingParty,
        accounts: AccountService,
        challenges: ChallengeStore,
        credentials: CredentialStore,
        recovery: RecoveryCodeStore,
        guard: StepUpGuard,
    ) -> None:
        self.rp = rp
        self.accounts = accounts
        self.challenges = challenges
        self.credentials = credentials
        self.recovery = recovery
        self.guard = guard

    # --- enrolment ------------------------------------------------------------------------

    async def registration_options(self, principal: Principal) -> str:
        user = await self.accounts.get_user(principal.user_id)
        existing = await self.credentials.of_user(user.id)
        row = await self.challenges.issue(
            REGISTER, user_id=user.id, session_id=principal.session_id
        )
        return self.rp.registration_options(
            challenge=row.nonce,
            user_id=user.id,
            user_name=user.email,
            display_name=user.display_name,
            exclude=[(c.credential_id, c.transports.split(",")) for c in existing],
        )

    async def _check_proof(self, principal: Principal, proof: EnrolmentProof) -> None:
        now = self.challenges.clock()
        if proof.recovery_code:
            if not await self.recovery.use(principal.user_id, proof.recovery_code, now):
                raise Unauthenticated("that recovery code is not valid or was already used")
            return
        if await self.credentials.usable_of_user(principal.user_id):
            await self.guard.verify(principal, {"kind": "registerPasskey"}, proof.step_up)
            return
        user = await self.accounts.get_user(principal.user_id)
        if not proof.password or not verify_password(user.password_hash, proof.password):
            raise Unauthenticated("enter your password to add your first passkey")

    async def _open_challenge(self, purpose: str, challenge: bytes) -> WebAuthnChallenge | None:
        row = await self.challenges.find(purpose, challenge)
        if row is None or row.consumed_at is not None:
            return None
        if row.expires_at <= self.challenges.clock():
            return None
        return row

    async def register(
        self,
        principal: Principal,
        credential_json: str,
        name: str | None,
        proof: EnrolmentProof,
    ) -> WebAuthnCredential:
        friendly_name = _name(name)
        try:
            parsed = parse_credential(credential_json)
        except CeremonyFailed as exc:
            raise BadUserInput(_REGISTER_FAILED) from exc
        row = await self._open_challenge(REGISTER, parsed.challenge)
        owner = (principal.user_id, principal.session_id)
        if row is None or (row.user_id, row.session_id) != owner:
            raise BadUserInput(_REGISTER_FAILED)
        try:
            key = self.rp.verify_registration(credential_json, row.nonce)
        except CeremonyFailed as exc:
            raise BadUserInput(_REGISTER_FAILED) from exc
        await self._check_proof(principal, proof)
        if not await self.challenges.consume(row.id):
            raise BadUserInput(_REGISTER_FAILED)
        transports = ",".join(t for t in parsed.transports if t)[:255]
        credential = WebAuthnCredential(
            user_id=principal.user_id,
            credential_id=key.credential_id,
            public_key=key.public_key,
            sign_count=key.sign_count,
            transports=transports,
            friendly_name=friendly_name,
            created_at=self.challenges.clock(),
        )
        async with self.credentials.db.session() as session:
            session.add(credential)
            try:
                await session.commit()
            except IntegrityError as exc:
                raise Conflict("this passkey is already registered") from exc
        return credential

    # --- passwordless login ---------------------------------------------------------------

    async def login_options(self) -> str:
        row = await self.challenges.issue(LOGIN)
        return self.rp.authentication_options(challenge=row.nonce)

    async def login(self, credential_json: str, user_agent: str | None) -> IssuedSession:
        try:
            parsed = parse_credential(credential_json)
        except CeremonyFailed as exc:
            raise Unauthenticated(_LOGIN_FAILED) from exc
        row = await self._open_challenge(LOGIN, parsed.challenge)
        credential = await self.credentials.by_credential_id(parsed.raw_id)
        if row is None or credential is None or credential.clone_suspected_at is not None:
            raise Unauthenticated(_LOGIN_FAILED)
        if parsed.user_handle is not None and parsed.user_handle != credential.user_id.encode():
            raise Unauthenticated(_LOGIN_FAILED)
        try:
            verified = self.rp.verify_assertion(
                credential_json, challenge=row.nonce, public_key=credential.public_key
            )
        except CeremonyFailed as exc:
            raise Unauthenticated(_LOGIN_FAILED) from exc
        now = self.challenges.clock()
        if sign_count_rolled_back(credential.sign_count, verified.new_sign_count):
            await self.credentials.flag_clone(credential.id, now)
            raise Unauthenticated("this passkey may have been copied and is now disabled")
        if not await self.challenges.consume(row.id):
            raise Unauthenticated(_LOGIN_FAILED)
        await self.credentials.record_use(credential.id, verified.new_sign_count, now)
        user = await self.accounts.get_user(credential.user_id)
        return await self.accounts.start_session(user, user_agent)

    # --- management -----------------------------------------------------------------------

    async def of_user(self, principal: Principal) -> list[WebAuthnCredential]:
        return await self.credentials.of_user(principal.user_id)

    async def _own(self, principal: Principal, passkey_id: str) -> WebAuthnCredential:
        async with self.credentials.db.session() as session:
            row = await session.get(WebAuthnCredential, passkey_id)
        if row is None or row.user_id != principal.user_id:
            raise NotFound("no such passkey", field="id")
        return row

    async def rename(self, principal: Principal, passkey_id: str, name: str) -> WebAuthnCredential:
        row = await self._own(principal, passkey_id)
        row.friendly_name = _name(name)
        async with self.credentials.db.session() as session:
            session.add(row)
            await session.commit()
        return row

    async def remove(self, principal: Principal, passkey_id: str, step_up: str | None) -> None:
        """Step-up guarded. The last passkey goes only while unused recovery codes exist."""
        await self._own(principal, passkey_id)
        remaining = await self.credentials.of_user(principal.user_id)
        if len(remaining) <= 1 and await self.recovery.unused_count(principal.user_id) == 0:
            raise Conflict(
                "this is your last passkey: generate recovery codes before removing it",
                reason="LAST_PASSKEY",
            )
        action = {"kind": "removePasskey", "passkeyId": passkey_id}
        await self.guard.verify(principal, action, step_up)
        async with self.credentials.db.session() as session:
            row = await session.get(WebAuthnCredential, passkey_id)
            if row is not None:
                await session.delete(row)
                await session.commit()

    async def generate_recovery_codes(self, principal: Principal, step_up: str | None) -> list[str]:
        """Step-up guarded (needs a passkey); replaces any earlier codes. Shown once."""
        if not await self.credentials.usable_of_user(principal.user_id):
            raise StepUpRequired("add a passkey before generating recovery codes", enroll=True)
        await self.guard.verify(principal, {"kind": "generateRecoveryCodes"}, step_up)
        return await self.recovery.replace_all(principal.user_id, self.challenges.clock())
