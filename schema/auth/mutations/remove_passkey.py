from __future__ import annotations

import strawberry

from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.context import Info


async def remove_passkey(
    info: Info, id: strawberry.ID, step_up: StepUpAssertionInput | None = None
) -> bool:
    """Step-up guarded (kind removePasskey, passkeyId). The last passkey can be removed only
    while unused recovery codes exist (CONFLICT otherwise)."""
    principal = info.context.require_user()
    await info.context.services.passkeys.remove(principal, str(id), assertion_of(step_up))
    return True
