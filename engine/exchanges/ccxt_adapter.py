"""CCXT adapter: one `Exchange` implementation for the ten supported venues.

REST goes through ccxt's async support and websockets through ccxt.pro; both live in the one
`ccxt.pro` exchange class, so a single client object serves every method. Values cross into the
engine as `Decimal` value types; ccxt exceptions cross as `engine.exchanges.errors`.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

import ccxt
import ccxt.pro as ccxtpro

from engine.exchanges import errors
from engine.exchanges.fresh_trades import FreshTrades
from engine.market.models import (
    BookLevel,
    Candle,
    Market,
    OrderBookSnapshot,
    Side,
    Ticker,
    Trade,
)
from engine.trading.models import (
    Balance,
    ExchangeOrder,
    Fill,
    Liquidity,
    OrderRequest,
    OrderStatus,
    OrderType,
    TimeInForce,
)

SUPPORTED_VENUES: tuple[str, ...] = (
    "binance",
    "coinbase",
    "kraken",
    "kucoin",
    "bybit",
    "okx",
    "gate",
    "mexc",
    "bitget",
    "htx",
)

WATCH_METHODS = (
    "watchOrderBook",
    "watchTrades",
    "watchTicker",
    "watchOHLCV",
    "watchOrders",
    "watchMyTrades",
)

# ccxt.pro un_watch_* per public stream (ccxt `has` names): unsubscribes at the venue
UNWATCH_METHODS = ("unWatchOrderBook", "unWatchTrades", "unWatchTicker")
UNWATCH_TIMEOUT_S = 5.0

# Venues whose trigger orders live apart from ordinary ones until triggered, with their own
# ids, endpoints and client id field (okx: algo orders, `algoClOrdId`); once triggered they
# place an ordinary order that carries the algo's client id.
ALGO_TRIGGER_VENUES = frozenset({"okx"})

T = TypeVar("T")
log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Capabilities (read from ccxt, never hand-written)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Capabilities:
    venue: str
    watch: frozenset[str]  # ccxt.pro watch_* methods the venue has, e.g. "watchOrderBook"
    unwatch: frozenset[str]  # ccxt.pro un_watch_* methods per `has`, e.g. "unWatchTrades"
    order_types: frozenset[str]  # "limit", "market", "stop_limit" (OrderType values)
    time_in_force: frozenset[str]  # ccxt features' timeInForce flags: "GTC", "IOC", "PO" ...
    client_order_id: bool  # create_order forwards ccxt's unified `clientOrderId` param
    fetch_order_by_client_id: bool  # fetch_order/cancel_order accept `clientOrderId`
    fetch_open_orders: bool
    fetch_closed_orders: bool
    needs_passphrase: bool
    sandbox: bool
    precision_mode: str  # "TICK_SIZE", "DECIMAL_PLACES" or "SIGNIFICANT_DIGITS"


_PRECISION_MODES = {
    ccxt.TICK_SIZE: "TICK_SIZE",
    ccxt.DECIMAL_PLACES: "DECIMAL_PLACES",
    ccxt.SIGNIFICANT_DIGITS: "SIGNIFICANT_DIGITS",
}


def _has(client: Any, name: str) -> bool:
    return bool(client.has.get(name))  # True or "emulated"


@functools.lru_cache(maxsize=256)
def _method_mentions(cls: type, method: str, *needles: str) -> bool:
    fn = getattr(cls, method, None)
    if fn is None:
        return False
    try:
        src = inspect.getsource(fn)
    except (OSError, TypeError):
        return False
    return any(n in src for n in needles)


def capabilities_of(client: Any) -> Capabilities:
    """Build the capability map from a ccxt.pro client's `has`, `features` and method code."""
    cls: Any = type(client)
    spot = (client.features or {}).get("spot") or {}
    create = spot.get("createOrder") or {}
    tif = create.get("timeInForce") or {}
    order_types = {t for t in ("limit", "market") if _has(client, f"create{t.capitalize()}Order")}
    if _has(client, "createOrder"):
        order_types.add("limit")
    # ccxt's unified `triggerPrice` param on a spot limit order: a stop-limit order
    if "limit" in order_types and create.get("triggerPrice"):
        order_types.add(OrderType.STOP_LIMIT.value)
    # ccxt's unified `clientOrderId` param: the venue's create path reads it (binance turns it
    # into `newClientOrderId`, okx into `clOrdId` ...). ccxt has no flag for it, so read the code.
    create_methods = (
        "create_order",
        "create_order_request",
        "create_spot_order_request",
        "order_request",
    )
    client_id = any(_method_mentions(cls, m, "clientOrderId") for m in create_methods)
    return Capabilities(
        venue=client.id,
        watch=frozenset(m for m in WATCH_METHODS if _has(client, m)),
        unwatch=frozenset(m for m in UNWATCH_METHODS if _has(client, m)),
        order_types=frozenset(order_types),
        time_in_force=frozenset(k for k, v in tif.items() if v),
        client_order_id=client_id,
        fetch_order_by_client_id=_method_mentions(cls, "fetch_order", "clientOrderId"),
        fetch_open_orders=_has(client, "fetchOpenOrders"),
        fetch_closed_orders=_has(client, "fetchClosedOrders"),
        needs_passphrase=bool(client.requiredCredentials.get("password")),
        sandbox=bool(client.urls.get("test")),
        precision_mode=_PRECISION_MODES.get(client.precisionMode, str(client.precisionMode)),
    )


