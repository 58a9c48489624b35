"""L2 order book for one symbol: snapshot + sequenced deltas, gap detection, top-N helpers.

Pure domain: no I/O, no clock; only stdlib and numpy.

Design (why it is fast)
-----------------------
Levels live on a **price-tick grid**: one ``float64`` quantity per tick for each side, in a
``(2, width)`` array whose column ``i`` is the price ``(base + i) * tick``. A delta is applied as
one vectorised scatter per side (``qty[ticks - base] = new_qty``; a quantity of 0 removes the
level), so the per-message cost is a handful of numpy calls whatever the number of levels in it,
instead of one Python call (bisect + list insert) per level as in ccxt's ``OrderBook`` (a side
with at most ``_SMALL`` levels is written by a plain loop, cheaper than numpy's call cost). Best
bid/ask, top-N, spread, mid and imbalance are computed lazily from the grid (``flatnonzero``) and
cached until the next change. The grid grows (re-centres) when a level falls outside it; it is
refused with :class:`PriceRangeError` past ``max_width`` ticks per side (default 4 Mi ticks,
32 MiB per side) so one stray price cannot exhaust memory.

Two entry points, one state
---------------------------
* **Domain path** (:meth:`OrderBook.apply_snapshot` / :meth:`OrderBook.apply_delta`) takes the
  ``OrderBookSnapshot`` / ``OrderBookDelta`` value types whose prices and quantities are
  ``Decimal`` (the domain rule at API boundaries). Prices must lie on the tick (checked, exact);
  converting each level costs Decimal arithmetic, so this path is for correctness, not speed.
* **Fast path** (:meth:`OrderBook.load_ticks` / :meth:`OrderBook.apply_ticks`) takes numpy
  arrays: prices as ``int64`` tick numbers (``price / tick``, see :func:`to_ticks` for floats)
  and quantities as ``float64``. Feeds that parse venue JSON should use it.

Trade-offs: prices are exact (integer ticks) on both paths. Quantities are stored as ``float64``:
a decimal quantity with up to 15 significant digits round-trips exactly (reads go through the
shortest ``repr``), anything finer is rounded — fine for displayed/derived book figures, not for
accounting (fills and balances stay Decimal elsewhere). Within one fast-path message a price must
not appear twice on the same side (venues never send that; numpy does not define which write
wins). Memory is ``16 bytes × width`` per book rather than per level, so a sparse book spread over
a very wide price range costs more than a list-based one.

Sequencing: a delta applies only if ``delta.prev_seq == book.seq``. A delta with
``seq <= book.seq`` is stale and ignored (``False`` is returned). Any other gap raises
:class:`OutOfSync` and leaves the book unsynced (every delta raises) until the caller loads a
fresh snapshot.

Checksums: venues such as okx and kraken publish a CRC32 over the top-N levels formatted their
way. :meth:`OrderBook.verify_checksum` is the seam: it hands the top-N levels (Decimal) to a
venue-specific :data:`ChecksumFn` and flags the book out of sync on a mismatch. The CRC32 formats
themselves are left to the venue adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from engine.market.models import BookLevel, OrderBookDelta, OrderBookSnapshot

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
# (bids best-first, asks best-first) -> checksum as the venue computes it.
ChecksumFn = Callable[[Sequence[BookLevel], Sequence[BookLevel]], int]

BID = 0
ASK = 1
_MIN_WIDTH = 256
_SMALL = 6  # at most this many levels on a side: per-level loop (see _write)
DEFAULT_MAX_WIDTH = 1 << 22


class OutOfSync(Exception):
    """The book missed an update (sequence gap or checksum mismatch): resync from a snapshot."""

    def __init__(self, symbol: str, reason: str) -> None:
        super().__init__(f"{symbol}: {reason}")
        self.symbol = symbol
        self.reason = reason


class PriceRangeError(ValueError):
    """Levels span more ticks than the book's ``max_width`` allows."""


def to_ticks(prices: npt.ArrayLike, tick: float) -> IntArray:
    """Float prices -> int64 tick numbers (rounded to the nearest tick)."""
    return np.rint(np.asarray(prices, dtype=np.float64) / tick).astype(np.int64)


def _qty(value: float) -> Decimal:
    return Decimal(repr(value))


