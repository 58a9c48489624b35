"""`portfolio` query throughput: our GraphQL API vs a bare Starlette JSON route.

Both servers run under uvicorn (one worker each, in their own process, on loopback); the same
client load (N concurrent keep-alive connections for T seconds, from this process) hits:

* ours: `POST /graphql` with the `portfolio` query for the demo user (auth, GraphQL parse +
  validate + limits, resolvers, valuation from the live sim venue, JSON);
* bare: a Starlette route that returns the bytes ours answered once — the floor any Python
  HTTP service has to pay for the same response.

    python bench/graphql_query.py                 # 10 s per side, 32 connections
    python bench/graphql_query.py --quick         # tests
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from loopback import free_port, wait_up

ROOT = Path(__file__).resolve().parents[1]
QUERY = (
    "{ portfolio { quote totalValue dayChange realisedPnl unrealisedPnl "
    "holdings { currency total price value } positions { symbol qty avgCost mark unrealisedPnl } "
    "} }"
)
DEMO_EMAIL = "demo@cryptoorchestrator.dev"
DEMO_PASSWORD = "demo-trader-2026"


def serve_bare(port: int, body_file: str) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    body = Path(body_file).read_bytes()

    async def portfolio(request: Request) -> Response:
        await request.body()
        return Response(body, media_type="application/json")

    app = Starlette(routes=[Route("/graphql", portfolio, methods=["POST"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )


async def login(base: str) -> str:
    mutation = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{base}/graphql",
            json={"query": mutation, "variables": {"e": DEMO_EMAIL, "p": DEMO_PASSWORD}},
        )
        token: str = response.json()["data"]["login"]["token"]
        return token


async def load(url: str, token: str, connections: int, seconds: float) -> list[float]:
    """Latencies (s) of every request completed within `seconds` by `connections` loops."""
    payload = json.dumps({"query": QUERY}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            while (now := time.perf_counter()) < stop_at:
                response = await client.post(url, content=payload, headers=headers)
                if response.status_code != 200 or b'"errors"' in response.content:
                    raise RuntimeError(f"bad answer: {response.status_code} {response.text[:200]}")
                latencies.append(time.perf_counter() - now)

        await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies


def report(name: str, latencies: list[float], seconds: float) -> float:
    rate = len(latencies) / seconds
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = (
        ordered[int(len(ordered) * 0.99) - 1] * 1000 if len(ordered) >= 100 else ordered[-1] * 1000
    )
    print(f"{name:5}: {rate:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
    return rate


async def main_async(connections: int, seconds: float) -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as var:
        ours_port, bare_port = free_port(), free_port()
        env.update(
            CO_VAR_DIR=var,
            CO_PORT=str(ours_port),
            CO_DEMO_DATA="true",
            CO_LOG_LEVEL="warning",
            CO_DATABASE_URL="",
            CO_REDIS_URL="",
            CO_WEB_APP_DIR="",
        )
        ours = start([sys.executable, "-m", "api.cli", "serve"], env)
        body_file = Path(var) / "portfolio.json"
        bare: subprocess.Popen[bytes] | None = None
        try:
            base = f"http://127.0.0.1:{ours_port}"
            await wait_up(f"{base}/healthz")
            token = await login(base)
            async with httpx.AsyncClient() as client:
                answer = await client.post(
                    f"{base}/graphql",
                    json={"query": QUERY},
                    headers={"Authorization": f"Bearer {token}"},
                )
            body_file.write_bytes(answer.content)
            bare = start(
                [sys.executable, __file__, "--serve-bare", str(bare_port), str(body_file)], env
            )
            await wait_up(f"http://127.0.0.1:{bare_port}/graphql")
            size = len(answer.content)
            print(f"response: {size} bytes; {connections} connections, {seconds:g} s each")
            await load(f"{base}/graphql", token, connections, min(seconds, 1.0))  # warm-up
            ours_rate = report(
                "ours", await load(f"{base}/graphql", token, connections, seconds), seconds
            )
            bare_url = f"http://127.0.0.1:{bare_port}/graphql"
            bare_rate = report("bare", await load(bare_url, token, connections, seconds), seconds)
            print(f"ratio ours/bare: {ours_rate / bare_rate:.2f} (goal >= 0.33)")
        finally:
            for process in (ours, bare):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--quick", action="store_true", help="4 connections, 1 s per side")
    parser.add_argument("--serve-bare", nargs=2, metavar=("PORT", "BODY_FILE"))
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(int(args.serve_bare[0]), args.serve_bare[1])
        return
    if args.quick:
        args.connections, args.seconds = 4, 1.0
    asyncio.run(main_async(args.connections, args.seconds))


if __name__ == "__main__":
    main()
