"""The seeded sim headline stream follows the sim price process' jumps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from engine.market.models import Candle
from engine.market.sim.price_process import AssetDynamics, PriceProcess
from engine.news.scoring import HeadlineScorer
from engine.news.sim import jumps_from_candles, jumps_from_path, sim_headlines

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def path_jumps(seed: int = 2, days: int = 30) -> list[tuple[datetime, float]]:
    process = PriceProcess(
        [AssetDynamics(annual_vol=0.5, jumps_per_day=3, jump_scale=0.02)],
        np.random.default_rng(seed),
    )
    chunk = process.simulate(days * 24 * 60, 60.0)
    times = [T0 + timedelta(minutes=i) for i in range(chunk.jumps.shape[0])]
    return jumps_from_path(times, chunk.jumps)


def test_headlines_are_seeded() -> None:
    jumps = path_jumps()
    one = sim_headlines(1, "BTC/USDT", jumps, start=T0, end=T0 + timedelta(days=30))
    assert one == sim_headlines(1, "BTC/USDT", jumps, start=T0, end=T0 + timedelta(days=30))
    assert one != sim_headlines(2, "BTC/USDT", jumps, start=T0, end=T0 + timedelta(days=30))
    assert {h.assets for h in one} == {("BTC",)} and all("Bitcoin" in h.title for h in one)


def test_jump_headlines_carry_the_jump_sign_close_to_the_jump() -> None:
    scorer = HeadlineScorer()
    jumps = [(t, s) for t, s in path_jumps() if abs(s) >= 0.01]
    headlines = sim_headlines(3, "ETH/USDT", jumps, hit_rate=1.0)  # no noise without a span

    assert len(headlines) == len(jumps) > 20
    for at, size in jumps:
        near = [h for h in headlines if -1800 <= (h.published - at).total_seconds() <= 3600]
        assert any(np.sign(scorer.score(h)) == np.sign(size) for h in near)


def test_noise_headlines_are_neutral_and_about_as_frequent_as_asked() -> None:
    scorer = HeadlineScorer()
    noise = sim_headlines(4, "SOL/USDT", [], start=T0, end=T0 + timedelta(days=20))
    assert 80 <= len(noise) <= 160  # 6 a day
    assert all(scorer.score(h) == 0.0 for h in noise)
    assert all(T0 <= h.published < T0 + timedelta(days=20) for h in noise)


def test_small_jumps_and_misses_make_no_headline() -> None:
    jumps = [(T0, 0.001), (T0 + timedelta(hours=1), -0.002)]
    assert sim_headlines(1, "BTC/USDT", jumps) == []
    big = [(T0 + timedelta(hours=i), 0.05) for i in range(200)]
    hits = len(sim_headlines(1, "BTC/USDT", big, hit_rate=0.5))
    assert 70 <= hits <= 130


def test_jumps_from_candles_finds_outlier_bars() -> None:
    closes = [100.0 * (1 + 0.001 * (-1) ** i) for i in range(60)]
    closes[55] = closes[54] * 1.03
    prices = [Decimal(repr(c)) for c in closes]
    candles = [
        Candle("BTC/USDT", "1h", T0 + timedelta(hours=i), p, p, p, p, Decimal(1))
        for i, p in enumerate(prices)
    ]
    jumps = jumps_from_candles(candles, k=4, window=48)
    assert [t for t, _ in jumps][:1] == [T0 + timedelta(hours=55)]
    assert jumps[0][1] > 0.02
