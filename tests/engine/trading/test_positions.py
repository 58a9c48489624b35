from __future__ import annotations

from decimal import Decimal as D

from engine.market.models import Side
from engine.trading.positions import FillInput, Position, apply_fill, positions_from_fills


def fill(side: Side, qty: str, price: str, fee: str = "0", cur: str = "USDT") -> FillInput:
    return FillInput("BTC/USDT", side, D(qty), D(price), D(fee), cur)


def test_buys_average_their_cost_and_a_sell_realises_against_it() -> None:
    fills = [
        fill(Side.BUY, "1", "100"),
        fill(Side.BUY, "1", "200"),
        fill(Side.SELL, "0.5", "300", fee="0.15"),
    ]
    position = positions_from_fills(fills)["BTC/USDT"]
    assert position.avg_cost == D("150")
    assert position.qty == D("1.5")
    assert position.realised == D("75") - D("0.15")
    assert position.unrealised(D("160")) == D("15")
    assert position.fees == D("0.15")
    assert position.traded_qty == D("2.5")


def test_closing_flat_resets_the_cost_and_keeps_the_realised_pnl() -> None:
    position = positions_from_fills([fill(Side.BUY, "2", "10"), fill(Side.SELL, "2", "9")])[
        "BTC/USDT"
    ]
    assert position.qty == 0 and position.avg_cost == 0
    assert position.realised == D("-2")
    assert position.unrealised(D("50")) == 0


def test_a_fee_in_base_reduces_the_quantity_received_and_counts_in_quote() -> None:
    position = apply_fill(Position("BTC/USDT"), fill(Side.BUY, "1", "100", fee="0.01", cur="BTC"))
    assert position.qty == D("0.99")
    assert position.fees == D("1")
    assert position.realised == 0, "the fee is in the cost basis, not realised twice"
    assert abs(position.avg_cost * position.qty - D("100")) < D("1e-20")
    assert position.unrealised(D("100")) < 0


def test_selling_more_than_tracked_realises_only_what_has_a_cost_basis() -> None:
    position = positions_from_fills([fill(Side.BUY, "1", "100"), fill(Side.SELL, "3", "110")])[
        "BTC/USDT"
    ]
    assert position.qty == 0
    assert position.realised == D("10")


def test_positions_are_kept_per_symbol() -> None:
    eth = FillInput("ETH/USDT", Side.BUY, D("2"), D("3000"), D("0"), "USDT")
    positions = positions_from_fills([fill(Side.BUY, "1", "100"), eth])
    assert set(positions) == {"BTC/USDT", "ETH/USDT"}
    assert positions["ETH/USDT"].avg_cost == D("3000")
