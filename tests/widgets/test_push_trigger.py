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
    sent: list[tuple[str, tuple[str, ...]]] = []

    async def send(user_id: str, kinds: tuple[str, ...]) -> None:
        sent.append((user_id, kinds))

    clock = Clock()
    trigger = RefreshTrigger(send, threshold_pct=Decimal(1), clock=clock)
    await trigger("u", "portfolio", portfolio("10000"))  # first sight: the baseline
    await trigger("u", "portfolio", portfolio("10050"))  # +0.5 %
    assert sent == []
    await trigger("u", "portfolio", portfolio("10100"))  # +1 %
    assert sent == [("u", ("portfolio",))]
    await trigger("u", "portfolio", portfolio("9000"))  # moved, but pushed a moment ago
    assert sent == [("u", ("portfolio",))]
    clock.now += timedelta(minutes=5)
    await trigger("u", "portfolio", portfolio("9000"))
    assert sent == [("u", ("portfolio",))] * 2
    await trigger("u", "watchlist", portfolio("1"))  # other kinds never push
    await trigger("u", "portfolio", portfolio("9050"))  # +0.56 % from the last pushed 9000
    assert sent == [("u", ("portfolio",))] * 2


async def test_pushes_when_a_bot_changes_state() -> None:
    sent: list[tuple[str, tuple[str, ...]]] = []

    async def send(user_id: str, kinds: tuple[str, ...]) -> None:
        sent.append((user_id, kinds))

    trigger = RefreshTrigger(send, clock=Clock())
    await trigger("u", "bots", bots("running", "running"))
    await trigger("u", "bots", bots("running", "running"))
    assert sent == []
    await trigger("u", "bots", bots("running", "error"))
    assert sent == [("u", ("bots",))]
    await trigger("v", "bots", bots("running"))  # another user: a baseline of its own
    assert sent == [("u", ("bots",))]


async def test_a_rate_limited_change_goes_out_with_the_next_push() -> None:
    sent: list[tuple[str, tuple[str, ...]]] = []

    async def send(user_id: str, kinds: tuple[str, ...]) -> None:
        sent.append((user_id, kinds))

    clock = Clock()
    trigger = RefreshTrigger(send, clock=clock)
    await trigger("u", "portfolio", portfolio("10000"))
    await trigger("u", "bots", bots("running"))
    await trigger("u", "bots", bots("paused"))
    assert sent == [("u", ("bots",))]
    clock.now += timedelta(minutes=1)
    await trigger("u", "portfolio", portfolio("11000"))  # +10 %, but rate-limited: kept
    await trigger("u", "bots", bots("running"))  # kept too
    assert sent == [("u", ("bots",))]
    clock.now += timedelta(minutes=4)
    await trigger("u", "alerts", {})  # any later snapshot change flushes what is pending
    assert sent == [("u", ("bots",)), ("u", ("portfolio", "bots"))]
    clock.now += timedelta(minutes=5)
    await trigger("u", "portfolio", portfolio("11050"))  # +0.45 % from the pushed 11000
    assert len(sent) == 2
