"""ML hooks: the regime signal sets grid spacing at re-centres; DCA safety buys wait for ML."""

from __future__ import annotations

from dataclasses import replace

import pytest

from engine.backtest import run_backtest
from engine.market.models import Side
from engine.strategies.base import CancelIntent, PlaceIntent
from engine.strategies.dca import DcaParams, DcaStrategy
from engine.strategies.feed import WithSideEvents
from engine.strategies.grid import GridParams, GridStrategy
from engine.trading.models import OrderType

from .helpers import MARKET, D, ctx, fill, places, resting, signal, sim_market_and_candles


def grid(**kw: object) -> GridStrategy:
    base: dict[str, object] = {
        "low": D(100), "high": D(200), "levels": 5, "qty_per_level": D(1),
        "regime_spacing": True,
    }  # fmt: skip
    base.update(kw)
    return GridStrategy(GridParams(**base), MARKET)  # type: ignore[arg-type]


def dca(threshold: float | None) -> DcaStrategy:
    params = DcaParams(
        base_qty=D(1),
        safety_qty=D(1),
        price_deviation_pct=D(1),
        max_safety_orders=2,
        take_profit_pct=D(1),
        ml_timing_threshold=threshold,
    )
    return DcaStrategy(params, MARKET)


@pytest.mark.parametrize(
    ("regime", "levels"),
    [
        ("high", ["87.50", "118.75", "150", "181.25", "212.50"]),  # 1.25x around 150
        ("normal", ["100", "125", "150", "175", "200"]),
        ("low", ["112.50", "131.25", "150", "168.75", "187.50"]),  # 0.75x around 150
    ],
)
def test_regime_before_start_sets_the_grid_spacing(regime: str, levels: list[str]) -> None:
    g = grid()
    assert g.on_signal(signal(regime=regime), ctx()) == []

    first = g.on_price(D(150), ctx(position="2"))

    assert sorted(p for _, p, _ in places(first) if p is not None) == [
        D(x) for i, x in enumerate(levels) if i != 2
    ]


def test_a_regime_change_recentres_on_the_next_price_with_the_new_spacing() -> None:
    g = grid()
    ladder = g.on_price(D(150), ctx(position="2"))
    open_orders = resting(ladder)

    assert g.on_signal(signal(regime="high"), ctx(position="2", open_orders=open_orders)) == []
    again = g.on_price(D(150), ctx(position="2", open_orders=open_orders))

    cancels = [i.tag for i in again if isinstance(i, CancelIntent)]
    assert cancels == sorted(o.tag for o in open_orders)
    assert places(again) == [
        ("buy", D("87.50"), D(1)),
        ("buy", D("118.75"), D(1)),
        ("sell", D("181.25"), D(1)),
        ("sell", D("212.50"), D(1)),
    ]
    new_tags = [i.tag for i in again if isinstance(i, PlaceIntent)]
    assert not set(new_tags) & set(cancels)  # fresh tags: client order ids never repeat


def test_between_recentres_the_levels_never_move() -> None:
    g = grid()
    open_orders = resting(g.on_price(D(150), ctx(position="2")))

    g.on_signal(signal(regime="normal"), ctx(position="2", open_orders=open_orders))
    assert g.on_price(D(151), ctx(position="2", open_orders=open_orders)) == []
    # a filled buy still flips one level up on the unchanged ladder
    flip = g.on_fill(fill(open_orders[1].tag, Side.BUY, "125", "1"), ctx(position="3"))
    assert places(flip) == [("sell", D(150), D(1))]


def test_a_recentre_seeds_the_base_its_sells_need_under_a_fresh_tag() -> None:
    g = grid()
    g.on_price(D(150), ctx(position="2"))
    g.on_signal(signal(regime="low"), ctx())

    again = g.on_price(D(150), ctx(position="0"))  # everything was sold meanwhile

    [seed] = [i for i in again if isinstance(i, PlaceIntent) and i.type is OrderType.MARKET]
    assert (seed.tag, seed.qty) == ("grid-seed-1", D(2))


def test_without_regime_spacing_signals_are_ignored() -> None:
    g = grid(regime_spacing=False)
    g.on_signal(signal(regime="high"), ctx())
    first = g.on_price(D(150), ctx(position="2"))
    assert sorted(p for _, p, _ in places(first) if p is not None) == [
        D(100), D(125), D(175), D(200)
    ]  # fmt: skip


