"""Backtest jobs: submit, run off the event loop, report progress, cancel, recover, read.

A job is a `backtest_jobs` row. `submit` validates the request and stores it `queued`; a task
waits for one of `max_concurrent` run slots, marks it `running` and runs the CPU work in a
thread (`asyncio.to_thread`). The thread reports progress through a callback that publishes
at most `1 / report_interval` frames per second to `backtest:{jobId}` (and stores progress and
ETA on the row) and raises `Canceled` as soon as the job's cancel flag is set, so a canceled
job stops within one bar. Final frames use their own conflation key, so a slow subscriber can
lose intermediate progress but never the final state. At start-up, jobs a crashed server left
`queued` or `running` are marked `failed` (nothing waits forever).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import AsyncGenerator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, update
from sqlmodel import col, select

from api.bus import Bus
from api.db.backtest_tables import FINAL_STATES, BacktestJob, UserSignalModel
from api.db.database import Database
from api.db.models import utcnow
from api.errors import BadUserInput, NotFound, RateLimited
from api.services.backtests.data import RULE_NAMES, BacktestData, DataSource
from api.services.backtests.run import execute
from api.services.backtests.signals import BUNDLED, UploadedModel
from api.services.backtests.spec import (
    BacktestRequest,
    BacktestSpec,
    validate_period,
    validate_request,
)
from api.services.orders.pages import Page, newest_first_page
from api.services.venues import VenueRegistry
from engine.market.models import Candle, Market

log = logging.getLogger(__name__)

ACTIVE_STATES = ("queued", "running")
INTERRUPTED = "interrupted: the server stopped while this backtest was running; run it again"


class Canceled(Exception):
    """Raised inside the worker thread to stop a canceled run."""


def backtest_topic(job_id: str) -> str:
    return f"backtest:{job_id}"


def frame_of(job: BacktestJob) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status,
        "progress": job.progress,
        "eta_seconds": job.eta_seconds,
        "error": job.error,
    }


@dataclass
class _Run:
    cancel: threading.Event = field(default_factory=threading.Event)
    task: asyncio.Task[None] | None = None
    reports: list[Future[None]] = field(default_factory=list)  # progress writes in flight


class BacktestService:
    def __init__(
        self,
        db: Database,
        bus: Bus,
        *,
        max_active_per_user: int = 2,
        max_concurrent: int = 2,
        report_interval: float = 0.25,
        venues: VenueRegistry | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.max_active_per_user = max_active_per_user
        self.report_interval = report_interval
        self._slots = asyncio.Semaphore(max_concurrent)
        self._runs: dict[str, _Run] = {}
        self.data = BacktestData(db, venues)  # imported candle sets, live venue history

    # -- lifecycle -------------------------------------------------------------------------
    async def recover(self) -> int:
        """Mark jobs left queued/running by a previous process as failed; how many."""
        async with self.db.session() as session:
            result = await session.exec(
                update(BacktestJob)
                .where(col(BacktestJob.status).in_(ACTIVE_STATES))
                .values(status="failed", error=INTERRUPTED, finished_at=utcnow(), eta_seconds=None)
            )
            await session.commit()
        return int(result.rowcount or 0)

    async def close(self) -> None:
        """Stop every run of this process (each thread stops within a bar)."""
        runs = list(self._runs.values())
        for run in runs:
            run.cancel.set()
        tasks = [r.task for r in runs if r.task is not None]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # -- use cases -------------------------------------------------------------------------
    async def submit(
        self, user_id: str, request: BacktestRequest, source: DataSource | None = None
    ) -> BacktestJob:
        """`source`: the candles to run on (default: the sim venue's seeded history)."""
        source = source or DataSource()
        data = None
        if source.kind != "sim":  # the candles' own market validates the params
            validate_period(request)
            data = await self.data.resolve(
                user_id, source, request.symbol, request.timeframe, request.days
            )
        spec = validate_request(request, data[0] if data else None)
        uploaded = await self._uploaded_model(user_id, spec.signal_model)
        async with self.db.session() as session:
            active = (
                await session.exec(
                    select(func.count())
                    .select_from(BacktestJob)
                    .where(col(BacktestJob.user_id) == user_id)
                    .where(col(BacktestJob.status).in_(ACTIVE_STATES))
                )
            ).one()
            if active >= self.max_active_per_user:
                raise RateLimited(
                    f"you have {active} backtests running; wait for one to finish or cancel it "
                    f"(at most {self.max_active_per_user} at a time)"
                )
            stored = {**spec.to_json(), "data_source": _source_json(source, data)}
            job = BacktestJob(user_id=user_id, input=json.dumps(stored))
            session.add(job)
            await session.commit()
        run = _Run()
        self._runs[job.id] = run
        run.task = asyncio.create_task(
            self._run(job.id, spec, run, uploaded, data), name=f"backtest-{job.id}"
        )
        return job

    async def job(self, user_id: str, job_id: str) -> BacktestJob:
        async with self.db.session() as session:
            job = await session.get(BacktestJob, job_id)
        if job is None or job.user_id != user_id:
            raise NotFound("no such backtest", field="id")
        return job

    async def jobs(self, user_id: str, first: int, after: str | None) -> Page[BacktestJob]:
        query = select(BacktestJob).where(col(BacktestJob.user_id) == user_id)
        return await newest_first_page(
            self.db, query, col(BacktestJob.created_at), col(BacktestJob.id), first, after
        )

    async def cancel(self, user_id: str, job_id: str) -> BacktestJob:
        """Cancel a queued or running job (a finished one is returned unchanged)."""
        job = await self.job(user_id, job_id)
        if job.status in FINAL_STATES:
            return job
        run = self._runs.get(job_id)
        if run is not None:
            run.cancel.set()
        if await self._finish(job_id, status="canceled", error=None, result=None):
            await self._publish_final(job_id)
        return await self.job(user_id, job_id)

    async def progress(self, user_id: str, job_id: str) -> AsyncGenerator[dict[str, Any], None]:
        """The job's current state, then progress frames (never going back), until final."""
        async with self.bus.subscribe(backtest_topic(job_id)) as subscription:
            job = await self.job(user_id, job_id)  # after subscribing: nothing falls between
            frame = frame_of(job)
            yield frame
            if job.status in FINAL_STATES:
                return
            last = frame
            async for message in subscription:
                frame = message.data
                if frame["status"] in FINAL_STATES:
                    yield frame
                    return
                if frame["progress"] >= last["progress"] and not (
                    last["status"] == "running" and frame["status"] == "queued"
                ):
                    last = frame
                    yield frame

    # -- running ---------------------------------------------------------------------------
    async def _uploaded_model(self, user_id: str, name: str | None) -> UploadedModel | None:
        if name is None or name == BUNDLED:
            return None
        async with self.db.session() as session:
            row = await session.get(UserSignalModel, name)
        if row is None or row.user_id != user_id:
            raise BadUserInput(
                f"signalModel: use {BUNDLED!r} or the id of one of your uploaded models",
                field="signalModel",
            )
        return UploadedModel(name=row.name, kind=row.kind, model=row.model)

    async def _run(
        self,
        job_id: str,
        spec: BacktestSpec,
        run: _Run,
        uploaded: UploadedModel | None,
        data: tuple[Market, tuple[Candle, ...]] | None = None,
    ) -> None:
        try:
            async with self._slots:
                if run.cancel.is_set() or not await self._start(job_id):
                    return
                await self._publish(job_id)
                loop = asyncio.get_running_loop()
                report = self._reporter(job_id, run, loop)
                try:
                    result = await asyncio.to_thread(execute, spec, report, uploaded, data)
                except Canceled:
                    await self._drain(run)
                    return  # cancel() stored and published the final state
                except ValueError as exc:  # bad input that only the data revealed
                    await self._drain(run)
                    await self._fail(job_id, str(exc))
                    return
                except Exception:
                    log.exception("backtest %s failed", job_id)
                    await self._drain(run)
                    await self._fail(job_id, "internal error while running the backtest")
                    return
                await self._drain(run)  # every progress frame goes out before the final one
                if await self._finish(job_id, status="done", error=None, result=result):
                    await self._publish_final(job_id)
        finally:
            self._runs.pop(job_id, None)

    def _reporter(self, job_id: str, run: _Run, loop: asyncio.AbstractEventLoop) -> Any:
        started = time.monotonic()
        last_sent = 0.0

        def report(fraction: float) -> None:  # in the worker thread
            nonlocal last_sent
            if run.cancel.is_set():
                raise Canceled
            now = time.monotonic()
            if fraction <= 0 or now - last_sent < self.report_interval:
                return
            last_sent = now
            elapsed = now - started
            eta = elapsed * (1 - fraction) / fraction if fraction > 0 else None
            future = asyncio.run_coroutine_threadsafe(
                self._progress(job_id, run, fraction, eta), loop
            )
            run.reports.append(future)

        return report

    @staticmethod
    async def _drain(run: _Run) -> None:
        pending = [asyncio.wrap_future(f) for f in run.reports]
        run.reports.clear()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _start(self, job_id: str) -> bool:
        async with self.db.session() as session:
            result = await session.exec(
                update(BacktestJob)
                .where(col(BacktestJob.id) == job_id, col(BacktestJob.status) == "queued")
                .values(status="running", started_at=utcnow())
            )
            await session.commit()
        return bool(result.rowcount)

    async def _progress(self, job_id: str, run: _Run, fraction: float, eta: float | None) -> None:
        async with self.db.session() as session:
            result = await session.exec(
                update(BacktestJob)
                .where(col(BacktestJob.id) == job_id, col(BacktestJob.status) == "running")
                .where(col(BacktestJob.progress) <= fraction)
                .values(progress=fraction, eta_seconds=eta)
            )
            await session.commit()
        if result.rowcount:
            await self._publish(job_id)
            return
        async with self.db.session() as session:
            job = await session.get(BacktestJob, job_id)
        if job is None or job.status in FINAL_STATES:
            run.cancel.set()  # canceled elsewhere (e.g. through another API replica): stop

    async def _fail(self, job_id: str, error: str) -> None:
        if await self._finish(job_id, status="failed", error=error, result=None):
            await self._publish_final(job_id)

    async def _finish(
        self, job_id: str, *, status: str, error: str | None, result: dict[str, Any] | None
    ) -> bool:
        """Move an active job to a final state once (a conditional UPDATE); False if it was
        already final (e.g. canceled while it finished)."""
        values: dict[str, Any] = {"status": status, "error": error, "finished_at": utcnow()}
        values["eta_seconds"] = None if status != "done" else 0.0
        if result is not None:
            values["result"] = json.dumps(result)
            values["progress"] = 1.0
        async with self.db.session() as session:
            changed = await session.exec(
                update(BacktestJob)
                .where(col(BacktestJob.id) == job_id, col(BacktestJob.status).in_(ACTIVE_STATES))
                .values(**values)
            )
            await session.commit()
        return bool(changed.rowcount)

    async def _publish(self, job_id: str) -> None:
        await self._send(job_id, key="progress")

    async def _publish_final(self, job_id: str) -> None:
        await self._send(job_id, key="final")

    async def _send(self, job_id: str, key: str) -> None:
        async with self.db.session() as session:
            job = await session.get(BacktestJob, job_id)
        if job is not None:
            await self.bus.publish(backtest_topic(job_id), frame_of(job), key=key)


def _source_json(
    source: DataSource, data: tuple[Market, tuple[Candle, ...]] | None
) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": source.kind}
    if data is not None:
        candles = data[1]
        if source.kind == "csv":
            out["dataset_id"] = source.dataset_id
        else:
            out["venue"] = source.venue
        market = data[0]
        out.update(
            market={name: str(getattr(market, name)) for name in RULE_NAMES},
            rows=len(candles),
            first=candles[0].open_time.isoformat(),
            last=candles[-1].open_time.isoformat(),
        )
    return out


def result_of(job: BacktestJob) -> dict[str, Any] | None:
    return json.loads(job.result) if job.result else None


def input_of(job: BacktestJob) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(job.input)
    return data