def capability_map() -> dict[str, Capabilities]:
    """Capabilities of every supported venue (offline: builds clients, sends nothing)."""
    return dict(_capability_map())


@functools.lru_cache(maxsize=1)
def _capability_map() -> tuple[tuple[str, Capabilities], ...]:
    return tuple((venue, capabilities_of(getattr(ccxtpro, venue)())) for venue in SUPPORTED_VENUES)


# ---------------------------------------------------------------------------------------------
# Error mapping
# ---------------------------------------------------------------------------------------------

# Most specific first: the first isinstance match wins (ccxt's classes nest).
ERROR_MAP: tuple[tuple[type[Exception], type[errors.ExchangeError]], ...] = (
    (ccxt.DuplicateOrderId, errors.DuplicateClientOrderId),
    (ccxt.OrderNotFound, errors.OrderNotFound),
    (ccxt.InsufficientFunds, errors.InsufficientFunds),
    (ccxt.InvalidOrder, errors.InvalidOrder),
    (ccxt.AuthenticationError, errors.AuthenticationError),  # incl. PermissionDenied
    (ccxt.BadSymbol, errors.BadSymbol),
    (ccxt.BadRequest, errors.BadRequest),
    (ccxt.ArgumentsRequired, errors.BadRequest),
    (ccxt.NotSupported, errors.BadRequest),
    (ccxt.RateLimitExceeded, errors.RateLimitExceeded),
    (ccxt.DDoSProtection, errors.RateLimitExceeded),
    (ccxt.ExchangeNotAvailable, errors.ExchangeNotAvailable),  # incl. OnMaintenance
    (ccxt.RequestTimeout, errors.NetworkError),
    (ccxt.NetworkError, errors.NetworkError),
    (ccxt.BadResponse, errors.NetworkError),  # garbled answer: outcome unknown
    (ccxt.ExchangeError, errors.ExchangeError),
    (ccxt.BaseError, errors.ExchangeError),
)

# Venue messages ccxt maps too coarsely (binance -2010 "Duplicate order sent." is InvalidOrder).
_DUPLICATE_HINTS = ("duplicate order", "duplicate clientorderid", "clordid already", "duplicated")


def map_ccxt_error(exc: BaseException) -> errors.ExchangeError:
    """Translate one ccxt exception into ours (the original is kept as `__cause__` by callers)."""
    if isinstance(exc, errors.ExchangeError):
        return exc
    msg = str(exc)
    if (
        isinstance(exc, ccxt.InvalidOrder)
        and not isinstance(exc, ccxt.OrderNotFound)
        and any(h in msg.lower() for h in _DUPLICATE_HINTS)
    ):
        return errors.DuplicateClientOrderId(msg)
    if isinstance(exc, TimeoutError):
        return errors.NetworkError(msg or "timeout")
    for ccxt_cls, ours in ERROR_MAP:
        if isinstance(exc, ccxt_cls):
            return ours(msg)
    return errors.ExchangeError(msg)


# ---------------------------------------------------------------------------------------------
# Conversions (ccxt unified dicts → our value types)
# ---------------------------------------------------------------------------------------------


def _dec(value: Any, default: Decimal | None = None) -> Decimal | None:
    if value is None or value == "":
        return default
    return Decimal(str(value))


