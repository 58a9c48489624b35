"""Widget snapshots: payload sizes, and GET /widgets/{kind} latency against a bare route.

1. Largest payload over every kind and size: as served by a running server (default watchlist:
   6 symbols) and a synthetic worst case (6 symbols, long names, huge numbers, 3 bots in error).
2. Latency of `GET /widgets/portfolio?size=large` with a widget token under 200 concurrent
   clients (uvicorn, one worker, loopback), for an ETag hit (304) and a miss (200 + body),
   against a bare Starlette route returning a constant payload of the same size, in the same
   run with the same load. Two loads: paced (the clients together poll at a fixed rate, so
   latency is service time) and saturated (clients send back to back: throughput). The client
   is a minimal HTTP/1.1 one on asyncio streams, so the load generator itself stays cheap.

    python bench/widgets.py           # 5 s per run, 200 clients
    python bench/widgets.py --quick   # tests: 20 clients, 0.5 s
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from loopback import free_port, wait_up

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from widgets import payloads  # noqa: E402
from widgets.encoding import encode  # noqa: E402
from widgets.inputs import (  # noqa: E402
    AlertLine,
    BotLine,
    BotsData,
    Holding,
    PortfolioData,
    SignalLine,
    WatchItem,
)
from widgets.kinds import KINDS, MAX_PAYLOAD_BYTES, SIZES  # noqa: E402

PATH = "/widgets/watchlist?size=large"  # the largest payload served
LONG = "Extraordinarily Long Token Name With Many Words"
SETTLE_S = 1.0


def worst_case_bytes() -> dict[tuple[str, str], int]:
    now = datetime.now(UTC)
    closes = [Decimal(95000 + (i * 37) % 23 * 100) for i in range(96)]
    portfolio = PortfolioData(
        "USDT",
        [
            Holding("USDT", Decimal("123456789012.12"), Decimal(1), Decimal(1)),
            Holding(
                "VERYLONGASSETNAME", Decimal("99999999"), Decimal("95000"), Decimal("93000"), closes
            ),
            Holding("ETH", Decimal("1000000"), Decimal("3400"), Decimal("3500"), closes),
        ],
    )
    watch = [
        WatchItem(f"{LONG} {i}/USDT", Decimal("0.000012345678"), Decimal("0.00002"), closes)
        for i in range(6)
    ]
    bots = BotsData(9999, 9999, [BotLine("f" * 32, LONG, "error", Decimal("-123456789.98"))] * 3)
    alert = AlertLine("a" * 32, f"{LONG}/USDT", LONG * 5, now)
    signal = SignalLine(f"{LONG}/USDT", "sell", 0.99, LONG, now)
    sizes: dict[tuple[str, str], int] = {}
    for size in SIZES:
        built = {
            "portfolio": payloads.portfolio(portfolio, size, now),
            "watchlist": payloads.watchlist(watch, size, now),
            "bots": payloads.bots(bots, size, now),
            "alerts": payloads.alerts(alert, size, now),
            "signal": payloads.signal(signal, size, now),
        }
        for kind, payload in built.items():
            sizes[(kind, size)] = len(encode(payload).body)
    return sizes


def serve_bare(port: int, body_file: str) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    body = Path(body_file).read_bytes()
    headers = {"ETag": '"constant"', "Cache-Control": "private, max-age=30"}

    async def constant(request: Request) -> Response:
        return Response(body, media_type="application/json", headers=headers)

    app = Starlette(routes=[Route("/widgets/{kind}", constant)])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )


REGISTER = "mutation($i: RegisterInput!) { register(input: $i) { token } }"
CREATE_TOKEN = 'mutation { createWidgetToken(label: "bench") { token } }'


async def widget_token(base: str) -> str:
    """Register a user (a paper account with 10,000 USDT) and create a widget token."""
    account = {"email": "bench@example.com", "password": "bench-password-1", "displayName": "B"}
    async with httpx.AsyncClient(timeout=30) as client:
        answer = await client.post(
            f"{base}/graphql", json={"query": REGISTER, "variables": {"i": account}}
        )
        full = answer.json()["data"]["register"]["token"]
        answer = await client.post(
            f"{base}/graphql",
            json={"query": CREATE_TOKEN},
            headers={"Authorization": f"Bearer {full}"},
        )
        token: str = answer.json()["data"]["createWidgetToken"]["token"]
        return token


@dataclass
class Run:
    latencies: list[float]
    seconds: float
    not_modified: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def quantile_ms(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if q == 0.5:
            return statistics.median(ordered) * 1000
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP for this bench: a client
    far cheaper than httpx, so the load generator takes less of the CPU it shares with the
    servers."""

    def __init__(
        self, host: str, port: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.host, self.port = host, port
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        return cls(host, port, *await asyncio.open_connection(host, port))

    async def get(self, request: bytes) -> tuple[int, dict[str, str], bytes]:
        try:
            return await self._exchange(request)
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server may close an idle keep-alive connection: reconnect once, as browsers do.
            self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            return await self._exchange(request)

    async def _exchange(self, request: bytes) -> tuple[int, dict[str, str], bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for header in header_lines:
            name, _, value = header.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await self.reader.readexactly(length) if length else b""
        return int(status_line.split()[1]), headers, body

    def close(self) -> None:
        self.writer.close()


def get_request(url: str, token: str, etag: str | None) -> bytes:
    parts = urlsplit(url)
    lines = [
        f"GET {parts.path}?{parts.query} HTTP/1.1",
        f"Host: {parts.netloc}",
        f"Authorization: Bearer {token}",
    ]
    if etag:
        lines.append(f"If-None-Match: {etag}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def load(
    url: str, token: str, clients: int, seconds: float, *, hit: bool, rate: float | None
) -> Run:
    """Every request `clients` connections complete in `seconds`; paced to `rate` req/s."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    connections = [await Connection.open(host, port) for _ in range(clients)]
    status, headers, body = await connections[0].get(get_request(url, token, None))
    if status != 200:
        raise RuntimeError(f"bad answer: {status} {body[:200]!r}")
    run = Run([], seconds)
    interval = clients / rate if rate else 0.0
    start_at = time.perf_counter()
    stop_at = start_at + seconds

    async def one_client(index: int, connection: Connection) -> None:
        etag = headers.get("etag")
        request = get_request(url, token, etag if hit else None)
        next_at = start_at + interval * index / clients
        while True:
            if interval:
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += interval
            began = time.perf_counter()
            if began >= stop_at:
                return
            status, answer, body = await connection.get(request)
            run.latencies.append(time.perf_counter() - began)
            if status == 304:
                run.not_modified += 1
            elif status == 200:
                if hit and answer.get("etag") != etag:  # the snapshot moved on
                    etag = answer.get("etag")
                    request = get_request(url, token, etag)
            else:
                raise RuntimeError(f"bad answer: {status} {body[:200]!r}")

    try:
        await asyncio.gather(*(one_client(i, c) for i, c in enumerate(connections)))
    finally:
        for connection in connections:
            connection.close()
    return run


def line(name: str, run: Run) -> str:
    hits = (
        f"  ({run.not_modified / max(1, len(run.latencies)):.0%} 304)" if run.not_modified else ""
    )
    return (
        f"  {name:10} {run.rate:7.0f} req/s   p50 {run.quantile_ms(0.5):6.2f} ms   "
        f"p99 {run.quantile_ms(0.99):6.2f} ms{hits}"
    )


async def measure(args: argparse.Namespace) -> None:
    sizes = worst_case_bytes()
    (worst_kind, worst_size), worst = max(sizes.items(), key=lambda item: item[1])
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as var:
        ours_port, bare_port = free_port(), free_port()
        env.update(
            CO_VAR_DIR=var,
            CO_PORT=str(ours_port),
            CO_DEMO_DATA="false",
            CO_LOG_LEVEL="warning",
            CO_DATABASE_URL="",
            CO_REDIS_URL="",
            CO_WEB_APP_DIR="",
            # A still market: every "hit" request really is a hit (widgets see the same
            # snapshot for at least the refresher's 5 s; the sim step itself costs ~0.3 ms).
            CO_SIM_TICK_SECONDS="60",
        )
        ours = start([sys.executable, "-m", "api.cli", "serve"], env)
        bare: subprocess.Popen[bytes] | None = None
        try:
            base = f"http://127.0.0.1:{ours_port}"
            await wait_up(f"{base}/healthz")
            token = await widget_token(base)
            served: dict[tuple[str, str], int] = {}
            async with httpx.AsyncClient(timeout=30) as client:
                for kind in KINDS:
                    for size in SIZES:
                        answer = await client.get(
                            f"{base}/widgets/{kind}?size={size}",
                            headers={"Authorization": f"Bearer {token}"},
                        )
                        served[(kind, size)] = len(answer.content)
                body = (
                    await client.get(f"{base}{PATH}", headers={"Authorization": f"Bearer {token}"})
                ).content
            (big_kind, big_size), big = max(served.items(), key=lambda item: item[1])
            print(f"largest served payload: {big} bytes ({big_kind}/{big_size}; 6 symbols)")
            print(
                f"largest worst-case payload: {worst} bytes ({worst_kind}/{worst_size}; long names)"
            )
            verdict = "ok" if max(big, worst) <= MAX_PAYLOAD_BYTES else "EXCEEDED"
            print(f"limit {MAX_PAYLOAD_BYTES} bytes: {verdict}")
            body_file = Path(var) / "payload.json"
            body_file.write_bytes(body)
            bare = start(
                [sys.executable, __file__, "--serve-bare", str(bare_port), str(body_file)], env
            )
            await wait_up(f"http://127.0.0.1:{bare_port}/widgets/x")
            ours_url, bare_url = f"{base}{PATH}", f"http://127.0.0.1:{bare_port}{PATH}"
            print(
                f"GET {PATH}: {len(body)} bytes; {args.clients} clients, {args.seconds:g} s per run"
            )
            for url in (ours_url, bare_url):  # warm-up
                await load(url, token, args.clients, min(args.seconds, 1.0), hit=False, rate=None)
            await asyncio.sleep(SETTLE_S)
            for label, rate in (("paced", args.rate), ("saturated", None)):
                print(f"{label} load" + (f" ({rate:g} req/s in total):" if rate else ":"))
                # Bare first, then ours; a pause lets each server settle its closed connections.
                base_run = await load(
                    bare_url, token, args.clients, args.seconds, hit=False, rate=rate
                )
                await asyncio.sleep(SETTLE_S)
                hit = await load(ours_url, token, args.clients, args.seconds, hit=True, rate=rate)
                await asyncio.sleep(SETTLE_S)
                miss = await load(ours_url, token, args.clients, args.seconds, hit=False, rate=rate)
                await asyncio.sleep(SETTLE_S)
                print(line("ours hit", hit))
                print(line("ours miss", miss))
                print(line("bare", base_run))
                bare_p99 = base_run.quantile_ms(0.99)
                print(
                    f"  ratio p99 ours/bare: hit {hit.quantile_ms(0.99) / bare_p99:.2f}x, "
                    f"miss {miss.quantile_ms(0.99) / bare_p99:.2f}x; "
                    f"throughput ours/bare: hit {hit.rate / base_run.rate:.2f}, "
                    f"miss {miss.rate / base_run.rate:.2f}"
                )
        finally:
            for process in (ours, bare):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rate", type=float, default=400.0, help="paced load, req/s in total")
    parser.add_argument("--quick", action="store_true", help="20 clients, 0.5 s per run")
    parser.add_argument("--serve-bare", nargs=2, metavar=("PORT", "BODY_FILE"))
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(int(args.serve_bare[0]), args.serve_bare[1])
        return
    if args.quick:
        args.clients, args.seconds, args.rate = 20, 0.5, 100.0
    asyncio.run(measure(args))


if __name__ == "__main__":
    main()
