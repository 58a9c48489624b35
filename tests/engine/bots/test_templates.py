"""Templates: at least eight, each sized to the price it is given, valid where available, and
backtested on the sim venue's history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.bots.templates import (
    TEMPLATES,
    backtest_template,
    template,
    unavailable_reason,
)
from engine.market.sim.venue import SimVenue
from engine.strategies import registry


@pytest.fixture(scope="module")
def venue() -> SimVenue:
    return SimVenue(seed=7)


def test_at_least_eight_templates_on_sim_symbols(venue: SimVenue) -> None:
    assert len(TEMPLATES) >= 8
    assert len({t.id for t in TEMPLATES}) == len(TEMPLATES)
    for t in TEMPLATES:
        assert t.symbol in venue.markets, t.id
        assert t.description.endswith(".") and len(t.description) > 60, t.id
        assert t.suggested_capital > 0


def test_available_templates_validate_and_scale_with_the_price(venue: SimVenue) -> None:
    available = [
        t
        for t in TEMPLATES
        if unavailable_reason(t, venue.markets[t.symbol], venue.ticker(t.symbol).last) is None
    ]
    assert {"grid", "dca"} <= {t.kind for t in available}
    for t in available:
        market = venue.markets[t.symbol]
        for price in (venue.ticker(t.symbol).last, venue.ticker(t.symbol).last * 2):
            registry.parse_params(t.kind, t.params_for(market, price), market)
    grid = template("btc-grid-conservative")
    market = venue.markets["BTC/USDT"]
    low = grid.params_for(market, Decimal(50_000))
    high = grid.params_for(market, Decimal(100_000))
    assert Decimal(high["low"]) == 2 * Decimal(low["low"])
    # A bigger capital buys bigger orders.
    big = grid.params_for(market, Decimal(50_000), Decimal(10_000))
    assert Decimal(big["qty_per_level"]) > Decimal(low["qty_per_level"])


def test_a_kind_missing_from_the_registry_is_listed_but_unavailable(
    venue: SimVenue, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = template("btc-grid-conservative")
    monkeypatch.delitem(registry._KINDS, "grid")
    reason = unavailable_reason(t, venue.markets[t.symbol], venue.ticker(t.symbol).last)
    assert reason == "the grid strategy is not available yet"


def test_unknown_template_names_the_field() -> None:
    with pytest.raises(ValueError, match=r"^templateId: "):
        template("moon-shot")


def test_backtest_figures_come_from_the_event_driven_backtester(venue: SimVenue) -> None:
    t = template("btc-grid-conservative")
    candles = venue.ohlcv(t.symbol, "1h", 1000)
    result = backtest_template(t, venue.markets[t.symbol], candles, "1h")
    assert result.bars == len([c for c in candles if c.closed]) - 1
    assert result.trades > 0 and result.fees_paid > 0
    assert result.initial_capital == t.suggested_capital
    expected = float(result.final_equity / result.initial_capital - 1)
    assert result.total_return == pytest.approx(expected, abs=0.02)
    assert 0 <= result.max_drawdown < 1
