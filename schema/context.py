"""Per-request (or per-websocket-connection) context and the auth checks resolvers use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from api.container import Services
from api.errors import Forbidden, Unauthenticated
from api.services.accounts import Principal


@dataclass
class Context:
    services: Services
    request: Request | WebSocket
    response: Response | WebSocket | None
    principal: Principal | None = None
    # Why the presented token was refused; raised only when a field needs a user.
    auth_error: Unauthenticated | None = None
    connection_params: dict[str, Any] | None = None

    def require_user(self) -> Principal:
        """A full session's principal; a read-only widget token is refused (FORBIDDEN)."""
        principal = self.require_widget_reader()
        if principal.scope != "full":
            raise Forbidden("a widget token can only read widget snapshots")
        return principal

    def require_widget_reader(self) -> Principal:
        """Any signed-in principal, including a widget token: for widgetSnapshot only."""
        if self.principal is not None:
            return self.principal
        raise self.auth_error or Unauthenticated("log in first: this needs a session token")


Info = StrawberryInfo[Context, None]


def bearer_token(value: object) -> str | None:
    """The token from 'Bearer <token>' (or a bare token); None when absent."""
    if not isinstance(value, str) or not value.strip():
        return None
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if scheme.lower() == "bearer" and rest else value.strip()
