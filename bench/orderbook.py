"""Order-book apply throughput: ccxt's own ``OrderBook`` vs ``engine.market.orderbook``.

One generated L2 stream (seeded) is applied to both books in the same run:

* ccxt: per level ``book['bids'].store(price, qty)`` with float prices, a nonce check per message
  and ``book.reset(snapshot)`` on snapshots — what ccxt.pro's exchange handlers do after parsing.
* ours: one ``OrderBook.apply_ticks`` per message with int64 tick / float64 qty arrays (the feed
  fast path), and ``load_ticks`` on snapshots. A second figure ("ours, from lists") converts each
  message's Python float lists to arrays inside the timed loop (``to_ticks`` + ``np.asarray``).

Parsing venue JSON is excluded on both sides. Snapshot handling is inside the timed loop on both
sides; updates/s counts delta level updates only. Both books are compared at the end.

    python bench/orderbook.py           # >= 1 M level updates
    python bench/orderbook.py --quick   # small run (tests)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ccxt.async_support.base.ws.order_book import OrderBook as CcxtOrderBook

from engine.market.orderbook import OrderBook, to_ticks

TICK = 0.01
MID0 = 5_000_000  # ticks -> 50,000.00


@dataclass
class Msg:
    prev_seq: int
    seq: int
    bids: list[list[float]]  # [[price, qty], ...] floats, as ccxt.pro parses them
    asks: list[list[float]]
    bid_t: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    bid_q: np.ndarray = field(default_factory=lambda: np.empty(0))
    ask_t: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    ask_q: np.ndarray = field(default_factory=lambda: np.empty(0))
    snapshot: bool = False


def generate(
    n_updates: int, *, levels: int = 150, msg_min: int = 10, msg_max: int = 70, seed: int = 7
) -> list[Msg]:
    """Random-walk book of ~`levels` per side; messages of msg_min..msg_max level updates."""
    rng = random.Random(seed)
    window = 2 * levels  # half the slots in the window are filled on average
    mid = MID0
    book: list[dict[int, float]] = [{}, {}]  # bids, asks: tick -> qty
    for off in range(window):
        if rng.random() < 0.5:
            book[0][mid - 1 - off] = round(rng.uniform(0.001, 5), 3)
            book[1][mid + 1 + off] = round(rng.uniform(0.001, 5), 3)
    seq, done, msgs = 1000, 0, []

    def snapshot() -> Msg:
        b = sorted(book[0].items(), reverse=True)
        a = sorted(book[1].items())
        return _pack(Msg(seq, seq, [[t * TICK, q] for t, q in b], [[t * TICK, q] for t, q in a]))

    msgs.append(snapshot())
    while done < n_updates:
        changes: list[dict[int, float]] = [{}, {}]
        if rng.random() < 0.05:  # mid moves one tick; drop levels that would cross / leave
            step = rng.choice((-1, 1))
            mid += step
            gone = (
                [(1, mid), (1, mid + 1), (0, mid - window - 1)]
                if step > 0
                else [(0, mid), (0, mid - 1), (1, mid + window + 1)]
            )
            for side, t in gone:
                if t in book[side]:
                    changes[side][t] = 0.0
        for _ in range(rng.randint(msg_min, msg_max)):
            side = rng.random() < 0.5
            off = min(int(rng.expovariate(1 / (levels / 2))), window - 1)
            t = mid + 1 + off if side else mid - 1 - off
            changes[side][t] = 0.0 if rng.random() < 0.5 else round(rng.uniform(0.001, 5), 3)
        for side in (0, 1):
            for t, q in changes[side].items():
                if q:
                    book[side][t] = q
                else:
                    book[side].pop(t, None)
        seq += 1
        done += len(changes[0]) + len(changes[1])
        bids = [[t * TICK, q] for t, q in changes[0].items()]
        asks = [[t * TICK, q] for t, q in changes[1].items()]
        msgs.append(_pack(Msg(seq - 1, seq, bids, asks)))
        if len(msgs) % 2000 == 0:
            msgs.append(snapshot())
    return msgs


def _pack(m: Msg) -> Msg:
    m.bid_t = to_ticks([p for p, _ in m.bids], TICK)
    m.bid_q = np.array([q for _, q in m.bids], dtype=np.float64)
    m.ask_t = to_ticks([p for p, _ in m.asks], TICK)
    m.ask_q = np.array([q for _, q in m.asks], dtype=np.float64)
    m.snapshot = m.prev_seq == m.seq
    return m


def run_ccxt(msgs: list[Msg]) -> CcxtOrderBook:
    book = CcxtOrderBook({})
    for m in msgs:
        if m.snapshot:
            # ccxt.pro hands reset() freshly parsed lists; copy so runs don't share them
            book.reset(
                {"bids": [lv[:] for lv in m.bids], "asks": [lv[:] for lv in m.asks], "nonce": m.seq}
            )
            continue
        if m.prev_seq != book["nonce"]:
            raise RuntimeError("gap")
        bids, asks = book["bids"], book["asks"]
        for p, q in m.bids:
            bids.store(p, q)
        for p, q in m.asks:
            asks.store(p, q)
        book["nonce"] = m.seq
    return book


def run_ours(msgs: list[Msg]) -> OrderBook:
    book = OrderBook("BTC/USDT", Decimal("0.01"))
    for m in msgs:
        if m.snapshot:
            book.load_ticks(m.seq, m.bid_t, m.bid_q, m.ask_t, m.ask_q)
        else:
            book.apply_ticks(m.prev_seq, m.seq, m.bid_t, m.bid_q, m.ask_t, m.ask_q)
    return book


def run_ours_lists(msgs: list[Msg]) -> OrderBook:
    book = OrderBook("BTC/USDT", Decimal("0.01"))
    f64 = np.float64
    for m in msgs:
        bp = [p for p, _ in m.bids]
        ap = [p for p, _ in m.asks]
        bt, bq = to_ticks(bp, TICK), np.asarray([q for _, q in m.bids], f64)
        at, aq = to_ticks(ap, TICK), np.asarray([q for _, q in m.asks], f64)
        if m.snapshot:
            book.load_ticks(m.seq, bt, bq, at, aq)
        else:
            book.apply_ticks(m.prev_seq, m.seq, bt, bq, at, aq)
    return book


def same(ours: OrderBook, theirs: CcxtOrderBook) -> bool:
    bt, bq, at, aq = ours.top_ticks()
    mine = (
        [[round(t * TICK, 2), q] for t, q in zip(bt.tolist(), bq.tolist(), strict=True)],
        [[round(t * TICK, 2), q] for t, q in zip(at.tolist(), aq.tolist(), strict=True)],
    )
    ref = (
        [[round(p, 2), q] for p, q in theirs["bids"]],
        [[round(p, 2), q] for p, q in theirs["asks"]],
    )
    return mine == ref


def book_memory(build: Any) -> int:
    """Bytes still allocated by building one book (tracemalloc)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    book = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del book
    return after - before


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small run (~50k updates)")
    ap.add_argument("--updates", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per book (median)")
    ap.add_argument("--msg-min", type=int, default=10)
    ap.add_argument("--msg-max", type=int, default=70)
    args = ap.parse_args(argv)
    n = args.updates or (50_000 if args.quick else 1_200_000)
    repeat = 1 if args.quick else args.repeat

    t0 = time.perf_counter()
    msgs = generate(n, msg_min=args.msg_min, msg_max=args.msg_max)
    deltas = [m for m in msgs if not m.snapshot]
    updates = sum(len(m.bids) + len(m.asks) for m in deltas)
    print(
        f"stream: {updates:,} level updates in {len(deltas):,} messages "
        f"({updates / len(deltas):.1f}/msg), {len(msgs) - len(deltas)} snapshots, "
        f"150 levels/side; generated in {time.perf_counter() - t0:.1f}s"
    )

    runners = {"ccxt": run_ccxt, "ours": run_ours, "ours, from lists": run_ours_lists}
    times: dict[str, list[float]] = {name: [] for name in runners}
    books: dict[str, Any] = {}
    for _ in range(repeat):  # interleaved rounds: background noise hits every side alike
        for name, fn in runners.items():
            t = time.perf_counter()
            books[name] = fn(msgs)
            times[name].append(time.perf_counter() - t)
    results = {name: updates / statistics.median(ts) for name, ts in times.items()}
    ratio = statistics.median(c / o for c, o in zip(times["ccxt"], times["ours"], strict=True))
    if not same(books["ours"], books["ccxt"]) or not same(books["ours, from lists"], books["ccxt"]):
        print("MISMATCH: books differ after the stream")
        return 1

    last_snap = max(i for i, m in enumerate(msgs) if m.snapshot)
    tail = msgs[last_snap:]
    mem = {
        "ccxt": book_memory(lambda: run_ccxt(tail)),
        "ours": book_memory(lambda: run_ours(tail)),
    }
    levels = len(books["ours"])
    base = results["ccxt"]
    print(f"books equal after the stream: yes ({levels} levels)")
    for name, rate in results.items():
        print(f"{name:>17}: {rate / 1e6:6.2f} M updates/s  ({rate / base:4.2f}x ccxt)")
    print(f"ratio ours/ccxt: {ratio:.2f}x (median of {repeat} interleaved rounds)")
    print(f"memory per book: ccxt {mem['ccxt'] / 1024:.1f} KiB, ours {mem['ours'] / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
