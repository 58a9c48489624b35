"""A loopback stand-in for Firebase Cloud Messaging (HTTP v1) and Google's OAuth token endpoint.

Starlette on uvicorn on 127.0.0.1 (a free port). Real firebase-admin talks to it:
- the service-account JSON from `service_account()` has a throwaway RSA key and a `token_uri`
  pointing here; `/token` checks the JWT-bearer assertion's RS256 signature with that key and
  hands out an access token;
- `FCM_URL` is what `firebase_admin.messaging._MessagingService.FCM_URL` is set to (before the
  firebase app is created) so `messages:send` lands here. Each body is recorded in `sent`.

Errors on demand, in FCM's real JSON: `unregister(token)` (404 UNREGISTERED from then on),
`fail_next(token, "UNAVAILABLE" | "INTERNAL" | "QUOTA_EXCEEDED" | "INVALID_TOKEN", times)`.
"""

from __future__ import annotations

import base64
import itertools
import json
import secrets
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qsl

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support.loopback_server import LoopbackServer

FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"

# error kind -> (HTTP status, canonical status, FCM error code, message)
ERRORS: dict[str, tuple[int, str, str, str]] = {
    "UNREGISTERED": (404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."),
    "UNAVAILABLE": (503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."),
    "INTERNAL": (500, "INTERNAL", "INTERNAL", "Internal error encountered."),
    "QUOTA_EXCEEDED": (
        429,
        "RESOURCE_EXHAUSTED",
        "QUOTA_EXCEEDED",
        "Quota exceeded for quota metric 'Send requests' of service 'fcm.googleapis.com'.",
    ),
    "INVALID_TOKEN": (
        400,
        "INVALID_ARGUMENT",
        "INVALID_ARGUMENT",
        "The registration token is not a valid FCM registration token",
    ),
}


def _b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def error_body(kind: str) -> tuple[int, dict[str, Any]]:
    status, canonical, fcm_code, message = ERRORS[kind]
    details: list[dict[str, Any]] = [{"@type": FCM_ERROR, "errorCode": fcm_code}]
    if kind == "INVALID_TOKEN":
        details.append(
            {
                "@type": BAD_REQUEST,
                "fieldViolations": [{"field": "message.token", "description": message}],
            }
        )
    return status, {
        "error": {"code": status, "message": message, "status": canonical, "details": details}
    }


@dataclass(frozen=True)
class SentMessage:
    project: str
    body: dict[str, Any]

    @property
    def token(self) -> str:
        token: str = self.body["message"]["token"]
        return token


@cache
def _shared_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FcmStandin:
    """`await start()`; then `service_account(project)` and `fcm_url`; `await stop()`.

    The throwaway RSA key is made once per test process; `own_key=True` makes a new one."""

    def __init__(self, *, own_key: bool = False) -> None:
        self._key = (
            rsa.generate_private_key(public_exponent=65537, key_size=2048)
            if own_key
            else _shared_key()
        )
        self.key_id = secrets.token_hex(8)
        self.client_email = "push@co-test.iam.gserviceaccount.com"
        self.access_tokens: set[str] = set()
        self.sent: list[SentMessage] = []  # accepted sends
        self.requests: list[SentMessage] = []  # every send request, answered or refused
        self.token_requests = 0
        self.unregistered: set[str] = set()
        self._failures: dict[str, list[str]] = defaultdict(list)
        self._ids = itertools.count(1)
        self._server: LoopbackServer | None = None
        self.port = 0

    # -- what tests use ---------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def fcm_url(self) -> str:
        """A value for `_MessagingService.FCM_URL` (`{0}` is the project id)."""
        return self.base_url + "/v1/projects/{0}/messages:send"

    def service_account(self, project_id: str = "co-test") -> dict[str, str]:
        pem = self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return {
            "type": "service_account",
            "project_id": project_id,
            "private_key_id": self.key_id,
            "private_key": pem,
            "client_email": self.client_email,
            "client_id": "1000000000000",
            "auth_uri": f"{self.base_url}/auth",
            "token_uri": f"{self.base_url}/token",
        }

    def unregister(self, token: str) -> None:
        self.unregistered.add(token)

    def fail_next(self, token: str, kind: str, times: int = 1) -> None:
        if kind not in ERRORS:
            raise ValueError(f"unknown FCM error kind {kind!r}")
        self._failures[token] += [kind] * times

    def bodies_for(self, token: str) -> list[dict[str, Any]]:
        return [m.body for m in self.sent if m.token == token]

    # -- lifecycle --------------------------------------------------------------------------
    async def start(self) -> None:
        app = Starlette(
            routes=[
                Route("/token", self._token, methods=["POST"]),
                Route("/v1/projects/{project}/messages:send", self._send, methods=["POST"]),
            ]
        )
        self._server = LoopbackServer(app, access_log=False)
        await self._server.start()
        self.port = self._server.port

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.stop()

    # -- endpoints --------------------------------------------------------------------------
    async def _token(self, request: Request) -> JSONResponse:
        form = dict(parse_qsl((await request.body()).decode()))
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        claims = self._verified_claims(str(form.get("assertion", "")))
        if claims is None or claims.get("iss") != self.client_email:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        self.token_requests += 1
        token = "ya29.standin-" + secrets.token_urlsafe(16)
        self.access_tokens.add(token)
        return JSONResponse({"access_token": token, "expires_in": 3600, "token_type": "Bearer"})

    def _verified_claims(self, assertion: str) -> dict[str, Any] | None:
        try:
            header, payload, signature = assertion.split(".")
            self._key.public_key().verify(
                _b64url_decode(signature),
                f"{header}.{payload}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
            claims: dict[str, Any] = json.loads(_b64url_decode(payload))
        except (ValueError, InvalidSignature):
            return None
        return claims

    async def _send(self, request: Request) -> JSONResponse:
        auth = request.headers.get("authorization", "")
        if auth.removeprefix("Bearer ") not in self.access_tokens:
            return JSONResponse(
                {"error": {"code": 401, "message": "unauthenticated", "status": "UNAUTHENTICATED"}},
                status_code=401,
            )
        project = request.path_params["project"]
        record = SentMessage(project, await request.json())
        self.requests.append(record)
        token = record.token
        kind = None
        if self._failures.get(token):
            kind = self._failures[token].pop(0)
        elif token in self.unregistered:
            kind = "UNREGISTERED"
        if kind is not None:
            status, body = error_body(kind)
            return JSONResponse(body, status_code=status)
        self.sent.append(record)
        return JSONResponse({"name": f"projects/{project}/messages/{next(self._ids)}"})
