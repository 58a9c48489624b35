"""create_app(settings) -> Starlette: the composition root (routes, middleware, lifespan).

This module and api/cli.py are the only places in api/ that import schema/: they mount it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute

from api.avatar_routes import avatar_routes
from api.container import start_services
from api.settings import Settings
from api.web_app import SinglePageApp, has_web_build
from api.widget_routes import widget_routes
from schema import build_schema
from schema.socket_transport import RecordWebSocketTransport
from schema.view import GraphQLView


def create_app(settings: Settings | None = None, *, run_workers: bool = True) -> Starlette:
    settings = settings or Settings()
    graphql = GraphQLView(
        build_schema(
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_tokens=settings.graphql_max_tokens,
        )
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        started = time.perf_counter()
        services = await start_services(settings, run_workers=run_workers)
        app.state.services = services
        app.state.startup_seconds = time.perf_counter() - started
        if getattr(app.state, "freeze_heap", False):
            # Everything built so far lives as long as the server: keep it out of the cyclic
            # collector, whose full passes over it stalled streams (p99 of the book fan-out).
            gc.collect()
            gc.freeze()
        banner = getattr(app.state, "banner", None)
        if banner:
            print(f"{banner}  Started in {app.state.startup_seconds:.2f} s\n", flush=True)
        try:
            yield
        finally:
            await services.close()

    async def healthz(request: Request) -> Response:
        services = request.app.state.services
        db_ok = await services.db.healthy()
        bus = await services.bus.health()
        body = {
            "status": "ok" if db_ok and bus.ok else "degraded",
            "database": {"ok": db_ok, "backend": services.db.dialect},
            "bus": {"ok": bus.ok, "backend": bus.backend, "detail": bus.detail},
            "market": {"venue": "sim", "steps": services.feed.steps},
        }
        return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)

    async def home(_: Request) -> Response:
        return RedirectResponse("/graphql")

    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        *widget_routes(),
        *avatar_routes(),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    web_build = settings.web_app_dir
    if web_build is not None and has_web_build(web_build):
        routes.append(Mount("/", SinglePageApp(web_build), name="app"))
    else:
        routes.append(Route("/", home))

    return Starlette(
        routes=routes,
        middleware=[
            Middleware(RecordWebSocketTransport),  # first: sees the server's own `send`
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=600,
            ),
        ],
        lifespan=lifespan,
    )
