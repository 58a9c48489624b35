"""Candle sets users import for backtests (CSV), one row per set.

`candles` holds the validated, normalised set as JSON (`[[open_ms, o, h, l, c, v], ...]`,
prices as decimal strings), written once in the same transaction as the row, so a set is
either stored whole or not at all.

`market_rules` holds the market rules the set is backtested with, as JSON
(`{"source", "price_tick", "qty_step", "min_qty", "min_notional", "maker_fee", "taker_fee"}`,
decimals as strings; source `given`, `venue:<id>` or `sim`); NULL on sets from before it (the
sim venue's rules, as then).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from api.db.models import _time, new_id


class CandleDataset(SQLModel, table=True):
    __tablename__ = "backtest_datasets"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    name: str = Field(max_length=80)
    symbol: str = Field(max_length=32)
    timeframe: str = Field(max_length=8)
    rows: int
    first_time: datetime = _time()
    last_time: datetime = _time()
    candles: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    market_rules: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    created_at: datetime = _time()
