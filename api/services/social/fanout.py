"""One leader fill → every follower's copy order, planned, stored and queued in one go.

Stages (timed, see bench/copy_fanout.py):
1. load: the active follows of the leader with their accounts, the followers' free balances of
   the fill's base and quote, the leader's equity, the market rules and the reference price —
   a handful of queries whatever the number of followers;
2. plan: engine.social.copy.plan_copy per follower (plain Decimal loop);
3. persist: ONE transaction: the fan-out claim (primary key = the leader fill id), then the
   `pending_submit` orders and the copy_trades rows as chunked executemany inserts;
4. queue: the new order ids go to the submitter (api/workers/copy_dispatcher.py).

Exactly once: the claim row makes a second processing of the same fill (retry, restart, a
second replica) fail its insert and stop; the deterministic client order ids and
UNIQUE (leader_fill_id, follower_id) on copy_trades back it up.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import String, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from api.bus import Bus, BusUnavailable
from api.db.database import Database
from api.db.models import BalanceRecord, ExchangeAccount, FillRecord, Order, User, utcnow
from api.db.social_tables import CopyFanout, CopyTrade, Follow, TraderProfile
from api.db.types import Money
from api.services.social.bulk import gc_paused, insert_rows
from api.services.social.copy_pnl import copy_pnl_by_follow
from api.services.social.prices import VenuePrices, account_equity
from api.services.venues import VenueRegistry
from engine.market.models import Side
from engine.social.copy import (
    CopyPlanner,
    CopySettings,
    CopySkip,
    FollowerState,
    LeaderFill,
    Sizing,
    client_order_id_of,
    copy_key,
)
from engine.trading.models import OrderStatus, OrderType, TimeInForce
from notifications.model import Notice

log = logging.getLogger(__name__)

FOLLOWS = Follow.__table__  # type: ignore[attr-defined]
ACCOUNTS = ExchangeAccount.__table__  # type: ignore[attr-defined]
BALANCES = BalanceRecord.__table__  # type: ignore[attr-defined]
ORDERS = Order.__table__  # type: ignore[attr-defined]
COPY_TRADES = CopyTrade.__table__  # type: ignore[attr-defined]
FANOUTS = CopyFanout.__table__  # type: ignore[attr-defined]
PROFILES = TraderProfile.__table__  # type: ignore[attr-defined]
USERS = User.__table__  # type: ignore[attr-defined]

COPY_SKIPPED = "COPY_SKIPPED"  # notification category (notifications/categories.py)
COPY_SKIPPED_TEMPLATE = "copy_skipped"
# `Notifications.notify`: (notice, *, dedupe_key) -> the inbox row, None when a duplicate.
NotifyWithKey = Callable[..., Awaitable[object]]

# Reasons decided here rather than by the sizing rules.
OTHER_VENUE = "other_venue"  # the follower's account is on another venue than the fill
MARKET_UNAVAILABLE = "market_unavailable"  # the venue has no such market (or no price) now
ZERO = Decimal(0)
SQLITE_CACHE_KIB = 65536


@dataclass
class FanoutResult:
    leader_fill_id: str
    planned: int = 0
    skipped: int = 0
    duplicate: bool = False  # this fill was fanned out before: nothing was done
    order_ids: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    checkpoint_s: float = 0.0  # SQLite WAL checkpoint run after the timed span (not in it)

    @property
    def total_s(self) -> float:
        return sum(self.stages.values())


class CopyQueue:
    """Copy orders stored `pending_submit`, waiting for the submitter (this process)."""

    def __init__(self) -> None:
        self._ids: asyncio.Queue[str] = asyncio.Queue()

    def put_many(self, order_ids: Iterable[str]) -> None:
        for order_id in order_ids:
            self._ids.put_nowait(order_id)

    async def get(self) -> str:
        return await self._ids.get()

    def get_nowait(self) -> str | None:
        try:
            return self._ids.get_nowait()
        except asyncio.QueueEmpty:
            return None

    def __len__(self) -> int:
        return self._ids.qsize()


def leader_fill_of(fill: FillRecord, leader_equity: Decimal) -> LeaderFill:
    return LeaderFill(fill.symbol, Side(fill.side), fill.price, fill.qty, leader_equity)


SIZINGS = {sizing.value: sizing for sizing in Sizing}


def _settings(row: Any) -> CopySettings:
    return CopySettings(
        allocation=row.allocation,
        sizing=SIZINGS[row.sizing],
        ratio=row.ratio,
        fixed_amount=row.fixed_amount,
        max_per_trade=row.max_per_trade,
        slippage_guard_pct=row.slippage_guard_pct,
        stop_loss_pct=row.stop_loss_pct,
    )


class FollowRow(NamedTuple):
    """What planning reads of each follow, plus its account's venue (no timestamps: parsing
    them would be most of a load's cost). A plain tuple: attribute reads stay cheap."""

    id: str
    follower_id: str
    account_id: str
    allocation: Decimal
    sizing: str
    ratio: Decimal
    fixed_amount: Decimal | None
    max_per_trade: Decimal | None
    slippage_guard_pct: Decimal
    stop_loss_pct: Decimal | None
    venue: str