def _d(value: Any) -> Decimal:
    """A Decimal, 0 when ccxt gives nothing."""
    out = _dec(value, Decimal(0))
    assert out is not None
    return out


def _ts(ms: Any) -> datetime:
    if ms is None:
        return datetime.now(UTC)
    return datetime.fromtimestamp(int(ms) / 1000, tz=UTC)


def precision_to_step(value: Any, precision_mode: int) -> Decimal:
    """A ccxt market precision as a step: TICK_SIZE gives the step, DECIMAL_PLACES a count."""
    if value is None:
        return Decimal(0)
    if precision_mode == ccxt.TICK_SIZE:
        return _d(value)
    if precision_mode == ccxt.DECIMAL_PLACES:
        return Decimal(1).scaleb(-int(value))
    return Decimal(0)  # SIGNIFICANT_DIGITS: no fixed step


def to_market(m: Mapping[str, Any], precision_mode: int) -> Market:
    precision = m.get("precision") or {}
    limits = m.get("limits") or {}
    amount_lim = limits.get("amount") or {}
    cost_lim = limits.get("cost") or {}
    return Market(
        symbol=m["symbol"],
        base=m["base"],
        quote=m["quote"],
        price_tick=precision_to_step(precision.get("price"), precision_mode),
        qty_step=precision_to_step(precision.get("amount"), precision_mode),
        min_qty=_d(amount_lim.get("min")),
        min_notional=_d(cost_lim.get("min")),
        maker_fee=_d(m.get("maker")),
        taker_fee=_d(m.get("taker")),
    )


def to_ticker(t: Mapping[str, Any]) -> Ticker:
    last = _d(t.get("last") if t.get("last") is not None else t.get("close"))
    return Ticker(
        symbol=t["symbol"],
        bid=_dec(t.get("bid")),
        ask=_dec(t.get("ask")),
        last=last,
        open_24h=_d(t.get("open")),
        high_24h=_d(t.get("high")),
        low_24h=_d(t.get("low")),
        base_volume_24h=_d(t.get("baseVolume")),
        quote_volume_24h=_d(t.get("quoteVolume")),
        timestamp=_ts(t.get("timestamp")),
    )


def to_trade(t: Mapping[str, Any]) -> Trade:
    return Trade(
        id=str(t.get("id")),
        symbol=t["symbol"],
        price=_d(t.get("price")),
        qty=_d(t.get("amount")),
        taker_side=Side(t.get("side") or "buy"),
        timestamp=_ts(t.get("timestamp")),
    )


def _levels(rows: Any, depth: int) -> list[BookLevel]:
    return [(_d(row[0]), _d(row[1])) for row in list(rows or [])[:depth]]


def to_order_book(symbol: str, book: Mapping[str, Any], depth: int) -> OrderBookSnapshot:
    return OrderBookSnapshot(
        symbol=book.get("symbol") or symbol,
        seq=int(book.get("nonce") or 0),
        bids=_levels(book.get("bids"), depth),
        asks=_levels(book.get("asks"), depth),
        timestamp=_ts(book.get("timestamp")),
    )


def to_candle(symbol: str, timeframe: str, row: list[Any], closed: bool = True) -> Candle:
    return Candle(
        symbol=symbol,
        timeframe=timeframe,
        open_time=_ts(row[0]),
        open=_d(row[1]),
        high=_d(row[2]),
        low=_d(row[3]),
        close=_d(row[4]),
        volume=_d(row[5]),
        closed=closed,
    )


ORDER_STATUS = {
    "open": OrderStatus.OPEN,
    "closed": OrderStatus.FILLED,
    "canceled": OrderStatus.CANCELED,
    "cancelled": OrderStatus.CANCELED,
    "expired": OrderStatus.EXPIRED,
    "rejected": OrderStatus.REJECTED,
}

_TIF = {"GTC": TimeInForce.GTC, "IOC": TimeInForce.IOC, "PO": TimeInForce.POST_ONLY}


def _quote_of(symbol: str) -> str:
    return symbol.split("/")[1].split(":")[0] if "/" in symbol else ""


def _fee_in_quote(fees: Any, fee: Any, quote: str) -> Decimal:
    items = list(fees or ([fee] if fee else []))
    return sum(
        (_d(f.get("cost")) for f in items if f and f.get("currency") == quote),
        Decimal(0),
    )


