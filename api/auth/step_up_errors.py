"""Errors of the passkey step-up protocol; each reaches clients as GraphQL `extensions.code`."""

from __future__ import annotations

from api.errors import ApiError


class StepUpRequired(ApiError):
    """No assertion was sent (details: enroll=True when the user has no passkey yet)."""

    code = "STEP_UP_REQUIRED"


class StepUpInvalid(ApiError):
    code = "STEP_UP_INVALID"


class StepUpExpired(ApiError):
    code = "STEP_UP_EXPIRED"


class StepUpMismatch(ApiError):
    code = "STEP_UP_MISMATCH"


class StepUpReplayed(ApiError):
    code = "STEP_UP_REPLAYED"


class StepUpGrantExceeded(ApiError):
    """No assertion was sent and no live trading grant covers this order."""

    code = "STEP_UP_GRANT_EXCEEDED"
