from __future__ import annotations

from schema.auth.types import RecoveryCodes, StepUpAssertionInput, assertion_of
from schema.context import Info


async def generate_recovery_codes(
    info: Info, step_up: StepUpAssertionInput | None = None
) -> RecoveryCodes:
    """Step-up guarded (kind generateRecoveryCodes). Replaces earlier codes; shown once."""
    principal = info.context.require_user()
    codes = await info.context.services.passkeys.generate_recovery_codes(
        principal, assertion_of(step_up)
    )
    return RecoveryCodes(codes=codes)
