"""The app's web build is served at "/" next to the API, with client-side routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import Settings

INDEX = "<!doctype html><title>CryptoOrchestrator</title><div id=root></div>"


@pytest.fixture
async def web_client(settings: Settings, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    build = tmp_path / "dist"
    (build / "_expo" / "static" / "js").mkdir(parents=True)
    (build / "index.html").write_text(INDEX)
    (build / "_expo" / "static" / "js" / "entry.js").write_text("console.log('app')")
    app = create_app(settings.model_copy(update={"web_app_dir": build}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield http


async def test_app_pages_and_client_routes_get_the_app(web_client: httpx.AsyncClient) -> None:
    for path in ("/", "/market/BTC-USDT", "/account"):
        response = await web_client.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX


async def test_assets_are_served_and_missing_assets_are_404(web_client: httpx.AsyncClient) -> None:
    asset = await web_client.get("/_expo/static/js/entry.js")
    assert asset.status_code == 200
    assert asset.text == "console.log('app')"
    assert (await web_client.get("/_expo/static/js/missing.js")).status_code == 404


async def test_api_routes_still_answer_beside_the_app(web_client: httpx.AsyncClient) -> None:
    assert (await web_client.get("/healthz")).json()["status"] == "ok"
    body = (await web_client.post("/graphql", json={"query": "{ timeframes }"})).json()
    assert body["data"]["timeframes"][0] == "1m"


async def test_without_a_web_build_root_points_to_graphiql(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 307
    assert response.headers["location"] == "/graphql"
