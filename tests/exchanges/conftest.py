"""Fixtures: binance and okx stand-ins on loopback and the CCXT adapter pointed at them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from engine.exchanges.ccxt_adapter import CcxtExchange
from tests.support.standins import okx as okx_standin_module
from tests.support.standins.binance import (
    API_KEY,
    SECRET,
    SPOT_ONLY_OPTIONS,
    BinanceStandin,
    loopback_urls,
)


@pytest.fixture
async def standin() -> AsyncIterator[BinanceStandin]:
    server = BinanceStandin()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    # nothing the adapter asked for may be unknown to the stand-in (it would go elsewhere live)
    assert server.unknown_requests == [], server.unknown_requests


def make_adapter(
    standin: BinanceStandin, *, api_key: str = API_KEY, secret: str = SECRET, timeout_ms: int = 5000
) -> CcxtExchange:
    ex = CcxtExchange(
        "binance",
        api_key=api_key,
        secret=secret,
        urls=loopback_urls(standin.base_url),
        options=SPOT_ONLY_OPTIONS,
        timeout_ms=timeout_ms,
    )
    return ex


@pytest.fixture
async def binance(standin: BinanceStandin) -> AsyncIterator[CcxtExchange]:
    ex = make_adapter(standin)
    try:
        yield ex
    finally:
        await ex.close()


@pytest.fixture
async def okx_standin() -> AsyncIterator[okx_standin_module.OkxStandin]:
    server = okx_standin_module.OkxStandin()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert server.unknown_requests == [], server.unknown_requests


def make_okx(
    standin: okx_standin_module.OkxStandin,
    *,
    secret: str = okx_standin_module.SECRET,
    passphrase: str = okx_standin_module.PASSPHRASE,
) -> CcxtExchange:
    return CcxtExchange(
        "okx",
        api_key=okx_standin_module.API_KEY,
        secret=secret,
        passphrase=passphrase,
        urls=okx_standin_module.loopback_urls(standin.base_url),
        options=okx_standin_module.SPOT_ONLY_OPTIONS,
        timeout_ms=5000,
    )


@pytest.fixture
async def okx(okx_standin: okx_standin_module.OkxStandin) -> AsyncIterator[CcxtExchange]:
    ex = make_okx(okx_standin)
    try:
        yield ex
    finally:
        await ex.close()
