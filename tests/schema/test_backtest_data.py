"""Backtest data: CSV candle import (validation naming line and column, nothing stored on bad
input), backtests on an imported set, and per-user isolation of the sets."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from api.errors import BadUserInput
from api.services.backtests import data as backtest_data
from api.services.backtests.data import parse_csv
from tests.conftest import GraphQLClient
from tests.schema.test_backtests import wait_final

IMPORT = """mutation($s: String!, $t: String!, $csv: String!, $n: String) {
  importCandles(symbol: $s, timeframe: $t, csv: $csv, name: $n) {
    id name symbol timeframe rows firstTime lastTime } }"""
LIST = "{ candleDatasets { id name rows } }"
DELETE = "mutation($id: ID!) { deleteCandleDataset(id: $id) }"
RUN = "mutation($i: BacktestInput!) { runBacktest(input: $i) { id status } }"
JOB = """query($id: ID!) { backtest(id: $id) {
  status error input metrics { trades } trades { time price side } equityCurve { time } } }"""
START = datetime(2025, 3, 1, tzinfo=UTC)
GRID = {"low": "85000", "high": "105000", "levels": 10, "qty_per_level": "0.01"}


def wave_csv(bars: int = 120, *, ms: bool = False) -> str:
    """Hourly candles swinging 92,000..108,000 (a grid in that range must trade)."""
    lines = ["time,open,high,low,close,volume"]
    previous = 100_000.0
    for i in range(bars):
        close = round(100_000 + 8_000 * math.sin(i / 6), 2)
        high, low = max(previous, close) + 50, min(previous, close) - 50
        moment = START + timedelta(hours=i)
        stamp = str(int(moment.timestamp() * 1000)) if ms else moment.isoformat()
        lines.append(f"{stamp},{previous:.2f},{high:.2f},{low:.2f},{close:.2f},12.5")
        previous = close
    return "\n".join(lines) + "\n"


def test_iso_and_ms_timestamps_parse_to_the_same_candles_with_gaps_allowed() -> None:
    iso = parse_csv(wave_csv(10), "BTC/USDT", "1h").candles
    ms = parse_csv(wave_csv(10, ms=True), "BTC/USDT", "1h").candles
    assert iso == ms and len(iso) == 10
    assert iso[0].open_time == START and iso[0].open == Decimal("100000.00")
    assert all(c.volume == Decimal("12.5") and c.closed for c in iso)
    gapped = (
        "Timestamp,Open,High,Low,Close\n2025-03-01T00:00:00Z,1,2,1,2\n2025-03-01T03:00,2,3,1,1\n"
    )
    candles = parse_csv(gapped, "BTC/USDT", "1h").candles
    assert [c.open_time.hour for c in candles] == [0, 3] and candles[1].volume == 0


BAD_CSV = [
    ("", "empty"),
    ("when,open,high,low,close\n", "line 1: header: needs one time column"),
    ("time,open,high,low\n", "line 1: header: missing column 'close'"),
    ("time,open,high,low,close\n2025-03-01T00:00:00Z,1,2,1,2\n", "at least 2 candles"),
    ("time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\nyesterday,1,2,1,2\n", "line 3: time:"),
    (
        "time,open,high,low,close\n1740787200,1,2,1,2\n1740790800,1,2,1,2\n",
        "line 2: time: '1740787200' looks like seconds",
    ),
    (
        "time,open,high,low,close\n2025-03-01T01:00Z,1,2,1,2\n2025-03-01T00:00Z,1,2,1,2\n",
        "line 3: time: not after",
    ),
    (
        "time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\n2025-03-01T00:30Z,1,2,1,2\n",
        "line 3: time: not a whole number of 1h",
    ),
    (
        "time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\n2025-03-01T01:00Z,1,1.5,1,2\n",
        "line 3: high: below",
    ),
    (
        "time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\n2025-03-01T01:00Z,1,2,1.5,2\n",
        "line 3: low: above",
    ),
    (
        "time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\n2025-03-01T01:00Z,0,2,1,2\n",
        "line 3: open: must be above 0",
    ),
    (
        "time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\n2025-03-01T01:00Z,1,x,1,2\n",
        "line 3: high: 'x' is not a number",
    ),
    (
        "time,open,high,low,close\n2025-03-01T00:00Z,1,2,1,2\n2025-03-01T01:00Z,1,2,1\n",
        "line 3: expected 5 fields",
    ),
    (
        "time,open,high,low,close,volume\n2025-03-01T00:00Z,1,2,1,2,1\n2025-03-01T01:00Z,1,2,1,2,-1\n",
        "line 3: volume: must not be negative",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CSV)
def test_bad_csv_is_refused_naming_line_and_column(text: str, expected: str) -> None:
    with pytest.raises(BadUserInput) as caught:
        parse_csv(text, "BTC/USDT", "1h")
    assert caught.value.details == {"field": "csv"}
    assert caught.value.message.startswith("csv: ") and expected in caught.value.message


def test_row_and_size_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backtest_data, "MAX_ROWS", 50)
    with pytest.raises(BadUserInput, match="line 52: more than 50 candles"):
        parse_csv(wave_csv(60), "BTC/USDT", "1h")
    assert len(parse_csv(wave_csv(50), "BTC/USDT", "1h").candles) == 50
    monkeypatch.setattr(backtest_data, "MAX_CSV_BYTES", 1000)
    with pytest.raises(BadUserInput, match="larger than"):
        parse_csv(wave_csv(60), "BTC/USDT", "1h")


async def test_a_backtest_runs_on_an_imported_candle_set(gql: GraphQLClient) -> None:
    token = await gql.register("csv@example.com")
    variables = {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(), "n": "my wave"}
    stored = (await gql.data(IMPORT, variables, token))["importCandles"]
    assert stored["rows"] == 120 and stored["name"] == "my wave"
    assert stored["firstTime"].startswith("2025-03-01T00:00:00")
    assert stored["lastTime"].startswith("2025-03-05T23:00:00")
    spec = {"symbol": "BTC/USDT", "kind": "grid", "timeframe": "1h", "params": GRID}
    source = {"kind": "CSV", "datasetId": stored["id"]}
    job_id = (await gql.data(RUN, {"i": {**spec, "dataSource": source}}, token))["runBacktest"][
        "id"
    ]
    job = await wait_final(gql, token, job_id, JOB)
    assert job["status"] == "DONE", job["error"]
    assert job["input"]["data_source"]["kind"] == "csv"
    assert job["input"]["data_source"]["dataset_id"] == stored["id"]
    assert job["input"]["data_source"]["rows"] == 120
    assert job["metrics"]["trades"] > 0  # the grid trades the imported swings
    assert all(t["time"].startswith("2025-03") for t in job["trades"])
    assert all(91_000 < float(t["price"]) < 109_000 for t in job["trades"])
    assert job["equityCurve"][0]["time"].startswith("2025-03-01")
    again_id = (await gql.data(RUN, {"i": {**spec, "dataSource": source}}, token))["runBacktest"][
        "id"
    ]
    again = await wait_final(gql, token, again_id, JOB)
    assert again["trades"] == job["trades"]  # same set, same trades
    sim_id = (await gql.data(RUN, {"i": spec}, token))["runBacktest"]["id"]
    sim = await wait_final(gql, token, sim_id, JOB)
    assert sim["input"]["data_source"] == {"kind": "sim"}
    assert sim["trades"] != job["trades"]


async def test_bad_csv_over_graphql_names_the_field_and_stores_nothing(gql: GraphQLClient) -> None:
    token = await gql.register("badcsv@example.com")
    bad = wave_csv(5).replace("12.5\n", "-3\n", 1)
    body = await gql.raw(IMPORT, {"s": "BTC/USDT", "t": "1h", "csv": bad}, token)
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "csv"}
    assert "line 2: volume" in error["message"]
    for change, field in (
        ({"s": "NOPE"}, "symbol"),
        ({"s": "NOPE/USDT"}, "marketRules"),  # not on the sim venue and no rules given
        ({"t": "7m"}, "timeframe"),
    ):
        body = await gql.raw(
            IMPORT, {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(5), **change}, token
        )
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert (await gql.data(LIST, token=token))["candleDatasets"] == []


async def test_a_backtest_refuses_a_set_of_another_symbol_timeframe_or_a_missing_id(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("mismatch@example.com")
    stored = await gql.data(IMPORT, {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(10)}, token)
    dataset = stored["importCandles"]["id"]
    base = {"symbol": "BTC/USDT", "kind": "grid", "timeframe": "1h", "params": GRID}
    for change in (
        {"symbol": "ETH/USDT", "params": {**GRID, "low": "1500", "high": "2500"}},
        {"timeframe": "4h"},
        {"dataSource": {"kind": "CSV"}},
        {"dataSource": {"kind": "CSV", "datasetId": "nope"}},
    ):
        spec = {**base, "dataSource": {"kind": "CSV", "datasetId": dataset}, **change}
        body = await gql.raw(RUN, {"i": spec}, token)
        assert body["errors"][0]["extensions"] == {
            "code": "BAD_USER_INPUT",
            "field": "dataSource.datasetId",
        }, (change, body)
    listed = await gql.data("{ backtests { edges { node { id } } } }", token=token)
    assert listed["backtests"]["edges"] == []  # nothing was stored


async def test_user_b_cannot_list_use_or_delete_the_candle_sets_of_user_a(
    gql: GraphQLClient,
) -> None:
    alice = await gql.register("alice-csv@example.com")
    bob = await gql.register("bob-csv@example.com")
    stored = await gql.data(IMPORT, {"s": "BTC/USDT", "t": "1h", "csv": wave_csv(10)}, alice)
    dataset = stored["importCandles"]["id"]
    assert (await gql.data(LIST, token=bob))["candleDatasets"] == []
    spec = {
        "symbol": "BTC/USDT",
        "kind": "grid",
        "timeframe": "1h",
        "params": GRID,
        "dataSource": {"kind": "CSV", "datasetId": dataset},
    }
    body = await gql.raw(RUN, {"i": spec}, bob)
    assert body["errors"][0]["extensions"]["field"] == "dataSource.datasetId"
    assert (await gql.data(DELETE, {"id": dataset}, bob))["deleteCandleDataset"] is False
    assert [d["id"] for d in (await gql.data(LIST, token=alice))["candleDatasets"]] == [dataset]
    assert await gql.error_code(LIST) == "UNAUTHENTICATED"
    assert (await gql.data(DELETE, {"id": dataset}, alice))["deleteCandleDataset"] is True
    assert (await gql.data(LIST, token=alice))["candleDatasets"] == []
