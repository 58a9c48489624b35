"""News sentiment strategy: entries on sentiment shocks, exits on decay, bad news, stop, time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from engine.backtest import run_backtest
from engine.market.models import Side
from engine.news.models import Headline, NewsEvent
from engine.news.scoring import HeadlineScorer, news_events
from engine.news.sim import jumps_from_candles, sim_headlines
from engine.strategies.base import Intent, PlaceIntent
from engine.strategies.feed import WithSideEvents
from engine.strategies.registry import build_strategy, validate_params
from engine.strategies.sentiment import SentimentParams, SentimentStrategy

from .helpers import MARKET, T0, D, candle, closed_at, ctx, fill, sim_market_and_candles


def strategy(**kw: object) -> SentimentStrategy:
    base: dict[str, object] = {"quote_amount": D(1000)}
    base.update(kw)
    return SentimentStrategy(SentimentParams(**base), MARKET)  # type: ignore[arg-type]


def news(score: float, at: datetime, assets: tuple[str, ...] = ("TEST",)) -> NewsEvent:
    return NewsEvent(Headline(at, "wire", "a headline", assets), score)


def tags(intents: list[Intent]) -> list[str]:
    return [i.tag for i in intents if isinstance(i, PlaceIntent)]


def entered() -> SentimentStrategy:
    """Long 10 at 100 after two good headlines at the close of candle 0 (level 0.8)."""
    s = strategy()
    s.on_candle(candle(0, 100), ctx(now=closed_at(0)))
    assert s.on_news(news(0.5, closed_at(0)), ctx()) == []  # 0.5 < 0.6
    [buy] = s.on_news(news(0.3, closed_at(0)), ctx())
    assert isinstance(buy, PlaceIntent)
    assert (buy.tag, buy.side, buy.qty) == ("news-1-entry", Side.BUY, D(10))
    s.on_fill(fill(buy.tag, Side.BUY, "100", "10"), ctx(position="10"))
    return s


def hold(s: SentimentStrategy, i: int, close: object = 100) -> list[Intent]:
    return s.on_candle(candle(i, close), ctx(position="10", now=closed_at(i)))


def test_a_positive_shock_buys_and_the_decay_sells() -> None:
    s = entered()
    # level 0.8 halves each hour: 0.4 after 1 h, 0.2 after 2 h, 0.1 <= 0.15 after 3 h
    assert hold(s, 1) == [] and hold(s, 2) == []
    assert tags(hold(s, 3)) == ["news-1-exit"]
    assert s.position.last_exit_reason == "decay"


def test_only_a_crossing_buys_not_more_news_on_a_level_already_above() -> None:
    s = strategy(half_life_s=10**6)  # the level hardly decays
    s.on_candle(candle(0, 100), ctx(now=closed_at(0)))
    assert tags(s.on_news(news(0.9, closed_at(0)), ctx())) == ["news-1-entry"]
    s.on_fill(fill("news-1-entry", Side.BUY, "100", "10"), ctx(position="10"))
    assert tags(hold(s, 1, close=96)) == ["news-1-exit"]  # stopped out; the level stays 0.9
    s.on_fill(fill("news-1-exit", Side.SELL, "96", "10"), ctx())

    assert s.on_news(news(0.2, closed_at(1)), ctx()) == []
    assert s.level(closed_at(1)) > 1.0


def test_a_refused_entry_is_forgotten_and_the_next_crossing_buys_again() -> None:
    s = strategy()
    s.on_candle(candle(0, 100), ctx(now=closed_at(0)))
    assert tags(s.on_news(news(0.9, closed_at(0)), ctx())) == ["news-1-entry"]  # never fills
    s.on_candle(candle(1, 100), ctx(now=closed_at(1)))  # level 0.45: below again
    assert tags(s.on_news(news(0.9, closed_at(1)), ctx())) == ["news-2-entry"]


def test_bad_news_while_long_sells() -> None:
    s = entered()
    assert s.on_news(news(-0.9, closed_at(0)), ctx(position="10")) == []  # level -0.1
    out = s.on_news(news(-0.9, closed_at(0)), ctx(position="10"))  # level -1.0
    assert tags(out) == ["news-1-exit"]
    assert s.position.last_exit_reason == "negative_news"


def test_headlines_about_other_assets_or_near_neutral_are_ignored() -> None:
    s = strategy()
    s.on_candle(candle(0, 100), ctx(now=closed_at(0)))
    assert s.on_news(news(0.9, closed_at(0), assets=("BTC",)), ctx()) == []
    assert s.on_news(news(0.04, closed_at(0)), ctx()) == []
    assert s.level(closed_at(0)) == 0.0


def test_no_entry_before_any_price_is_known() -> None:
    assert strategy().on_news(news(0.9, T0), ctx()) == []


def test_stop_and_holding_time_exit() -> None:
    stopped = entered()
    assert stopped.on_news(news(0.8, closed_at(1)), ctx()) == []  # keep the level up
    assert tags(hold(stopped, 1, close=97)) == ["news-1-exit"]  # 3 % below 100
    assert stopped.position.last_exit_reason == "stop"

    timed = strategy(max_hold_s=3600, half_life_s=10**6)
    timed.on_candle(candle(0, 100), ctx(now=closed_at(0)))
    timed.on_news(news(0.9, closed_at(0)), ctx())
    timed.on_fill(fill("news-1-entry", Side.BUY, "100", "10"), ctx(position="10"))
    assert tags(hold(timed, 1)) == ["news-1-exit"]  # fill stamped T0: 2 h before
    assert timed.position.last_exit_reason == "time"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"quote_amount": "0"}, "quote_amount"),
        ({"quote_amount": "100", "entry_level": 0}, "entry_level"),
        ({"quote_amount": "100", "entry_level": 0.5, "exit_level": 0.5}, "exit_level"),
        ({"quote_amount": "100", "half_life_s": 0}, "half_life_s"),
        ({"quote_amount": "100", "min_abs_score": 1}, "min_abs_score"),
        ({"quote_amount": "100", "stop_pct": "0"}, "stop_pct"),
        ({"quote_amount": "100", "max_hold_s": 0}, "max_hold_s"),
    ],
)
def test_bad_params_name_the_field(params: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        validate_params("sentiment", params)


def test_trades_in_a_backtest_on_the_sim_headline_stream() -> None:
    market, candles = sim_market_and_candles(seed=3)
    jumps = jumps_from_candles(candles, k=3.0)
    headlines = sim_headlines(
        7, market.symbol, jumps, start=candles[0].open_time,
        end=candles[-1].open_time + timedelta(hours=1), min_jump=0.004, hit_rate=1.0,
    )  # fmt: skip
    events = news_events(headlines, HeadlineScorer())
    params = {"quote_amount": "2000", "entry_level": 0.4, "half_life_s": 7200}
    s = WithSideEvents(build_strategy("sentiment", params, market), events)

    result = run_backtest(s, market, candles, initial_quote=D(10_000))

    assert result.rejections == []
    assert result.stats.round_trip_count >= 2
    assert all(f.client_order_id.startswith("news-") for f in result.fills)


def test_the_entry_is_sized_at_the_latest_trade_or_book_price() -> None:
    from engine.market.models import OrderBookSnapshot, Trade

    s = strategy()
    s.on_trade(Trade("t", MARKET.symbol, D(200), D(1), Side.BUY, T0), ctx())
    [buy] = s.on_news(news(0.9, T0), ctx())
    assert isinstance(buy, PlaceIntent) and buy.qty == D(5)

    b = strategy()
    book = OrderBookSnapshot(MARKET.symbol, 1, [(D(249), D(1))], [(D(251), D(1))], T0)
    b.on_book(book, ctx())
    [buy] = b.on_news(news(0.9, T0), ctx())
    assert isinstance(buy, PlaceIntent) and buy.qty == D(4)
