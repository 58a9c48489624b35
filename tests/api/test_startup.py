"""Start-up, restart and failure behaviour of the service as a whole."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.bus import BusUnavailable
from api.container import start_services
from api.db.database import DatabaseUnavailable
from api.settings import Settings
from tests.conftest import GraphQLClient


async def test_unreachable_postgresql_fails_naming_the_url(
    settings: Settings, free_port: int
) -> None:
    url = f"postgresql+asyncpg://co:hunter2@127.0.0.1:{free_port}/co"
    with pytest.raises(DatabaseUnavailable) as failed:
        await start_services(settings.model_copy(update={"database_url": url}))
    assert f"127.0.0.1:{free_port}/co" in str(failed.value)
    assert "hunter2" not in str(failed.value)


async def test_unreachable_redis_fails_naming_the_url(settings: Settings, free_port: int) -> None:
    url = f"redis://127.0.0.1:{free_port}/0"
    with pytest.raises(BusUnavailable) as failed:
        await start_services(settings.model_copy(update={"redis_url": url}))
    assert f"127.0.0.1:{free_port}" in str(failed.value)


def test_cli_serve_exits_non_zero_with_a_clear_message(tmp_path: Path, free_port: int) -> None:
    env = {
        **os.environ,
        "CO_VAR_DIR": str(tmp_path),
        "CO_DATABASE_URL": f"postgresql+asyncpg://co@127.0.0.1:{free_port}/co",
    }
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "serve", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert f"database not reachable at postgresql+asyncpg://co@127.0.0.1:{free_port}/co" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


async def test_users_accounts_and_balances_survive_a_restart(settings: Settings) -> None:
    async def session(run: int) -> list[dict[str, str]]:
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                gql = GraphQLClient(http)
                if run == 0:
                    await gql.register("keep@example.com", "persistent password")
                login = await gql.data(
                    'mutation { login(email: "keep@example.com", '
                    'password: "persistent password") { token } }'
                )
                data = await gql.data(
                    "{ balances { accountId currency total } }", token=login["login"]["token"]
                )
                balances: list[dict[str, str]] = data["balances"]
                return balances

    before = await session(0)
    after = await session(1)
    assert after == before
    assert Decimal(next(b["total"] for b in after if b["currency"] == "USDT")) == 10000


async def test_demo_data_is_seeded_once(settings: Settings) -> None:
    demo_settings = settings.model_copy(update={"demo_data": True})
    for _ in range(2):
        services = await start_services(demo_settings, run_workers=False)
        try:
            from api.services.demo import DEMO_EMAIL, DEMO_PASSWORD

            issued = await services.accounts.login(DEMO_EMAIL, DEMO_PASSWORD)
            balances = await services.portfolio.balances(issued.user.id)
        finally:
            await services.close()
        assert issued.user.is_demo
        by_currency = {b.currency: b.total for b in balances}
        assert by_currency["USDT"] == Decimal("100000")
        assert by_currency["BTC"] == Decimal("1.5")
        assert len(balances) == 4  # one account: a second start did not add another


async def test_healthz_reports_database_bus_and_market(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["bus"]["ok"] is True
    assert body["market"]["venue"] == "sim"


async def test_cors_allows_the_app_web_origin_only(client: httpx.AsyncClient) -> None:
    def preflight(origin: str) -> dict[str, str]:
        return {
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        }

    allowed = await client.options("/graphql", headers=preflight("http://localhost:8081"))
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:8081"
    refused = await client.options("/graphql", headers=preflight("https://evil.example"))
    assert "access-control-allow-origin" not in refused.headers
