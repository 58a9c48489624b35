"""Smart DCA: safety ladder, take-profit on the average entry, restart, trailing exit."""

from __future__ import annotations

import pytest

from engine.market.models import Side
from engine.strategies.base import AmendIntent, CancelIntent, PlaceIntent
from engine.strategies.dca import DcaParams, DcaStrategy, safety_ladder, take_profit_price
from engine.trading.models import OrderType

from .helpers import MARKET, D, ctx, fill, places, resting


def params(**kw: object) -> DcaParams:
    base: dict[str, object] = {
        "base_qty": D(1), "safety_qty": D(1), "price_deviation_pct": D(1),
        "max_safety_orders": 3, "take_profit_pct": D(1),
        "step_scale": D(2), "volume_scale": D(2),
    }  # fmt: skip
    base.update(kw)
    return DcaParams(**base)  # type: ignore[arg-type]


def test_safety_ladder_scales_steps_and_volumes() -> None:
    # deviations 1, 1+2, 1+2+4 % below 100; volumes 1, 2, 4
    assert safety_ladder(D(100), params(), MARKET) == [(D(99), D(1)), (D(97), D(2)), (D(93), D(4))]


def test_safety_ladder_rounds_prices_down_to_the_tick_and_qty_down_to_the_step() -> None:
    p = params(price_deviation_pct=D("1.5"), step_scale=D(1), volume_scale=D("1.5"))
    # 123.45 * 0.985 = 121.59825; * 0.97 = 119.7465; * 0.955 = 117.89475; qty 1, 1.5, 2.25
    assert safety_ladder(D("123.45"), p, MARKET) == [
        (D("121.59"), D(1)),
        (D("119.74"), D("1.5")),
        (D("117.89"), D("2.25")),
    ]


def test_take_profit_is_on_the_average_entry_rounded_up() -> None:
    # all filled: (1*100 + 1*99 + 2*97 + 4*93) / 8 = 95.625; * 1.01 = 96.58125
    assert take_profit_price(D("95.625"), params(), MARKET) == D("96.59")


def test_cycle_base_then_ladder_and_take_profit_then_amend_on_safety_fill() -> None:
    dca = DcaStrategy(params(), MARKET)

    opening = dca.on_price(D(100), ctx())
    assert [(i.tag, i.type) for i in opening if isinstance(i, PlaceIntent)] == [
        ("dca-1-base", OrderType.MARKET)
    ]
    ladder = dca.on_fill(
        fill("dca-1-base", Side.BUY, "100", "1"), ctx(position="1", avg_cost="100")
    )
    assert places(ladder) == [
        ("buy", D(99), D(1)),
        ("buy", D(97), D(2)),
        ("buy", D(93), D(4)),
        ("sell", D(101), D(1)),
    ]
    still_open = [o for o in resting(ladder) if o.tag != "dca-1-so1"]
    moved = dca.on_fill(
        fill("dca-1-so1", Side.BUY, "99", "1"),
        ctx(position="2", avg_cost="99.5", open_orders=still_open),
    )
    # 99.5 * 1.01 = 100.495 -> 100.50
    assert moved == [AmendIntent("dca-1-tp", price=D("100.50"), qty=D(2))]


def test_take_profit_fill_cancels_leftover_safety_orders_and_restarts() -> None:
    dca = DcaStrategy(params(), MARKET)
    dca.on_price(D(100), ctx())
    ladder = dca.on_fill(
        fill("dca-1-base", Side.BUY, "100", "1"), ctx(position="1", avg_cost="100")
    )
    leftovers = [o for o in resting(ladder) if o.side is Side.BUY]

    done = dca.on_fill(fill("dca-1-tp", Side.SELL, "101", "1"), ctx(open_orders=leftovers))

    assert done == [CancelIntent("dca-1-so1"), CancelIntent("dca-1-so2"), CancelIntent("dca-1-so3")]
    assert [i.tag for i in dca.on_price(D(102), ctx()) if isinstance(i, PlaceIntent)] == [
        "dca-2-base"
    ]


def test_trailing_take_profit_follows_the_peak_and_exits_at_market() -> None:
    dca = DcaStrategy(params(trailing_pct=D(2), max_safety_orders=0), MARKET)
    dca.on_price(D(100), ctx())
    ladder = dca.on_fill(
        fill("dca-1-base", Side.BUY, "100", "1"), ctx(position="1", avg_cost="100")
    )
    assert ladder == []  # no resting take-profit when trailing
    held = ctx(position="1", avg_cost="100")

    assert dca.on_price(D("100.9"), held) == []  # below the 101 activation price
    assert dca.on_price(D(105), held) == []  # peak 105: exit below 102.9
    assert dca.on_price(D(103), held) == []
    exit_ = dca.on_price(D("102.8"), held)

    assert places(exit_) == [("sell", None, D(1))]


@pytest.mark.parametrize(
    ("field", "kw"),
    [
        ("base_qty", {"base_qty": D(0)}),
        ("safety_qty", {"safety_qty": D("0.0001")}),  # below min qty after rounding
        ("price_deviation_pct", {"price_deviation_pct": D(0)}),
        ("max_safety_orders", {"max_safety_orders": -1}),
        ("max_safety_orders", {"price_deviation_pct": D(20), "max_safety_orders": 3}),  # 140 %
        ("take_profit_pct", {"take_profit_pct": D(0)}),
        ("step_scale", {"step_scale": D(0)}),
        ("volume_scale", {"volume_scale": D(-1)}),
        ("trailing_pct", {"trailing_pct": D(100)}),
    ],
)
def test_invalid_params_are_rejected_naming_the_field(field: str, kw: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        DcaStrategy(params(**kw), MARKET)
