from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from tests.widgets.samples import (
    AS_OF,
    LONG,
    wave,
    worst_alert,
    worst_bots,
    worst_portfolio,
    worst_signal,
    worst_watchlist,
)
from widgets import payloads, sparkline
from widgets.encoding import encode
from widgets.inputs import BotsData, Holding, PortfolioData, SignalLine, WatchItem
from widgets.kinds import KINDS, MAX_PAYLOAD_BYTES, SIZES, UnknownWidget, parse_kind, parse_size
from widgets.payloads import Payload
from widgets.schema_files import payload_schema


def worst_case(kind: str, size: str) -> Payload:
    if kind == "portfolio":
        return payloads.portfolio(worst_portfolio(), size, AS_OF)  # type: ignore[arg-type]
    if kind == "watchlist":
        return payloads.watchlist(worst_watchlist(), size, AS_OF)  # type: ignore[arg-type]
    if kind == "bots":
        return payloads.bots(worst_bots(), size, AS_OF)  # type: ignore[arg-type]
    if kind == "alerts":
        return payloads.alerts(worst_alert(), size, AS_OF)  # type: ignore[arg-type]
    return payloads.signal(worst_signal(), size, AS_OF)  # type: ignore[arg-type]


def empty_case(kind: str, size: str) -> Payload:
    if kind == "portfolio":
        return payloads.portfolio(PortfolioData("USDT"), size, AS_OF)  # type: ignore[arg-type]
    if kind == "watchlist":
        return payloads.watchlist([], size, AS_OF)  # type: ignore[arg-type]
    if kind == "bots":
        return payloads.bots(BotsData(), size, AS_OF)  # type: ignore[arg-type]
    if kind == "alerts":
        return payloads.alerts(None, size, AS_OF)  # type: ignore[arg-type]
    return payloads.signal(None, size, AS_OF)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_worst_case_payload_fits_in_one_kilobyte_and_matches_its_schema(
    kind: str, size: str
) -> None:
    payload = worst_case(kind, size)
    encoded = encode(payload)
    assert len(encoded.body) <= MAX_PAYLOAD_BYTES, (kind, size, len(encoded.body))
    jsonschema.validate(json.loads(encoded.body), payload_schema(kind))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_empty_payload_is_valid_and_says_none_yet(kind: str, size: str) -> None:
    payload = empty_case(kind, size)
    jsonschema.validate(payload, payload_schema(kind))
    assert payload["v"] == 1 and payload["k"] == kind and payload["s"] == size[0]
    if kind == "alerts":
        assert payload["a"] is None
    if kind == "signal":
        assert payload["g"] is None
    if kind == "bots":
        assert payload["r"] == 0 and payload["e"] == 0


def test_sizes_choose_how_much_is_sent() -> None:
    small, medium, large = (payloads.watchlist(worst_watchlist(), s, AS_OF) for s in SIZES)
    assert [len(p["w"]) for p in (small, medium, large)] == [2, 4, 6]
    assert "sp" not in small["w"][0]
    assert len(medium["w"][0]["sp"]) == 12 and len(large["w"][0]["sp"]) == 24
    spark = [payloads.portfolio(worst_portfolio(), s, AS_OF) for s in SIZES]
    assert "sp" not in spark[0] and len(spark[1]["sp"]) == 24 and len(spark[2]["sp"]) == 48
    bots = [payloads.bots(worst_bots(), s, AS_OF) for s in SIZES]
    assert "b" not in bots[0] and len(bots[1]["b"]) == 2 and len(bots[2]["b"]) == 3


def test_portfolio_value_and_day_pnl() -> None:
    data = PortfolioData(
        "USDT",
        [
            Holding("USDT", Decimal("1000"), Decimal(1), Decimal(1)),
            Holding("BTC", Decimal("0.5"), Decimal("100000"), Decimal("80000"), wave("90000")),
        ],
    )
    payload = payloads.portfolio(data, "large", AS_OF)
    assert payload["tv"] == "51000.00"
    assert payload["d"] == "10000.00"  # 0.5 × (100000 − 80000)
    assert payload["dp"] == "24.39"  # 10000 / 41000
    assert payload["h"] == [{"a": "BTC", "w": "98.04"}, {"a": "USDT", "w": "1.96"}]


def test_watchlist_row_shows_price_change_and_clipped_long_names() -> None:
    row = payloads.watchlist(
        [WatchItem(f"{LONG}/USDT", Decimal("110"), Decimal("100"), wave("100"))], "medium", AS_OF
    )["w"][0]
    assert row["p"] == "110.0000" and row["c"] == "10.00"
    assert len(row["y"]) == payloads.MAX_SYMBOL and row["y"].endswith("…")


def test_signal_strength_is_a_percentage_and_unknown_direction_reads_hold() -> None:
    line = SignalLine("BTC/USDT", "moon", 1.7, "momentum", AS_OF)
    assert payloads.signal(line, "small", AS_OF)["g"] == {
        "y": "BTC/USDT",
        "dir": "hold",
        "str": 100,
        "at": int(AS_OF.timestamp()),
    }


def test_sparkline_keeps_first_and_last_and_spans_all_levels() -> None:
    values = [Decimal(v) for v in (5, 1, 9, 3, 7)]
    assert sparkline.decode(sparkline.encode(values, 5)) == [31, 0, 63, 15, 47]
    assert sparkline.decode(sparkline.encode(values, 2)) == [0, 63]  # first 5 → low, last 7 → high
    assert sparkline.encode([Decimal(2)] * 4, 4) == "WWWW"  # flat: mid level
    assert sparkline.encode([], 10) == ""


def test_etag_is_strong_hash_of_bytes_and_if_none_match_compares() -> None:
    a = encode({"v": 1, "x": "a"})
    b = encode({"v": 1, "x": "b"})
    assert a.etag != b.etag and a.etag.startswith('"') and len(a.etag) == 34
    assert a.matches(a.etag) and a.matches(f'"other", W/{a.etag}') and a.matches("*")
    assert not a.matches(b.etag) and not a.matches(None) and not a.matches("")


def test_unknown_kind_and_size_name_the_field() -> None:
    assert parse_kind("bots") == "bots" and parse_size("large") == "large"
    with pytest.raises(UnknownWidget) as kind:
        parse_kind("orders")
    with pytest.raises(UnknownWidget) as size:
        parse_size("huge")
    assert kind.value.field == "kind" and size.value.field == "size"