# okx algo (trigger) order states: `live` waits for the trigger; `effective` has placed its
# ordinary order (whose own state tells fills: ccxt's "closed" for it means nothing filled yet)
_ALGO_STATUS = {
    "live": OrderStatus.UNTRIGGERED,
    "pause": OrderStatus.UNTRIGGERED,
    "effective": OrderStatus.OPEN,
    "partially_effective": OrderStatus.OPEN,
    "canceled": OrderStatus.CANCELED,
    "order_failed": OrderStatus.REJECTED,
}


_ALGO_ORDER_TYPES = ("trigger", "conditional", "oco", "move_order_stop")


def _info(o: Mapping[str, Any]) -> Mapping[str, Any]:
    info = o.get("info")
    return info if isinstance(info, Mapping) else {}


def is_algo_order(o: Mapping[str, Any]) -> bool:
    """An okx algo order (trigger/conditional), as ccxt parses it from order-algo endpoints."""
    info = _info(o)
    return bool(info.get("algoId")) and info.get("ordType") in _ALGO_ORDER_TYPES


def _untriggered(o: Mapping[str, Any]) -> bool:
    """Whether an open trigger order still waits for its trigger. ccxt has no unified field:
    binance says `isWorking: false` (REST) or `w: false` (user-data executionReport)."""
    info = _info(o)
    if "isWorking" in info:
        return info.get("isWorking") in (False, "false")
    if "x" in info and "w" in info:  # binance's user-data executionReport
        return info.get("w") in (False, "false")
    return False


def _client_id_of(o: Mapping[str, Any]) -> str | None:
    """ccxt's clientOrderId, else okx's algoClOrdId: an algo order's own client id, which the
    ordinary order it places on triggering carries too."""
    return o.get("clientOrderId") or _info(o).get("algoClOrdId") or None


def to_order(o: Mapping[str, Any], fallback_client_id: str = "") -> ExchangeOrder:
    symbol = o.get("symbol") or ""
    filled = _d(o.get("filled"))
    status = ORDER_STATUS.get(str(o.get("status")), OrderStatus.UNKNOWN)
    trigger = _dec(o.get("triggerPrice") or o.get("stopPrice"))
    if trigger is not None and trigger <= 0:
        trigger = None
    order_id = str(o.get("id"))
    if is_algo_order(o):
        # ccxt maps `effective` (triggered, its order placed) to "closed": not a fill
        status = _ALGO_STATUS.get(str(_info(o).get("state")), OrderStatus.UNKNOWN)
        filled = Decimal(0)
    elif _info(o).get("algoId") and _info(o).get("ordId"):
        # the order an okx algo order placed: ccxt gives it the algo's id, fills name ordId
        order_id = str(_info(o)["ordId"])
    elif status is OrderStatus.OPEN and trigger is not None and filled == 0 and _untriggered(o):
        status = OrderStatus.UNTRIGGERED
    if status is OrderStatus.OPEN and filled > 0:
        status = OrderStatus.PARTIALLY_FILLED
    tif = _TIF.get(str(o.get("timeInForce")), TimeInForce.GTC)
    if o.get("postOnly"):
        tif = TimeInForce.POST_ONLY
    created = _ts(o.get("timestamp"))
    updated_ms = o.get("lastUpdateTimestamp") or o.get("lastTradeTimestamp")
    return ExchangeOrder(
        id=order_id,
        client_order_id=_client_id_of(o) or fallback_client_id,
        symbol=symbol,
        side=Side(o.get("side") or "buy"),
        type=(
            OrderType.MARKET
            if o.get("type") == "market"
            else OrderType.STOP_LIMIT
            if trigger is not None
            else OrderType.LIMIT
        ),
        time_in_force=tif,
        price=_dec(o.get("price")),
        qty=_d(o.get("amount")),
        filled_qty=filled,
        avg_fill_price=_dec(o.get("average")),
        fee_paid=_fee_in_quote(o.get("fees"), o.get("fee"), _quote_of(symbol)),
        status=status,
        created_at=created,
        updated_at=_ts(updated_ms) if updated_ms else created,
        reject_reason=None,
        trigger_price=trigger,
    )


