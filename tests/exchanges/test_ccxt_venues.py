"""Every supported venue: offline construction, capability map from ccxt, error mapping."""

from __future__ import annotations

from decimal import Decimal

import ccxt
import ccxt.pro as ccxtpro
import pytest

from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import (
    ERROR_MAP,
    ORDER_STATUS,
    SUPPORTED_VENUES,
    WATCH_METHODS,
    CcxtExchange,
    capability_map,
    map_ccxt_error,
    precision_to_step,
    to_order,
)
from engine.exchanges.protocol import Exchange
from engine.trading.models import OrderStatus

VENUES = [
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
]


def test_the_ten_venues_are_supported() -> None:
    assert sorted(SUPPORTED_VENUES) == sorted(VENUES)


@pytest.mark.parametrize("venue", VENUES)
async def test_construction_is_offline(venue: str) -> None:
    ex = CcxtExchange(
        venue,
        api_key="k",
        secret="s",
        passphrase="p",
        urls={"public": "http://127.0.0.1:9/api"},
    )
    try:
        assert isinstance(ex, Exchange)
        assert ex.id == venue
        assert ex.client.enableRateLimit is True
        assert ex.client.apiKey == "k" and ex.client.secret == "s" and ex.client.password == "p"
        api = ex.client.urls["api"]
        if isinstance(api, dict):
            assert api["public"] == "http://127.0.0.1:9/api"
    finally:
        await ex.close()


@pytest.mark.parametrize("venue", VENUES)
async def test_sandbox_switches_urls_or_is_refused(venue: str) -> None:
    live = CcxtExchange(venue)
    try:
        assert live.capabilities.sandbox == bool(live.client.urls.get("test"))
        if not live.capabilities.sandbox:
            with pytest.raises(errors.BadRequest):
                CcxtExchange(venue, sandbox=True)
            return
        test = CcxtExchange(venue, sandbox=True)
        assert test.client.urls["api"] == live.client.urls["test"]
        await test.close()
    finally:
        await live.close()


def test_unknown_venue_is_refused() -> None:
    with pytest.raises(errors.BadRequest):
        CcxtExchange("mtgox")


@pytest.mark.parametrize("venue", VENUES)
def test_capability_map_matches_ccxt(venue: str) -> None:
    caps = capability_map()[venue]
    client = getattr(ccxtpro, venue)()
    assert caps.venue == venue
    assert caps.watch, "every venue streams something through ccxt.pro"
    for method in WATCH_METHODS:
        assert (method in caps.watch) == bool(client.has.get(method)), method
    assert "limit" in caps.order_types
    assert ("market" in caps.order_types) == bool(client.has.get("createMarketOrder"))
    assert caps.fetch_open_orders == bool(client.has.get("fetchOpenOrders"))
    assert caps.fetch_closed_orders == bool(client.has.get("fetchClosedOrders"))
    tif = client.features["spot"]["createOrder"]["timeInForce"]
    assert caps.time_in_force == {k for k, v in tif.items() if v}
    assert caps.needs_passphrase == bool(client.requiredCredentials.get("password"))
    assert caps.precision_mode in {"TICK_SIZE", "DECIMAL_PLACES", "SIGNIFICANT_DIGITS"}
    # reconciliation needs a way to find an order by client id
    assert caps.fetch_order_by_client_id or caps.fetch_open_orders


def test_known_capabilities() -> None:
    caps = capability_map()
    # the adapter always sends our client order id: every venue must forward ccxt's param
    assert all(c.client_order_id for c in caps.values())
    assert caps["binance"].fetch_order_by_client_id
    assert caps["okx"].client_order_id and caps["okx"].needs_passphrase
    assert caps["kucoin"].needs_passphrase and not caps["binance"].needs_passphrase


