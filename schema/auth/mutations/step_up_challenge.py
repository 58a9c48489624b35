from __future__ import annotations

from schema.auth.types import ActionInput, StepUpChallenge
from schema.context import Info


async def step_up_challenge(info: Info, action: ActionInput) -> StepUpChallenge:
    """Start a step-up for exactly this action (valid 120 s, this session only)."""
    principal = info.context.require_user()
    issued = await info.context.services.step_up.challenge(principal, action.to_action())
    return StepUpChallenge(
        options_json=issued.options_json, summary=issued.summary, expires_at=issued.expires_at
    )
