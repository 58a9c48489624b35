"""Copy-trading fan-out: one leader fill → N followers' orders planned, stored and queued.

Ours (`api.services.social.fanout.CopyFanoutService`): a few set-based reads, a plain Decimal
planning loop, ONE transaction with chunked executemany inserts (orders + copy_trades + the
fan-out claim), then the ids onto the submit queue. Baseline, in the same run on the same data:
the naive loop — per follower, its own transaction that reads its balances, plans, inserts its
order and copy row and commits. Shared reads (market, price, leader equity, the follow list)
are done once for the baseline too, so the difference is the per-follower round trips.

Run on SQLite (a fresh file) and on PostgreSQL (a fresh database created on --pg-url, dropped
afterwards). The timed span is planned + persisted + queued (submission to the venue is not).

    python bench/copy_fanout.py                       # 10,000 followers, SQLite + PostgreSQL
    python bench/copy_fanout.py --followers 200 --no-pg   # smoke run (tests)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg
from sqlalchemy import make_url, select

from api.db.database import Database
from api.db.models import BalanceRecord, ExchangeAccount, FillRecord, Order, User, utcnow
from api.db.social_tables import CopyFanout, CopyTrade, Follow
from api.services.social.fanout import (
    CopyFanoutService,
    CopyQueue,
    _settings,
    leader_fill_of,
)
from api.services.social.prices import VenuePrices, account_equity
from api.services.venues import SIM, VenueRegistry
from engine.market.models import Side
from engine.market.sim.venue import SimVenue
from engine.social.copy import CopySkip, FollowerState, copy_client_order_id, plan_copy

T = {
    name: model.__table__  # type: ignore[attr-defined]
    for name, model in {
        "users": User,
        "accounts": ExchangeAccount,
        "balances": BalanceRecord,
        "orders": Order,
        "fills": FillRecord,
        "follows": Follow,
        "copies": CopyTrade,
        "fanouts": CopyFanout,
    }.items()
}
DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
CHUNK = 2000


def _id() -> str:
    return uuid.uuid4().hex


async def _insert(db: Database, table: Any, rows: list[dict[str, Any]]) -> None:
    async with db.engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            await conn.execute(table.insert(), rows[start : start + CHUNK])


async def seed(db: Database, followers: int, fills: int) -> tuple[list[FillRecord], list[str]]:
    """A leader with `fills` BTC buys and `followers` followers (user, account, balances,
    follow each); returns the leader fills and the follower account ids."""
    now = utcnow()
    users, accounts, balances, follows = [], [], [], []
    leader, leader_account = _id(), _id()
    for n in range(followers + 1):
        user = leader if n == 0 else _id()
        account = leader_account if n == 0 else _id()
        users.append(
            {
                "id": user,
                "email": f"u{n}@bench.example",
                "password_hash": "x",
                "display_name": f"u{n}",
                "is_demo": False,
                "created_at": now,
            }
        )
        accounts.append(
            {
                "id": account,
                "user_id": user,
                "venue": SIM,
                "label": "Paper (sim)",
                "api_key_encrypted": None,
                "secret_encrypted": None,
                "passphrase_encrypted": None,
                "created_at": now,
            }
        )
        for currency, free in (("USDT", Decimal(1000 + n % 9000)), ("BTC", Decimal("0.01"))):
            balances.append(
                {
                    "id": _id(),
                    "user_id": user,
                    "account_id": account,
                    "currency": currency,
                    "free": free,
                    "used": Decimal(0),
                    "updated_at": now,
                }
            )
        if n:
            follows.append(
                {
                    "id": _id(),
                    "follower_id": user,
                    "leader_id": leader,
                    "account_id": account,
                    "allocation": Decimal(500 + n % 4000),
                    "sizing": "proportional" if n % 4 else "fixed",
                    "ratio": Decimal(1),
                    "fixed_amount": Decimal(100),
                    "max_per_trade": Decimal(2000) if n % 3 else None,
                    "slippage_guard_pct": Decimal(1),
                    "copy_open_positions": False,
                    "stop_loss_pct": None,
                    "active": True,
                    "created_at": now,
                    "updated_at": now,
                    "started_at": now,
                }
            )
    await _insert(db, T["users"], users)
    await _insert(db, T["accounts"], accounts)
    await _insert(db, T["balances"], balances)
    await _insert(db, T["follows"], follows)
    leader_fills = []
    for n in range(fills):
        order_id = _id()
        order: dict[str, Any] = {
            "id": order_id,
            "user_id": leader,
            "account_id": leader_account,
            "venue": SIM,
            "symbol": "BTC/USDT",
            "client_order_id": f"leader-{n}",
            "venue_order_id": None,
            "side": "buy",
            "type": "market",
            "time_in_force": "ioc",
            "qty": Decimal("0.02"),
            "price": None,
            "filled_qty": Decimal("0.02"),
            "avg_fill_price": Decimal(95000),
            "fee_paid": Decimal(0),
            "status": "filled",
            "reject_reason": None,
            "source": "api",
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
        fill = FillRecord(
            id=_id(),
            order_id=order_id,
            user_id=leader,
            account_id=leader_account,
            venue=SIM,
            trade_id=f"t{n}",
            symbol="BTC/USDT",
            side="buy",
            price=Decimal(95000),
            qty=Decimal("0.02"),
            fee=Decimal(0),
            fee_currency="BTC",
            liquidity="taker",
            executed_at=utcnow(),
        )
        await _insert(db, T["orders"], [order])
        await _insert(db, T["fills"], [fill.model_dump()])
        leader_fills.append(fill)
    return leader_fills, [str(a["id"]) for a in accounts[1:]]


async def naive(db: Database, venues: VenueRegistry, fill: FillRecord, limit: int) -> float:
    """One transaction per follower: read its balances, plan, insert, commit, queue."""
    queue = CopyQueue()
    started = time.perf_counter()
    prices = VenuePrices(venues, fill.venue)
    market = await prices.market(fill.symbol)
    assert market is not None
    reference = await prices.reference(fill.symbol, Side(fill.side))
    async with db.engine.connect() as conn:
        equity = await account_equity(conn, prices, fill.account_id, market.quote)
        follows = (
            await conn.execute(
                select(T["follows"]).where(T["follows"].c.leader_id == fill.user_id).limit(limit)
            )
        ).all()
    leader = leader_fill_of(fill, equity)
    for row in follows:
        async with db.engine.begin() as conn:
            held: dict[str, Decimal] = dict(
                (
                    await conn.execute(
                        select(T["balances"].c.currency, T["balances"].c.free).where(
                            T["balances"].c.account_id == row.account_id
                        )
                    )
                ).all()
            )
            state = FollowerState(held.get("USDT", Decimal(0)), held.get("BTC", Decimal(0)))
            plan = plan_copy(leader, market, reference, _settings(row), state)
            order_id = None
            if not isinstance(plan, CopySkip):
                order_id = _id()
                now = utcnow()
                await conn.execute(
                    T["orders"]
                    .insert()
                    .values(
                        id=order_id,
                        user_id=row.follower_id,
                        account_id=row.account_id,
                        venue=fill.venue,
                        symbol=fill.symbol,
                        client_order_id=copy_client_order_id(fill.id, row.follower_id),
                        side=plan.side.value,
                        type="limit",
                        time_in_force="ioc",
                        qty=plan.qty,
                        price=plan.limit_price,
                        filled_qty=Decimal(0),
                        fee_paid=Decimal(0),
                        status="pending_submit",
                        source="copy",
                        created_at=now,
                        updated_at=now,
                    )
                )
            await conn.execute(
                T["copies"]
                .insert()
                .values(
                    id=_id(),
                    leader_fill_id=fill.id,
                    follow_id=row.id,
                    follower_id=row.follower_id,
                    leader_id=fill.user_id,
                    symbol=fill.symbol,
                    side=fill.side,
                    order_id=order_id,
                    skip_reason=plan.reason.value if isinstance(plan, CopySkip) else None,
                    created_at=utcnow(),
                )
            )
        if order_id is not None:
            queue.put_many([order_id])
    return time.perf_counter() - started


def _proc_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def server_cpu_s(db: Database) -> float | None:
    """CPU seconds used so far by the PostgreSQL backends serving this database (a local
    server only); None on SQLite (its work is in our process) or when unreadable."""
    if db.dialect != "postgresql":
        return None
    async with db.engine.connect() as conn:
        pids = (
            await conn.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            )
        ).scalars()
        try:
            return sum(_proc_cpu_s(pid) for pid in pids)
        except OSError:
            return None


async def run_backend(label: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    db = Database(url)
    try:
        await db.upgrade()
        fills, _ = await seed(db, args.followers, args.rounds + 1)
        venues = VenueRegistry(SimVenue(seed=7, history_days=1))
        rounds: list[Any] = []
        cpu: list[tuple[float, float | None]] = []
        for fill in fills[: args.rounds]:
            service = CopyFanoutService(db, venues, CopyQueue())
            server_before, ours_before = await server_cpu_s(db), time.process_time()
            result = await service.fan_out(fill)
            ours_cpu = time.process_time() - ours_before
            server_after = await server_cpu_s(db)
            server = (
                None
                if server_before is None or server_after is None
                else server_after - server_before
            )
            cpu.append((ours_cpu, server))
            assert not result.duplicate and len(service.queue) == result.planned
            rounds.append(result)
        again = await CopyFanoutService(db, venues, CopyQueue()).fan_out(fills[0])
        assert again.duplicate, "a second fan-out of the same fill must do nothing"
        limit = args.naive_followers or args.followers
        naive_s = await naive(db, venues, fills[-1], limit)
        naive_s_full = naive_s * args.followers / limit
    finally:
        await db.dispose()
    middle = sorted(range(len(rounds)), key=lambda i: rounds[i].total_s)[len(rounds) // 2]
    best = rounds[middle]  # the median round
    return {
        "label": label,
        "cpu": cpu[middle],
        "ours": statistics.median(r.total_s for r in rounds),
        "stages": best.stages,
        "checkpoint": best.checkpoint_s,
        "planned": best.planned,
        "skipped": best.skipped,
        "naive": naive_s_full,
        "naive_measured": limit,
    }


def report(result: dict[str, Any], followers: int) -> None:
    stages = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in result["stages"].items())
    extrapolated = (
        ""
        if result["naive_measured"] == followers
        else f" (measured on {result['naive_measured']}, scaled)"
    )
    print(f"[{result['label']}]")
    print(
        f"  ours:  {result['ours']:.3f} s for {followers} followers "
        f"({result['planned']} orders, {result['skipped']} skipped) — {stages}"
    )
    if result["checkpoint"]:
        print(
            f"  then, after the span: SQLite WAL checkpoint {result['checkpoint'] * 1000:.0f} ms "
            "(deferred from the fan-out's commit)"
        )
    ours_cpu, server_cpu = result["cpu"]
    server = f" + PostgreSQL server {server_cpu:.3f} s" if server_cpu is not None else ""
    print(f"  CPU of that round: this process {ours_cpu:.3f} s{server} (wall/CPU shows contention)")
    print(f"  naive: {result['naive']:.3f} s, one transaction per follower{extrapolated}")
    print(f"  ratio naive/ours: {result['naive'] / result['ours']:.1f}x")
    verdict = "met" if result["ours"] < 1.0 else "NOT met"
    print(f"  goal < 1 s for {followers} followers: {verdict}")


async def _pg_admin(url: str, statement: str) -> None:
    parsed = make_url(url)
    conn = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        database=parsed.database,
    )
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def main(args: argparse.Namespace) -> None:
    print(f"copy fan-out bench: {args.followers} followers, one leader BTC/USDT buy per round")
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = await run_backend("sqlite", f"sqlite+aiosqlite:///{tmp}/bench.db", args)
    report(sqlite, args.followers)
    if args.no_pg:
        return
    name = f"co_bench_{uuid.uuid4().hex[:10]}"
    await _pg_admin(args.pg_url, f'CREATE DATABASE "{name}"')
    try:
        url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
        postgres = await run_backend("postgresql", url, args)
    finally:
        await _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    report(postgres, args.followers)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="fan-outs of ours (median)")
    parser.add_argument(
        "--naive-followers",
        type=int,
        default=1000,
        help="run the naive loop on this many followers and scale (0: all)",
    )
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse()))
