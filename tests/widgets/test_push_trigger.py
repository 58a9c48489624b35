"""RefreshTrigger: a `widget_refresh` push when the portfolio moves enough or a bot changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from api.services.widgets.push import RefreshTrigger
from tests.widgets.samples import AS_OF
from widgets import payloads
from widgets.inputs import BotLine, BotsData, Holding, PortfolioData


def portfolio(value: str) -> payloads.Payload:
    data = PortfolioData("USDT", [Holding("USDT", Decimal(value), Decimal(1), Decimal(1))])
    return payloads.portfolio(data, "large", AS_OF)


def bots(*states: str) -> payloads.Payload:
    top = [BotLine(f"b{i}", f"Bot {i}", state) for i, state in enumerate(states)]
    errors = sum(1 for state in states if state == "error")
    return payloads.bots(
        BotsData(running=len(states) - errors, errors=errors, top=top), "large", AS_OF
    )


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_pushes_when_value_moves_past_the_threshold_at_most_every_interval() -> None:
    sent: list[str] = []

    async def send(user_id: str) -> None:
        sent.append(user_id)

    clock = Clock()
    trigger = RefreshTrigger(send, threshold_pct=Decimal(1), clock=clock)
    await trigger("u", "portfolio", portfolio("10000"))  # first sight: the baseline
    await trigger("u", "portfolio", portfolio("10050"))  # +0.5 %
    assert sent == []
    await trigger("u", "portfolio", portfolio("10100"))  # +1 %
    assert sent == ["u"]
    await trigger("u", "portfolio", portfolio("9000"))  # moved, but pushed a moment ago
    assert sent == ["u"]
    clock.now += timedelta(minutes=5)
    await trigger("u", "portfolio", portfolio("9000"))
    assert sent == ["u", "u"]
    await trigger("u", "watchlist", portfolio("1"))  # other kinds never push
    assert sent == ["u", "u"]


async def test_pushes_when_a_bot_changes_state() -> None:
    sent: list[str] = []

    async def send(user_id: str) -> None:
        sent.append(user_id)

    trigger = RefreshTrigger(send, clock=Clock())
    await trigger("u", "bots", bots("running", "running"))
    await trigger("u", "bots", bots("running", "running"))
    assert sent == []
    await trigger("u", "bots", bots("running", "error"))
    assert sent == ["u"]
