"""The live sim headline stream: a jump bar gets a headline of its sign after the bar (never
before), quiet bars only neutral noise; seeded by bar time, so the same candles give the same
headlines however they arrive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from engine.market.models import Candle
from engine.news.models import Headline
from engine.news.scoring import HeadlineScorer
from engine.news.sim import LiveSimHeadlines

T0 = datetime(2026, 3, 1, tzinfo=UTC)
BTC = "BTC/USDT"


def minute_candles(n: int, jump_at: int | None = None, jump: float = 0.04) -> list[Candle]:
    rng = np.random.default_rng(11)
    price, out = 50_000.0, []
    for i in range(n):
        move = float(rng.normal(0, 0.0004))
        if i == jump_at:
            move += jump
        close = price * float(np.exp(move))
        out.append(
            Candle(
                BTC,
                "1m",
                T0 + timedelta(minutes=i),
                Decimal(repr(price)),
                Decimal(repr(max(price, close))),
                Decimal(repr(min(price, close))),
                Decimal(repr(close)),
                Decimal(1),
            )
        )
        price = close
    return out


def feed(stream: LiveSimHeadlines, candles: list[Candle], upto: int, window: int = 52) -> None:
    stream.on_candles(candles[max(0, upto - window) : upto])


def run(candles: list[Candle], start: int, seed: int = 5) -> list[Headline]:
    stream = LiveSimHeadlines(seed, BTC, hit_rate=1.0, noise_per_day=0.0)
    out: list[Headline] = []
    for i in range(start, len(candles) + 1):
        feed(stream, candles, i)
        out += stream.due(candles[i - 1].open_time + timedelta(minutes=1))
    return out + stream.due(candles[-1].open_time + timedelta(hours=1))


def test_a_jump_bar_gets_a_headline_of_its_sign_after_it() -> None:
    scorer = HeadlineScorer()
    for jump in (0.04, -0.04):
        candles = minute_candles(70, jump_at=60, jump=jump)
        headlines = run(candles, start=55)
        assert len(headlines) == 1
        [h] = headlines
        assert h.assets == ("BTC",)
        assert np.sign(scorer.score(h)) == np.sign(jump)
        bar = candles[60].open_time
        assert bar <= h.published <= bar + timedelta(seconds=120)  # no lead, a short lag


def test_quiet_bars_give_only_noise_and_the_first_call_only_marks_the_start() -> None:
    candles = minute_candles(300)
    stream = LiveSimHeadlines(5, BTC, noise_per_day=1440.0)  # ~ one a minute
    assert stream.on_candles(candles[:52]) == 0  # start: nothing back-filled
    made = sum(stream.on_candles(candles[i - 52 : i]) for i in range(53, 300))
    assert 150 <= made <= 350
    scorer = HeadlineScorer()
    assert all(abs(scorer.score(h)) < 0.5 for h in stream.due(candles[-1].open_time))


def test_same_candles_same_headlines_however_they_arrive() -> None:
    candles = minute_candles(120, jump_at=90)
    one_by_one = run(candles, start=55)
    stream = LiveSimHeadlines(5, BTC, hit_rate=1.0, noise_per_day=0.0)
    feed(stream, candles, 55)
    for i in range(58, 121, 3):  # three bars per call
        feed(stream, candles, i)
    assert stream.due(candles[-1].open_time + timedelta(hours=1)) == one_by_one
    assert len(one_by_one) == 1 and one_by_one == run(candles, start=55)
