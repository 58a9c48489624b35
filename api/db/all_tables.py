"""Imports every module that defines tables, so SQLModel.metadata is complete (Alembic, tests).

Each feature keeps its tables in its own module; add one import line here for a new one."""

from __future__ import annotations

import api.db.alert_tables
import api.db.backtest_data_tables
import api.db.backtest_tables
import api.db.bot_tables
import api.db.models
import api.db.notification_tables
import api.db.social_tables
import api.db.watchlist_tables
import api.db.widget_tables  # noqa: F401
