"""Sentiment and whale strategies in backtests: the sim headline stream derived from the
candles' jumps and the simulated transfer source are fed deterministically, without look-ahead."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from api.services.backtests import BacktestRequest
from api.services.backtests.candles import sim_candles
from api.services.backtests.data_events import backtest_events, backtest_headlines
from api.services.backtests.run import execute
from api.services.backtests.spec import validate_request
from engine.backtest.runner import run_backtest
from engine.market.models import TIMEFRAMES, Candle
from engine.news.models import NewsEvent
from engine.news.sim import NEUTRAL, jumps_from_candles
from engine.strategies.base import Intent, Strategy, StrategyContext, WhaleTransfer
from engine.strategies.feed import WithSideEvents, event_time

HOUR = timedelta(hours=1)


def run(**request: Any) -> dict[str, Any]:
    spec = validate_request(BacktestRequest(**{"timeframe": "1h", "days": 90, **request}))
    return execute(spec, lambda _f: None)


def test_the_sentiment_template_trades_on_the_headline_stream_the_same_way_each_time() -> None:
    first = run(symbol="BTC/USDT", template_id="btc-sentiment-scalper", capital=Decimal(1000))
    again = run(symbol="BTC/USDT", template_id="btc-sentiment-scalper", capital=Decimal(1000))
    other = run(
        symbol="BTC/USDT", template_id="btc-sentiment-scalper", capital=Decimal(1000), seed=8
    )
    assert first["events"] > 0 and first["metrics"]["trades"] > 0
    assert first["trades"] == again["trades"]  # same seed: same headlines, same trades
    assert other["trades"] != first["trades"]


def test_the_whale_strategy_follows_simulated_transfers_when_it_watches_them() -> None:
    params = {"quote_amount": "400", "transfer_min": "800", "hold_s": 3600}
    watching = run(symbol="ETH/USDT", kind="whale", params=params)
    blind = run(symbol="ETH/USDT", kind="whale", params={"quote_amount": "400"})
    assert watching["events"] > 0 and watching["metrics"]["trades"] > 0
    assert blind["metrics"]["trades"] == 0  # transfer_min null: transfers are ignored
    assert run(symbol="ETH/USDT", kind="whale", params=params)["trades"] == watching["trades"]


def test_candle_only_strategies_get_no_side_events() -> None:
    _, candles = sim_candles(7, "BTC/USDT", "1h", 30)
    assert backtest_events("momentum", 7, "BTC/USDT", candles) == []
    assert backtest_events("grid", 7, "BTC/USDT", candles) == []


def test_jump_headlines_are_published_after_their_jump_bar_closed() -> None:
    _, candles = sim_candles(7, "BTC/USDT", "1h", 90)
    jumps = jumps_from_candles(candles)
    assert jumps
    closes = {at + HOUR for at, _ in jumps}  # the jump bar's close
    news = backtest_headlines(7, "BTC/USDT", candles)
    neutral = {t.format(name="Bitcoin") for t in NEUTRAL}
    moving = [h for h in news if h.title not in neutral]
    assert moving
    for h in moving:  # each comes within one bar after some jump bar's close, never before
        assert any(c <= h.published <= c + HOUR for c in closes), h


class Probe(Strategy):
    """Records when (bar close) each side event reached it."""

    def __init__(self) -> None:
        self.seen: list[tuple[datetime, datetime]] = []
        self.closes: list[datetime] = []

    def on_news(self, news: NewsEvent, ctx: StrategyContext) -> list[Intent]:
        self.seen.append((event_time(news), ctx.now))
        return []

    def on_whale_transfer(self, transfer: WhaleTransfer, ctx: StrategyContext) -> list[Intent]:
        self.seen.append((transfer.timestamp, ctx.now))
        return []

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        self.closes.append(ctx.now)
        return []


def test_an_event_reaches_the_strategy_at_the_close_of_the_bar_it_falls_in_never_earlier() -> None:
    market, candles = sim_candles(7, "ETH/USDT", "1h", 20)
    bar = timedelta(seconds=TIMEFRAMES["1h"])
    for kind in ("sentiment", "whale"):
        probe = Probe()
        events = backtest_events(kind, 7, "ETH/USDT", candles)
        run_backtest(WithSideEvents(probe, events), market, candles, initial_quote=Decimal(1))
        inside = [e for e in events if event_time(e) <= probe.closes[-1]]
        assert len(probe.seen) == len(inside) > 0
        for at, delivered in probe.seen:
            assert at <= delivered < at + bar  # after it happened, at the close of its bar
