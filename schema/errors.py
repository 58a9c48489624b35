"""Every error a client sees carries `extensions.code`; unexpected ones are masked and logged."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from api.errors import ApiError
from engine.exchanges.errors import ExchangeError

log = logging.getLogger("cryptoorchestrator.graphql")

INTERNAL_MESSAGE = "Internal server error"


def _with_code(error: GraphQLError, message: str, code: str, **extra: object) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**extra, "code": code},
    )


def coded_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ApiError):
        return _with_code(error, original.message, original.code, **original.details)
    if isinstance(original, ExchangeError):
        return _with_code(error, str(original), original.code)
    if isinstance(original, GraphQLError):
        # A variable that does not coerce to its input type (unknown field, "NaN" decimal, ...):
        # graphql-core wraps the coercion error; it is the client's input, not our failure.
        inner = original.original_error
        if isinstance(inner, ApiError):
            return _with_code(error, error.message, inner.code, **inner.details)
        return _with_code(error, error.message, "BAD_USER_INPUT")
    if original is None:
        if error.extensions and "code" in error.extensions:
            return error
        code = (
            "GRAPHQL_PARSE_FAILED"
            if error.message.startswith("Syntax Error")
            else "GRAPHQL_VALIDATION_FAILED"
        )
        return _with_code(error, error.message, code)
    log.error("unexpected error in %s", error.path, exc_info=original)
    return _with_code(error, INTERNAL_MESSAGE, "INTERNAL_SERVER_ERROR")


class ErrorCodes(MaskErrors):
    """MaskErrors that keeps our own errors' messages and codes and hides everything else."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [coded_error(error) for error in errors]
