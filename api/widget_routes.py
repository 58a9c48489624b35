"""GET /widgets/{kind}?size= : a widget snapshot for a widget (or full) bearer token.

Served from the precomputed snapshot in memory: the bytes, their strong ETag, and 304 when the
widget already has them. Errors are small JSON bodies that never say whether a user exists.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.errors import ApiError, BadUserInput, Unauthenticated
from api.services.widget_tokens import require_reader

# Short: widgets poll rarely and a stale snapshot is harmless; "private": per-user data.
CACHE_CONTROL = "private, max-age=30"


def _error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status, headers=headers)


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def widget_snapshot(request: Request) -> Response:
    services = request.app.state.services
    token = _bearer(request.headers.get("authorization"))
    if token is None:
        return _error(
            401,
            "UNAUTHENTICATED",
            "send 'Authorization: Bearer <widget token>'",
            **{"WWW-Authenticate": "Bearer"},
        )
    try:
        principal = await services.widget_tokens.authenticate(token)
        require_reader(principal)
    except Unauthenticated:
        return _error(
            401,
            "UNAUTHENTICATED",
            "token is not valid",
            **{"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    except ApiError as exc:
        return _error(403, exc.code, exc.message)
    try:
        snapshot = await services.widgets.snapshot(
            principal.user_id,
            request.path_params["kind"],
            request.query_params.get("size", "medium"),
        )
    except BadUserInput as exc:
        return _error(404, "NOT_FOUND", exc.message)
    headers = {"ETag": snapshot.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Authorization"}
    if snapshot.matches(request.headers.get("if-none-match")):
        return Response(status_code=304, headers=headers)
    return Response(snapshot.body, media_type="application/json", headers=headers)


def widget_routes() -> list[Route]:
    return [Route("/widgets/{kind}", widget_snapshot, methods=["GET"])]
