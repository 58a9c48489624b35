"""The evaluator reads the feed's real bus messages (ticker and book codecs) and fires market
alerts on the series they move: spread from tickers, imbalance from books."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from starlette.applications import Starlette

from api.bus import Message
from api.container import Services
from api.services.accounts import Principal
from api.services.alerts.spec import AlertSpec
from api.services.market import book_to_message, book_topic, ticker_to_message, ticker_topic
from api.workers.alert_evaluator import AlertEvaluator
from engine.alerts import Direction, Metric, ThresholdCondition
from engine.market.models import OrderBookSnapshot, Ticker
from tests.conftest import GraphQLClient
from tests.support.polling import eventually

NOW = datetime(2030, 1, 1, tzinfo=UTC)
D = Decimal


def ticker(bid: str, ask: str, seq: int) -> Message:
    t = Ticker("ETH/USDT", D(bid), D(ask), D(bid), D(1), D(1), D(1), D(1), D(1), NOW)
    data = ticker_to_message("sim", t)
    data["timestamp"] = f"2030-01-01T00:00:{seq:02d}+00:00"
    return Message(ticker_topic("sim", "ETH/USDT"), data)


def book(bid_qty: str, ask_qty: str, seq: int) -> Message:
    snapshot = OrderBookSnapshot(
        "ETH/USDT", seq, [(D("3000"), D(bid_qty))], [(D("3001"), D(ask_qty))], NOW
    )
    return Message(book_topic("sim", "ETH/USDT"), book_to_message("sim", snapshot))


async def test_spread_and_imbalance_alerts_fire_from_feed_messages(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    await gql.register("quant@example.com")
    user = await services.accounts.find_by_email("quant@example.com")
    assert user is not None
    principal = Principal(user.id, "test", "full")
    spread = ThresholdCondition(Metric.SPREAD_BPS, Direction.ABOVE, 50.0)
    tilt = ThresholdCondition(Metric.IMBALANCE, Direction.BELOW, -0.5, period=1)
    wide = await services.alerts.create(principal, AlertSpec("wide", spread, "ETH/USDT"))
    heavy = await services.alerts.create(principal, AlertSpec("heavy", tilt, "ETH/USDT"))

    async def armed_by_the_app() -> bool:
        return all(services.alert_evaluator.armed(a.id) for a in (wide, heavy))

    # The app's own evaluator reads the live feed: take these alerts off it, this test feeds its
    # own evaluator.
    await eventually(armed_by_the_app)
    for alert in (wide, heavy):
        services.alert_evaluator.disarm(alert.id)

    evaluator = AlertEvaluator(
        services.alerts.store,
        services.bus,
        services.alert_evaluator.actions,
        services.market,
        clock=lambda: NOW,
    )
    await evaluator.load()
    await evaluator.on_message(ticker("3000", "3001", 1))  # ~3 bps
    await evaluator.on_message(book("5", "5", 1))  # balanced
    assert evaluator.fired == 0
    await evaluator.on_message(ticker("3000", "3030", 2))  # ~100 bps
    await evaluator.on_message(book("1", "9", 2))  # -0.8: sellers lean on the book
    assert evaluator.fired == 2
    for alert in (wide, heavy):
        page = await services.alerts.triggers(user.id, alert.id)
        assert len(page.items) == 1
    detail = (await services.alerts.triggers(user.id, heavy.id)).items[0]
    assert detail.trigger_key == "b:2" and detail.value == "-0.8"
