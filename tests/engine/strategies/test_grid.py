"""Grid strategy: levels, initial quotes, flips on fills, stop-loss / take-profit, bad params."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.market.models import Side
from engine.strategies.base import CancelIntent, PlaceIntent
from engine.strategies.grid import SEED_TAG, GridParams, GridSpacing, GridStrategy, grid_levels
from engine.trading.models import OrderType

from .helpers import MARKET, D, ctx, fill, places, resting


def params(**kw: object) -> GridParams:
    base: dict[str, object] = {
        "low": D(100), "high": D(200), "levels": 5, "qty_per_level": D("0.5"),
    }  # fmt: skip
    base.update(kw)
    return GridParams(**base)  # type: ignore[arg-type]


def test_arithmetic_levels_are_evenly_spaced_and_rounded_to_the_tick() -> None:
    assert grid_levels(params(), MARKET) == [D(100), D(125), D(150), D(175), D(200)]
    odd = params(low=D(100), high=D(101), levels=4)
    assert grid_levels(odd, MARKET) == [D(100), D("100.33"), D("100.67"), D(101)]


def test_geometric_levels_have_a_constant_ratio() -> None:
    doubling = params(low=D(100), high=D(1600), spacing=GridSpacing.GEOMETRIC)
    assert grid_levels(doubling, MARKET) == [D(100), D(200), D(400), D(800), D(1600)]
    # 100 * sqrt(2) = 141.4213...
    root2 = params(low=D(100), high=D(200), levels=3, spacing=GridSpacing.GEOMETRIC)
    assert grid_levels(root2, MARKET) == [D(100), D("141.42"), D(200)]


def test_start_buys_below_and_seeds_base_before_selling_above() -> None:
    grid = GridStrategy(params(), MARKET)

    first = grid.on_price(D(160), ctx())

    assert places(first) == [
        ("buy", D(100), D("0.5")),
        ("buy", D(125), D("0.5")),
        ("buy", D(150), D("0.5")),
        ("buy", None, D("1.0")),  # seed: base for the two sells above 160
    ]
    seed = [i for i in first if isinstance(i, PlaceIntent) and i.tag == SEED_TAG]
    assert seed and seed[0].type is OrderType.MARKET
    after_seed = grid.on_fill(fill(SEED_TAG, Side.BUY, "160", "1"), ctx(position="1"))
    assert places(after_seed) == [("sell", D(175), D("0.5")), ("sell", D(200), D("0.5"))]


def test_start_sells_at_once_when_the_base_is_already_there() -> None:
    grid = GridStrategy(params(), MARKET)

    first = grid.on_price(D(150), ctx(position="1"))  # 150 is a level: it stays empty

    assert places(first) == [
        ("buy", D(100), D("0.5")),
        ("buy", D(125), D("0.5")),
        ("sell", D(175), D("0.5")),
        ("sell", D(200), D("0.5")),
    ]


def test_a_filled_buy_sells_one_level_up_and_a_filled_sell_buys_one_level_down() -> None:
    grid = GridStrategy(params(), MARKET)
    first = grid.on_price(D(150), ctx(position="1"))
    orders = {(o.side, o.price): o for o in resting(first)}
    buy_125 = orders[(Side.BUY, D(125))]
    sell_175 = orders[(Side.SELL, D(175))]

    after_buy = grid.on_fill(fill(buy_125.tag, Side.BUY, "125", "0.5"), ctx(position="1.5"))
    after_sell = grid.on_fill(fill(sell_175.tag, Side.SELL, "175", "0.5"), ctx(position="1"))

    assert places(after_buy) == [("sell", D(150), D("0.5"))]
    assert places(after_sell) == [("buy", D(150), D("0.5"))]


def test_a_partial_fill_does_not_flip_yet() -> None:
    grid = GridStrategy(params(), MARKET)
    buy_125 = next(o for o in resting(grid.on_price(D(150), ctx(position="1"))) if o.price == 125)
    still_open = ctx(position="1.2", open_orders=[buy_125])

    assert grid.on_fill(fill(buy_125.tag, Side.BUY, "125", "0.2"), still_open) == []


@pytest.mark.parametrize("price", ["90", "250"])
def test_stop_loss_or_take_profit_cancels_everything_and_flattens(price: str) -> None:
    grid = GridStrategy(params(stop_loss=D(90), take_profit=D(250)), MARKET)
    open_orders = resting(grid.on_price(D(150), ctx(position="1")))

    out = grid.on_price(D(price), ctx(position="1.25", open_orders=open_orders))

    cancels = [i.tag for i in out if isinstance(i, CancelIntent)]
    assert sorted(cancels) == sorted(o.tag for o in open_orders)
    assert places(out) == [("sell", None, D("1.25"))]
    assert out.index(next(i for i in out if isinstance(i, PlaceIntent))) == len(cancels)
    assert grid.stopped
    assert grid.on_price(D(150), ctx()) == []


@pytest.mark.parametrize(
    ("field", "kw"),
    [
        ("levels", {"levels": 1}),
        ("high", {"low": D(200), "high": D(100)}),
        ("low", {"low": D(0)}),
        ("qty_per_level", {"qty_per_level": D(0)}),
        ("qty_per_level", {"qty_per_level": D("0.0005")}),  # off the lot step
        ("stop_loss", {"stop_loss": D(100)}),
        ("take_profit", {"take_profit": D(150)}),
        ("levels", {"low": D(100), "high": D("100.05"), "levels": 10}),  # < 1 tick apart
    ],
)
def test_invalid_params_are_rejected_naming_the_field(field: str, kw: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        GridStrategy(params(**kw), MARKET)


def test_levels_exactly_one_tick_apart_are_accepted() -> None:
    tight = params(low=D(100), high=D("100.04"), levels=5)
    assert grid_levels(tight, MARKET)[1] - grid_levels(tight, MARKET)[0] == Decimal("0.01")