def _as_text(column: Any) -> Any:
    """SQLite: Money columns read as the stored text, without the per-cell result processor
    (`_Decimals` converts them, once per distinct value). PostgreSQL's driver gives Decimals
    already: its columns are read as they are."""
    return type_coerce(column, String) if isinstance(column.type, Money) else column


FOLLOW_COLUMNS = [FOLLOWS.c[name] for name in FollowRow._fields if name != "venue"]
FOLLOW_COLUMNS_TEXT = [_as_text(column) for column in FOLLOW_COLUMNS]
FOLLOW_MONEY = tuple(
    index
    for index, name in enumerate(FollowRow._fields)
    if name != "venue" and isinstance(FOLLOWS.c[name].type, Money)
)


def _same(value: Decimal) -> Decimal:
    return value


class _Decimals(dict[str, Decimal]):
    """Decimal of a stored text, memoised: follows share most of their settings' values."""

    def __missing__(self, value: str) -> Decimal:
        decoded = self[value] = Decimal(value)
        return decoded

    def follow(self, row: Any) -> FollowRow:
        values = list(row)
        for index in FOLLOW_MONEY:
            value = values[index]
            if value is not None:
                values[index] = self[value]
        return FollowRow._make(values)


# Per-row columns of the two bulk inserts (the rest is the same in every row).
ORDER_VARYING = ("id", "user_id", "account_id", "client_order_id", "side", "qty", "price")
COPY_VARYING = ("id", "follow_id", "follower_id", "order_id", "skip_reason", "detail")


@dataclass
class _Loaded:
    follows: list[FollowRow]
    balances: dict[str, dict[str, Decimal]]
    leader_equity: Decimal
    copy_pnl: dict[str, Decimal]


@dataclass
class _Planned:
    orders: list[tuple[Any, ...]] = field(default_factory=list)  # ORDER_VARYING values
    copies: list[tuple[Any, ...]] = field(default_factory=list)  # COPY_VARYING values

    @property
    def order_ids(self) -> list[str]:
        return [row[0] for row in self.orders]


def copies_topic(user_id: str) -> str:
    """Bus topic of one follower's copy events (skipped copies; placed ones are orders)."""
    return f"copies:{user_id}"


