"""The step-up guard: every guarded mutation calls `StepUpGuard.verify` before it acts.

Protocol (docs/SECURITY.md): `challenge()` canonicalises the action and stores a random nonce
with SHA-256(canonical action) for this user and session; the authenticator signs
nonce || digest; `verify()` recomputes the digest from the action the mutation is about to
perform, checks the assertion with py_webauthn and consumes the challenge with one conditional
UPDATE, so one assertion authorises exactly one action, once.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from datetime import datetime

from api.auth.actions import Action, action_digest, summarise_action
from api.auth.step_up_errors import (
    StepUpExpired,
    StepUpInvalid,
    StepUpMismatch,
    StepUpReplayed,
    StepUpRequired,
)
from api.auth.webauthn import (
    CeremonyFailed,
    RelyingParty,
    parse_credential,
    sign_count_rolled_back,
)
from api.services.accounts import Principal
from api.services.action_labels import ActionLabels
from api.services.challenges import NONCE_BYTES, ChallengeStore
from api.services.credentials import CredentialStore

log = logging.getLogger(__name__)

PURPOSE = "step_up"
SIM_VENUE = "sim"
_INVALID = "the passkey confirmation did not verify: ask for a new challenge and try again"


@dataclass(frozen=True)
class StepUpChallenge:
    options_json: str  # PublicKeyCredentialRequestOptions for navigator.credentials.get
    summary: str
    expires_at: datetime
    challenge_id: str


@dataclass(frozen=True)
class StepUpProof:
    """Returned by a successful verify: which challenge and passkey authorised the action."""

    challenge_id: str
    credential_row_id: str
    action_digest: bytes


# The scope of the principal an armed alert acts as (api/services/alerts/actions.py).
ARMED_ALERT_SCOPE = "alert"


class StepUpGuard:
    def __init__(
        self,
        rp: RelyingParty,
        challenges: ChallengeStore,
        credentials: CredentialStore,
        *,
        paper_trading_needs_step_up: bool = True,
    ) -> None:
        self.rp = rp
        self.challenges = challenges
        self.credentials = credentials
        self.paper_trading_needs_step_up = paper_trading_needs_step_up
        # Names for the ids in an action's summary (set by the composition root).
        self.labels: ActionLabels | None = None

    def required(self, action: Action) -> bool:
        """Policy: every guarded action needs a step-up, except actions on the simulated venue
        when CO_STEP_UP_PAPER_TRADING is off (demos). Live venues always need one."""
        action_digest(action)  # validates the kind and fields
        return self.paper_trading_needs_step_up or action.get("venue") != SIM_VENUE

    async def verify_if_required(
        self, principal: Principal, action: Action, assertion: str | None
    ) -> StepUpProof | None:
        """What a guarded mutation calls before it acts (None: policy waived it, or the caller
        is an alert acting on the action it was armed with)."""
        if principal.scope == ARMED_ALERT_SCOPE:
            # Only built in-process for an alert whose exact action was approved with a step-up
            # at creation (createTradingAlert); no token ever resolves to this scope.
            return None
        if not self.required(action):
            return None
        return await self.verify(principal, action, assertion)

    async def _require_passkeys(self, user_id: str) -> list[tuple[bytes, list[str]]]:
        usable = await self.credentials.usable_of_user(user_id)
        if not usable:
            raise StepUpRequired(
                "this action needs a passkey confirmation: add a passkey first", enroll=True
            )
        return [(c.credential_id, [t for t in c.transports.split(",") if t]) for c in usable]

    async def challenge(self, principal: Principal, action: Action) -> StepUpChallenge:
        digest = action_digest(action)
        allow = await self._require_passkeys(principal.user_id)
        row = await self.challenges.issue(
            PURPOSE,
            user_id=principal.user_id,
            session_id=principal.session_id,
            action_kind=str(action["kind"]),
            action_digest=digest,
        )
        options = self.rp.authentication_options(challenge=row.nonce + digest, allow=allow)
        labels = await self.labels.of(principal.user_id, action) if self.labels else None
        return StepUpChallenge(options, summarise_action(action, labels), row.expires_at, row.id)

    async def verify(
        self, principal: Principal, action: Action, assertion: str | None
    ) -> StepUpProof:
        """Raise a StepUp* error unless `assertion` (the credential JSON from
        navigator.credentials.get) approves exactly `action` for this user and session, now.
        On success the challenge is consumed; on any failure nothing is changed (except that a
        signed counter rollback flags the passkey as possibly cloned)."""
        digest = action_digest(action)
        if not assertion:
            await self._require_passkeys(principal.user_id)
            raise StepUpRequired(
                "this action needs a passkey confirmation: call stepUpChallenge, confirm with"
                " your passkey and send the result as stepUp"
            )
        try:
            parsed = parse_credential(assertion)
        except CeremonyFailed as exc:
            raise StepUpInvalid(_INVALID) from exc
        nonce, signed_digest = parsed.challenge[:NONCE_BYTES], parsed.challenge[NONCE_BYTES:]
        row = await self.challenges.find(PURPOSE, nonce)
        if (
            row is None
            or row.user_id != principal.user_id
            or row.session_id != principal.session_id
            or row.action_digest is None
        ):
            raise StepUpInvalid(_INVALID)
        if row.consumed_at is not None:
            raise StepUpReplayed("this confirmation was already used: confirm the action again")
        if row.expires_at <= self.challenges.clock():
            raise StepUpExpired("the confirmation expired: ask for a new challenge")
        if not hmac.compare_digest(row.action_digest, digest) or not hmac.compare_digest(
            signed_digest, digest
        ):
            raise StepUpMismatch(
                "the confirmed action differs from the one requested: confirm this exact action"
            )
        credential = await self.credentials.by_credential_id(parsed.raw_id)
        if (
            credential is None
            or credential.user_id != principal.user_id
            or credential.clone_suspected_at is not None
        ):
            raise StepUpInvalid(_INVALID)
        try:
            verified = self.rp.verify_assertion(
                assertion, challenge=row.nonce + digest, public_key=credential.public_key
            )
        except CeremonyFailed as exc:
            log.info("step-up assertion refused: %s", exc)
            raise StepUpInvalid(_INVALID) from exc
        now = self.challenges.clock()
        if sign_count_rolled_back(credential.sign_count, verified.new_sign_count):
            await self.credentials.flag_clone(credential.id, now)
            log.warning("passkey %s counter went backwards: flagged as cloned", credential.id)
            raise StepUpInvalid(
                "this passkey may have been copied and is now disabled: use another passkey"
            )
        if not await self.challenges.consume(row.id):
            current = await self.challenges.get(row.id)
            if current is not None and current.consumed_at is None:
                raise StepUpExpired("the confirmation expired: ask for a new challenge")
            raise StepUpReplayed("this confirmation was already used: confirm the action again")
        await self.credentials.record_use(credential.id, verified.new_sign_count, now)
        return StepUpProof(row.id, credential.id, digest)
