"""Strawberry's ASGI view with our context and graphql-transport-ws authentication."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from api.container import Services
from api.errors import Unauthenticated
from schema.broadcast import Broadcasts, BroadcastTransportWSHandler, Encoded
from schema.context import Context, bearer_token
from schema.shared_results import encode_message


class GraphQLView(GraphQL[Context, None]):
    """Reads the running Services from `app.state.services` (set by the app's lifespan).

    Snapshot subscriptions (an order book at one depth) are served by broadcast groups, one
    stream per identical subscription (schema/broadcast.py); the rest run per subscriber."""

    graphql_transport_ws_handler_class = BroadcastTransportWSHandler

    def __init__(self, schema: Any) -> None:
        self.broadcasts = Broadcasts()
        super().__init__(
            schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            keep_alive=True,
            keep_alive_interval=15,
        )

    def encode_json(self, data: object) -> str | bytes:
        if isinstance(data, Encoded):
            return data.text  # a broadcast frame, encoded once for every subscriber
        # A frame every subscriber shares is encoded once (see schema/shared_results.py).
        if isinstance(data, Mapping) and (shared := encode_message(data)) is not None:
            return shared
        return super().encode_json(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        services: Services = request.app.state.services
        context = Context(services=services, request=request, response=response)
        if isinstance(request, Request):
            await self._authenticate(context, request.headers.get("authorization"))
        return context

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        token = params.get("authorization") or params.get("Authorization") or params.get("token")
        await self._authenticate(context, token)
        if context.auth_error is not None:
            raise ConnectionRejectionError({"code": context.auth_error.code})
        if context.principal is not None and context.principal.scope != "full":
            raise ConnectionRejectionError({"code": "FORBIDDEN"})  # widget tokens: no streams
        return UNSET

    async def _authenticate(self, context: Context, header: object) -> None:
        token = bearer_token(header)
        if token is None:
            return
        try:
            context.principal = await context.services.accounts.authenticate(token)
        except Unauthenticated as exc:
            context.auth_error = exc
