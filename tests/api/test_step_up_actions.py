from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from api.auth.actions import (
    GUARDED_ACTIONS,
    NEVER_GUARDED,
    action_digest,
    canonical_action,
    summarise_action,
)
from api.errors import BadUserInput

ORDER = {
    "kind": "placeOrder",
    "venue": "sim",
    "symbol": "BTC/USDT",
    "side": "buy",
    "type": "limit",
    "qty": Decimal("0.50"),
    "price": Decimal("64000.00"),
    "botId": None,
}


def test_canonical_action_is_sorted_compact_json_with_normalised_decimals() -> None:
    assert canonical_action(ORDER) == (
        b'{"kind":"placeOrder","price":"64000","qty":"0.5","side":"buy",'
        b'"symbol":"BTC/USDT","type":"limit","venue":"sim"}'
    )
    assert action_digest(ORDER) == hashlib.sha256(canonical_action(ORDER)).digest()
    assert action_digest(ORDER) == action_digest(dict(reversed(list(ORDER.items()))))
    assert action_digest(ORDER) != action_digest({**ORDER, "qty": Decimal("0.51")})
    assert canonical_action({"kind": "placeOrder", "qty": Decimal("1E+2")}).endswith(b'"100"}')


@pytest.mark.parametrize(
    "bad",
    [
        {**ORDER, "leverage": 10},
        {**ORDER, "qty": 0.5},
        {**ORDER, "price": Decimal("NaN")},
        {"kind": "cancelOrder"},
        {"venue": "sim"},
    ],
)
def test_bad_actions_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(BadUserInput):
        canonical_action(bad)


def test_guarded_list_never_includes_risk_reducing_actions() -> None:
    assert not GUARDED_ACTIONS & NEVER_GUARDED
    assert {"placeOrder", "startBot", "stopBot", "killSwitch", "removePasskey"} <= GUARDED_ACTIONS


def test_summaries() -> None:
    assert summarise_action(ORDER) == "Buy 0.5 BTC/USDT at 64,000 USDT on sim"
    market = {**ORDER, "side": "sell", "type": "market", "price": None, "qty": Decimal("2")}
    assert summarise_action(market) == "Sell 2 BTC/USDT at market on sim"
    assert summarise_action({"kind": "startBot", "botId": "b1"}) == "Start bot b1"
