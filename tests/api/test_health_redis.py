"""Redis lost while the service runs: health says degraded, subscribers resume when it returns."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from api.app import create_app
from api.settings import Settings
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually
from tests.support.redis_server import RedisServerProcess

TICKER = 'subscription { ticker(symbols: ["BTC/USDT"], maxRate: 50) { symbol timestamp } }'


async def test_redis_outage_degrades_health_and_subscribers_resume(
    settings: Settings, redis_server: RedisServerProcess
) -> None:
    app: Starlette = create_app(settings.model_copy(update={"redis_url": redis_server.url}))
    async with app.router.lifespan_context(app):
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")

        async def status() -> tuple[int, str]:
            response = await http.get("/healthz")
            return response.status_code, response.json()["status"]

        async def degraded() -> bool:
            return await status() == (503, "degraded")

        async def healthy() -> bool:
            return await status() == (200, "ok")

        async with http, graphql_ws(app) as ws:
            await ws.send_json({"id": "t", "type": "subscribe", "payload": {"query": TICKER}})
            await next_of(ws, "t")  # current state
            await next_of(ws, "t")  # a live update through Redis

            await redis_server.kill()
            await eventually(degraded)
            body = (await http.get("/healthz")).json()
            assert body["bus"] == {"ok": False, "backend": "redis", "detail": body["bus"]["detail"]}
            assert "degraded" in body["bus"]["detail"]
            assert (
                await http.post("/graphql", json={"query": "{ timeframes }"})
            ).status_code == 200

            await redis_server.start()
            await eventually(healthy)
            seen_after = (await next_of(ws, "t"))["payload"]["data"]["ticker"]["timestamp"]
            newer = (await next_of(ws, "t"))["payload"]["data"]["ticker"]["timestamp"]
            assert newer > seen_after
