"""`portfolio` query throughput: our GraphQL API vs a bare Starlette JSON route.

Both servers run under uvicorn (one worker each, in their own process, on loopback); the same
client set-up (N keep-alive connections spread over P client processes, T seconds, started
together) hits each side in turn, in the same run:

* ours: `POST /graphql` with the `portfolio` query for the demo user (auth, GraphQL parse +
  validate + limits, resolvers, valuation from the live sim venue, JSON);
* bare route (the named baseline of the goal): a plain Starlette JSON route that does the same
  work without GraphQL — the same bearer-token authentication, the same `pnl.snapshot` (same
  database file, same services), the same fields as JSON — so the ratio is what the GraphQL
  layer costs;
* bare bytes (a floor, for reference): a Starlette route returning the bytes ours answered
  once — what any Python HTTP service pays to send the response at all.

The client is a minimal HTTP/1.1 keep-alive loop on asyncio streams (one pre-built request,
Content-Length framing), so the client costs little CPU and does not cap the bare side, as one
httpx process did. Besides req/s, each side's server CPU time per request is read from /proc:
on a loaded box that figure moves far less than req/s.

    python bench/graphql_query.py                 # 10 s per side, 32 connections, 2 processes
    python bench/graphql_query.py --quick         # tests
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def serve_bare_route(port: int) -> None:
    """The same portfolio through a plain JSON route: auth, pnl.snapshot, json.dumps."""
    here = Path(__file__).resolve().parent  # bench/widgets.py would shadow the widgets package
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    from collections.abc import AsyncIterator
    from contextlib import asynccontextmanager

    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from api.container import Services, start_services
    from api.errors import ApiError
    from api.settings import Settings

    state: dict[str, Services] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["services"] = await start_services(Settings())  # workers too, as ours runs
        try:
            yield
        finally:
            await state["services"].close()

    def money(value: object) -> str | None:
        return None if value is None else str(value)

    async def portfolio(request: Request) -> Response:
        await request.body()
        services = state["services"]
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        try:
            principal = await services.accounts.authenticate(token)
        except ApiError:
            return Response(b'{"error":"unauthenticated"}', 401, media_type="application/json")
        s = await services.pnl.snapshot(principal.user_id, "USDT")
        data = {
            "quote": s.quote,
            "totalValue": money(s.total_value),
            "dayChange": money(s.day_change),
            "realisedPnl": money(s.realised),
            "unrealisedPnl": money(s.unrealised),
            "holdings": [
                {
                    "currency": h.balance.currency,
                    "total": money(h.balance.total),
                    "price": money(h.price),
                    "value": money(h.value),
                }
                for h in s.holdings
            ],
            "positions": [
                {
                    "symbol": p.position.symbol,
                    "qty": money(p.position.qty),
                    "avgCost": money(p.position.avg_cost),
                    "mark": money(p.mark),
                    "unrealisedPnl": money(p.unrealised),
                }
                for p in s.positions
            ],
        }
        body = json.dumps({"data": {"portfolio": data}}).encode()
        return Response(body, media_type="application/json")

    app = Starlette(routes=[Route("/graphql", portfolio, methods=["POST"])], lifespan=lifespan)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def start_bare_route(var: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The bare route's server on a snapshot of ours' database (its start-up reconciles against
    its own sim venue, so it must not share the file) and the same secret key."""
    import shutil
    import sqlite3

    own = var / "bare-route"
    own.mkdir()
    shutil.copy(var / "secret_key", own / "secret_key")
    with (
        sqlite3.connect(var / "cryptoorchestrator.db") as src,
        sqlite3.connect(own / "cryptoorchestrator.db") as dst,
    ):
        src.backup(dst)
    route_env = {**env, "CO_VAR_DIR": str(own), "CO_DEMO_DATA": "false"}
    return start([sys.executable, __file__, "--serve-bare-route", str(port)], route_env)


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


