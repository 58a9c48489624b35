"""The fill model options of `runBacktest`: validated naming the field, stored with the job's
input, and applied to the run (spread, impact, latency, partial limit fills)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import GraphQLClient
from tests.schema.test_backtests import RUN, grid, run, wait_final

BAD_FILL_MODELS: list[tuple[dict[str, Any], str]] = [
    ({"spreadBps": "-1"}, "spreadBps"),
    ({"spreadBps": "501"}, "spreadBps"),
    ({"impactFactor": "-0.01"}, "impactFactor"),
    ({"impactFactor": "0.2"}, "impactFactor"),
    ({"latencyBars": -1}, "latencyBars"),
    ({"latencyBars": 101}, "latencyBars"),
    ({"partialFillShare": "0"}, "partialFillShare"),
    ({"partialFillShare": "1.5"}, "partialFillShare"),
]


async def test_bad_fill_model_options_are_refused_naming_the_field(gql: GraphQLClient) -> None:
    token = await gql.register("fill-bad@example.com")
    for change, field in BAD_FILL_MODELS:
        body = await gql.raw(RUN, {"i": {**grid(), **change}}, token)
        assert body.get("errors"), (change, body)
        error = body["errors"][0]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, change
    listed = await gql.data("{ backtests { edges { node { id } } } }", token=token)
    assert listed["backtests"]["edges"] == []  # nothing was stored


MOMENTUM = {
    "symbol": "BTC/USDT",
    "kind": "momentum",
    "timeframe": "1h",
    "days": 20,
    "params": {"quote_amount": "900"},
}


async def test_fill_model_options_are_stored_and_change_the_fills(gql: GraphQLClient) -> None:
    token = await gql.register("fill@example.com")
    plain = await wait_final(gql, token, await run(gql, token, MOMENTUM))
    assert plain["status"] == "DONE", plain["error"]
    assert plain["input"]["spread_bps"] == "0" and plain["input"]["latency_bars"] == 0
    assert plain["input"]["partial_fill_share"] is None
    first = plain["trades"][0]
    assert first["liquidity"] == "taker"

    spread = await wait_final(gql, token, await run(gql, token, {**MOMENTUM, "spreadBps": "100"}))
    assert spread["input"]["spread_bps"] == "100"
    costly = spread["trades"][0]
    # same bar, same qty; half of a 1 % spread above the open (rounded up to the 0.1 tick)
    assert (costly["time"], costly["qty"]) == (first["time"], first["qty"])
    ratio = Decimal(costly["price"]) / Decimal(first["price"])
    assert Decimal("1.0049") < ratio < Decimal("1.0051")

    late = await wait_final(gql, token, await run(gql, token, {**MOMENTUM, "latencyBars": 2}))
    assert late["input"]["latency_bars"] == 2
    # the same decision fills two 1h bars later
    later = datetime.fromisoformat(late["trades"][0]["time"])
    assert later - datetime.fromisoformat(first["time"]) == timedelta(hours=2)


async def test_partial_fills_split_limit_orders_over_bars(gql: GraphQLClient) -> None:
    token = await gql.register("fill-partial@example.com")
    whole = await wait_final(gql, token, await run(gql, token, grid(days=20)))
    # a share so small that no level of 0.01 BTC fills in one 1h bar
    split = await wait_final(
        gql, token, await run(gql, token, grid(days=20, partialFillShare="0.00001"))
    )
    assert split["status"] == "DONE", split["error"]
    assert split["input"]["partial_fill_share"] == "0.00001"
    makers_whole = [t for t in whole["trades"] if t["liquidity"] == "maker"]
    makers_split = [t for t in split["trades"] if t["liquidity"] == "maker"]
    assert makers_whole and all(Decimal(t["qty"]) == Decimal("0.01") for t in makers_whole)
    assert makers_split and all(Decimal(t["qty"]) < Decimal("0.01") for t in makers_split)


@pytest.mark.parametrize("share", ["1", "0.5"])
async def test_a_share_that_covers_every_order_changes_nothing(
    gql: GraphQLClient, share: str
) -> None:
    token = await gql.register(f"fill-share-{share}@example.com")
    whole = await wait_final(gql, token, await run(gql, token, grid(days=20)))
    capped = await wait_final(
        gql, token, await run(gql, token, grid(days=20, partialFillShare=share))
    )
    assert capped["trades"] == whole["trades"]
