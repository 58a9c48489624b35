"""Order-book fan-out: N websocket clients on one book topic through our GraphQL subscription,
against a bare Starlette WebSocket broadcast of the same frames, in the same run.

Each server runs under uvicorn in its own process and publishes one top-20 book every
`--interval` seconds, stamped with the wall clock at publish time:

* ours: the book goes to the bus (`book:sim:BTC/USDT`, as the market feed publishes it); each
  client holds a graphql-transport-ws `orderBook(symbol, depth: 20, maxRate: 20)` subscription.
  Identical orderBook subscriptions share one broadcast group (schema/broadcast.py): one bus
  subscription, conflation, pacing, GraphQL execution and JSON encoding per frame, then each
  member's `next` text (its own id spliced in) through its latest-frame slot to its socket;
* bare: a Starlette WebSocket route that serialises the same frame once and sends it to every
  connected socket (no bus, no GraphQL) — the floor for Python websockets on this machine.

Clients run in separate processes (loopback only) and measure publish → receive latency from
the frame's timestamp. Printed per side and client count: frames/s received, p50/p99 latency,
server RSS; then the p99 ratio ours/bare.

    python bench/fanout.py                       # 1,000 and 5,000 clients, 10 s each
    python bench/fanout.py --clients 200 --seconds 3
    python bench/fanout.py --quick               # tests
    python bench/fanout.py --replicas 4          # ours as 4 processes on one Redis bus (needs
                                                 # the cores: server and clients share the box)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing as mp
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from loopback import free_port, wait_port

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYMBOL = "BTC/USDT"
STAMP = re.compile(r'"timestamp":\s*"([^"]+)"')
SUBSCRIPTION = (
    'subscription { orderBook(symbol: "BTC/USDT", depth: 20, maxRate: 20) '
    "{ seq timestamp bids { price qty } asks { price qty } } }"
)


def make_book(seq: int) -> Any:
    from engine.market.models import OrderBookSnapshot

    mid = Decimal(60000) + Decimal(seq % 100)
    return OrderBookSnapshot(
        symbol=SYMBOL,
        seq=seq,
        bids=[(mid - i, Decimal("0.5") + i) for i in range(1, 21)],
        asks=[(mid + i, Decimal("0.4") + i) for i in range(1, 21)],
        timestamp=datetime.now(UTC),
    )


# -- servers (each in its own process) --------------------------------------------------------


def serve_ours(
    port: int, var_dir: str, interval: float, redis_url: str | None, namespace: str, publish: bool
) -> None:
    import uvicorn

    from api.app import create_app
    from api.services.market import book_to_message, book_topic
    from api.settings import Settings

    settings = Settings(
        var_dir=Path(var_dir),
        database_url=None,
        redis_url=redis_url,  # replicas: one Redis bus, one publisher
        bus_namespace=namespace,
        demo_data=False,
        sim_tick_seconds=60,  # the sim feed stays out of the way; the bench publishes books
        subscription_max_rate=20,
        log_level="warning",
        web_app_dir=None,
    )
    app = create_app(settings)
    app.state.freeze_heap = True  # as `cryptoorchestrator serve` runs it

    async def publish() -> None:
        while getattr(app.state, "services", None) is None:  # noqa: ASYNC110 (set by lifespan)
            await asyncio.sleep(0.05)
        bus = app.state.services.bus
        seq = 10**12  # above anything the sim book printed
        while True:
            seq += 1
            await bus.publish(book_topic("sim", SYMBOL), book_to_message("sim", make_book(seq)))
            await asyncio.sleep(interval)

    async def main() -> None:
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws_max_queue=64)
        )
        publisher = asyncio.ensure_future(publish()) if publish else None
        await server.serve()
        if publisher is not None:
            publisher.cancel()

    asyncio.run(main())


def serve_bare(port: int, interval: float) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket, WebSocketDisconnect

    sockets: set[WebSocket] = set()

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        sockets.add(ws)
        try:
            while True:
                await ws.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            sockets.discard(ws)

    async def broadcast() -> None:
        seq = 10**12
        while True:
            seq += 1
            book = make_book(seq)
            frame = json.dumps(
                {
                    "seq": str(book.seq),
                    "timestamp": book.timestamp.isoformat(),
                    "bids": [{"price": str(p), "qty": str(q)} for p, q in book.bids],
                    "asks": [{"price": str(p), "qty": str(q)} for p, q in book.asks],
                }
            )
            for ws in list(sockets):
                try:
                    await ws.send_text(frame)
                except Exception:
                    sockets.discard(ws)
            await asyncio.sleep(interval)

    app = Starlette(routes=[WebSocketRoute("/ws", endpoint)])

    async def main() -> None:
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws_max_queue=64)
        )
        task = asyncio.ensure_future(broadcast())
        await server.serve()
        task.cancel()

    asyncio.run(main())


# -- clients (separate processes) -------------------------------------------------------------


async def _client(
    url: str,
    graphql: bool,
    compress: bool,
    start_at: float,
    until: float,
    out: list[float],
    ready: list[int],
    per_server: dict[str, int],
) -> None:
    import websockets

    subprotocols: Any = ["graphql-transport-ws"] if graphql else None
    compression = "deflate" if compress else None
    async with websockets.connect(
        url, subprotocols=subprotocols, max_queue=None, compression=compression
    ) as ws:
        if graphql:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            await ws.recv()
            payload = {"query": SUBSCRIPTION}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        # The clients share the box's cores with the server: each frame costs them as little as
        # it can (the first book is parsed whole and checked, the rest only for the stamp), so
        # the figures measure the servers, not the clients' JSON parsing.
        subscribed = False
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(until - time.time()):
                async for raw in ws:
                    received = time.time()
                    text = raw if isinstance(raw, str) else raw.decode()
                    if graphql and '"type":"next"' not in text:
                        continue  # connection_ack, pings
                    if not subscribed:  # counted as connected once its first book arrived
                        frame = json.loads(text)
                        book = frame["payload"]["data"]["orderBook"] if graphql else frame
                        assert {"seq", "timestamp", "bids", "asks"} <= book.keys(), book
                        subscribed = True
                        ready.append(1)
                    if received < start_at:
                        continue  # still connecting: not measured
                    stamp = STAMP.search(text)
                    if stamp is not None:
                        out.append(received - datetime.fromisoformat(stamp[1]).timestamp())
                        per_server[url] = per_server.get(url, 0) + 1


def client_process(
    urls: list[str],
    graphql: bool,
    compress: bool,
    n: int,
    start_at: float,
    seconds: float,
    queue: Any,
) -> None:
    async def main() -> dict[str, Any]:
        latencies: list[float] = []
        ready: list[int] = []
        per_server: dict[str, int] = {}
        until = start_at + seconds
        tasks = []
        for i in range(n):  # spread over the replicas
            url = urls[i % len(urls)]
            tasks.append(
                asyncio.ensure_future(
                    _client(url, graphql, compress, start_at, until, latencies, ready, per_server)
                )
            )
            await asyncio.sleep(0)
        results = await asyncio.gather(*tasks, return_exceptions=True)
        errors = [repr(r) for r in results if isinstance(r, BaseException)]
        # Only frames received in the measured window count (connecting takes a while).
        return {
            "latencies": latencies,
            "connected": len(ready),
            "per_server": per_server,
            "errors": errors[:3],
        }

    queue.put(asyncio.run(main()))


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc; NaN where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def run_side(
    name: str,
    urls: list[str],
    graphql: bool,
    compress: bool,
    clients: int,
    procs: int,
    seconds: float,
    pids: list[int],
    connect_s: float | None = None,
) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    per = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    connect_s = connect_s or max(3.0, clients / 400)
    start_at = time.time() + connect_s
    workers = [
        ctx.Process(
            target=client_process, args=(urls, graphql, compress, n, start_at, seconds, queue)
        )
        for n in per
        if n
    ]
    for w in workers:
        w.start()
    # The server's CPU over the measured window: per delivered frame it is the cost of a send,
    # which the clients' share of the cores does not distort the way it distorts latency.
    time.sleep(max(0.0, start_at - time.time()))
    cpu_start = sum(cpu_seconds(pid) for pid in pids)
    time.sleep(seconds)
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_start
    results = [queue.get(timeout=connect_s + seconds + 120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    # Only frames received in the measured window count (clients skip those of the connecting).
    latencies = sorted(x for r in results for x in r["latencies"])
    connected = sum(r["connected"] for r in results)
    # Frames each server delivered in the window (replicas: each got the books from the bus).
    per_server = [sum(r["per_server"].get(url, 0) for r in results) for url in urls]
    errors = [e for r in results for e in r["errors"]]
    window = seconds
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = (
        latencies[int(len(latencies) * 0.99) - 1] * 1000 if len(latencies) >= 100 else float("nan")
    )
    rate = len(latencies) / window
    cpu_us = cpu / len(latencies) * 1e6 if latencies else float("nan")
    rss = sum(rss_mib(pid) for pid in pids)
    print(
        f"{name:4} {clients:5} clients ({connected} connected): {rate:9.0f} frames/s   "
        f"p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   server RSS {rss:6.0f} MiB   "
        f"server CPU {cpu / window:4.2f} cores, {cpu_us:5.1f} us per frame delivered"
        + (f"   frames per server: {per_server}" if len(urls) > 1 else "")
        + (f"   errors: {errors[:2]}" if errors else "")
    )
    return {"p50": p50, "p99": p99, "rate": rate, "cpu_us": cpu_us}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1000,5000")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between books")
    parser.add_argument("--procs", type=int, default=4, help="client processes")
    parser.add_argument(
        "--connect-seconds",
        type=float,
        default=None,
        help="time for the clients to connect and subscribe before the measured window "
        "(default: clients/400, at least 3; give more on a loaded machine)",
    )
    parser.add_argument(
        "--no-compression",
        action="store_true",
        help="clients do not offer permessage-deflate (by default they do, as browsers do, and "
        "the server compresses every frame for every socket)",
    )
    parser.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="our server as N processes on one Redis bus (--redis-url), the clients spread over "
        "them, as the API scales out (for a machine with the cores for it)",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--quick", action="store_true", help="50 clients, 2 s")
    parser.add_argument("--serve-ours", nargs=2, metavar=("PORT", "VAR_DIR"))
    parser.add_argument("--bus-namespace", default="co", help=argparse.SUPPRESS)
    parser.add_argument("--no-publish", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--serve-bare", metavar="PORT")
    parser.add_argument(
        "--execution-only", action="store_true", help="only the in-process server CPU figures"
    )
    args = parser.parse_args()
    if args.serve_ours:
        redis_url = args.redis_url if args.replicas > 1 else None
        serve_ours(
            int(args.serve_ours[0]),
            args.serve_ours[1],
            args.interval,
            redis_url,
            args.bus_namespace,
            not args.no_publish,
        )
        return
    if args.serve_bare:
        serve_bare(int(args.serve_bare), args.interval)
        return
    if args.quick:
        args.clients, args.seconds, args.procs = "50", 2.0, 2
    counts = [int(c) for c in args.clients.split(",")]
    from fanout_execution import report

    report(min(counts[0], 1000), 5 if args.quick else 20)
    if args.execution_only:
        return
    compression = "off" if args.no_compression else "permessage-deflate"
    replicas = f"{args.replicas} processes on one Redis bus" if args.replicas > 1 else "1 process"
    print(
        f"one book every {args.interval:g} s; clients in {args.procs} processes; loopback; "
        f"compression {compression}; ours: {replicas}"
    )
    with tempfile.TemporaryDirectory() as var:
        ours_ports = [free_port() for _ in range(args.replicas)]
        bare_port = free_port()
        me = [sys.executable, __file__, "--interval", str(args.interval)]
        me += ["--replicas", str(args.replicas), "--redis-url", args.redis_url]
        me += ["--bus-namespace", f"bench-fanout-{os.getpid()}"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        # Server logs (e.g. clients leaving mid-send at the end of a window) are not figures.
        quiet = subprocess.DEVNULL
        ours = []
        for i, port in enumerate(ours_ports):  # replica 0 publishes; the bus carries it to all
            replica_dir = Path(var) / f"replica-{i}"
            replica_dir.mkdir()
            command = [*me, "--serve-ours", str(port), str(replica_dir)]
            command += ["--no-publish"] if i else []
            ours.append(subprocess.Popen(command, env=env, cwd=ROOT, stderr=quiet))
            wait_port(port)  # one at a time: each migrates its own SQLite file at start
        bare = subprocess.Popen(
            [*me, "--serve-bare", str(bare_port)], env=env, cwd=ROOT, stderr=quiet
        )
        try:
            wait_port(bare_port)
            time.sleep(1.0)
            for count in counts:
                o = run_side(
                    "ours",
                    [f"ws://127.0.0.1:{port}/graphql" for port in ours_ports],
                    True,
                    not args.no_compression,
                    count,
                    args.procs,
                    args.seconds,
                    [process.pid for process in ours],
                    args.connect_seconds,
                )
                b = run_side(
                    "bare",
                    [f"ws://127.0.0.1:{bare_port}/ws"],
                    False,
                    not args.no_compression,
                    count,
                    args.procs,
                    args.seconds,
                    [bare.pid],
                    args.connect_seconds,
                )
                print(
                    f"ratio p99 ours/bare at {count}: {o['p99'] / b['p99']:.2f} "
                    f"(goal <= 1.5; and ours p99 < 100 ms at 5,000); server CPU per frame "
                    f"delivered ours/bare: {o['cpu_us'] / b['cpu_us']:.2f}; every book to every "
                    f"client would take {count / args.interval * o['cpu_us'] / 1e6:.1f} cores "
                    f"(ours) and {count / args.interval * b['cpu_us'] / 1e6:.1f} (bare) of "
                    f"{os.cpu_count()}, shared with the clients"
                )
        finally:
            for process in (*ours, bare):
                process.terminate()
                process.wait(timeout=20)


if __name__ == "__main__":
    main()