def http_request(port: int, token: str) -> bytes:
    body = json.dumps({"query": QUERY}).encode()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _connection(
    port: int, request: bytes, start_at: float, until: float, out: list[float]
) -> None:
    """One keep-alive connection: request, read the whole answer, repeat; only answers that
    complete inside [start_at, until) count."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        await asyncio.sleep(max(0.0, start_at - time.time()))
        while (sent := time.time()) < until:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = None
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if not head.startswith(b"HTTP/1.1 200") or length is None:
                raise RuntimeError(f"bad answer: {head[:200]!r}")
            answer = await reader.readexactly(length)
            if b'"errors"' in answer:
                raise RuntimeError(f"GraphQL errors: {answer[:200]!r}")
            done = time.time()
            if done < until:
                out.append(done - sent)
    finally:
        writer.close()


def client_process(
    port: int, request: bytes, n: int, start_at: float, seconds: float, queue: Any
) -> None:
    async def main() -> list[float]:
        latencies: list[float] = []
        until = start_at + seconds
        await asyncio.gather(
            *(_connection(port, request, start_at, until, latencies) for _ in range(n))
        )
        return latencies

    queue.put(asyncio.run(main()))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(
    port: int, request: bytes, connections: int, procs: int, seconds: float, pid: int
) -> tuple[list[float], float]:
    """Latencies (s) of every answer completed in the window, and the server's CPU seconds
    in it; `connections` spread over `procs` client processes that start together."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    per = [connections // procs + (1 if i < connections % procs else 0) for i in range(procs)]
    start_at = time.time() + 2.0  # time to spawn the processes and connect
    workers = [
        ctx.Process(target=client_process, args=(port, request, n, start_at, seconds, queue))
        for n in per
        if n
    ]
    for w in workers:
        w.start()
    time.sleep(max(0.0, start_at - time.time()))
    cpu_before = cpu_seconds(pid)
    time.sleep(seconds)
    cpu = cpu_seconds(pid) - cpu_before
    results = [queue.get(timeout=seconds + 120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
        if w.exitcode != 0:
            raise RuntimeError(f"a client process failed (exit code {w.exitcode})")
    return [x for r in results for x in r], cpu


def shape(body: Any) -> Any:
    """What must match between the two answers: every key, and which holdings and positions
    (the values are priced by each server's own sim venue, a few ticks apart)."""
    if isinstance(body, dict):
        return {k: shape(v) for k, v in body.items() if k not in ("price", "mark")} | {
            k: v for k, v in body.items() if k in ("currency", "symbol", "qty", "total")
        }
    if isinstance(body, list):
        return [shape(v) for v in body]
    return type(body).__name__


def report(name: str, latencies: list[float], seconds: float, cpu: float) -> tuple[float, float]:
    rate = len(latencies) / seconds
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = (
        ordered[int(len(ordered) * 0.99) - 1] * 1000 if len(ordered) >= 100 else ordered[-1] * 1000
    )
    cpu_ms = cpu / max(1, len(latencies)) * 1000
    print(
        f"{name:10}: {rate:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   "
        f"server CPU {cpu_ms:5.2f} ms/request"
    )
    return rate, cpu_ms


async def main_async(connections: int, procs: int, seconds: float) -> None:
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
        route: subprocess.Popen[bytes] | None = None
        route_port = free_port()
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
            route = start_bare_route(Path(var), route_port, env)
            await wait_up(f"http://127.0.0.1:{bare_port}/graphql")
            await wait_up(f"http://127.0.0.1:{route_port}/graphql")
            async with httpx.AsyncClient() as client:
                plain = await client.post(
                    f"http://127.0.0.1:{route_port}/graphql",
                    headers={"Authorization": f"Bearer {token}"},
                )
            same = shape(plain.json()) == shape(answer.json())
            print(f"bare route answers the same fields, holdings and positions: {same}")
            if not same:
                raise SystemExit(f"the bare route differs: {plain.text} vs {answer.text}")
            size = len(answer.content)
            print(
                f"response: {size} bytes; {connections} connections in {procs} client "
                f"processes, {seconds:g} s each"
            )
            sides = {
                "ours": (ours_port, ours.pid),
                "bare route": (route_port, route.pid),
                "bare bytes": (bare_port, bare.pid),
            }
            results = {}
            for name, (port, pid) in sides.items():
                request = http_request(port, token)
                load(port, request, connections, procs, min(seconds, 1.0), pid)  # warm up
                latencies, cpu = load(port, request, connections, procs, seconds, pid)
                results[name] = report(name, latencies, seconds, cpu)
            (ours_rate, ours_cpu), (route_rate, route_cpu) = results["ours"], results["bare route"]
            bytes_rate = results["bare bytes"][0]
            print(f"ratio ours/bare route: {ours_rate / route_rate:.2f} (goal >= 0.33)")
            print(f"server CPU per request, bare route/ours: {route_cpu / ours_cpu:.2f}")
            print(f"ratio ours/bare bytes (floor): {ours_rate / bytes_rate:.2f}")
        finally:
            for process in (ours, bare, route):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--procs", type=int, default=2, help="client processes")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--quick", action="store_true", help="4 connections in 2 processes, 1 s per side"
    )
    parser.add_argument("--serve-bare", nargs=2, metavar=("PORT", "BODY_FILE"))
    parser.add_argument("--serve-bare-route", type=int, metavar="PORT")
    args = parser.parse_args()
    if args.serve_bare_route:
        serve_bare_route(args.serve_bare_route)
        return
    if args.serve_bare:
        serve_bare(int(args.serve_bare[0]), args.serve_bare[1])
        return
    if args.quick:
        args.connections, args.procs, args.seconds = 4, 2, 1.0
    asyncio.run(main_async(args.connections, args.procs, args.seconds))


if __name__ == "__main__":
    main()
