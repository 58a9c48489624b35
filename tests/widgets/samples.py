"""Sample widget inputs, including the worst case for payload size."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from widgets.inputs import (
    AlertLine,
    BotLine,
    BotsData,
    Holding,
    PortfolioData,
    SignalLine,
    WatchItem,
)

AS_OF = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
LONG = "Extraordinarily Long Token Name With Many Words ÄÖÜ 🚀"


def wave(start: str, n: int = 96) -> list[Decimal]:
    base = Decimal(start)
    return [base + base * Decimal((i * 37) % 23 - 11) / 1000 for i in range(n)]


def worst_portfolio() -> PortfolioData:
    return PortfolioData(
        quote="USDT",
        holdings=[
            Holding("USDT", Decimal("123456789012.123456"), Decimal(1), Decimal(1)),
            Holding(
                "VERYLONGASSETNAME",
                Decimal("99999999.123"),
                Decimal("95000.1"),
                Decimal("93000"),
                wave("95000"),
            ),
            Holding("ETH", Decimal("1000000"), Decimal("3400.55"), Decimal("3500"), wave("3400")),
            Holding("SOL", Decimal("5000000"), Decimal("190.5"), Decimal("180"), wave("190")),
        ],
    )


def worst_watchlist() -> list[WatchItem]:
    return [
        WatchItem(
            f"{LONG}{i}/USDT", Decimal("0.000012345678"), Decimal("0.00002"), wave("0.0000123")
        )
        for i in range(8)
    ]


def worst_bots() -> BotsData:
    return BotsData(
        running=123456,
        errors=99999,
        top=[
            BotLine("f" * 32, LONG, "error: exchange unreachable", Decimal("-123456789.987"))
            for _ in range(5)
        ],
    )


def worst_alert() -> AlertLine:
    return AlertLine("a" * 32, f"{LONG}/USDT", LONG * 10, AS_OF)


def worst_signal() -> SignalLine:
    return SignalLine(f"{LONG}/USDT", "buy", 0.987, LONG, AS_OF)