def to_fill(t: Mapping[str, Any], client_order_ids: Mapping[str, str] | None = None) -> Fill:
    fee = t.get("fee") or {}
    order_id = str(t.get("order"))
    info = t.get("info")
    streamed_coid: str | None = None
    fee_cost = _d(fee.get("cost"))
    if isinstance(info, Mapping):
        if info.get("x"):  # binance's user-data executionReport: the client id is `c`
            streamed_coid = info.get("c")
        elif "fillFee" in info:  # okx's orders channel: clOrdId/algoClOrdId, fees negative
            streamed_coid = info.get("clOrdId") or info.get("algoClOrdId")
            fee_cost = -_d(info.get("fillFee"))
    coid = (t.get("clientOrderId") or (client_order_ids or {}).get(order_id) or streamed_coid) or ""
    return Fill(
        trade_id=str(t.get("id")),
        order_id=order_id,
        client_order_id=coid,
        symbol=t["symbol"],
        side=Side(t.get("side") or "buy"),
        price=_d(t.get("price")),
        qty=_d(t.get("amount")),
        fee=fee_cost,
        fee_currency=fee.get("currency") or "",
        liquidity=Liquidity.MAKER if t.get("takerOrMaker") == "maker" else Liquidity.TAKER,
        timestamp=_ts(t.get("timestamp")),
    )


def to_balances(b: Mapping[str, Any]) -> dict[str, Balance]:
    free = b.get("free") or {}
    used = b.get("used") or {}
    out: dict[str, Balance] = {}
    for cur in set(free) | set(used):
        out[cur] = Balance(currency=cur, free=_d(free.get(cur)), used=_d(used.get(cur)))
    return out


# ---------------------------------------------------------------------------------------------
# The adapter
# ---------------------------------------------------------------------------------------------


def _with_client_id(
    order: ExchangeOrder, raw: Mapping[str, Any], client_order_id: str | None
) -> ExchangeOrder:
    """Cancel answers may carry the cancel request's own client id (binance does): keep ours."""
    info = raw.get("info") or {}
    coid = client_order_id or (info.get("origClientOrderId") if isinstance(info, dict) else None)
    return replace(order, client_order_id=coid) if coid else order


def _merge_urls(current: Any, override: Mapping[str, Any]) -> Any:
    if not isinstance(current, dict):
        return dict(override) if len(override) != 1 or "api" not in override else override["api"]
    merged = dict(current)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge_urls(merged[key], value)
        else:
            merged[key] = value
    return merged


