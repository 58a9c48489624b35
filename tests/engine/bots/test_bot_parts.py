"""The pure parts of a bot: its ledger, its order ids, its lifecycle."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from engine.bots.ledger import BotLedger
from engine.bots.lifecycle import BotAction, BotState, allowed, resumes
from engine.bots.order_ids import bot_client_order_id
from engine.market.models import Side

D = Decimal
DAY1 = datetime(2026, 1, 1, 12, tzinfo=UTC)
DAY2 = datetime(2026, 1, 2, 0, 1, tzinfo=UTC)


def test_ledger_average_cost_realised_pnl_and_fees() -> None:
    ledger = BotLedger("BTC", "USDT")
    ledger.apply(Side.BUY, D(100), D(1), D("0.1"), "USDT", DAY1)
    ledger.apply(Side.BUY, D(200), D(1), D("0.2"), "USDT", DAY1)
    assert (ledger.position, ledger.avg_cost) == (D(2), D(150))
    realised = ledger.apply(Side.SELL, D(180), D(1), D("0.18"), "USDT", DAY1)
    assert realised == D(30) - D("0.18")
    assert ledger.position == D(1) and ledger.avg_cost == D(150)
    assert ledger.fees_paid == D("0.48")
    assert ledger.realised_pnl == D(30) - D("0.48")
    assert ledger.unrealised(D(160)) == D(10)
    # A new UTC day starts today's realised P&L from zero.
    assert ledger.daily_pnl(D(160), DAY1.date()) == ledger.realised_pnl + D(10)
    assert ledger.daily_pnl(D(160), DAY2.date()) == D(10)
    ledger.apply(Side.SELL, D(140), D(1), D(0), "USDT", DAY2)
    assert ledger.position == 0 and ledger.avg_cost is None
    assert ledger.realised_today == D(-10)


def test_a_fee_in_the_base_currency_reduces_the_position() -> None:
    ledger = BotLedger("BTC", "USDT")
    ledger.apply(Side.BUY, D(100), D(1), D("0.001"), "BTC", DAY1)
    assert ledger.position == D("0.999") and ledger.fees_paid == 0


def test_client_order_ids_are_deterministic_short_and_distinct() -> None:
    first = bot_client_order_id("bot1", 1, "grid-buy-0-1")
    assert first == bot_client_order_id("bot1", 1, "grid-buy-0-1")
    others = {
        bot_client_order_id("bot1", 2, "grid-buy-0-1"),
        bot_client_order_id("bot2", 1, "grid-buy-0-1"),
        bot_client_order_id("bot1", 1, "grid-buy-0-2"),
    }
    assert first not in others and len(others) == 3
    assert len(first) <= 36 and first.replace("-", "").isalnum()


def test_lifecycle_moves() -> None:
    assert allowed(BotAction.START, BotState.STOPPED)
    assert allowed(BotAction.START, BotState.PAUSED) and resumes(BotState.PAUSED)
    assert not resumes(BotState.STOPPED) and not resumes(BotState.ERROR)
    assert not allowed(BotAction.UPDATE, BotState.RUNNING)
    assert not allowed(BotAction.DELETE, BotState.PAUSED)
    assert all(allowed(BotAction.STOP, s) for s in BotState)