def test_regime_spacing_must_not_widen_past_the_stop_loss() -> None:
    with pytest.raises(ValueError, match=r"^regime_spacing: "):
        GridParams(
            low=D(100), high=D(200), levels=5, qty_per_level=D(1),
            stop_loss=D(90), regime_spacing=True,
        ).validate()  # fmt: skip


def _opened(strategy: DcaStrategy) -> list[PlaceIntent]:
    strategy.on_price(D(100), ctx())
    out = strategy.on_fill(
        fill("dca-1-base", Side.BUY, "100", "1"), ctx(position="1", avg_cost="100")
    )
    return [i for i in out if isinstance(i, PlaceIntent)]


def test_with_ml_timing_safety_orders_wait_for_the_signal() -> None:
    s = dca(threshold=0.6)
    opened = _opened(s)
    assert [i.tag for i in opened] == ["dca-1-tp"]  # no safety order rests

    held = ctx(position="1", avg_cost="100")
    assert s.on_price(D("98.5"), held) == []  # below so1 (99) but no signal yet
    s.on_signal(signal(probability_up=0.55), held)
    assert s.on_price(D("98.5"), held) == []  # signal below the threshold
    s.on_signal(signal(probability_up=0.7, symbol="OTHER/USDT"), held)
    assert s.on_price(D("98.5"), held) == []  # another symbol's signal

    s.on_signal(signal(probability_up=0.7), held)
    buys = s.on_price(D("98.5"), held)
    assert [(i.tag, i.type, i.qty) for i in buys if isinstance(i, PlaceIntent)] == [
        ("dca-1-so1", OrderType.MARKET, D(1))
    ]
    assert s.on_price(D("98.5"), held) == []  # bought once only
    # its fill moves the take-profit like a resting safety order's would
    moved = s.on_fill(fill("dca-1-so1", Side.BUY, "98.5", "1"), ctx(position="2", avg_cost="99.25"))
    assert [type(i).__name__ for i in moved] == ["AmendIntent"]
    deeper = s.on_price(D(98), ctx(position="2", avg_cost="99"))  # so2: 2 % below 100
    assert [i.tag for i in deeper if isinstance(i, PlaceIntent)] == ["dca-1-so2"]


def test_without_ml_timing_safety_orders_rest_and_signals_change_nothing() -> None:
    s = dca(threshold=None)
    s.on_signal(signal(probability_up=0.1), ctx())
    opened = _opened(s)
    assert places(opened) == [
        ("buy", D(99), D(1)),
        ("buy", D(98), D(1)),
        ("sell", D(101), D(1)),
    ]


def test_ml_timing_threshold_is_a_probability() -> None:
    with pytest.raises(ValueError, match=r"^ml_timing_threshold: "):
        dca(threshold=1.5)


def test_regime_spacing_checks_the_minimum_notional_at_the_widest_low() -> None:
    tight = GridParams(low=D(100), high=D(200), levels=5, qty_per_level=D("0.01"))
    tight.validate(MARKET)  # 100 * 0.01 = 1, the minimum
    with pytest.raises(ValueError, match=r"^qty_per_level: .*87\.5"):
        GridParams(
            low=D(100), high=D(200), levels=5, qty_per_level=D("0.01"), regime_spacing=True
        ).validate(MARKET)  # widened: 87.5 * 0.01 < 1


def test_grid_recentres_on_regime_signals_in_a_backtest() -> None:
    market, candles = sim_market_and_candles(seed=3)
    closed = [c for c in candles if c.closed]
    lo, hi = min(c.low for c in closed), max(c.high for c in closed)
    params = GridParams(
        low=lo, high=hi, levels=12, qty_per_level=D("0.01"), regime_spacing=True
    )  # fmt: skip
    regimes = ["normal", "high", "low", "high"]
    signals = [
        replace(signal(regime=r, symbol=market.symbol), timestamp=closed[100 * i].open_time)
        for i, r in enumerate(regimes)
    ]
    g = GridStrategy(params, market)

    result = run_backtest(WithSideEvents(g, signals), market, candles, initial_quote=D(100_000))

    assert g.state.recentres == 3  # normal is where it started: three changes
    assert g.state.factor == D("1.25")
    assert result.rejections == []
    assert len(result.fills) > 10
