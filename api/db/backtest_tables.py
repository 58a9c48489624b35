"""Backtest jobs (input, progress, result) and the signal models users upload.

A job's `input` is the validated request as JSON; its `result` is the report as JSON (metrics,
a downsampled equity curve, capped trades, Monte Carlo bands, walk-forward windows), written
once when the job is done. Progress and ETA are updated a few times per second while it runs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db.models import _time, new_id

JOB_STATES = ("queued", "running", "done", "failed", "canceled")
FINAL_STATES = ("done", "failed", "canceled")


class BacktestJob(SQLModel, table=True):
    __tablename__ = "backtest_jobs"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    status: str = Field(default="queued", max_length=16, index=True)  # one of JOB_STATES
    input: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    progress: float = 0.0  # 0..1
    eta_seconds: float | None = None
    result: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = _time()
    started_at: datetime | None = _time(nullable=True)
    finished_at: datetime | None = _time(nullable=True)


class UserSignalModel(SQLModel, table=True):
    """An ONNX classifier a user uploaded; it met the signal contract when it was stored."""

    __tablename__ = "signal_models"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    name: str = Field(max_length=80)
    kind: str = Field(max_length=16)  # "direction" or "regime"
    opset: int
    size_bytes: int
    sha256: str = Field(max_length=64)
    model: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = _time()
