"""Errors of notification actions (GraphQL `extensions.code`)."""

from __future__ import annotations

from api.errors import ApiError


class ActionTokenExpired(ApiError):
    code = "ACTION_TOKEN_EXPIRED"


class ActionTokenUsed(ApiError):
    code = "ACTION_TOKEN_USED"


class UnknownActionKind(ApiError):
    """A token whose kind has no handler in this deployment (e.g. bots not wired)."""

    code = "ACTION_NOT_SUPPORTED"
