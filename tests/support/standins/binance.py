"""A loopback stand-in for binance spot that speaks binance's real REST JSON.

Served by aiohttp on 127.0.0.1 (a free port). ccxt is pointed at it by rewriting every entry of
`exchange.urls['api']` to this server (`loopback_urls`), so no request can leave the machine: any
path the stand-in does not know answers 404 and is recorded in `unknown_requests` (tests assert it
stays empty).

Private endpoints check the API key and the HMAC-SHA256 signature exactly like binance
(signature over the query string + body, with the secret) and answer binance's error JSON.
Orders live in memory; a limit order that crosses the book fills at once at the touch and
prints a trade for `myTrades`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from aiohttp import WSMsgType, web

from tests.support.standins.site import serve_on_loopback

API_KEY = "standin-key"
SECRET = "standin-secret"
KLINE_PERIODS_MS = {
    "1m": 60_000,
    "5m": 300_000,
    "15m": 900_000,
    "1h": 3_600_000,
    "4h": 14_400_000,
    "1d": 86_400_000,
}

# symbol -> (base, quote, tickSize, stepSize, minQty, minNotional, bid, ask, last)
SYMBOLS: dict[str, tuple[str, str, str, str, str, str, str, str, str]] = {
    "BTCUSDT": ("BTC", "USDT", "0.01", "0.00001", "0.00001", "5", "50000", "50001", "50000.5"),
    "ETHUSDT": ("ETH", "USDT", "0.01", "0.0001", "0.0001", "5", "3000.00", "3000.10", "3000.05"),
    "ETHBTC": ("ETH", "BTC", "0.00001", "0.0001", "0.0001", "0.0001", "0.06", "0.06001", "0.06"),
}


def _fmt(value: Decimal) -> str:
    return f"{value:.8f}"


def _now_ms() -> int:
    return int(time.time() * 1000)


def _err(status: int, code: int, msg: str) -> web.Response:
    return web.json_response({"code": code, "msg": msg}, status=status)


@dataclass
class StandinOrder:
    order_id: int
    client_order_id: str
    symbol: str
    side: str
    type: str
    time_in_force: str
    price: Decimal
    qty: Decimal
    executed: Decimal = Decimal(0)
    quote_executed: Decimal = Decimal(0)
    status: str = "NEW"
    stop_price: Decimal = Decimal(0)  # STOP_LOSS_LIMIT only
    is_working: bool = True  # False: a stop waiting for its trigger
    time: int = field(default_factory=_now_ms)
    update_time: int = field(default_factory=_now_ms)

    def as_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "orderId": self.order_id,
            "orderListId": -1,
            "clientOrderId": self.client_order_id,
            "price": _fmt(self.price),
            "origQty": _fmt(self.qty),
            "executedQty": _fmt(self.executed),
            "cummulativeQuoteQty": _fmt(self.quote_executed),
            "status": self.status,
            "timeInForce": self.time_in_force,
            "type": self.type,
            "side": self.side,
            "stopPrice": _fmt(self.stop_price),
            "icebergQty": "0.00000000",
            "time": self.time,
            "updateTime": self.update_time,
            "isWorking": self.is_working,
            "workingTime": self.time,
            "origQuoteOrderQty": "0.00000000",
            "selfTradePreventionMode": "EXPIRE_MAKER",
        }


class BinanceStandin:
    """Start with `await standin.start()`; `base_url` is then http://127.0.0.1:{port}."""

    def __init__(self) -> None:
        self.orders: dict[int, StandinOrder] = {}
        self.trades: list[dict[str, Any]] = []
        self.balances: dict[str, list[Decimal]] = {
            "BTC": [Decimal("1.5"), Decimal(0)],
            "USDT": [Decimal("100000"), Decimal(0)],
            "ETH": [Decimal("10"), Decimal(0)],
        }
        self.requests: list[tuple[str, str]] = []
        self.unknown_requests: list[tuple[str, str]] = []
        self.order_response_delay = 0.0  # > 0: accept the order, then answer this late
        self.last_prices: dict[str, Decimal] = {}  # set by trade_at (default: SYMBOLS' last)
        # user-data stream (websocket API): subscribed sockets and their subscription ids,
        # the executionReport events not sent yet, and the API methods that were called
        self.user_streams: list[tuple[web.WebSocketResponse, int]] = []
        self.ws_api_methods: list[str] = []
        self._reports: list[dict[str, Any]] = []
        self._subscription_ids = itertools.count(0)
        self._ids = itertools.count(1000)
        self._trade_ids = itertools.count(500)
        self.book_update_id = 1_000_000
        self.books: dict[str, tuple[dict[Decimal, Decimal], dict[Decimal, Decimal]]] = {}
        for sym, (*_r, bid_s, ask_s, _last) in SYMBOLS.items():
            tick = Decimal(SYMBOLS[sym][2])
            bid, ask = Decimal(bid_s), Decimal(ask_s)
            self.books[sym] = (
                {bid - i * tick: Decimal("0.5") + i for i in range(50)},
                {ask + i * tick: Decimal("0.4") + i for i in range(50)},
            )
        # websocket subscribers: (socket, stream name such as "btcusdt@depth@100ms")
        self.ws_subscriptions: list[tuple[web.WebSocketResponse, str]] = []
        self.ws_paths: list[str] = []
        self.ws_unsubscribed: list[str] = []  # streams named in UNSUBSCRIBE requests, in order
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.klines_offline = False  # True: /api/v3/klines answers 503
        self.kline_pages = 0  # klines requests answered with a startTime (paged history)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/ws/{stream}", self._ws)
        app.router.add_get("/ws-api/v3", self._ws_api)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner, self.port = await serve_on_loopback(app)

    async def stop(self) -> None:
        for ws, _stream in list(self.ws_subscriptions):
            await ws.close()
        for ws, _id in list(self.user_streams):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- routing ------------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        key = (request.method, request.path)
        self.requests.append(key)
        routes = {
            ("GET", "/api/v3/exchangeInfo"): self._exchange_info,
            ("GET", "/api/v3/ticker/24hr"): self._ticker,
            ("GET", "/api/v3/depth"): self._depth,
            ("GET", "/api/v3/klines"): self._klines,
            ("GET", "/api/v3/account"): self._account,
            ("POST", "/api/v3/order"): self._new_order,
            ("GET", "/api/v3/order"): self._get_order,
            ("DELETE", "/api/v3/order"): self._cancel_order,
            ("GET", "/api/v3/openOrders"): self._open_orders,
            ("GET", "/api/v3/allOrders"): self._all_orders,
            ("GET", "/api/v3/myTrades"): self._my_trades,
        }
        handler = routes.get(key)
        if handler is None:
            self.unknown_requests.append(key)
            return web.json_response({"code": -1, "msg": "stand-in: unknown path"}, status=404)
        return await handler(request)

    async def _signed_params(self, request: web.Request) -> dict[str, str] | web.Response:
        """Check key + signature the way binance does; the params, or binance's error answer."""
        if request.headers.get("X-MBX-APIKEY") != API_KEY:
            return _err(401, -2015, "Invalid API-key, IP, or permissions for action.")
        body = (await request.text()) if request.can_read_body else ""
        query = urlsplit(str(request.rel_url)).query
        total = query + body if query and body else query or body
        payload, sep, signature = total.rpartition("&signature=")
        if not sep:
            return _err(400, -1102, "Mandatory parameter 'signature' was not sent.")
        expected = hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            return _err(400, -1022, "Signature for this request is not valid.")
        params = dict(parse_qsl(payload))
        if "timestamp" not in params:
            return _err(400, -1102, "Mandatory parameter 'timestamp' was not sent.")
        return params

    # -- public -------------------------------------------------------------------------------

    async def _exchange_info(self, request: web.Request) -> web.Response:
        symbols = []
        for sym, (base, quote, tick, step, min_qty, min_notional, *_r) in SYMBOLS.items():
            symbols.append(
                {
                    "symbol": sym,
                    "status": "TRADING",
                    "baseAsset": base,
                    "baseAssetPrecision": 8,
                    "quoteAsset": quote,
                    "quotePrecision": 8,
                    "quoteAssetPrecision": 8,
                    "baseCommissionPrecision": 8,
                    "quoteCommissionPrecision": 8,
                    "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT"],
                    "icebergAllowed": True,
                    "ocoAllowed": True,
                    "otoAllowed": True,
                    "quoteOrderQtyMarketAllowed": True,
                    "allowTrailingStop": True,
                    "cancelReplaceAllowed": True,
                    "isSpotTradingAllowed": True,
                    "isMarginTradingAllowed": False,
                    "filters": [
                        {
                            "filterType": "PRICE_FILTER",
                            "minPrice": tick,
                            "maxPrice": "1000000.00000000",
                            "tickSize": tick,
                        },
                        {
                            "filterType": "LOT_SIZE",
                            "minQty": min_qty,
                            "maxQty": "9000.00000000",
                            "stepSize": step,
                        },
                        {
                            "filterType": "NOTIONAL",
                            "minNotional": min_notional,
                            "applyMinToMarket": True,
                            "maxNotional": "9000000.00000000",
                            "applyMaxToMarket": False,
                            "avgPriceMins": 5,
                        },
                    ],
                    "permissions": [],
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
                    "allowedSelfTradePreventionModes": ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER"],
                }
            )
        return web.json_response(
            {
                "timezone": "UTC",
                "serverTime": _now_ms(),
                "rateLimits": [],
                "exchangeFilters": [],
                "symbols": symbols,
            }
        )

    def _symbol(self, request: web.Request) -> str | web.Response:
        sym = request.query.get("symbol", "")
        if sym not in SYMBOLS:
            return _err(400, -1121, "Invalid symbol.")
        return sym

    async def _ticker(self, request: web.Request) -> web.Response:
        sym = self._symbol(request)
        if isinstance(sym, web.Response):
            return sym
        *_, bid, ask, last = SYMBOLS[sym]
        now = _now_ms()
        return web.json_response(
            {
                "symbol": sym,
                "priceChange": "500.50000000",
                "priceChangePercent": "1.011",
                "weightedAvgPrice": last,
                "prevClosePrice": "49500.00000000",
                "lastPrice": last,
                "lastQty": "0.01000000",
                "bidPrice": bid,
                "bidQty": "1.20000000",
                "askPrice": ask,
                "askQty": "0.80000000",
                "openPrice": "49500.00000000",
                "highPrice": "51000.00000000",
                "lowPrice": "49000.00000000",
                "volume": "1234.50000000",
                "quoteVolume": "61725000.00000000",
                "openTime": now - 86_400_000,
                "closeTime": now,
                "firstId": 1,
                "lastId": 1000,
                "count": 1000,
            }
        )

    async def _depth(self, request: web.Request) -> web.Response:
        sym = self._symbol(request)
        if isinstance(sym, web.Response):
            return sym
        limit = int(request.query.get("limit", "100"))
        bids, asks = self.books[sym]
        top_bids = sorted(bids.items(), reverse=True)[:limit]
        top_asks = sorted(asks.items())[:limit]
        return web.json_response(
            {
                "lastUpdateId": self.book_update_id,
                "bids": [[_fmt(p), _fmt(q)] for p, q in top_bids],
                "asks": [[_fmt(p), _fmt(q)] for p, q in top_asks],
            }
        )

    async def _klines(self, request: web.Request) -> web.Response:
        sym = self._symbol(request)
        if isinstance(sym, web.Response):
            return sym
        if request.query.get("interval") not in KLINE_PERIODS_MS:
            return _err(400, -1120, "Invalid interval.")
        if self.klines_offline:
            return web.Response(status=503, text="Service Unavailable")
        limit = int(request.query.get("limit", "500"))
        if "startTime" in request.query:
            return web.json_response(self._kline_page(request, min(limit, 1000)))
        start = (_now_ms() // 60_000) * 60_000 - limit * 60_000
        rows = []
        for i in range(limit):
            o = Decimal(50000 + i)
            rows.append(
                [
                    start + i * 60_000,
                    _fmt(o),
                    _fmt(o + 10),
                    _fmt(o - 10),
                    _fmt(o + 1),
                    "12.50000000",
                    start + (i + 1) * 60_000 - 1,
                    _fmt(o * Decimal("12.5")),
                    42,
                    "6.00000000",
                    _fmt(o * 6),
                    "0",
                ]
            )
        return web.json_response(rows)

    def _kline_page(self, request: web.Request, limit: int) -> list[list[Any]]:
        """Paged history like binance: up to `limit` closed bars from startTime (aligned up) to
        endTime/now; each bar's prices follow from its open time (a slow ±2 % swing), so any
        page of any request gives the same bar."""
        period = KLINE_PERIODS_MS[request.query["interval"]]
        now = _now_ms()
        end = min(int(request.query.get("endTime", now)), now - period)  # closed bars only
        t = -(-int(request.query["startTime"]) // period) * period
        rows: list[list[Any]] = []
        while t <= end and len(rows) < limit:
            k = t // period
            o = Decimal(50000) + Decimal(1000) * Decimal(str(round(math.sin(k / 8), 4)))
            c = Decimal(50000) + Decimal(1000) * Decimal(str(round(math.sin((k + 1) / 8), 4)))
            hi, lo = max(o, c) + 20, min(o, c) - 20
            rows.append(
                [
                    t,
                    _fmt(o),
                    _fmt(hi),
                    _fmt(lo),
                    _fmt(c),
                    "3.00000000",
                    t + period - 1,
                    _fmt(c * 3),
                    7,
                    "1.00000000",
                    _fmt(c),
                    "0",
                ]
            )
            t += period
        self.kline_pages += 1
        return rows

    # -- private ------------------------------------------------------------------------------

    async def _account(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        return web.json_response(
            {
                "makerCommission": 10,
                "takerCommission": 10,
                "buyerCommission": 0,
                "sellerCommission": 0,
                "commissionRates": {
                    "maker": "0.00100000",
                    "taker": "0.00100000",
                    "buyer": "0.00000000",
                    "seller": "0.00000000",
                },
                "canTrade": True,
                "canWithdraw": True,
                "canDeposit": True,
                "brokered": False,
                "requireSelfTradePrevention": False,
                "preventSor": False,
                "updateTime": _now_ms(),
                "accountType": "SPOT",
                "balances": [
                    {"asset": a, "free": _fmt(f), "locked": _fmt(lk)}
                    for a, (f, lk) in self.balances.items()
                ],
                "permissions": ["SPOT"],
                "uid": 354937868,
            }
        )

    async def _new_order(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        sym = params.get("symbol", "")
        if sym not in SYMBOLS:
            return _err(400, -1121, "Invalid symbol.")
        coid = params.get("newClientOrderId") or f"standin{next(self._ids)}"
        if any(o.client_order_id == coid for o in self.orders.values()):
            return _err(400, -2010, "Duplicate order sent.")
        otype = params.get("type", "")
        side = params.get("side", "")
        order_types = {"LIMIT", "MARKET", "LIMIT_MAKER", "STOP_LOSS_LIMIT"}
        if otype not in order_types or side not in {"BUY", "SELL"}:
            return _err(400, -1116, "Invalid orderType.")
        qty = Decimal(params.get("quantity", "0"))
        base, quote, *_r, bid_s, ask_s, _last = SYMBOLS[sym]
        bid, ask = Decimal(bid_s), Decimal(ask_s)
        stop_price = Decimal(params.get("stopPrice", "0"))
        if otype == "STOP_LOSS_LIMIT":
            if stop_price <= 0:
                return _err(400, -1102, "Mandatory parameter 'stopPrice' was not sent.")
            last = self.last_prices.get(sym, Decimal(_last))
            if (stop_price <= last) if side == "BUY" else (stop_price >= last):
                return _err(400, -2010, "Stop price would trigger immediately.")
        price = Decimal(params.get("price", "0"))
        touch = ask if side == "BUY" else bid
        if otype == "MARKET":
            price = touch
        notional = qty * (price or touch)
        pay, pay_amount = (quote, notional) if side == "BUY" else (base, qty)
        if self.balances.get(pay, [Decimal(0)])[0] < pay_amount:
            return _err(400, -2010, "Account has insufficient balance for requested action.")
        crosses = otype == "MARKET" or (price >= ask if side == "BUY" else price <= bid)
        if otype == "STOP_LOSS_LIMIT":
            crosses = False  # waits for its trigger
        if otype == "LIMIT_MAKER" and crosses:
            return _err(400, -2010, "Order would immediately match and take.")
        order = StandinOrder(
            order_id=next(self._ids),
            client_order_id=coid,
            symbol=sym,
            side=side,
            type=otype,
            time_in_force=params.get("timeInForce", "GTC"),
            price=price if otype != "MARKET" else Decimal(0),
            qty=qty,
            stop_price=stop_price,
            is_working=otype != "STOP_LOSS_LIMIT",
        )
        self.orders[order.order_id] = order
        self._report(order, "NEW")
        fills: list[dict[str, Any]] = []
        if crosses:
            self._fill(order, touch, base, quote)
            fills.append(
                {
                    "price": _fmt(touch),
                    "qty": _fmt(qty),
                    "commission": _fmt(qty * touch * Decimal("0.001")),
                    "commissionAsset": quote,
                    "tradeId": self.trades[-1]["id"],
                }
            )
        else:
            self.balances.setdefault(pay, [Decimal(0), Decimal(0)])
            self.balances[pay][0] -= pay_amount
            self.balances[pay][1] += pay_amount
        await self.flush_reports()  # the user-data stream hears of it whatever REST answers
        if self.order_response_delay:
            # the venue has accepted the order; its answer is lost in transit
            await asyncio.sleep(self.order_response_delay)
        body = order.as_json()
        body["transactTime"] = order.time
        body["fills"] = fills
        return web.json_response(body)

    def trade_at(self, symbol: str, price: str) -> list[int]:
        """A market trade at `price`: stop orders it reaches start working (a limit that then
        crosses the touch fills at once). Returns the order ids that triggered."""
        last = Decimal(price)
        self.last_prices[symbol] = last
        base, quote, *_r, bid_s, ask_s, _last = SYMBOLS[symbol]
        bid, ask = Decimal(bid_s), Decimal(ask_s)
        triggered = []
        for order in self.orders.values():
            if order.symbol != symbol or order.is_working or order.status != "NEW":
                continue
            reached = last >= order.stop_price if order.side == "BUY" else last <= order.stop_price
            if not reached:
                continue
            order.is_working = True
            order.update_time = _now_ms()
            triggered.append(order.order_id)
            self._report(order, "NEW")  # binance reports a triggered stop as working
            touch = ask if order.side == "BUY" else bid
            if order.price >= ask if order.side == "BUY" else order.price <= bid:
                pay = quote if order.side == "BUY" else base
                reserved = order.qty * order.price if order.side == "BUY" else order.qty
                self.balances[pay][0] += reserved  # released, then settled by the fill
                self.balances[pay][1] -= reserved
                self._fill(order, touch, base, quote)
        return triggered

    def _fill(self, order: StandinOrder, price: Decimal, base: str, quote: str) -> None:
        order.executed = order.qty
        order.quote_executed = order.qty * price
        order.status = "FILLED"
        order.update_time = _now_ms()
        sign = 1 if order.side == "BUY" else -1
        self.balances.setdefault(base, [Decimal(0), Decimal(0)])
        self.balances.setdefault(quote, [Decimal(0), Decimal(0)])
        self.balances[base][0] += sign * order.qty
        self.balances[quote][0] -= sign * order.qty * price
        trade_id = next(self._trade_ids)
        self.trades.append(
            {
                "symbol": order.symbol,
                "id": trade_id,
                "orderId": order.order_id,
                "orderListId": -1,
                "price": _fmt(price),
                "qty": _fmt(order.qty),
                "quoteQty": _fmt(order.qty * price),
                "commission": _fmt(order.qty * price * Decimal("0.001")),
                "commissionAsset": quote,
                "time": order.update_time,
                "isBuyer": order.side == "BUY",
                "isMaker": False,
                "isBestMatch": True,
            }
        )
        self._report(order, "TRADE", trade_id=trade_id, last_qty=order.qty, last_price=price)

    def _find(self, params: dict[str, str]) -> StandinOrder | None:
        if "orderId" in params:
            order = self.orders.get(int(params["orderId"]))
        else:
            coid = params.get("origClientOrderId")
            order = next((o for o in self.orders.values() if o.client_order_id == coid), None)
        if order is None or order.symbol != params.get("symbol"):
            return None
        return order

    async def _get_order(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        order = self._find(params)
        if order is None:
            return _err(400, -2013, "Order does not exist.")
        return web.json_response(order.as_json())

    async def _cancel_order(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        order = self._find(params)
        if order is None or order.status not in {"NEW", "PARTIALLY_FILLED"}:
            return _err(400, -2011, "Unknown order sent.")
        order.status = "CANCELED"
        order.update_time = _now_ms()
        self._report(order, "CANCELED")
        await self.flush_reports()
        body = order.as_json()
        body["origClientOrderId"] = order.client_order_id
        body["clientOrderId"] = f"cancel{next(self._ids)}"  # binance: the cancel's own id
        body["transactTime"] = order.update_time
        return web.json_response(body)

    async def _open_orders(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        sym = params.get("symbol")
        rows = [
            o.as_json()
            for o in self.orders.values()
            if o.status in {"NEW", "PARTIALLY_FILLED"} and (sym is None or o.symbol == sym)
        ]
        return web.json_response(rows)

    async def _all_orders(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        sym = params.get("symbol")
        return web.json_response([o.as_json() for o in self.orders.values() if o.symbol == sym])

    async def _my_trades(self, request: web.Request) -> web.Response:
        params = await self._signed_params(request)
        if isinstance(params, web.Response):
            return params
        sym = params.get("symbol")
        if sym not in SYMBOLS:
            return _err(400, -1121, "Invalid symbol.")
        since = int(params.get("startTime", "0"))
        rows = [t for t in self.trades if t["symbol"] == sym and t["time"] >= since]
        return web.json_response(rows)

    # -- user-data stream (websocket API /ws-api/v3) ------------------------------------------

    def _report(
        self,
        order: StandinOrder,
        execution: str,
        *,
        trade_id: int = -1,
        last_qty: Decimal = Decimal(0),
        last_price: Decimal = Decimal(0),
    ) -> None:
        """Queue binance's `executionReport` for an order change (sent by flush_reports)."""
        quote = SYMBOLS[order.symbol][1]
        commission = last_qty * last_price * Decimal("0.001")
        now = _now_ms()
        cancelled = execution == "CANCELED"
        self._reports.append(
            {
                "e": "executionReport",
                "E": now,
                "s": order.symbol,
                "c": f"cancel{order.order_id}" if cancelled else order.client_order_id,
                "S": order.side,
                "o": order.type,
                "f": order.time_in_force,
                "q": _fmt(order.qty),
                "p": _fmt(order.price),
                "P": _fmt(order.stop_price),
                "F": "0.00000000",
                "g": -1,
                "C": order.client_order_id if cancelled else "",
                "x": execution,
                "X": order.status,
                "r": "NONE",
                "i": order.order_id,
                "l": _fmt(last_qty),
                "z": _fmt(order.executed),
                "L": _fmt(last_price),
                "n": _fmt(commission),
                "N": quote if trade_id >= 0 else None,
                "T": now,
                "t": trade_id,
                "I": now,
                "w": order.is_working and order.status in {"NEW", "PARTIALLY_FILLED"},
                "m": False,
                "M": False,
                "O": order.time,
                "Z": _fmt(order.quote_executed),
                "Y": _fmt(last_qty * last_price),
                "Q": "0.00000000",
                "W": order.time,
                "V": "EXPIRE_MAKER",
            }
        )

    async def flush_reports(self) -> int:
        """Send the queued executionReports to every user-data subscriber; how many were sent."""
        reports, self._reports = self._reports, []
        sent = 0
        for report in reports:
            for ws, subscription_id in list(self.user_streams):
                if not ws.closed:
                    await ws.send_json({"subscriptionId": subscription_id, "event": report})
                    sent += 1
        return sent

    async def _ws_api(self, request: web.Request) -> web.WebSocketResponse:
        """binance's websocket API: only `userDataStream.subscribe.signature` (what ccxt.pro's
        watch_orders / watch_my_trades send for spot), signed like REST over the sorted params."""
        self.ws_paths.append(request.path)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            body = json.loads(msg.data)
            method = str(body.get("method"))
            self.ws_api_methods.append(method)
            request_id = body.get("id")
            if method != "userDataStream.subscribe.signature":
                self.unknown_requests.append(("WS-API", method))
                error = {"code": -1, "msg": "stand-in: unknown method"}
                await ws.send_json({"id": request_id, "status": 400, "error": error})
                continue
            params = dict(body.get("params") or {})
            signature = str(params.pop("signature", ""))
            payload = "&".join(f"{k}={params[k]}" for k in sorted(params))
            expected = hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).hexdigest()
            if params.get("apiKey") != API_KEY or not hmac.compare_digest(expected, signature):
                error = {"code": -1022, "msg": "Signature for this request is not valid."}
                await ws.send_json({"id": request_id, "status": 401, "error": error})
                continue
            subscription_id = next(self._subscription_ids)
            self.user_streams.append((ws, subscription_id))
            await ws.send_json(
                {"id": request_id, "status": 200, "result": {"subscriptionId": subscription_id}}
            )
        self.user_streams = [(w, i) for w, i in self.user_streams if w is not ws]
        return ws

    # -- websocket (/ws/{stream}) -------------------------------------------------------------

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        """binance's raw stream endpoint: SUBSCRIBE/UNSUBSCRIBE by JSON, events pushed."""
        self.ws_paths.append(request.path)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            body = json.loads(msg.data)
            method = body.get("method")
            streams = [str(p) for p in body.get("params") or []]
            if method == "SUBSCRIBE":
                self.ws_subscriptions.extend((ws, st) for st in streams)
            elif method == "UNSUBSCRIBE":
                self.ws_unsubscribed.extend(streams)
                self.ws_subscriptions = [
                    (w, st) for w, st in self.ws_subscriptions if w is not ws or st not in streams
                ]
            await ws.send_json({"result": None, "id": body.get("id")})
        self.ws_subscriptions = [(w, st) for w, st in self.ws_subscriptions if w is not ws]
        return ws

    async def _publish(self, prefix: str, event: dict[str, Any]) -> int:
        sent = 0
        for ws, stream in list(self.ws_subscriptions):
            if stream.startswith(prefix) and not ws.closed:
                await ws.send_json(event)
                sent += 1
        return sent

    async def push_depth(
        self,
        symbol: str,
        bids: Sequence[tuple[str, str]] = (),
        asks: Sequence[tuple[str, str]] = (),
        *,
        gap: int = 0,
    ) -> int:
        """Apply a diff to the book and send binance's `depthUpdate` event (U..u sequence).

        `gap` > 0 skips that many update ids first, as a lost message would. Returns how many
        subscribers got it.
        """
        book_bids, book_asks = self.books[symbol]
        for side, rows in ((book_bids, bids), (book_asks, asks)):
            for p, q in rows:
                price, qty = Decimal(p), Decimal(q)
                if qty == 0:
                    side.pop(price, None)
                else:
                    side[price] = qty
        first = self.book_update_id + 1 + gap
        self.book_update_id = first + max(len(bids) + len(asks), 1) - 1
        event = {
            "e": "depthUpdate",
            "E": _now_ms(),
            "s": symbol,
            "U": first,
            "u": self.book_update_id,
            "b": [[p, q] for p, q in bids],
            "a": [[p, q] for p, q in asks],
        }
        return await self._publish(f"{symbol.lower()}@depth", event)

    async def push_trade(self, symbol: str, price: str, qty: str, buyer_is_maker: bool) -> int:
        """Send binance's `trade` event to `{symbol}@trade` subscribers."""
        now = _now_ms()
        event = {
            "e": "trade",
            "E": now,
            "s": symbol,
            "t": next(self._trade_ids),
            "p": price,
            "q": qty,
            "T": now,
            "m": buyer_is_maker,
            "M": True,
        }
        return await self._publish(f"{symbol.lower()}@trade", event)

    async def push_ticker(
        self, symbol: str, last: str, open_: str = "49500", high: str = "51000", low: str = "49000"
    ) -> int:
        """Send binance's `24hrMiniTicker` event to `{symbol}@miniTicker` subscribers (the
        stream ccxt's watch_ticker subscribes by default)."""
        event = {
            "e": "24hrMiniTicker",
            "E": _now_ms(),
            "s": symbol,
            "c": last,
            "o": open_,
            "h": high,
            "l": low,
            "v": "1234.5",
            "q": "61725000",
        }
        return await self._publish(f"{symbol.lower()}@miniTicker", event)


def loopback_urls(base_url: str) -> dict[str, Any]:
    """Every entry of ccxt binance's `urls['api']`, rewritten to the stand-in (http + ws)."""
    import ccxt.pro as ccxtpro

    ws_base = base_url.replace("http://", "ws://")

    def rewrite(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: rewrite(v) for k, v in value.items()}
        if isinstance(value, str):
            parts = urlsplit(value)
            return (ws_base if parts.scheme.startswith("ws") else base_url) + parts.path
        return value

    out: dict[str, Any] = rewrite(ccxtpro.binance().urls["api"])
    return out


# Keep ccxt on spot: no sapi/margin/futures calls while loading markets.
SPOT_ONLY_OPTIONS: dict[str, Any] = {
    "fetchMarkets": {"types": ["spot"]},
    "fetchCurrencies": False,
    "fetchMargins": False,
}


def settings_override(base_url: str) -> dict[str, Any]:
    """CO_EXCHANGE_OVERRIDES' entry that points the service's binance clients at the stand-in."""
    return {"urls": loopback_urls(base_url), "options": SPOT_ONLY_OPTIONS}