# ccxt class → (ours, code, retryable)
EXPECTED: list[tuple[type[Exception], type[errors.ExchangeError], str, bool]] = [
    (ccxt.NetworkError, errors.NetworkError, "EXCHANGE_UNAVAILABLE", True),
    (ccxt.RequestTimeout, errors.NetworkError, "EXCHANGE_UNAVAILABLE", True),
    (ccxt.ExchangeNotAvailable, errors.ExchangeNotAvailable, "EXCHANGE_UNAVAILABLE", True),
    (ccxt.OnMaintenance, errors.ExchangeNotAvailable, "EXCHANGE_UNAVAILABLE", True),
    (ccxt.RateLimitExceeded, errors.RateLimitExceeded, "RATE_LIMITED", True),
    (ccxt.DDoSProtection, errors.RateLimitExceeded, "RATE_LIMITED", True),
    (ccxt.InvalidNonce, errors.NetworkError, "EXCHANGE_UNAVAILABLE", True),
    (ccxt.BadResponse, errors.NetworkError, "EXCHANGE_UNAVAILABLE", True),
    (ccxt.InsufficientFunds, errors.InsufficientFunds, "INSUFFICIENT_FUNDS", False),
    (ccxt.InvalidOrder, errors.InvalidOrder, "INVALID_ORDER", False),
    (ccxt.OrderNotFound, errors.OrderNotFound, "NOT_FOUND", False),
    (ccxt.DuplicateOrderId, errors.DuplicateClientOrderId, "DUPLICATE_CLIENT_ORDER_ID", False),
    (ccxt.AuthenticationError, errors.AuthenticationError, "EXCHANGE_AUTH_FAILED", False),
    (ccxt.PermissionDenied, errors.AuthenticationError, "EXCHANGE_AUTH_FAILED", False),
    (ccxt.AccountSuspended, errors.AuthenticationError, "EXCHANGE_AUTH_FAILED", False),
    (ccxt.BadSymbol, errors.BadSymbol, "NOT_FOUND", False),
    (ccxt.BadRequest, errors.BadRequest, "BAD_USER_INPUT", False),
    (ccxt.ArgumentsRequired, errors.BadRequest, "BAD_USER_INPUT", False),
    (ccxt.NotSupported, errors.BadRequest, "BAD_USER_INPUT", False),
    (ccxt.ExchangeError, errors.ExchangeError, "EXCHANGE_ERROR", False),
]


@pytest.mark.parametrize(
    ("ccxt_cls", "ours", "code", "retryable"), EXPECTED, ids=[e[0].__name__ for e in EXPECTED]
)
def test_error_mapping(
    ccxt_cls: type[Exception], ours: type[errors.ExchangeError], code: str, retryable: bool
) -> None:
    mapped = map_ccxt_error(ccxt_cls("venue said no"))
    assert type(mapped) is ours
    assert mapped.code == code and mapped.retryable is retryable
    assert "venue said no" in str(mapped)


def test_error_map_covers_every_listed_class() -> None:
    listed = {cls for cls, _ in ERROR_MAP}
    assert {e[0] for e in EXPECTED} - {
        ccxt.OnMaintenance,
        ccxt.PermissionDenied,
        ccxt.AccountSuspended,
        ccxt.InvalidNonce,
    } <= listed


@pytest.mark.parametrize(
    "message",
    ['binance {"code":-2010,"msg":"Duplicate order sent."}', "okx clOrdId already exists"],
)
def test_duplicate_hint_in_invalid_order(message: str) -> None:
    assert type(map_ccxt_error(ccxt.InvalidOrder(message))) is errors.DuplicateClientOrderId


def test_timeout_error_is_network_error() -> None:
    assert type(map_ccxt_error(TimeoutError())) is errors.NetworkError


def test_precision_modes() -> None:
    assert precision_to_step(0.01, ccxt.TICK_SIZE) == Decimal("0.01")
    assert precision_to_step(2, ccxt.DECIMAL_PLACES) == Decimal("0.01")
    assert precision_to_step(8, ccxt.DECIMAL_PLACES) == Decimal("0.00000001")
    assert precision_to_step(None, ccxt.TICK_SIZE) == Decimal(0)


@pytest.mark.parametrize(
    ("ccxt_status", "filled", "ours"),
    [
        ("open", 0, OrderStatus.OPEN),
        ("open", 0.5, OrderStatus.PARTIALLY_FILLED),
        ("closed", 1, OrderStatus.FILLED),
        ("canceled", 0, OrderStatus.CANCELED),
        ("expired", 0, OrderStatus.EXPIRED),
        ("rejected", 0, OrderStatus.REJECTED),
        (None, 0, OrderStatus.UNKNOWN),
    ],
)
def test_order_status_mapping(ccxt_status: str | None, filled: float, ours: OrderStatus) -> None:
    order = to_order(
        {
            "id": "1",
            "clientOrderId": "c1",
            "symbol": "BTC/USDT",
            "side": "buy",
            "type": "limit",
            "price": 10.0,
            "amount": 1.0,
            "filled": filled,
            "status": ccxt_status,
            "fee": {"cost": 0.01, "currency": "USDT"},
            "timestamp": 1_700_000_000_000,
        }
    )
    assert order.status is ours
    assert order.fee_paid == Decimal("0.01")
    assert set(ORDER_STATUS.values()) >= {OrderStatus.FILLED, OrderStatus.CANCELED}


def test_adapter_stays_an_edge() -> None:
    """engine/exchanges is the only edge to venues: no web, GraphQL, database or cache code."""
    import subprocess
    import sys

    code = (
        "import sys, engine.exchanges.ccxt_adapter\n"
        "bad = [m for m in ('starlette', 'strawberry', 'sqlalchemy', 'redis', 'api')"
        " if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
