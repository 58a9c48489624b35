"""RSI / EMA gap / volume ratio alerts evaluate on closed 1m candles from the candles topic: a
forming candle or a ticker never moves them; a closed candle that crosses fires once (a
replayed candle message is the same trigger)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlmodel import col, select

from api.bus import Message
from api.container import Services
from api.db.alert_tables import AlertTrigger
from api.db.models import User
from api.services.accounts import Principal
from api.services.alerts.spec import AlertSpec
from api.services.market import MarketService, ticker_to_message, ticker_topic
from api.services.market_streams import candles_to_message, candles_topic
from api.workers.alert_evaluator import AlertEvaluator
from engine.alerts import Direction, Metric, ThresholdCondition
from engine.market.models import Candle, Ticker

START = datetime(2030, 1, 1, tzinfo=UTC)


def candle(minute: int, close: str, volume: str = "1", closed: bool = True) -> Candle:
    c = Decimal(close)
    at = START + timedelta(minutes=minute)
    return Candle("BTC/USDT", "1m", at, c, c, c, c, Decimal(volume), closed)


def candles(closed: list[Candle], forming: Candle) -> Message:
    data = candles_to_message("sim", "BTC/USDT", [forming], closed)
    return Message(candles_topic("sim", "BTC/USDT"), data)


def ticker(last: str, seq: int) -> Message:
    d = Decimal(last)
    t = Ticker("BTC/USDT", d, d, d, d, d, d, d, d, START + timedelta(seconds=seq))
    return Message(ticker_topic("sim", "BTC/USDT"), ticker_to_message("sim", t))


async def test_an_rsi_alert_fires_on_the_closed_candle_that_crosses(services: Services) -> None:
    user = User(email="rsi@example.com", password_hash="-", display_name="rsi")
    async with services.db.session() as session:
        session.add(user)
        await session.commit()
    rsi = ThresholdCondition(Metric.RSI, Direction.ABOVE, 70.0, period=2)
    alert = await services.alerts.create(
        Principal(user.id, "t", "full"), AlertSpec("rsi up", rsi, "BTC/USDT")
    )
    evaluator = AlertEvaluator(
        services.alert_evaluator.store,
        services.bus,
        services.alert_evaluator.actions,
        MarketService(services.venues),
    )
    await evaluator.load()
    falling = [candle(0, "100"), candle(1, "99"), candle(2, "98")]  # RSI(2) = 0
    await evaluator.on_message(candles(falling, candle(3, "150", closed=False)))
    # A forming candle far above and a ticker jump do not move the RSI: no fire yet.
    await evaluator.on_message(candles([], candle(3, "200", closed=False)))
    await evaluator.on_message(ticker("300", 1))
    assert evaluator.fired == 0
    # The candle closes at 110: RSI(2) jumps above 70.
    closing = candles([candle(3, "110")], candle(4, "110", closed=False))
    await evaluator.on_message(closing)
    assert evaluator.fired == 1
    # Another evaluator (a replica) that saw the same candles claims the same trigger: nothing.
    replica = AlertEvaluator(
        services.alert_evaluator.store,
        services.bus,
        services.alert_evaluator.actions,
        MarketService(services.venues),
    )
    replica.arm(alert)  # its stale copy: still active
    await replica.on_message(candles(falling, candle(3, "150", closed=False)))
    await replica.on_message(closing)
    assert replica.fired == 0
    async with services.db.session() as session:
        query = select(AlertTrigger).where(col(AlertTrigger.alert_id) == alert.id)
        [trigger] = (await session.exec(query)).all()
    assert trigger.trigger_key == f"c:{int((START + timedelta(minutes=4)).timestamp())}"
    assert float(trigger.value) > 70
