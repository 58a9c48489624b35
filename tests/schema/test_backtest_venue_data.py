"""VENUE backtest data: a live venue's history paged through CCXT fetch_ohlcv (against the
binance stand-in on loopback), and clear errors when the venue is not configured or offline."""

from __future__ import annotations

from decimal import Decimal

import pytest

from api.settings import Settings
from tests.conftest import GraphQLClient
from tests.schema.test_backtests import wait_final
from tests.support.standins.binance import BinanceStandin, settings_override

RUN = "mutation($i: BacktestInput!) { runBacktest(input: $i) { id status } }"
JOB = """query($id: ID!) { backtest(id: $id) {
  status error input metrics { trades } trades { price } equityCurve { time } } }"""
LISTED = "{ backtests { edges { node { id } } } }"
GRID = {"low": "48500", "high": "51500", "levels": 8, "qty_per_level": "0.01"}
SPEC = {"symbol": "BTC/USDT", "kind": "grid", "timeframe": "1h", "days": 60, "params": GRID}
VENUE = {"kind": "VENUE", "venue": "binance"}


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "live_market_venues": ["binance"]}
    )


async def test_a_backtest_runs_on_the_venue_history_fetched_in_pages(
    gql: GraphQLClient, standin: BinanceStandin
) -> None:
    token = await gql.register("venue@example.com")
    data = await gql.data(RUN, {"i": {**SPEC, "dataSource": VENUE}}, token)
    job = await wait_final(gql, token, data["runBacktest"]["id"], JOB)
    assert job["status"] == "DONE", job["error"]
    source = job["input"]["data_source"]
    assert source["kind"] == "venue" and source["venue"] == "binance"
    assert source["rows"] == 60 * 24  # 1,440 closed hourly bars, no gap, no duplicate
    assert standin.kline_pages >= 2  # 1,000 bars a page
    assert len(job["equityCurve"]) > 0
    assert job["metrics"]["trades"] > 0  # the grid trades the venue's ±2 % swings
    assert all(48_900 <= float(t["price"]) <= 51_100 for t in job["trades"])
    # The venue's own rules (tick 0.01), not the sim's BTC/USDT tick 0.1: grid levels
    # 428.57... apart keep their cents.
    assert any(Decimal(t["price"]) % Decimal("0.1") for t in job["trades"])


async def test_an_unconfigured_or_missing_venue_is_bad_input(gql: GraphQLClient) -> None:
    token = await gql.register("novenue@example.com")
    for source in ({"kind": "VENUE", "venue": "kraken"}, {"kind": "VENUE"}):
        body = await gql.raw(RUN, {"i": {**SPEC, "dataSource": source}}, token)
        assert body["errors"][0]["extensions"] == {
            "code": "BAD_USER_INPUT",
            "field": "dataSource.venue",
        }, body
    body = await gql.raw(RUN, {"i": {**SPEC, "symbol": "SOL/USDT", "dataSource": VENUE}}, token)
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "symbol"}
    assert (await gql.data(LISTED, token=token))["backtests"]["edges"] == []


async def test_an_offline_venue_is_exchange_unavailable_and_nothing_is_stored(
    gql: GraphQLClient, standin: BinanceStandin
) -> None:
    token = await gql.register("offline@example.com")
    standin.klines_offline = True
    body = await gql.raw(RUN, {"i": {**SPEC, "dataSource": VENUE}}, token)
    error = body["errors"][0]
    assert error["extensions"] == {"code": "EXCHANGE_UNAVAILABLE", "field": "dataSource.venue"}
    assert "binance" in error["message"]
    assert (await gql.data(LISTED, token=token))["backtests"]["edges"] == []