class CopyFanoutService:
    def __init__(
        self,
        db: Database,
        venues: VenueRegistry,
        queue: CopyQueue,
        *,
        bus: Bus | None = None,
        chunk_size: int = 2000,
    ) -> None:
        self.db = db
        self.venues = venues
        self.queue = queue
        self.bus = bus
        self.chunk_size = chunk_size
        # Pushes skipped copies to followers (COPY_SKIPPED); set by api/services/feature_links.
        self.notify: NotifyWithKey | None = None
        self._pushing: set[asyncio.Task[None]] = set()

    async def fan_out(self, fill: FillRecord) -> FanoutResult:
        result = FanoutResult(fill.id)
        clock = time.perf_counter()
        prices = VenuePrices(self.venues, fill.venue)
        market = await prices.market(fill.symbol)
        quote, base = (market.quote, market.base) if market else ("", "")
        loaded = await self._load(fill, prices, base, quote)
        if loaded is None:
            result.duplicate = True
            return result
        reference = await prices.reference(fill.symbol, Side(fill.side)) if market else None
        now = time.perf_counter()
        result.stages["load"], clock = now - clock, now

        with gc_paused():  # ~10 new objects per follower, no cycles
            planned = self._plan(fill, loaded, market, reference)
        result.planned = len(planned.orders)
        result.skipped = len(planned.copies) - result.planned
        now = time.perf_counter()
        result.stages["plan"], clock = now - clock, now

        if not await self._persist(fill, result, planned):
            result.duplicate, result.planned, result.skipped = True, 0, 0
            return result
        now = time.perf_counter()
        result.stages["persist"], clock = now - clock, now

        result.order_ids = planned.order_ids
        self.queue.put_many(result.order_ids)
        result.stages["queue"] = time.perf_counter() - clock
        # After the timed span: the WAL checkpoint this commit skipped, then the followers
        # whose copy was skipped are told.
        if self.db.dialect == "sqlite":
            clock = time.perf_counter()
            await self._checkpoint()
            result.checkpoint_s = time.perf_counter() - clock
        await self._notify_skips(fill, planned)
        return result

    async def _defer_checkpoint(self, conn: AsyncConnection) -> int | None:
        """SQLite: keep the fan-out's commit from running the WAL checkpoint that its few MB
        of pages would trigger (copying them into the database file and syncing it, 50-100 ms
        on 10,000 followers); `_checkpoint` runs it right after the copies are queued. The
        commit itself is as durable as any other (the WAL is synced per `synchronous`).
        Returns the connection's autocheckpoint setting to restore; None on other databases."""
        if conn.dialect.name != "sqlite":
            return None
        pages = (await conn.exec_driver_sql("PRAGMA wal_autocheckpoint")).scalar_one()
        await conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        # The default 2 MB page cache thrashes on the inserts' index pages.
        await conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        await conn.commit()
        return int(pages)

    async def _checkpoint(self) -> None:
        async with self.db.engine.connect() as conn:
            # PASSIVE: copies what no reader still needs, never waits for anyone.
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            await conn.commit()

    async def _notify_skips(self, fill: FillRecord, planned: _Planned) -> None:
        skipped = [row for row in planned.copies if row[3] is None]
        if not skipped:
            return
        if self.bus is not None:
            try:
                for _, _, follower_id, _, reason, detail in skipped:
                    await self.bus.publish(
                        copies_topic(follower_id),
                        {
                            "leaderFillId": fill.id,
                            "traderId": fill.user_id,
                            "symbol": fill.symbol,
                            "side": fill.side,
                            "skipReason": reason,
                            "detail": detail,
                        },
                    )
            except BusUnavailable as exc:  # recorded in copy_trades; clients re-read it
                log.warning("bus unavailable, skipped copies not pushed: %s", exc)
        if self.notify is not None:
            # In the background: a burst of skips must not hold up the next fill's fan-out.
            task = asyncio.create_task(self._push_skips(fill, skipped), name="copy-skip-push")
            self._pushing.add(task)
            task.add_done_callback(self._pushing.discard)

    async def _push_skips(self, fill: FillRecord, skipped: list[tuple[Any, ...]]) -> None:
        """One COPY_SKIPPED notice per follower (the notification service coalesces bursts);
        the copy id is the dedupe key, so a notice is stored once whoever sends it."""
        assert self.notify is not None
        try:
            leader = await self._leader_name(fill.user_id)
        except Exception:
            log.exception("copy-skip pushes of fill %s not sent", fill.id)
            return
        for copy_id, follow_id, follower_id, _, reason, detail in skipped:
            notice = Notice(
                follower_id,
                COPY_SKIPPED,
                COPY_SKIPPED_TEMPLATE,
                {"leader": leader, "symbol": fill.symbol, "reason": detail or reason},
                {
                    "leaderFillId": fill.id,
                    "traderId": fill.user_id,
                    "followId": follow_id,
                    "symbol": fill.symbol,
                    "skipReason": reason,
                },
            )
            try:
                await self.notify(notice, dedupe_key=f"copy-skipped:{copy_id}")
            except Exception:  # one follower's push must not stop the others'
                log.exception("copy-skip push to %s failed", follower_id)

    async def _leader_name(self, user_id: str) -> str:
        """The leader's public handle, else their display name."""
        async with self.db.engine.connect() as conn:
            handle = (
                await conn.execute(select(PROFILES.c.handle).where(PROFILES.c.user_id == user_id))
            ).scalar_one_or_none()
            if handle is not None:
                return f"@{handle}"
            name = (
                await conn.execute(select(USERS.c.display_name).where(USERS.c.id == user_id))
            ).scalar_one_or_none()
        return str(name or "")

    async def pushes_sent(self) -> None:
        """Wait until the skip pushes handed to the background so far are done (tests, close)."""
        while self._pushing:
            await asyncio.gather(*self._pushing, return_exceptions=True)

    async def close(self) -> None:
        await self.pushes_sent()

    async def _load(
        self, fill: FillRecord, prices: VenuePrices, base: str, quote: str
    ) -> _Loaded | None:
        """What planning needs; None when this fill was fanned out already."""
        async with self.db.engine.connect() as conn:
            claimed = await conn.execute(
                select(FANOUTS.c.leader_fill_id).where(FANOUTS.c.leader_fill_id == fill.id)
            )
            if claimed.first() is not None:
                return None
            # Copied: fills of orders the leader placed after the follow started. Our own
            # clock on both sides (a venue's fill time runs on the venue's clock).
            placed_at = (
                await conn.execute(select(ORDERS.c.created_at).where(ORDERS.c.id == fill.order_id))
            ).scalar_one_or_none()
            if placed_at is None:  # its order is gone: nothing to copy, but claim the fill
                return _Loaded([], {}, ZERO, {})
            active = (
                (FOLLOWS.c.leader_id == fill.user_id)
                & FOLLOWS.c.active.is_(True)
                & (FOLLOWS.c.started_at <= placed_at)
            )
            text = conn.dialect.name == "sqlite"
            found = await conn.execute(
                select(*(FOLLOW_COLUMNS_TEXT if text else FOLLOW_COLUMNS), ACCOUNTS.c.venue)
                .join(ACCOUNTS, ACCOUNTS.c.id == FOLLOWS.c.account_id)
                .where(active)
                .order_by(FOLLOWS.c.follower_id)  # index-friendly insert order
            )
            with gc_paused():
                if text:
                    decimals = _Decimals()
                    follows = [decimals.follow(row) for row in found]
                else:
                    follows = [FollowRow._make(row) for row in found]
            balances: dict[str, dict[str, Decimal]] = {}
            free_column = _as_text(BALANCES.c.free) if text else BALANCES.c.free
            rows = await conn.execute(
                select(BALANCES.c.account_id, BALANCES.c.currency, free_column)
                .join(FOLLOWS, FOLLOWS.c.account_id == BALANCES.c.account_id)
                .where(active, BALANCES.c.currency.in_([base, quote]))
            )
            with gc_paused():
                to_decimal = Decimal if text else _same
                for account_id, currency, free in rows:
                    balances.setdefault(account_id, {})[currency] = to_decimal(free)
            equity = ZERO
            if any(row.sizing == Sizing.PROPORTIONAL for row in follows):
                equity = await account_equity(conn, prices, fill.account_id, quote)
            guarded = [row.id for row in follows if row.stop_loss_pct is not None]
            pnl = await copy_pnl_by_follow(conn, guarded, prices) if guarded else {}
        return _Loaded(follows, balances, equity, pnl)

    def _plan(
        self,
        fill: FillRecord,
        loaded: _Loaded,
        market: Any,
        reference: Decimal | None,
    ) -> _Planned:
        """Order rows for the copies to place and one copy_trades row per follower."""
        planner = (
            CopyPlanner(leader_fill_of(fill, loaded.leader_equity), market, reference)
            if market is not None and reference is not None
            else None
        )
        planned = _Planned()
        zero, fill_id, venue = ZERO, fill.id, fill.venue  # no ORM attribute reads in the loop
        quote, base = (planner.market.quote, planner.market.base) if planner else ("", "")
        for row in loaded.follows:
            key = copy_key(fill_id, row.follower_id)  # deterministic ids: replays collide
            copy_id, order_id = key[32:], key[:32]
            skip: tuple[str, str | None]
            if row.venue != venue:
                skip = (OTHER_VENUE, f"account is on {row.venue}")
            elif planner is None:
                skip = (MARKET_UNAVAILABLE, None)
            else:
                held = loaded.balances.get(row.account_id, {})
                state = FollowerState(
                    held.get(quote, zero),
                    held.get(base, zero),
                    loaded.copy_pnl.get(row.id, zero),
                )
                plan = planner.plan(_settings(row), state)
                if not isinstance(plan, CopySkip):
                    planned.orders.append(
                        (
                            order_id,
                            row.follower_id,
                            row.account_id,
                            client_order_id_of(key),
                            plan.side.value,
                            plan.qty,
                            plan.limit_price,
                        )
                    )
                    planned.copies.append((copy_id, row.id, row.follower_id, order_id, None, None))
                    continue
                skip = (plan.reason.value, plan.detail[:255])
            planned.copies.append((copy_id, row.id, row.follower_id, None, *skip))
        return planned

    async def _persist(self, fill: FillRecord, result: FanoutResult, planned: _Planned) -> bool:
        """Store claim, orders and copies in one transaction; False when another processing
        of this fill got there first."""
        now = utcnow()
        order_constants = {
            "venue": fill.venue,
            "symbol": fill.symbol,
            "type": OrderType.LIMIT.value,
            "time_in_force": TimeInForce.IOC.value,
            "status": OrderStatus.PENDING_SUBMIT.value,
            "source": "copy",
            "filled_qty": ZERO,
            "fee_paid": ZERO,
            "created_at": now,
            "updated_at": now,
        }
        copy_constants = {
            "leader_fill_id": fill.id,
            "leader_id": fill.user_id,
            "symbol": fill.symbol,
            "side": fill.side,
            "created_at": now,
        }
        try:
            async with self.db.engine.connect() as conn:
                deferred = await self._defer_checkpoint(conn)
                try:
                    async with conn.begin():
                        await conn.execute(
                            FANOUTS.insert().values(
                                leader_fill_id=fill.id,
                                leader_id=fill.user_id,
                                planned=result.planned,
                                skipped=result.skipped,
                                created_at=now,
                            )
                        )
                        await insert_rows(
                            conn,
                            ORDERS,
                            ORDER_VARYING,
                            planned.orders,
                            order_constants,
                            chunk_size=self.chunk_size,
                        )
                        await insert_rows(
                            conn,
                            COPY_TRADES,
                            COPY_VARYING,
                            planned.copies,
                            copy_constants,
                            chunk_size=self.chunk_size,
                        )
                finally:
                    if deferred is not None:
                        await conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={deferred}")
                        await conn.commit()
        except IntegrityError:
            async with self.db.engine.connect() as conn:
                claimed = await conn.execute(
                    select(FANOUTS.c.leader_fill_id).where(FANOUTS.c.leader_fill_id == fill.id)
                )
                if claimed.first() is None:  # not a duplicate: a real constraint failure
                    raise
            return False
        return True
