"""Widget snapshots, precomputed per (user, kind, size) and served from memory.

A snapshot is built when a user's widget first asks for it and rebuilt by
`api.workers.widget_refresher` when the market moves (bus ticker events) or on a timer for
the provider-backed kinds. A rebuild whose content (everything but `t`) is unchanged keeps the
old bytes and ETag, so a widget's If-None-Match keeps hitting. Users whose widgets stop
asking are forgotten after `idle_after`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from api.db.models import utcnow
from api.errors import BadUserInput
from api.services.market import MarketService
from api.services.portfolio import PortfolioService
from api.services.venues import SIM
from api.services.widgets.market_view import MarketView
from api.services.widgets.providers import WidgetProviders
from widgets import payloads
from widgets.encoding import EncodedSnapshot, encode
from widgets.inputs import BotsData, Holding, PortfolioData, WatchItem
from widgets.kinds import (
    KINDS,
    SIZES,
    UnknownWidget,
    WidgetKind,
    WidgetSize,
    parse_kind,
    parse_size,
)

log = logging.getLogger(__name__)

SnapshotKey = tuple[str, WidgetKind, WidgetSize]
# Called with (user id, kind, new large payload) after a kind's snapshots changed
# (e.g. to push a widget refresh: see api/services/widgets/push.py).
ChangeListener = Callable[[str, WidgetKind, payloads.Payload], Awaitable[None]]
MARKET_KINDS: tuple[WidgetKind, ...] = ("portfolio", "watchlist")
PROVIDED_KINDS: tuple[WidgetKind, ...] = ("bots", "alerts", "signal")


def parse(kind: str, size: str) -> tuple[WidgetKind, WidgetSize]:
    """Validated kind and size; BadUserInput naming the field otherwise."""
    try:
        return parse_kind(kind), parse_size(size)
    except UnknownWidget as exc:
        raise BadUserInput(str(exc), field=exc.field) from None


def _same_content(old: payloads.Payload, new: payloads.Payload) -> bool:
    return {k: v for k, v in old.items() if k != "t"} == {k: v for k, v in new.items() if k != "t"}


class WidgetService:
    def __init__(
        self,
        portfolio: PortfolioService,
        market: MarketService,
        providers: WidgetProviders | None = None,
        *,
        venue: str = SIM,
        quote: str = "USDT",
        clock: Callable[[], datetime] = utcnow,
        idle_after: timedelta = timedelta(hours=6),
    ) -> None:
        self.portfolio = portfolio
        self.market = market
        self.providers = providers or WidgetProviders()
        self.venue = venue
        self.quote = quote
        self.clock = clock
        self.idle_after = idle_after
        self.listeners: list[ChangeListener] = []
        self._snapshots: dict[SnapshotKey, EncodedSnapshot] = {}
        self._last_read: dict[str, datetime] = {}
        self._kinds_read: dict[str, set[WidgetKind]] = {}

    @property
    def readers(self) -> list[str]:
        """Users whose widgets asked recently: the ones the refresher keeps up to date."""
        return list(self._last_read)

    async def snapshot(self, user_id: str, kind: str, size: str) -> EncodedSnapshot:
        """The user's current snapshot, from memory (built now only on a widget's first ask)."""
        widget_kind, widget_size = parse(kind, size)
        self._last_read[user_id] = self.clock()
        self._kinds_read.setdefault(user_id, set()).add(widget_kind)
        cached = self._snapshots.get((user_id, widget_kind, widget_size))
        if cached is None:
            await self.refresh(user_id, (widget_kind,))
            cached = self._snapshots[(user_id, widget_kind, widget_size)]
        return cached

    async def refresh(
        self, user_id: str, kinds: Iterable[WidgetKind] = KINDS, view: MarketView | None = None
    ) -> int:
        """Rebuild the user's snapshots of `kinds` (every size); returns how many changed."""
        view = view or MarketView(self.market, self.venue)
        now = self.clock()
        changed = 0
        for kind in kinds:
            kind_changed = False
            for size, payload in (await self._build(user_id, kind, view, now)).items():
                key = (user_id, kind, size)
                old = self._snapshots.get(key)
                if old is not None and _same_content(old.payload, payload):
                    continue
                self._snapshots[key] = encode(payload)
                changed += 1
                kind_changed = True
            if kind_changed:
                latest = self._snapshots[(user_id, kind, "large")].payload
                for listener in self.listeners:
                    try:
                        await listener(user_id, kind, latest)
                    except Exception:  # a listener must not break the snapshots
                        log.exception("widget change listener failed")
        return changed

    async def refresh_readers(self, kinds: Iterable[WidgetKind] = KINDS) -> int:
        """Rebuild the snapshots of `kinds` that recent readers asked for (each symbol read
        once for everyone); returns how many changed."""
        self._forget_idle()
        kinds = tuple(kinds)
        view = MarketView(self.market, self.venue)
        changed = 0
        for user_id in self.readers:
            wanted = [kind for kind in kinds if kind in self._kinds_read.get(user_id, ())]
            if not wanted:
                continue
            try:
                changed += await self.refresh(user_id, wanted, view)
            except Exception:  # one user's broken data must not stall everyone's widgets
                log.exception("widget refresh failed for one user")
        return changed

    async def watchlist_changed(self, user_id: str) -> None:
        """The user edited the watchlist: rebuild its snapshots now if a widget reads them."""
        if "watchlist" in self._kinds_read.get(user_id, ()):
            await self.refresh(user_id, ("watchlist",))

    def forget(self, user_id: str) -> None:
        self._last_read.pop(user_id, None)
        self._kinds_read.pop(user_id, None)
        for key in [key for key in self._snapshots if key[0] == user_id]:
            del self._snapshots[key]

    def _forget_idle(self) -> None:
        cutoff = self.clock() - self.idle_after
        for user_id, last in list(self._last_read.items()):
            if last < cutoff:
                self.forget(user_id)

    async def _build(
        self, user_id: str, kind: WidgetKind, view: MarketView, now: datetime
    ) -> dict[WidgetSize, payloads.Payload]:
        if kind == "portfolio":
            data = await self._portfolio_data(user_id, view)
            return {size: payloads.portfolio(data, size, now) for size in SIZES}
        if kind == "watchlist":
            items = await self._watch_items(user_id, view)
            return {size: payloads.watchlist(items, size, now) for size in SIZES}
        if kind == "bots":
            bots = await self.providers.bots(user_id) or BotsData()
            return {size: payloads.bots(bots, size, now) for size in SIZES}
        if kind == "alerts":
            alert = await self.providers.last_alert(user_id)
            return {size: payloads.alerts(alert, size, now) for size in SIZES}
        signal = await self.providers.strongest_signal(user_id)
        return {size: payloads.signal(signal, size, now) for size in SIZES}

    async def _portfolio_data(self, user_id: str, view: MarketView) -> PortfolioData:
        totals: dict[str, Decimal] = {}
        for balance in await self.portfolio.balances(user_id):
            totals[balance.currency] = totals.get(balance.currency, Decimal(0)) + balance.total
        holdings: list[Holding] = []
        for currency, qty in sorted(totals.items()):
            if qty == 0:
                continue
            if currency == self.quote:
                holdings.append(Holding(currency, qty, Decimal(1), Decimal(1)))
                continue
            symbol = f"{currency}/{self.quote}"
            ticker = await view.ticker(symbol)
            if ticker is None:
                continue  # not priceable on this venue: left out rather than guessed
            closes = await view.closes(symbol)
            holdings.append(Holding(currency, qty, ticker.last, ticker.open_24h, closes))
        return PortfolioData(quote=self.quote, holdings=holdings)

    async def _watch_items(self, user_id: str, view: MarketView) -> list[WatchItem]:
        symbols = await self.providers.watchlist(user_id)
        if symbols is None:  # never set: the default, the venue's first listed symbols
            symbols = await view.symbols()
        items: list[WatchItem] = []
        for symbol in list(dict.fromkeys(symbols))[: payloads.MAX_WATCHLIST]:
            ticker = await view.ticker(symbol)
            if ticker is None:
                continue
            items.append(WatchItem(symbol, ticker.last, ticker.open_24h, await view.closes(symbol)))
        return items
