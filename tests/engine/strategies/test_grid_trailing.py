"""Grid trailing: a price above the grid moves it up one step at a time (the lowest buy
cancelled, a buy at the old top), a price below moves it down (the top sell moved to the old
bottom, a buy at the new bottom); limits, take-profit and stop-loss bound the moves; a fixed
grid does not move."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.market.models import Side
from engine.strategies.base import CancelIntent, Intent, PlaceIntent
from engine.strategies.grid import GridParams, GridSpacing, GridStrategy

from .helpers import MARKET, D, ctx, fill, places, resting


def params(**kw: object) -> GridParams:
    base: dict[str, object] = {
        "low": D(100), "high": D(200), "levels": 5, "qty_per_level": D("0.5"),
    }  # fmt: skip
    base.update(kw)
    return GridParams(**base)  # type: ignore[arg-type]


def cancels(intents: list[Intent]) -> list[str]:
    return [i.tag for i in intents if isinstance(i, CancelIntent)]


def tag_at(intents: list[Intent], side: Side, price: str) -> str:
    return next(
        i.tag
        for i in intents
        if isinstance(i, PlaceIntent) and i.side is side and i.price == Decimal(price)
    )


def test_a_price_above_the_grid_moves_it_up_one_step_per_level_crossed() -> None:
    grid = GridStrategy(params(trailing_up=True), MARKET)
    first = grid.on_price(D(150), ctx(position="1"))
    buy_100 = tag_at(first, Side.BUY, "100")
    # The market climbs: both sells fill, each flips to a buy one level lower.
    grid.on_fill(
        fill(tag_at(first, Side.SELL, "175"), Side.SELL, "175", "0.5"), ctx(position="0.5")
    )
    grid.on_fill(fill(tag_at(first, Side.SELL, "200"), Side.SELL, "200", "0.5"), ctx())
    assert grid.on_price(D(199), ctx()) == []  # inside the grid: nothing

    up = grid.on_price(D(210), ctx())

    assert grid.levels == [D(125), D(150), D(175), D(200), D(225)]
    assert cancels(up) == [buy_100]  # the old lowest level leaves the grid
    assert places(up) == [("buy", D(200), D("0.5"))]  # the old top, now below the price
    # A jump over two more levels: two more steps, each with its own cancel and buy.
    up2 = grid.on_price(D(260), ctx())
    assert grid.levels == [D(175), D(200), D(225), D(250), D(275)]
    assert len(cancels(up2)) == 2
    assert places(up2) == [("buy", D(225), D("0.5")), ("buy", D(250), D("0.5"))]
    # The shifted grid trades as before: the buy at 250 fills and sells one level up.
    tag_250 = tag_at(up2, Side.BUY, "250")
    assert places(grid.on_fill(fill(tag_250, Side.BUY, "250", "0.5"), ctx(position="0.5"))) == [
        ("sell", D(275), D("0.5"))
    ]


def test_a_price_below_the_grid_moves_it_down_and_moves_the_top_sell_down() -> None:
    grid = GridStrategy(params(trailing_down=True), MARKET)
    first = grid.on_price(D(150), ctx(position="1"))
    sell_200 = tag_at(first, Side.SELL, "200")
    # The market falls: both buys fill, each flips to a sell one level higher.
    grid.on_fill(fill(tag_at(first, Side.BUY, "125"), Side.BUY, "125", "0.5"), ctx(position="1.5"))
    grid.on_fill(fill(tag_at(first, Side.BUY, "100"), Side.BUY, "100", "0.5"), ctx(position="2"))

    down = grid.on_price(D(90), ctx(position="2"))

    assert grid.levels == [D(75), D(100), D(125), D(150), D(175)]
    assert cancels(down) == [sell_200]
    assert places(down) == [("sell", D(100), D("0.5")), ("buy", D(75), D("0.5"))]
    assert down.index(next(i for i in down if isinstance(i, PlaceIntent))) == 1  # cancel first


def test_geometric_grids_trail_by_their_ratio() -> None:
    grid = GridStrategy(
        params(low=D(100), high=D(1600), spacing=GridSpacing.GEOMETRIC, trailing_up=True), MARKET
    )
    grid.on_price(D(1000), ctx(position="1"))
    grid.on_price(D(1700), ctx())
    assert grid.levels == [D(200), D(400), D(800), D(1600), D(3200)]


@pytest.mark.parametrize(
    "kw",
    [
        {"trailing_up": True, "trail_up_limit": D(240)},
        {"trailing_up": True, "take_profit": D(240)},
    ],
)
def test_trailing_up_stops_at_its_limit(kw: dict[str, object]) -> None:
    grid = GridStrategy(params(**kw), MARKET)
    grid.on_price(D(150), ctx(position="1"))
    grid.on_price(D(215), ctx())
    assert grid.levels[-1] == D(225)
    assert grid.on_price(D(230), ctx()) == []  # one more step would reach 250 >= 240
    assert grid.levels[-1] == D(225)


def test_trailing_down_stops_above_the_stop_loss_and_zero() -> None:
    grid = GridStrategy(params(trailing_down=True, stop_loss=D(60)), MARKET)
    grid.on_price(D(150), ctx(position="1"))
    grid.on_price(D(80), ctx())
    assert grid.levels[0] == D(75)
    assert grid.on_price(D(70), ctx()) == []  # 50 would be at or below the stop-loss
    assert grid.levels[0] == D(75)


def test_a_fixed_grid_does_not_move() -> None:
    grid = GridStrategy(params(), MARKET)
    open_orders = resting(grid.on_price(D(150), ctx(position="1")))
    assert grid.on_price(D(260), ctx(open_orders=open_orders)) == []
    assert grid.on_price(D(50), ctx(open_orders=open_orders)) == []
    assert grid.levels == [D(100), D(125), D(150), D(175), D(200)]


@pytest.mark.parametrize(
    ("field", "kw"),
    [
        ("trail_up_limit", {"trail_up_limit": D(300)}),  # without trailing_up
        ("trail_up_limit", {"trailing_up": True, "trail_up_limit": D(150)}),
        ("trail_down_limit", {"trailing_down": True, "trail_down_limit": D(120)}),
        ("trail_down_limit", {"trail_down_limit": D(50)}),
    ],
)
def test_bad_trailing_params_name_the_field(field: str, kw: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        params(**kw).validate(MARKET)
