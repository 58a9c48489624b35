"""GET /avatars/{handle} : the uploaded avatar of an opted-in public profile.

Public (profiles are public), so no token. The bytes are the stored, normalised image; the ETag
is its content hash, which is also the `?v=` of the profile's avatarUrl: a request for the
current version may be cached for good, any other for a minute. No profile or no avatar: 404.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

# The URL carries the content hash: a new avatar gets a new URL, so the old one may be kept.
CACHE_VERSIONED = "public, max-age=31536000, immutable"
CACHE_UNVERSIONED = "public, max-age=60"


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in tags or etag in tags


async def avatar(request: Request) -> Response:
    services = request.app.state.services
    row = await services.profiles.avatar(request.path_params["handle"])
    if row is None:
        return JSONResponse(
            {"error": {"code": "NOT_FOUND", "message": "no such avatar"}},
            404,
            headers={"Cache-Control": "no-store"},
        )
    etag = f'"{row.version}"'
    versioned = request.query_params.get("v") == row.version
    headers = {
        "ETag": etag,
        "Cache-Control": CACHE_VERSIONED if versioned else CACHE_UNVERSIONED,
        "X-Content-Type-Options": "nosniff",
    }
    if _etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(bytes(row.content), media_type=row.media_type, headers=headers)


def avatar_routes() -> list[Route]:
    return [Route("/avatars/{handle}", avatar, methods=["GET", "HEAD"])]
