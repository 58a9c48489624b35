"""Backtest jobs below GraphQL: crash recovery, candles, progress and cancellation hooks."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from decimal import Decimal

import pytest
from sqlalchemy import update
from sqlmodel import col

from api.container import start_services
from api.db.backtest_tables import BacktestJob
from api.services.backtests import BacktestRequest, Canceled
from api.services.backtests.candles import sim_candles
from api.services.backtests.run import execute
from api.services.backtests.service import INTERRUPTED
from api.services.backtests.signals import candle_signals
from api.services.backtests.spec import validate_request
from api.settings import Settings
from engine.backtest.runner import run_backtest
from engine.market.sim.symbols import select_symbols
from engine.signals.features import MIN_BARS
from engine.strategies import registry

fresh_candles = sim_candles.__wrapped__


async def test_jobs_a_crash_left_running_are_failed_at_start_and_finished_ones_kept(
    settings: Settings,
) -> None:
    services = await start_services(settings, run_workers=False)
    try:
        user = await services.accounts.register("crash@example.com", "correct horse battery", "c")
        async with services.db.session() as session:
            for status in ("queued", "running", "done"):
                session.add(
                    BacktestJob(id=f"job-{status}", user_id=user.id, status=status, input="{}")
                )
            await session.commit()
    finally:
        await services.close()  # the "crash": nothing finishes these jobs

    restarted = await start_services(settings, run_workers=False)
    try:
        jobs = {
            s: await restarted.backtests.job(user.id, f"job-{s}")
            for s in ("queued", "running", "done")
        }
        for status in ("queued", "running"):
            assert jobs[status].status == "failed"
            assert jobs[status].error == INTERRUPTED
            assert jobs[status].finished_at is not None
        assert jobs["done"].status == "done" and jobs["done"].error is None
        assert await restarted.backtests.recover() == 0  # nothing left to fail
    finally:
        await restarted.close()


def test_candles_are_the_same_for_the_same_seed_symbol_and_period() -> None:
    market, first = fresh_candles(7, "BTC/USDT", "1h", 10)
    _, again = fresh_candles(7, "BTC/USDT", "1h", 10)
    _, other_seed = fresh_candles(8, "BTC/USDT", "1h", 10)
    _, other_symbol = fresh_candles(7, "ETH/USDT", "1h", 10)
    assert first == again
    assert [c.close for c in first] != [c.close for c in other_seed]
    assert first[0].close != other_symbol[0].close
    assert len(first) == 240 and market.symbol == "BTC/USDT"
    assert all(c.low <= min(c.open, c.close) <= max(c.open, c.close) <= c.high for c in first)
    step = first[1].open_time - first[0].open_time
    assert all(b.open_time - a.open_time == step for a, b in itertools.pairwise(first))
    assert first[-1].close == select_symbols(["BTC/USDT"])[0].start_price


def test_the_progress_hook_sees_every_bar_and_does_not_change_the_result() -> None:
    market, candles = fresh_candles(7, "SOL/USDT", "1h", 20)
    params = {"quote_amount": "900", "fast_period": 5, "slow_period": 20}
    plain = run_backtest(
        registry.build_strategy("momentum", params, market), market, candles,
        initial_quote=Decimal(1000),
    )  # fmt: skip
    seen: list[tuple[int, int]] = []
    hooked = run_backtest(
        registry.build_strategy("momentum", params, market), market, candles,
        initial_quote=Decimal(1000), on_bar=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert plain.fills == hooked.fills and list(plain.equity) == list(hooked.equity)
    assert seen == [(i, len(candles)) for i in range(1, len(candles) + 1)]


def test_a_run_stops_at_the_first_progress_report_after_cancellation() -> None:
    spec = validate_request(
        BacktestRequest(symbol="BTC/USDT", kind="momentum", params={"quote_amount": "900"}, days=20)
    )
    calls: list[float] = []

    def report(fraction: float) -> None:
        calls.append(fraction)
        if len(calls) == 10:
            raise Canceled

    with pytest.raises(Canceled):
        execute(spec, report)
    assert len(calls) == 10 and calls[-1] < 0.1


def test_progress_rises_to_one_over_the_run_and_walk_forward() -> None:
    spec = validate_request(
        BacktestRequest(
            symbol="BTC/USDT",
            kind="grid",
            days=30,
            params={"low": "85000", "high": "105000", "levels": 8, "qty_per_level": "0.01"},
            walk_forward_windows=3,
            walk_forward_grid={"levels": [4, 8]},
            monte_carlo_runs=50,
        )
    )
    fractions: list[float] = []
    report = execute(spec, fractions.append)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    # main run 720 bars, then 3 windows x (2 combos x 168 train bars + 72 test bars)
    assert len(fractions) >= 720 + 3 * (2 * 168 + 72)
    windows = report["walk_forward"]["windows"]
    assert len(windows) == 3
    assert all(a["test_end"] <= b["train_start"] for a, b in itertools.pairwise(windows))
    assert report["monte_carlo"]["blocks"]["runs"] == 50
    assert len(report["equity_curve"]) <= 500


async def test_a_job_canceled_through_another_replica_stops_running_here(
    settings: Settings,
) -> None:
    services = await start_services(settings, run_workers=False)
    try:
        user = await services.accounts.register("replica@example.com", "correct horse battery", "r")
        request = BacktestRequest(
            symbol="ETH/USDT",
            kind="momentum",
            params={"quote_amount": "900"},
            timeframe="1m",
            days=34,  # ~49,000 bars: still running when the other replica cancels it
        )
        job = await services.backtests.submit(user.id, request)
        for _ in range(500):
            if (await services.backtests.job(user.id, job.id)).progress > 0:
                break
            await asyncio.sleep(0.01)
        # Another replica's cancelBacktest: only the database row changes, with the same
        # conditional UPDATE the service uses (a job that already finished stays finished).
        async with services.db.session() as session:
            changed = await session.exec(
                update(BacktestJob)
                .where(col(BacktestJob.id) == job.id, col(BacktestJob.status) == "running")
                .values(status="canceled")
            )
            await session.commit()
        assert changed.rowcount == 1, "the job was still running when it was canceled"
        for _ in range(200):  # its next progress write notices and stops the thread
            if job.id not in services.backtests._runs:
                break
            await asyncio.sleep(0.01)
        assert job.id not in services.backtests._runs
        final = await services.backtests.job(user.id, job.id)
        assert final.status == "canceled" and final.result is None and final.progress < 1
    finally:
        await services.close()


def test_bundled_signals_follow_each_closed_candle_and_reach_the_strategy() -> None:
    _, candles = fresh_candles(7, "BTC/USDT", "1h", 10)
    signals = candle_signals(candles, None)
    assert len(signals) == len(candles) - (MIN_BARS - 1)  # from the first full feature row
    bar = candles[1].open_time - candles[0].open_time
    # stamped at the close of the candle they were computed from: never before it closed
    assert [s.timestamp for s in signals] == [c.open_time + bar for c in candles[MIN_BARS - 1 :]]
    assert all(0 <= s.probability_up <= 1 for s in signals)

    params = {"quote_amount": "900", "fast_period": 5, "slow_period": 20}
    gated = {**params, "ml_confirm_threshold": 0.0}  # any signal confirms
    request = BacktestRequest(symbol="BTC/USDT", kind="momentum", params=gated, days=10)
    without = execute(validate_request(request), lambda f: None)
    with_signals = execute(
        validate_request(dataclasses.replace(request, signal_model="bundled")), lambda f: None
    )
    assert without["signals"] == 0 and with_signals["signals"] == len(signals)
    assert without["metrics"]["trades"] == 0  # ML confirmation never came
    assert with_signals["metrics"]["trades"] > 0
