"""Market rules of imported candle sets: given with the import, taken from a live venue (the
binance stand-in on loopback, through CCXT load_markets), or the sim venue's — and never the
sim's silently for a symbol the sim does not list. The stored rules size the backtest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from api.settings import Settings
from tests.conftest import GraphQLClient
from tests.schema.test_backtest_data import GRID, wave_csv
from tests.schema.test_backtests import wait_final
from tests.support.standins.binance import BinanceStandin, settings_override

IMPORT = """mutation($s: String!, $t: String!, $csv: String!, $r: MarketRulesInput,
  $v: String) {
  importCandles(symbol: $s, timeframe: $t, csv: $csv, marketRules: $r, rulesVenue: $v) {
    id symbol rows marketRules { source tick step minQty minNotional makerFee takerFee } } }"""
LIST = "{ candleDatasets { id } }"
RUN = "mutation($i: BacktestInput!) { runBacktest(input: $i) { id status } }"
JOB = """query($id: ID!) { backtest(id: $id) {
  status error input metrics { trades } trades { price } } }"""
FULL = {
    "tick": "0.0001",
    "step": "1",
    "minQty": "10",
    "minNotional": "5",
    "makerFee": "0.0002",
    "takerFee": "0.0005",
}


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "live_market_venues": ["binance"]}
    )


def rules(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if k == "source" else Decimal(v)) for k, v in stored["marketRules"].items()}


async def test_a_symbol_the_sim_does_not_list_needs_rules_naming_the_missing_ones(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("rules@example.com")
    base = {"s": "PEPE/EUR", "t": "1h", "csv": wave_csv(5)}
    body = await gql.raw(IMPORT, base, token)
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "marketRules"}
    assert "tick, step, minQty, minNotional, makerFee, takerFee" in error["message"]
    partial = {"tick": "0.0001", "step": "1", "makerFee": "0.001"}
    body = await gql.raw(IMPORT, {**base, "r": partial}, token)
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "marketRules"}
    assert "give minQty, minNotional, takerFee" in error["message"]
    assert (await gql.data(LIST, token=token))["candleDatasets"] == []  # nothing stored

    stored = (await gql.data(IMPORT, {**base, "r": FULL}, token))["importCandles"]
    assert rules(stored) == {"source": "given", **{k: Decimal(v) for k, v in FULL.items()}}
    body = await gql.raw(IMPORT, {"s": "PEPE", "t": "1h", "csv": wave_csv(5)}, token)
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "symbol"}


async def test_bad_rule_values_are_refused_by_name(gql: GraphQLClient) -> None:
    token = await gql.register("badrules@example.com")
    bad = {**FULL, "tick": "0", "takerFee": "0.5"}
    body = await gql.raw(IMPORT, {"s": "PEPE/EUR", "t": "1h", "csv": wave_csv(5), "r": bad}, token)
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "marketRules"}
    assert "tick must be above 0" in error["message"]
    assert "takerFee must be a fraction" in error["message"]


async def test_a_sim_symbol_defaults_to_the_sim_rules_and_given_ones_override_them(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("simrules@example.com")
    base = {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(5)}
    sim = rules((await gql.data(IMPORT, base, token))["importCandles"])
    assert sim["source"] == "sim" and sim["tick"] == Decimal("0.1")
    mixed = (await gql.data(IMPORT, {**base, "r": {"tick": "7"}}, token))["importCandles"]
    assert rules(mixed) == {**sim, "source": "given", "tick": Decimal(7)}


async def test_rules_from_a_live_venue_come_from_its_markets(
    gql: GraphQLClient, standin: BinanceStandin
) -> None:
    token = await gql.register("venuerules@example.com")
    base = {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(5), "v": "binance"}
    got = rules((await gql.data(IMPORT, base, token))["importCandles"])
    # The stand-in's exchangeInfo filters (not the sim's tick 0.1), fees from CCXT's market.
    assert got["source"] == "venue:binance"
    assert (got["tick"], got["step"], got["minQty"], got["minNotional"]) == (
        Decimal("0.01"),
        Decimal("0.00001"),
        Decimal("0.00001"),
        Decimal(5),
    )
    assert got["makerFee"] > 0 and got["takerFee"] > 0
    for change, field in (
        ({"v": "kraken"}, "rulesVenue"),  # not a configured live venue
        ({"s": "SOL/USDT"}, "symbol"),  # the venue does not list it
        ({"r": {"tick": "1"}}, "marketRules"),  # rules and a venue: one or the other
    ):
        body = await gql.raw(IMPORT, {**base, **change}, token)
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_the_stored_rules_size_the_backtest(gql: GraphQLClient) -> None:
    """A set stored with tick 7: every fill of the grid sits on a multiple of 7."""
    token = await gql.register("ticked@example.com")
    variables = {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(), "r": {"tick": "7"}}
    stored = (await gql.data(IMPORT, variables, token))["importCandles"]
    spec = {"symbol": "BTC/USDT", "kind": "grid", "timeframe": "1h", "params": GRID}
    source = {"kind": "CSV", "datasetId": stored["id"]}
    job_id = (await gql.data(RUN, {"i": {**spec, "dataSource": source}}, token))["runBacktest"][
        "id"
    ]
    job = await wait_final(gql, token, job_id, JOB)
    assert job["status"] == "DONE", job["error"]
    prices = [Decimal(t["price"]) for t in job["trades"]]
    assert prices and all(p % 7 == 0 for p in prices), prices


async def test_a_symbol_the_sim_does_not_list_backtests_on_its_imported_candles(
    gql: GraphQLClient,
) -> None:
    """PEPE/EUR is not on the sim venue: its CSV set with its own rules runs, the job records
    which rules it ran with, and without a data source the symbol is still refused."""
    token = await gql.register("pepe@example.com")
    pepe = {**FULL, "minQty": "0.01", "step": "0.01", "tick": "0.01"}
    variables = {"s": "PEPE/EUR", "t": "1h", "csv": wave_csv(), "r": pepe}
    stored = (await gql.data(IMPORT, variables, token))["importCandles"]
    spec = {"symbol": "PEPE/EUR", "kind": "grid", "timeframe": "1h", "params": GRID}
    source = {"kind": "CSV", "datasetId": stored["id"]}
    job_id = (await gql.data(RUN, {"i": {**spec, "dataSource": source}}, token))["runBacktest"][
        "id"
    ]
    job = await wait_final(gql, token, job_id, JOB)
    assert job["status"] == "DONE", job["error"]
    assert job["metrics"]["trades"] >= 1
    recorded = job["input"]["data_source"]["market"]
    assert Decimal(recorded["price_tick"]) == Decimal("0.01")
    assert Decimal(recorded["taker_fee"]) == Decimal(FULL["takerFee"])
    body = await gql.raw(RUN, {"i": spec}, token)  # sim data: the sim must list the symbol
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "symbol"}
