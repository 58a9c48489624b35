"""A loopback stand-in for OKX spot (API v5) that speaks OKX's real REST and websocket JSON.

Served by aiohttp on 127.0.0.1 (a free port); ccxt is pointed at it with `loopback_urls`
(`urls['api'] = {'rest': ..., 'ws': .../ws/v5}`). Unknown paths answer 404 and are recorded in
`unknown_requests`.

Private endpoints check OKX's headers: OK-ACCESS-KEY, OK-ACCESS-PASSPHRASE and OK-ACCESS-SIGN =
base64(HMAC-SHA256(secret, timestamp + method + requestPath + body)), and answer OKX's error
codes (50111 bad key, 50105 bad passphrase, 50113 bad signature). Every answer has OKX's
envelope {"code": "0", "msg": "", "data": [...]}; order rejections carry sCode/sMsg per order.
Websocket `/ws/v5/public`: `{"op": "subscribe", "args": [{"channel": "books"|"trades",
"instId": ...}]}`; books start with a snapshot, then updates chained by seqId/prevSeqId.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aiohttp import WSMsgType, web

from tests.support.standins.site import serve_on_loopback

API_KEY = "okx-standin-key"
SECRET = "okx-standin-secret"
PASSPHRASE = "okx-standin-pass"
FEE_RATE = Decimal("0.001")

# instId -> (base, quote, tickSz, lotSz, minSz, bid, ask)
INSTRUMENTS: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "BTC-USDT": ("BTC", "USDT", "0.1", "0.00000001", "0.00001", "60000", "60000.1"),
    "ETH-USDT": ("ETH", "USDT", "0.01", "0.000001", "0.0001", "3000", "3000.01"),
}
# ccxt: spot markets only, and no private currency list while loading markets.
SPOT_ONLY_OPTIONS: dict[str, Any] = {
    "fetchMarkets": {"types": ["spot"]},
    "fetchCurrencies": False,
}


def _s(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _now_ms() -> int:
    return int(time.time() * 1000)


def _answer(
    data: list[dict[str, Any]], code: str = "0", msg: str = "", status: int = 200
) -> web.Response:
    return web.json_response({"code": code, "msg": msg, "data": data}, status=status)


def _refused(code: str, msg: str, status: int = 200) -> web.Response:
    return _answer([], code, msg, status)


@dataclass
class StandinOrder:
    ord_id: str
    cl_ord_id: str
    inst_id: str
    side: str  # buy | sell
    ord_type: str  # limit | market | post_only | ioc
    px: Decimal
    sz: Decimal
    acc_fill_sz: Decimal = Decimal(0)
    avg_px: Decimal = Decimal(0)
    fee: Decimal = Decimal(0)  # OKX reports fees as negative numbers
    fee_ccy: str = ""
    state: str = "live"  # live | partially_filled | filled | canceled
    c_time: int = field(default_factory=_now_ms)
    u_time: int = field(default_factory=_now_ms)
    algo_id: str = ""  # set on the order a triggered algo order placed
    algo_cl_ord_id: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "instType": "SPOT",
            "instId": self.inst_id,
            "ordId": self.ord_id,
            "clOrdId": self.cl_ord_id,
            "algoId": self.algo_id,
            "algoClOrdId": self.algo_cl_ord_id,
            "tag": "",
            "px": "" if self.ord_type == "market" else _s(self.px),
            "sz": _s(self.sz),
            "ordType": self.ord_type,
            "side": self.side,
            "posSide": "net",
            "tdMode": "cash",
            "accFillSz": _s(self.acc_fill_sz),
            "fillPx": _s(self.avg_px) if self.acc_fill_sz else "",
            "fillSz": _s(self.acc_fill_sz) if self.acc_fill_sz else "",
            "avgPx": _s(self.avg_px) if self.acc_fill_sz else "",
            "state": self.state,
            "fee": _s(self.fee),
            "feeCcy": self.fee_ccy,
            "cTime": str(self.c_time),
            "uTime": str(self.u_time),
        }


@dataclass
class StandinAlgo:
    """An OKX `trigger` algo order: waits for the last price to reach triggerPx, then places a
    limit order at ordPx (its ordId is set then, state `effective`)."""

    algo_id: str
    algo_cl_ord_id: str
    inst_id: str
    side: str
    sz: Decimal
    trigger_px: Decimal
    ord_px: Decimal  # -1: market
    state: str = "live"  # live | effective | canceled | order_failed
    ord_id: str = ""
    trigger_time: int = 0
    c_time: int = field(default_factory=_now_ms)
    u_time: int = field(default_factory=_now_ms)

    def as_json(self) -> dict[str, Any]:
        return {
            "instType": "SPOT",
            "instId": self.inst_id,
            "ordId": self.ord_id,
            "ordIdList": [self.ord_id] if self.ord_id else [],
            "algoId": self.algo_id,
            "algoClOrdId": self.algo_cl_ord_id,
            "clOrdId": "",
            "sz": _s(self.sz),
            "ordType": "trigger",
            "side": self.side,
            "posSide": "net",
            "tdMode": "cash",
            "tgtCcy": "",
            "state": self.state,
            "lever": "",
            "triggerPx": _s(self.trigger_px),
            "triggerPxType": "last",
            "ordPx": "-1" if self.ord_px < 0 else _s(self.ord_px),
            "actualSz": _s(self.sz) if self.ord_id else "",
            "actualPx": _s(self.ord_px) if self.ord_id else "",
            "actualSide": "",
            "triggerTime": str(self.trigger_time) if self.trigger_time else "",
            "tag": "",
            "cTime": str(self.c_time),
            "uTime": str(self.u_time),
        }


class OkxStandin:
    """Start with `await standin.start()`; `base_url` is then http://127.0.0.1:{port}."""

    def __init__(self) -> None:
        self.orders: dict[str, StandinOrder] = {}
        self.fills: list[dict[str, Any]] = []
        self.balances: dict[str, list[Decimal]] = {  # ccy -> [available, frozen]
            "BTC": [Decimal("2"), Decimal(0)],
            "USDT": [Decimal("200000"), Decimal(0)],
        }
        self.requests: list[tuple[str, str]] = []
        self.unknown_requests: list[tuple[str, str]] = []
        self._ids = itertools.count(700_000)
        self._trade_ids = itertools.count(90_000)
        self.seq_ids: dict[str, int] = {inst: 10_000 for inst in INSTRUMENTS}
        self.books: dict[str, tuple[dict[Decimal, Decimal], dict[Decimal, Decimal]]] = {}
        for inst, (_b, _q, tick_s, _lot, _min, bid_s, ask_s) in INSTRUMENTS.items():
            tick, bid, ask = Decimal(tick_s), Decimal(bid_s), Decimal(ask_s)
            self.books[inst] = (
                {bid - i * tick: Decimal("0.5") + i for i in range(30)},
                {ask + i * tick: Decimal("0.4") + i for i in range(30)},
            )
        self.subscriptions: list[tuple[web.WebSocketResponse, str, str]] = []  # ws, channel, inst
        self.algos: dict[str, StandinAlgo] = {}
        self.order_response_delay = 0.0  # > 0: accept an (algo) order, then answer this late
        # private websocket: logged-in sockets, their `orders` subscriptions, queued pushes
        self.logins: list[web.WebSocketResponse] = []
        self.login_failures = 0
        self.order_subscribers: list[web.WebSocketResponse] = []
        self._order_events: list[dict[str, Any]] = []
        self.snapshots_sent = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/ws/v5/public", self._ws)
        app.router.add_get("/ws/v5/private", self._ws_private)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner, self.port = await serve_on_loopback(app)

    async def stop(self) -> None:
        for ws, _channel, _inst in list(self.subscriptions):
            await ws.close()
        for ws in list(self.logins):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- routing ------------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        key = (request.method, request.path)
        self.requests.append(key)
        public = {
            ("GET", "/api/v5/public/instruments"): self._instruments,
            ("GET", "/api/v5/public/time"): self._time,
            ("GET", "/api/v5/market/ticker"): self._ticker,
            ("GET", "/api/v5/market/books"): self._books,
        }
        private = {
            ("GET", "/api/v5/account/balance"): self._balance,
            ("GET", "/api/v5/asset/currencies"): self._currencies,
            ("POST", "/api/v5/trade/order"): self._new_order,
            ("POST", "/api/v5/trade/batch-orders"): self._new_order,
            ("GET", "/api/v5/trade/order"): self._get_order,
            ("POST", "/api/v5/trade/cancel-order"): self._cancel_order,
            ("GET", "/api/v5/trade/orders-pending"): self._pending,
            ("GET", "/api/v5/trade/orders-history"): self._history,
            ("GET", "/api/v5/trade/fills"): self._fills,
            ("GET", "/api/v5/trade/fills-history"): self._fills,
            ("POST", "/api/v5/trade/order-algo"): self._new_algo,
            ("GET", "/api/v5/trade/order-algo"): self._get_algo,
            ("GET", "/api/v5/trade/orders-algo-pending"): self._algos_pending,
            ("GET", "/api/v5/trade/orders-algo-history"): self._algos_history,
            ("POST", "/api/v5/trade/cancel-algos"): self._cancel_algos,
        }
        if key in public:
            return await public[key](request)
        if key in private:
            refused = await self._authenticate(request)
            if refused is not None:
                return refused
            return await private[key](request)
        self.unknown_requests.append(key)
        return _refused("50000", "stand-in: unknown path", status=404)

    async def _authenticate(self, request: web.Request) -> web.Response | None:
        headers = request.headers
        if headers.get("OK-ACCESS-KEY") != API_KEY:
            return _refused("50111", "Invalid OK-ACCESS-KEY", status=401)
        if headers.get("OK-ACCESS-PASSPHRASE") != PASSPHRASE:
            return _refused("50105", "Invalid OK-ACCESS-PASSPHRASE", status=401)
        body = await request.text() if request.can_read_body else ""
        payload = headers.get("OK-ACCESS-TIMESTAMP", "") + request.method + request.path_qs + body
        expected = base64.b64encode(
            hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).digest()
        ).decode()
        if not hmac.compare_digest(expected, headers.get("OK-ACCESS-SIGN", "")):
            return _refused("50113", "Invalid Sign", status=401)
        return None

    # -- public -------------------------------------------------------------------------------

    async def _time(self, request: web.Request) -> web.Response:
        return _answer([{"ts": str(_now_ms())}])

    async def _instruments(self, request: web.Request) -> web.Response:
        if request.query.get("instType") != "SPOT":
            return _answer([])
        rows = [
            {
                "instType": "SPOT",
                "instId": inst,
                "uly": "",
                "instFamily": "",
                "baseCcy": base,
                "quoteCcy": quote,
                "settleCcy": "",
                "ctVal": "",
                "ctMult": "",
                "ctValCcy": "",
                "optType": "",
                "stk": "",
                "listTime": "1606468572000",
                "expTime": "",
                "lever": "10",
                "tickSz": tick,
                "lotSz": lot,
                "minSz": min_sz,
                "ctType": "",
                "alias": "",
                "state": "live",
                "maxLmtSz": "9999999999",
                "maxMktSz": "1000000",
                "maxTwapSz": "9999999999",
                "maxIcebergSz": "9999999999",
                "maxTriggerSz": "9999999999",
                "maxStopSz": "1000000",
            }
            for inst, (base, quote, tick, lot, min_sz, _bid, _ask) in INSTRUMENTS.items()
        ]
        return _answer(rows)

    def _inst(self, request: web.Request) -> str | None:
        inst = request.query.get("instId", "")
        return inst if inst in INSTRUMENTS else None

    def _touch(self, inst: str) -> tuple[Decimal, Decimal]:
        bids, asks = self.books[inst]
        return max(bids), min(asks)

    async def _ticker(self, request: web.Request) -> web.Response:
        inst = self._inst(request)
        if inst is None:
            return _refused("51001", "Instrument ID does not exist")
        bid, ask = self._touch(inst)
        bids, asks = self.books[inst]
        last = (bid + ask) / 2
        return _answer(
            [
                {
                    "instType": "SPOT",
                    "instId": inst,
                    "last": _s(last),
                    "lastSz": "0.1",
                    "askPx": _s(ask),
                    "askSz": _s(asks[ask]),
                    "bidPx": _s(bid),
                    "bidSz": _s(bids[bid]),
                    "open24h": _s(last * Decimal("0.98")),
                    "high24h": _s(last * Decimal("1.02")),
                    "low24h": _s(last * Decimal("0.97")),
                    "volCcy24h": "1000000",
                    "vol24h": "20",
                    "ts": str(_now_ms()),
                    "sodUtc0": _s(last),
                    "sodUtc8": _s(last),
                }
            ]
        )

    def _book_levels(self, inst: str, depth: int) -> dict[str, Any]:
        bids, asks = self.books[inst]
        return {
            "asks": [[_s(p), _s(asks[p]), "0", "1"] for p in sorted(asks)[:depth]],
            "bids": [[_s(p), _s(bids[p]), "0", "1"] for p in sorted(bids, reverse=True)[:depth]],
            "ts": str(_now_ms()),
        }

    async def _books(self, request: web.Request) -> web.Response:
        inst = self._inst(request)
        if inst is None:
            return _refused("51001", "Instrument ID does not exist")
        return _answer([self._book_levels(inst, int(request.query.get("sz", "20")))])

    # -- private ------------------------------------------------------------------------------

    async def _currencies(self, request: web.Request) -> web.Response:
        names = {"BTC": "Bitcoin", "ETH": "Ethereum", "USDT": "Tether"}
        return _answer(
            [
                {
                    "ccy": ccy,
                    "name": name,
                    "chain": f"{ccy}-{ccy}",
                    "canDep": True,
                    "canWd": True,
                    "canInternal": True,
                    "minWd": "0.001",
                    "maxWd": "500",
                    "wdTickSz": "8",
                    "fee": "0.0002",
                    "minFee": "0.0002",
                    "maxFee": "0.0004",
                    "mainNet": True,
                }
                for ccy, name in names.items()
            ]
        )

    async def _balance(self, request: web.Request) -> web.Response:
        details = [
            {
                "ccy": ccy,
                "availBal": _s(avail),
                "frozenBal": _s(frozen),
                "cashBal": _s(avail + frozen),
                "eq": _s(avail + frozen),
                "availEq": _s(avail),
                "uTime": str(_now_ms()),
            }
            for ccy, (avail, frozen) in self.balances.items()
        ]
        return _answer([{"totalEq": "0", "uTime": str(_now_ms()), "details": details}])

    async def _new_order(self, request: web.Request) -> web.Response:
        body = json.loads(await request.text() or "{}")
        rows = body if isinstance(body, list) else [body]
        results = [self._place(row) for row in rows]
        if self.order_response_delay:
            await asyncio.sleep(self.order_response_delay)
        failed = any(r["sCode"] != "0" for r in results)
        return _answer(results, "1" if failed else "0", "Operation failed." if failed else "")

    def _place(self, row: dict[str, Any], algo: StandinAlgo | None = None) -> dict[str, Any]:
        inst = row.get("instId", "")
        cl_ord_id = row.get("clOrdId") or ""

        def reject(code: str, msg: str) -> dict[str, Any]:
            return {"ordId": "", "clOrdId": cl_ord_id, "tag": "", "sCode": code, "sMsg": msg}

        if inst not in INSTRUMENTS:
            return reject("51001", "Instrument ID does not exist")
        if cl_ord_id and any(o.cl_ord_id == cl_ord_id for o in self.orders.values()):
            return reject("51016", "Duplicated clOrdId")
        side, ord_type = row.get("side", ""), row.get("ordType", "")
        if side not in {"buy", "sell"} or ord_type not in {"limit", "market", "post_only", "ioc"}:
            return reject("51000", "Parameter ordType error")
        base, quote, *_rest = INSTRUMENTS[inst]
        sz = Decimal(row.get("sz", "0"))
        bid, ask = self._touch(inst)
        touch = ask if side == "buy" else bid
        px = touch if ord_type == "market" else Decimal(row.get("px", "0"))
        crosses = ord_type == "market" or (px >= ask if side == "buy" else px <= bid)
        if ord_type == "post_only" and crosses:
            return reject("51006", "Order price is not within the price limit")
        pay, amount = (quote, sz * px) if side == "buy" else (base, sz)
        if self.balances.get(pay, [Decimal(0)])[0] < amount:
            return reject("51008", "Order failed. Insufficient balance.")
        order = StandinOrder(
            ord_id=str(next(self._ids)),
            cl_ord_id=cl_ord_id,
            inst_id=inst,
            side=side,
            ord_type=ord_type,
            px=px,
            sz=sz,
            algo_id=algo.algo_id if algo else "",
            algo_cl_ord_id=algo.algo_cl_ord_id if algo else "",
        )
        if algo is not None:
            algo.ord_id = order.ord_id
        self.orders[order.ord_id] = order
        if crosses:
            self._fill(order, touch)
        elif ord_type == "ioc":
            order.state = "canceled"
            self._order_event(order)
        else:
            self.balances[pay][0] -= amount
            self.balances[pay][1] += amount
            self._order_event(order)
        return {"ordId": order.ord_id, "clOrdId": cl_ord_id, "tag": "", "sCode": "0", "sMsg": ""}

    def _fill(self, order: StandinOrder, price: Decimal) -> None:
        base, quote, *_rest = INSTRUMENTS[order.inst_id]
        fee = order.sz * price * FEE_RATE
        sign = 1 if order.side == "buy" else -1
        for ccy in (base, quote):
            self.balances.setdefault(ccy, [Decimal(0), Decimal(0)])
        self.balances[base][0] += sign * order.sz
        self.balances[quote][0] -= sign * order.sz * price + fee
        order.acc_fill_sz, order.avg_px, order.state = order.sz, price, "filled"
        order.fee, order.fee_ccy, order.u_time = -fee, quote, _now_ms()
        self.fills.append(
            {
                "instType": "SPOT",
                "instId": order.inst_id,
                "tradeId": str(next(self._trade_ids)),
                "ordId": order.ord_id,
                "clOrdId": order.cl_ord_id,
                "billId": str(next(self._ids)),
                "tag": "",
                "fillPx": _s(price),
                "fillSz": _s(order.sz),
                "side": order.side,
                "posSide": "net",
                "execType": "T",
                "feeCcy": quote,
                "fee": _s(-fee),
                "ts": str(order.u_time),
                "fillTime": str(order.u_time),
            }
        )
        self._order_event(order, self.fills[-1])

    def _find(self, params: dict[str, str]) -> StandinOrder | None:
        if params.get("ordId"):
            order = self.orders.get(params["ordId"])
        else:
            cl = params.get("clOrdId")
            order = next((o for o in self.orders.values() if cl and o.cl_ord_id == cl), None)
        if order is None or order.inst_id != params.get("instId"):
            return None
        return order

    async def _get_order(self, request: web.Request) -> web.Response:
        order = self._find(dict(request.query))
        if order is None:
            return _refused("51603", "Order does not exist")
        return _answer([order.as_json()])

    async def _cancel_order(self, request: web.Request) -> web.Response:
        params = json.loads(await request.text() or "{}")
        order = self._find(params)
        if order is None:
            return _answer(
                [{"ordId": "", "clOrdId": "", "sCode": "51400", "sMsg": "Cancellation failed"}],
                "1",
                "Operation failed.",
            )
        if order.state in {"live", "partially_filled"}:
            base, quote, *_rest = INSTRUMENTS[order.inst_id]
            pay, amount = (
                (quote, (order.sz - order.acc_fill_sz) * order.px)
                if order.side == "buy"
                else (base, order.sz - order.acc_fill_sz)
            )
            self.balances[pay][0] += amount
            self.balances[pay][1] -= amount
            order.state, order.u_time = "canceled", _now_ms()
            self._order_event(order)
        else:
            return _answer(
                [
                    {
                        "ordId": order.ord_id,
                        "clOrdId": order.cl_ord_id,
                        "sCode": "51402",
                        "sMsg": "Order has been completed.",
                    }
                ],
                "1",
                "Operation failed.",
            )
        return _answer(
            [{"ordId": order.ord_id, "clOrdId": order.cl_ord_id, "sCode": "0", "sMsg": ""}]
        )

    def _orders(self, request: web.Request, states: set[str]) -> web.Response:
        inst = request.query.get("instId")
        rows = [
            o.as_json()
            for o in sorted(self.orders.values(), key=lambda o: o.c_time, reverse=True)
            if o.state in states and (inst is None or o.inst_id == inst)
        ]
        return _answer(rows)

    async def _pending(self, request: web.Request) -> web.Response:
        return self._orders(request, {"live", "partially_filled"})

    async def _history(self, request: web.Request) -> web.Response:
        return self._orders(request, {"filled", "canceled"})

    async def _fills(self, request: web.Request) -> web.Response:
        inst = request.query.get("instId")
        rows = [f for f in reversed(self.fills) if inst is None or f["instId"] == inst]
        return _answer(rows)

    # -- algo (trigger) orders: /api/v5/trade/order-algo ... ----------------------------------

    async def _new_algo(self, request: web.Request) -> web.Response:
        row = json.loads(await request.text() or "{}")
        inst = row.get("instId", "")
        algo_cl = row.get("algoClOrdId") or ""

        def reject(code: str, msg: str) -> web.Response:
            data = {"algoId": "", "clOrdId": "", "algoClOrdId": algo_cl, "sCode": code, "sMsg": msg}
            return _answer([data], "1", "Operation failed.")

        if inst not in INSTRUMENTS:
            return reject("51001", "Instrument ID does not exist")
        if row.get("ordType") != "trigger" or row.get("side") not in {"buy", "sell"}:
            return reject("51000", "Parameter ordType error")
        if algo_cl and any(a.algo_cl_ord_id == algo_cl for a in self.algos.values()):
            return reject("51016", "Duplicated clOrdId")  # OKX answers the same for algoClOrdId
        try:
            sz, trigger_px = Decimal(row["sz"]), Decimal(row["triggerPx"])
            ord_px = Decimal(row.get("orderPx", "-1"))
        except (KeyError, ArithmeticError):
            return reject("51000", "Parameter triggerPx error")
        algo = StandinAlgo(
            algo_id=str(next(self._ids)),
            algo_cl_ord_id=algo_cl,
            inst_id=inst,
            side=row["side"],
            sz=sz,
            trigger_px=trigger_px,
            ord_px=ord_px,
        )
        self.algos[algo.algo_id] = algo
        if self.order_response_delay:
            await asyncio.sleep(self.order_response_delay)
        data = {
            "algoId": algo.algo_id,
            "clOrdId": "",
            "algoClOrdId": algo_cl,
            "sCode": "0",
            "sMsg": "",
            "tag": "",
        }
        return _answer([data])

    def _find_algo(self, params: dict[str, str]) -> StandinAlgo | None:
        if params.get("algoId"):
            return self.algos.get(params["algoId"])
        cl = params.get("algoClOrdId")
        return next((a for a in self.algos.values() if cl and a.algo_cl_ord_id == cl), None)

    async def _get_algo(self, request: web.Request) -> web.Response:
        algo = self._find_algo(dict(request.query))
        if algo is None:
            return _refused("51603", "Order does not exist")
        return _answer([algo.as_json()])

    def _algo_list(self, request: web.Request, states: set[str]) -> web.Response:
        if request.query.get("ordType") not in {"trigger", None}:
            return _answer([])
        inst = request.query.get("instId")
        rows = [
            a.as_json()
            for a in sorted(self.algos.values(), key=lambda a: a.c_time, reverse=True)
            if a.state in states and (inst is None or a.inst_id == inst)
        ]
        return _answer(rows)

    async def _algos_pending(self, request: web.Request) -> web.Response:
        return self._algo_list(request, {"live"})

    async def _algos_history(self, request: web.Request) -> web.Response:
        wanted = request.query.get("state")
        states = {wanted} if wanted else {"effective", "canceled", "order_failed"}
        return self._algo_list(request, states)

    async def _cancel_algos(self, request: web.Request) -> web.Response:
        rows = json.loads(await request.text() or "[]")
        results = []
        for row in rows if isinstance(rows, list) else [rows]:
            algo = self._find_algo(row)
            if algo is None or algo.inst_id != row.get("instId"):
                results.append({"algoId": "", "sCode": "51603", "sMsg": "Order does not exist"})
            elif algo.state != "live":
                results.append(
                    {"algoId": algo.algo_id, "sCode": "51402", "sMsg": "Order has been completed."}
                )
            else:
                algo.state, algo.u_time = "canceled", _now_ms()
                results.append({"algoId": algo.algo_id, "sCode": "0", "sMsg": ""})
        failed = any(r["sCode"] != "0" for r in results)
        return _answer(results, "1" if failed else "0", "Operation failed." if failed else "")

    def trade_at(self, inst: str, price: str) -> list[str]:
        """A trade prints at `price`: live trigger orders it reaches (buy: price >= triggerPx,
        sell: price <= triggerPx) go `effective` and place their limit order (which fills at
        the touch when it crosses). Returns the algoIds that triggered."""
        last = Decimal(price)
        fired = []
        for algo in list(self.algos.values()):
            if algo.inst_id != inst or algo.state != "live":
                continue
            reached = last >= algo.trigger_px if algo.side == "buy" else last <= algo.trigger_px
            if not reached:
                continue
            row = {
                "instId": inst,
                "side": algo.side,
                "ordType": "market" if algo.ord_px < 0 else "limit",
                "sz": str(algo.sz),
                "px": str(algo.ord_px),
            }
            result = self._place(row, algo)
            algo.trigger_time = algo.u_time = _now_ms()
            algo.state = "effective" if result["sCode"] == "0" else "order_failed"
            fired.append(algo.algo_id)
        return fired

    # -- private websocket (/ws/v5/private: login, `orders` channel) -------------------------

    def _order_event(self, order: StandinOrder, fill: dict[str, Any] | None = None) -> None:
        """Queue OKX's `orders` channel push for an order change (sent by flush_order_events);
        a fill carries tradeId/fillPx/fillSz/fillFee like OKX's."""
        data = order.as_json()
        data.update(
            {
                "tradeId": "",
                "fillPx": "",
                "fillSz": "0",
                "fillFee": "0",
                "fillFeeCcy": "",
                "fillTime": "",
                "execType": "",
                "notionalUsd": "",
                "reqId": "",
                "amendResult": "",
                "code": "0",
                "msg": "",
            }
        )
        if fill is not None:
            data.update(
                {
                    "tradeId": fill["tradeId"],
                    "fillPx": fill["fillPx"],
                    "fillSz": fill["fillSz"],
                    "fillFee": fill["fee"],  # negative: a fee paid
                    "fillFeeCcy": fill["feeCcy"],
                    "fillTime": fill["fillTime"],
                    "execType": fill["execType"],
                }
            )
        self._order_events.append(data)

    async def flush_order_events(self) -> int:
        """Push the queued order changes to every `orders` subscriber; how many were sent."""
        events, self._order_events = self._order_events, []
        sent = 0
        for data in events:
            for ws in list(self.order_subscribers):
                if not ws.closed:
                    arg = {"channel": "orders", "instType": "ANY", "uid": "standin"}
                    await ws.send_json({"arg": arg, "data": [data]})
                    sent += 1
        return sent

    async def _ws_private(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        logged_in = False
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            if msg.data == "ping":
                await ws.send_str("pong")
                continue
            body = json.loads(msg.data)
            op, args = body.get("op"), body.get("args") or []
            if op == "login":
                login = args[0] if args else {}
                payload = str(login.get("timestamp", "")) + "GET" + "/users/self/verify"
                expected = base64.b64encode(
                    hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).digest()
                ).decode()
                if (
                    login.get("apiKey") != API_KEY
                    or login.get("passphrase") != PASSPHRASE
                    or not hmac.compare_digest(expected, str(login.get("sign", "")))
                ):
                    self.login_failures += 1
                    await ws.send_json({"event": "error", "code": "60009", "msg": "Login failed."})
                    continue
                logged_in = True
                self.logins.append(ws)
                await ws.send_json({"event": "login", "code": "0", "msg": "", "connId": "p1"})
            elif op == "subscribe":
                for arg in args:
                    if not logged_in:
                        await ws.send_json(
                            {"event": "error", "code": "60011", "msg": "Please log in"}
                        )
                    elif arg.get("channel") == "orders":
                        if ws not in self.order_subscribers:  # one push per socket
                            self.order_subscribers.append(ws)
                        await ws.send_json({"event": "subscribe", "arg": arg, "connId": "p1"})
                    else:
                        self.unknown_requests.append(("WS-PRIVATE", str(arg.get("channel"))))
            else:
                self.unknown_requests.append(("WS-PRIVATE", str(op)))
        self.order_subscribers = [w for w in self.order_subscribers if w is not ws]
        self.logins = [w for w in self.logins if w is not ws]
        return ws

    # -- websocket (/ws/v5/public) ------------------------------------------------------------

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            if msg.type != WSMsgType.TEXT or msg.data == "ping":
                if msg.type == WSMsgType.TEXT:
                    await ws.send_str("pong")
                continue
            body = json.loads(msg.data)
            for arg in body.get("args") or []:
                channel, inst = arg.get("channel", ""), arg.get("instId", "")
                if body.get("op") == "subscribe":
                    self.subscriptions.append((ws, channel, inst))
                    await ws.send_json({"event": "subscribe", "arg": arg, "connId": "standin"})
                    if channel == "books":
                        await self._send_snapshot(ws, inst)
                elif body.get("op") == "unsubscribe":
                    self.subscriptions = [s for s in self.subscriptions if s != (ws, channel, inst)]
                    await ws.send_json({"event": "unsubscribe", "arg": arg, "connId": "standin"})
        self.subscriptions = [s for s in self.subscriptions if s[0] is not ws]
        return ws

    async def _send_snapshot(self, ws: web.WebSocketResponse, inst: str) -> None:
        self.snapshots_sent += 1
        data = {**self._book_levels(inst, 400), "seqId": self.seq_ids[inst], "prevSeqId": -1}
        data["checksum"] = 0
        await ws.send_json(
            {"arg": {"channel": "books", "instId": inst}, "action": "snapshot", "data": [data]}
        )

    async def _publish(self, channel: str, inst: str, message: dict[str, Any]) -> int:
        sent = 0
        for ws, ch, i in list(self.subscriptions):
            if ch == channel and i == inst and not ws.closed:
                await ws.send_json(message)
                sent += 1
        return sent

    async def push_book_update(
        self,
        inst: str,
        bids: Sequence[tuple[str, str]] = (),
        asks: Sequence[tuple[str, str]] = (),
        gap: int = 0,
    ) -> int:
        """Apply levels (qty "0" removes) and push an `update`; `gap` > 0 skips sequence ids."""
        book_bids, book_asks = self.books[inst]
        for side, levels in ((book_bids, bids), (book_asks, asks)):
            for price, qty in levels:
                if Decimal(qty) == 0:
                    side.pop(Decimal(price), None)
                else:
                    side[Decimal(price)] = Decimal(qty)
        prev = self.seq_ids[inst] + gap
        self.seq_ids[inst] = prev + 1
        data = {
            "asks": [[p, q, "0", "1"] for p, q in asks],
            "bids": [[p, q, "0", "1"] for p, q in bids],
            "ts": str(_now_ms()),
            "checksum": 0,
            "seqId": self.seq_ids[inst],
            "prevSeqId": prev,
        }
        message = {"arg": {"channel": "books", "instId": inst}, "action": "update", "data": [data]}
        return await self._publish("books", inst, message)

    async def push_trade(self, inst: str, price: str, qty: str, side: str) -> int:
        trade = {
            "instId": inst,
            "tradeId": str(next(self._trade_ids)),
            "px": price,
            "sz": qty,
            "side": side,
            "ts": str(_now_ms()),
        }
        return await self._publish(
            "trades", inst, {"arg": {"channel": "trades", "instId": inst}, "data": [trade]}
        )


def settings_override(base_url: str) -> dict[str, Any]:
    """CO_EXCHANGE_OVERRIDES' entry that points the service's okx clients at the stand-in."""
    return {"urls": loopback_urls(base_url), "options": SPOT_ONLY_OPTIONS}


def loopback_urls(base_url: str) -> dict[str, Any]:
    """ccxt okx's `urls['api']`, pointed at the stand-in (REST and websocket)."""
    return {"rest": base_url, "ws": base_url.replace("http://", "ws://") + "/ws/v5"}
