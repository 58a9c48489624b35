from __future__ import annotations

from api.services.passkeys import EnrolmentProof
from schema.auth.types import Passkey, RegisterPasskeyInput, assertion_of
from schema.context import Info


async def register_passkey(info: Info, input: RegisterPasskeyInput) -> Passkey:
    """Add a passkey. The first needs the password, later ones a step-up with an existing
    passkey (kind registerPasskey); a recovery code works instead of either."""
    principal = info.context.require_user()
    proof = EnrolmentProof(
        password=input.password,
        recovery_code=input.recovery_code,
        step_up=assertion_of(input.step_up),
    )
    row = await info.context.services.passkeys.register(
        principal, input.credential, input.name, proof
    )
    return Passkey.of(row)
