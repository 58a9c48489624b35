"""Imports every module that defines tables, so SQLModel.metadata is complete (Alembic, tests).

Each feature keeps its tables in its own module; add one import line here for a new one."""

from __future__ import annotations

import api.db.models  # noqa: F401