class CcxtExchange:
    """`engine.exchanges.protocol.Exchange` over one ccxt.pro client."""

    def __init__(
        self,
        venue: str,
        *,
        api_key: str | None = None,
        secret: str | None = None,
        passphrase: str | None = None,
        sandbox: bool = False,
        urls: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
        timeout_ms: int | None = None,
    ) -> None:
        if venue not in SUPPORTED_VENUES:
            raise errors.BadRequest(f"unsupported venue {venue!r}")
        config: dict[str, Any] = {"enableRateLimit": True}
        if api_key is not None:
            config["apiKey"] = api_key
        if secret is not None:
            config["secret"] = secret
        if passphrase is not None:
            config["password"] = passphrase
        if timeout_ms is not None:
            config["timeout"] = timeout_ms
        self._client: Any = getattr(ccxtpro, venue)(config)
        if options:
            self._client.options.update(options)
        if sandbox:
            if not self._client.urls.get("test"):
                raise errors.BadRequest(f"{venue} has no sandbox in ccxt")
            self._client.set_sandbox_mode(True)
        if urls:
            self._client.urls["api"] = _merge_urls(self._client.urls.get("api"), urls)
        self.capabilities = capabilities_of(self._client)
        self._markets: dict[str, Market] = {}
        # order id -> our client id, for venues whose trade rows omit it (binance myTrades)
        self._client_ids: dict[str, str] = {}
        # client ids of our algo (trigger) orders, on ALGO_TRIGGER_VENUES
        self._algo_client_ids: set[str] = set()
        self._fresh_trades: dict[str, FreshTrades] = {}  # per symbol, for watch_trades

    def _remember(self, order: ExchangeOrder) -> ExchangeOrder:
        if order.client_order_id:
            self._client_ids[order.id] = order.client_order_id
        return order

    @property
    def id(self) -> str:
        return str(self._client.id)

    @property
    def client(self) -> Any:
        """The underlying ccxt.pro client (for precision helpers and tests)."""
        return self._client

    async def _call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        try:
            return await fn(*args, **kwargs)
        except errors.ExchangeError:
            raise
        except (ccxt.BaseError, TimeoutError) as exc:
            raise map_ccxt_error(exc) from exc

    # -- market data --------------------------------------------------------------------------

    async def load_markets(self) -> dict[str, Market]:
        raw = await self._call(self._client.load_markets)
        mode = self._client.precisionMode
        self._markets = {sym: to_market(m, mode) for sym, m in raw.items() if m.get("spot", True)}
        return dict(self._markets)

    async def fetch_ticker(self, symbol: str) -> Ticker:
        return to_ticker(await self._call(self._client.fetch_ticker, symbol))

    async def fetch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot:
        book = await self._call(self._client.fetch_order_book, symbol, depth)
        return to_order_book(symbol, book, depth)

    async def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", limit: int = 100
    ) -> list[Candle]:
        if timeframe not in self._client.timeframes:
            raise errors.BadRequest(f"{self.id} has no timeframe {timeframe!r}")
        rows = await self._call(self._client.fetch_ohlcv, symbol, timeframe, None, limit)
        return [to_candle(symbol, timeframe, r) for r in rows]

    # -- account ------------------------------------------------------------------------------

    async def fetch_balance(self) -> dict[str, Balance]:
        return to_balances(await self._call(self._client.fetch_balance))

    async def create_order(self, request: OrderRequest) -> ExchangeOrder:
        params: dict[str, Any] = {"clientOrderId": request.client_order_id}
        if request.time_in_force is TimeInForce.IOC:
            params["timeInForce"] = "IOC"
        elif request.time_in_force is TimeInForce.POST_ONLY:
            params["postOnly"] = True
        if request.type.has_limit_price and request.price is None:
            raise errors.InvalidOrder("a limit order needs a price")
        ccxt_type = request.type.value
        if request.type is OrderType.STOP_LIMIT:
            if OrderType.STOP_LIMIT.value not in self.capabilities.order_types:
                raise errors.StopOrdersUnsupported(f"{self.id} takes no stop-limit orders")
            if request.trigger_price is None:
                raise errors.InvalidOrder("a stop-limit order needs a trigger price")
            # ccxt's unified form: a limit order with `triggerPrice` (binance: STOP_LOSS_LIMIT
            # with stopPrice, okx: an algo order with triggerPx, ...)
            params["triggerPrice"] = float(request.trigger_price)
            ccxt_type = OrderType.LIMIT.value
            if self.id in ALGO_TRIGGER_VENUES:
                return await self._create_algo(request, params)
        price = float(request.price) if request.price is not None else None
        raw = await self._call(
            self._client.create_order,
            request.symbol,
            ccxt_type,
            request.side.value,
            float(request.qty),
            price,
            params,
        )
        return self._remember(to_order(raw, request.client_order_id))

    # -- algo (trigger) orders on ALGO_TRIGGER_VENUES ------------------------------------------

    async def _create_algo(self, request: OrderRequest, params: dict[str, Any]) -> ExchangeOrder:
        """Place a stop-limit as an okx `trigger` algo order (POST trade/order-algo) under our
        client id as `algoClOrdId` (ccxt would send it as `clOrdId`, which algo orders do not
        key on), then read it back: the placement answer carries no state."""
        coid = request.client_order_id
        params = {k: v for k, v in params.items() if k != "clientOrderId"}
        params["algoClOrdId"] = coid
        assert request.price is not None
        await self._call(
            self._client.create_order,
            request.symbol,
            OrderType.LIMIT.value,
            request.side.value,
            float(request.qty),
            float(request.price),
            params,
        )
        self._algo_client_ids.add(coid)
        return await self._fetch_algo(request.symbol, coid)

    async def _fetch_algo(self, symbol: str, client_order_id: str) -> ExchangeOrder:
        """An algo order by client id; once triggered, the ordinary order it placed (status,
        fills, fee), reported as our stop-limit order with the algo's trigger price."""
        params = {"trigger": True, "clientOrderId": client_order_id}
        raw = await self._call(self._client.fetch_order, None, symbol, params)
        self._algo_client_ids.add(client_order_id)
        algo = to_order(raw, client_order_id)
        self._client_ids[algo.id] = client_order_id
        child_id = _info(raw).get("ordId")
        if not child_id or algo.status is not OrderStatus.OPEN:
            return algo
        child = to_order(await self._call(self._client.fetch_order, child_id, symbol))
        self._client_ids[child.id] = client_order_id
        return replace(
            child,
            client_order_id=client_order_id,
            type=OrderType.STOP_LIMIT,
            trigger_price=algo.trigger_price,
            created_at=algo.created_at,
        )

    async def _cancel_algo(self, symbol: str, client_order_id: str) -> ExchangeOrder:
        order = await self._fetch_algo(symbol, client_order_id)
        if order.status is OrderStatus.UNTRIGGERED:
            await self._call(self._client.cancel_order, order.id, symbol, {"trigger": True})
        elif not order.status.is_final:  # triggered: cancel the order it placed
            await self._call(self._client.cancel_order, order.id, symbol)
        else:  # already final: its final state is the answer
            return order
        return await self._fetch_algo(symbol, client_order_id)

    async def fetch_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder:
        if order_id is None and client_order_id is None:
            raise errors.BadRequest("fetch_order needs order_id or client_order_id")
        if order_id is not None:
            raw = await self._call(self._client.fetch_order, order_id, symbol)
            return self._remember(to_order(raw))
        assert client_order_id is not None
        if client_order_id in self._algo_client_ids:
            return await self._fetch_algo(symbol, client_order_id)
        if self.capabilities.fetch_order_by_client_id:
            params = {"clientOrderId": client_order_id}
            try:
                raw = await self._call(self._client.fetch_order, None, symbol, params)
            except errors.OrderNotFound:
                if self.id not in ALGO_TRIGGER_VENUES:
                    raise
                # not an ordinary order: one of our trigger orders (after a restart)?
                return await self._fetch_algo(symbol, client_order_id)
            return self._remember(to_order(raw, client_order_id))
        return await self._search_by_client_id(symbol, client_order_id)

    async def _search_by_client_id(self, symbol: str, client_order_id: str) -> ExchangeOrder:
        fetchers = []
        if self.capabilities.fetch_open_orders:
            fetchers.append(self._client.fetch_open_orders)
        if self.capabilities.fetch_closed_orders:
            fetchers.append(self._client.fetch_closed_orders)
        for fetch in fetchers:
            for raw in await self._call(fetch, symbol):
                if raw.get("clientOrderId") == client_order_id:
                    return to_order(raw, client_order_id)
        raise errors.OrderNotFound(f"no order with client id {client_order_id!r} on {self.id}")

    async def cancel_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder:
        if order_id is None:
            if client_order_id is None:
                raise errors.BadRequest("cancel_order needs order_id or client_order_id")
            if client_order_id in self._algo_client_ids:
                return await self._cancel_algo(symbol, client_order_id)
            if self.capabilities.fetch_order_by_client_id:
                params = {"clientOrderId": client_order_id}
                try:
                    raw = await self._call(self._client.cancel_order, None, symbol, params)
                except errors.OrderNotFound:
                    if self.id not in ALGO_TRIGGER_VENUES:
                        raise
                    return await self._cancel_algo(symbol, client_order_id)
                return _with_client_id(to_order(raw), raw, client_order_id)
            order_id = (await self._search_by_client_id(symbol, client_order_id)).id
        raw = await self._call(self._client.cancel_order, order_id, symbol)
        return _with_client_id(to_order(raw), raw, client_order_id)

    async def fetch_open_orders(self, symbol: str | None = None) -> list[ExchangeOrder]:
        rows = await self._call(self._client.fetch_open_orders, symbol)
        return [to_order(r) for r in rows]

    async def fetch_my_trades(
        self, symbol: str | None = None, since: datetime | None = None
    ) -> list[Fill]:
        since_ms = int(since.timestamp() * 1000) if since is not None else None
        rows = await self._call(self._client.fetch_my_trades, symbol, since_ms)
        fills = [to_fill(r, self._client_ids) for r in rows]
        if self.id in ALGO_TRIGGER_VENUES:
            fills = await self._name_algo_fills(fills)
        return fills

    async def _name_algo_fills(self, fills: list[Fill]) -> list[Fill]:
        """okx fill rows of an order a triggered algo placed carry no client id (the order's
        `clOrdId` is empty): read such orders once for their `algoClOrdId` (after a restart
        this adapter has not seen them). Orders without one are remembered as not ours."""
        unknown = {(f.order_id, f.symbol) for f in fills if not f.client_order_id}
        for order_id, symbol in unknown:
            if order_id in self._client_ids:
                continue
            try:
                order = await self.fetch_order(symbol, order_id=order_id)
            except errors.OrderNotFound:
                continue
            self._client_ids[order_id] = order.client_order_id
        return [
            f
            if f.client_order_id
            else replace(f, client_order_id=self._client_ids.get(f.order_id, ""))
            for f in fills
        ]

    # -- websockets (ccxt.pro) ----------------------------------------------------------------

    def _require_watch(self, name: str) -> None:
        if name not in self.capabilities.watch:
            raise errors.BadRequest(f"{self.id} has no {name}")

    async def watch_ticker(self, symbol: str) -> Ticker:
        self._require_watch("watchTicker")
        return to_ticker(await self._call(self._client.watch_ticker, symbol))

    async def watch_trades(self, symbol: str) -> list[Trade]:
        """Public trades of `symbol` not returned before, oldest first: those that reached
        ccxt.pro's cache since the last call at once, else the next ones to arrive (see
        engine/exchanges/fresh_trades.py for why the cache is read first)."""
        self._require_watch("watchTrades")
        fresh = self._fresh_trades.get(symbol)
        if fresh is None:
            keep = 2 * int(self._client.options.get("tradesLimit") or 1000)
            fresh = self._fresh_trades[symbol] = FreshTrades(keep)
        rows = fresh.take(fresh.unseen_tail(self._cached_trades(symbol)))
        while not rows:
            rows = fresh.take(await self._call(self._client.watch_trades, symbol))
        return [to_trade(r) for r in rows]

    def _cached_trades(self, symbol: str) -> list[Any]:
        cache = getattr(self._client, "trades", None)  # ccxt.pro: symbol -> ArrayCache
        rows = cache.get(symbol) if isinstance(cache, dict) else None
        return rows if isinstance(rows, list) else []

    async def watch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot:
        self._require_watch("watchOrderBook")
        book = await self._call(self._client.watch_order_book, symbol)
        return to_order_book(symbol, book, depth)

    async def watch_orders(self, symbol: str | None = None) -> list[ExchangeOrder]:
        """The account's order updates since the last call (ccxt.pro `watch_orders`: binance
        subscribes to the user-data stream over its websocket API)."""
        self._require_watch("watchOrders")
        rows = await self._call(self._client.watch_orders, symbol)
        return [self._remember(to_order(r)) for r in rows]

    async def watch_my_trades(self, symbol: str | None = None) -> list[Fill]:
        """The account's executions since the last call (ccxt.pro `watch_my_trades`)."""
        self._require_watch("watchMyTrades")
        rows = await self._call(self._client.watch_my_trades, symbol)
        return [to_fill(r, self._client_ids) for r in rows]

    async def unwatch(self, stream: str, symbol: str) -> bool:
        """Unsubscribe one public stream ("book", "trades" or "ticker") at the venue, so it
        stops sending frames nobody reads; True when an unsubscribe was sent and answered.

        Only where ccxt's `has` says the venue supports it (`capabilities.unwatch`); elsewhere
        the subscription lives until the connection closes. Never raises: a feed that is
        stopping must not fail because the venue did not confirm.
        """
        capability, method = {
            "book": ("unWatchOrderBook", "un_watch_order_book"),
            "trades": ("unWatchTrades", "un_watch_trades"),
            "ticker": ("unWatchTicker", "un_watch_ticker"),
        }[stream]
        if capability not in self.capabilities.unwatch:
            return False
        try:
            # ccxt resolves it when the venue acknowledges the UNSUBSCRIBE
            await asyncio.wait_for(getattr(self._client, method)(symbol), UNWATCH_TIMEOUT_S)
        except (ccxt.BaseError, TimeoutError) as exc:
            log.info("%s: unsubscribing %s %s failed: %s", self.id, stream, symbol, exc)
            return False
        return True

    def rate_limit_headroom(self) -> float:
        """0..1 of CCXT's leaky-bucket budget left now (1 before the first call)."""
        throttler = getattr(self._client, "throttler", None)
        if throttler is None:
            return 1.0
        if throttler.queue:
            return 0.0
        capacity = float(throttler.config.get("capacity") or 1.0)
        return max(0.0, min(1.0, float(throttler.config.get("tokens", 0)) / capacity))

    async def close(self) -> None:
        if self._client.session is None and not self._client.clients:
            # nothing was opened: skip ccxt's grace sleep meant for closing TLS connections
            self._client.timeout_on_exit = 0
        await self._client.close()