class OrderBook:
    """L2 book for one symbol on a price-tick grid (see the module docstring)."""

    def __init__(
        self, symbol: str, price_tick: Decimal, *, max_width: int = DEFAULT_MAX_WIDTH
    ) -> None:
        if price_tick <= 0:
            raise ValueError("price_tick must be positive")
        self.symbol = symbol
        self.price_tick = price_tick
        self.max_width = max_width
        self.seq = -1
        self.synced = False
        self._width = _MIN_WIDTH
        self._base = 0
        self._base0 = np.array(0, dtype=np.int64)  # 0-d copy of _base: cheaper to subtract
        self._grid: FloatArray = np.zeros((2, self._width), dtype=np.float64)
        self._bids, self._asks = self._grid  # row views: scatter into a 1-d view is cheapest
        self._cache: tuple[IntArray, IntArray] | None = None  # grid indices, best first

    # ----------------------------------------------------------------- domain (Decimal) path
    def price_to_tick(self, price: Decimal) -> int:
        q = price / self.price_tick
        if q != q.to_integral_value():
            raise ValueError(f"{self.symbol}: price {price} is not on tick {self.price_tick}")
        return int(q)

    def _levels(self, levels: Sequence[BookLevel]) -> tuple[IntArray, FloatArray]:
        ticks = np.fromiter((self.price_to_tick(p) for p, _ in levels), np.int64, len(levels))
        qty = np.fromiter((float(q) for _, q in levels), np.float64, len(levels))
        return ticks, qty

    def apply_snapshot(self, snapshot: OrderBookSnapshot) -> None:
        """Replace the whole book with `snapshot` and mark it synced at `snapshot.seq`."""
        self.load_ticks(snapshot.seq, *self._levels(snapshot.bids), *self._levels(snapshot.asks))

    def apply_delta(self, delta: OrderBookDelta) -> bool:
        """Apply `delta`; False if stale (ignored); raises OutOfSync on a gap."""
        if delta.seq <= self.seq and self.synced:
            return False
        self._check_seq(delta.prev_seq, delta.seq)
        return self.apply_ticks(
            delta.prev_seq, delta.seq, *self._levels(delta.bids), *self._levels(delta.asks)
        )

    # ------------------------------------------------------------------- fast (array) path
    def load_ticks(
        self,
        seq: int,
        bid_ticks: IntArray,
        bid_qty: FloatArray,
        ask_ticks: IntArray,
        ask_qty: FloatArray,
    ) -> None:
        """Snapshot from arrays: prices in int64 ticks, quantities float64."""
        self.synced = False  # until the whole snapshot is in (a bad array leaves it unsynced)
        self._cache = None
        bid_ticks = np.asarray(bid_ticks, dtype=np.int64)
        ask_ticks = np.asarray(ask_ticks, dtype=np.int64)
        both = np.concatenate((bid_ticks, ask_ticks))
        if both.size:
            lo, hi = int(both.min()), int(both.max())
            if lo < self._base or hi >= self._base + self._width:
                self._regrid(lo, hi, keep=False)
            else:
                self._grid.fill(0.0)
        else:
            self._grid.fill(0.0)
        self._bids[bid_ticks - self._base0] = bid_qty
        self._asks[ask_ticks - self._base0] = ask_qty
        self._cache = None
        self.seq = seq
        self.synced = True

    def apply_ticks(
        self,
        prev_seq: int,
        seq: int,
        bid_ticks: IntArray,
        bid_qty: FloatArray,
        ask_ticks: IntArray,
        ask_qty: FloatArray,
    ) -> bool:
        """Delta from arrays (int64 ticks, float64 qty; qty 0 removes the level).

        Returns False for a stale delta (ignored); raises OutOfSync on a gap.
        """
        if seq <= self.seq and self.synced:
            return False
        if prev_seq != self.seq or not self.synced:
            self._check_seq(prev_seq, seq)
        try:
            if len(bid_ticks):
                self._write(BID, bid_ticks, bid_qty)
            if len(ask_ticks):
                self._write(ASK, ask_ticks, ask_qty)
        except BaseException:  # half-applied (bad arrays, PriceRangeError): resync needed
            self.synced = False
            self._cache = None
            raise
        self._cache = None
        self.seq = seq
        return True

    def _write(self, side: int, ticks: IntArray, qty: FloatArray) -> None:
        """Write one side's levels into the grid; regrid when one falls outside it."""
        base = self._base
        row = self._asks if side else self._bids
        if len(ticks) <= _SMALL:  # a Python loop beats numpy's per-call cost on tiny batches
            width = self._width
            if len(qty) != len(ticks):
                raise ValueError("ticks and qty differ in length")
            for t, q in zip(ticks.tolist(), qty.tolist(), strict=True):
                i = t - base
                if 0 <= i < width:
                    row[i] = q
                else:
                    self._regrid(t, t, keep=True)
                    row = self._asks if side else self._bids
                    base, width = self._base, self._width
                    row[t - base] = q
            return
        lo, hi = int(ticks[ticks.argmin()]), int(ticks[ticks.argmax()])
        if lo < base or hi >= base + self._width:
            self._regrid(lo, hi, keep=True)
            row = self._asks if side else self._bids
        row[ticks - self._base0] = qty

    def _check_seq(self, prev_seq: int, seq: int) -> None:
        if not self.synced:
            raise OutOfSync(self.symbol, "no snapshot since the last gap")
        if prev_seq != self.seq:
            self.synced = False
            raise OutOfSync(self.symbol, f"gap: book at {self.seq}, delta {prev_seq}->{seq}")

    def _regrid(self, lo: int, hi: int, *, keep: bool) -> None:
        """Re-allocate the grid to cover [lo, hi] (and the current levels when `keep`)."""
        occupied = np.flatnonzero(self._grid.any(axis=0)) if keep else np.empty(0, np.int64)
        if occupied.size:
            lo = min(lo, self._base + int(occupied[0]))
            hi = max(hi, self._base + int(occupied[-1]))
        span = hi - lo + 1
        # 1.5x the span (room to drift before the next regrid), rounded up to _MIN_WIDTH
        width = -(-(span + span // 2) // _MIN_WIDTH) * _MIN_WIDTH
        if width > self.max_width:
            width = self.max_width
            if span > width:
                raise PriceRangeError(
                    f"{self.symbol}: levels span {span} ticks > max_width {self.max_width}"
                )
        base = lo - (width - span) // 2
        grid = np.zeros((2, width), dtype=np.float64)
        if occupied.size:
            shift = self._base - base
            grid[:, occupied + shift] = self._grid[:, occupied]
        self._grid, self._base, self._width = grid, base, width
        self._bids, self._asks = grid
        self._base0 = np.array(base, dtype=np.int64)

    # ------------------------------------------------------------------------------ reads
    def _indices(self) -> tuple[IntArray, IntArray]:
        if self._cache is None:
            bids = np.flatnonzero(self._grid[BID])[::-1]
            asks = np.flatnonzero(self._grid[ASK])
            self._cache = (bids, asks)
        return self._cache

    def __len__(self) -> int:
        bids, asks = self._indices()
        return len(bids) + len(asks)

    def top_ticks(self, n: int | None = None) -> tuple[IntArray, FloatArray, IntArray, FloatArray]:
        """Top `n` levels (all if None) as arrays: bid ticks, bid qty, ask ticks, ask qty."""
        bids, asks = self._indices()
        bids, asks = bids[:n], asks[:n]
        return (
            bids + self._base,
            self._grid[BID, bids],
            asks + self._base,
            self._grid[ASK, asks],
        )

    def top_n(self, n: int | None = None) -> tuple[list[BookLevel], list[BookLevel]]:
        """Top `n` levels per side as Decimal (price, qty): bids and asks best first."""
        bt, bq, at, aq = self.top_ticks(n)
        tick = self.price_tick
        bids = [(int(t) * tick, _qty(q)) for t, q in zip(bt.tolist(), bq.tolist(), strict=True)]
        asks = [(int(t) * tick, _qty(q)) for t, q in zip(at.tolist(), aq.tolist(), strict=True)]
        return bids, asks

    def _best(self, side: int) -> int | None:
        idx = self._indices()[side]
        return int(idx[0]) + self._base if len(idx) else None

    def best_bid(self) -> BookLevel | None:
        t = self._best(BID)
        if t is None:
            return None
        return t * self.price_tick, _qty(float(self._grid[BID, t - self._base]))

    def best_ask(self) -> BookLevel | None:
        t = self._best(ASK)
        if t is None:
            return None
        return t * self.price_tick, _qty(float(self._grid[ASK, t - self._base]))

    def spread(self) -> Decimal | None:
        """Best ask - best bid (None while a side is empty)."""
        b, a = self._best(BID), self._best(ASK)
        return None if b is None or a is None else (a - b) * self.price_tick

    def mid(self) -> Decimal | None:
        """(best bid + best ask) / 2, exact (None while a side is empty)."""
        b, a = self._best(BID), self._best(ASK)
        return None if b is None or a is None else (a + b) * self.price_tick / 2

    def imbalance(self, n: int = 10) -> float | None:
        """(bid qty - ask qty) / (bid qty + ask qty) over the top `n` levels, in [-1, 1]."""
        _, bq, _, aq = self.top_ticks(n)
        b, a = float(bq.sum()), float(aq.sum())
        return None if b + a == 0 else (b - a) / (b + a)

    def verify_checksum(self, expected: int, fn: ChecksumFn, depth: int) -> None:
        """Seam for venue checksums (okx/kraken CRC32 over top `depth` levels).

        Raises OutOfSync (and marks the book unsynced) when ``fn(bids, asks) != expected``.
        """
        bids, asks = self.top_n(depth)
        if fn(bids, asks) != expected:
            self.synced = False
            raise OutOfSync(self.symbol, f"checksum mismatch at seq {self.seq}")
