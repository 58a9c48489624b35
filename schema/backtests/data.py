"""Backtest data: candle sets imported as CSV, and the `dataSource` of a backtest."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.db.backtest_data_tables import CandleDataset as DatasetRow
from api.services.backtests.data import DataSource, MarketRules, market_of, rules_source
from schema.context import Info


@strawberry.enum(description="Where a backtest's candles come from.")
class BacktestDataKind(Enum):
    SIM = "sim"
    CSV = "csv"
    VENUE = "venue"


@strawberry.input(
    description="The candles to backtest on: SIM (the sim venue's seeded history, the default) "
    "CSV (one of your imported candle sets: datasetId; its symbol and timeframe must be the "
    "backtest's) or VENUE (a live venue's history for the last `days`, fetched through CCXT "
    "when the backtest is submitted: venue, e.g. binance; unreachable: EXCHANGE_UNAVAILABLE)."
)
class BacktestDataSourceInput:
    kind: BacktestDataKind = BacktestDataKind.SIM
    dataset_id: strawberry.ID | None = None
    venue: str | None = None


def data_source_of(value: BacktestDataSourceInput | None) -> DataSource | None:
    if value is None:
        return None
    dataset = None if value.dataset_id is None else str(value.dataset_id)
    return DataSource(kind=value.kind.value, dataset_id=dataset, venue=value.venue)


@strawberry.input(
    description="Market rules for an imported candle set: tick (price step), step (quantity "
    "step), minQty, minNotional (quote), makerFee and takerFee (fractions, 0.001 = 0.1 %)."
)
class MarketRulesInput:
    tick: Decimal | None = None
    step: Decimal | None = None
    min_qty: Decimal | None = None
    min_notional: Decimal | None = None
    maker_fee: Decimal | None = None
    taker_fee: Decimal | None = None

    def rules(self) -> MarketRules:
        return MarketRules(
            price_tick=self.tick,
            qty_step=self.step,
            min_qty=self.min_qty,
            min_notional=self.min_notional,
            maker_fee=self.maker_fee,
            taker_fee=self.taker_fee,
        )


@strawberry.type(description="The market rules a candle set is backtested with.")
class CandleDatasetRules:
    source: str = strawberry.field(
        description="given (with the import), venue:<id> (a live venue's) or sim."
    )
    tick: Decimal
    step: Decimal
    min_qty: Decimal
    min_notional: Decimal
    maker_fee: Decimal
    taker_fee: Decimal

    @classmethod
    def of(cls, row: DatasetRow) -> CandleDatasetRules:
        m = market_of(row)
        return cls(
            source=rules_source(row),
            tick=m.price_tick,
            step=m.qty_step,
            min_qty=m.min_qty,
            min_notional=m.min_notional,
            maker_fee=m.maker_fee,
            taker_fee=m.taker_fee,
        )


@strawberry.type(description="A candle set you imported (CSV), usable as a backtest's data.")
class CandleDataset:
    id: strawberry.ID
    name: str
    symbol: str
    timeframe: str
    rows: int
    first_time: datetime = strawberry.field(description="Open time of the first candle.")
    last_time: datetime = strawberry.field(description="Open time of the last candle.")
    created_at: datetime
    market_rules: CandleDatasetRules

    @classmethod
    def of(cls, row: DatasetRow) -> CandleDataset:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            symbol=row.symbol,
            timeframe=row.timeframe,
            rows=row.rows,
            first_time=row.first_time,
            last_time=row.last_time,
            created_at=row.created_at,
            market_rules=CandleDatasetRules.of(row),
        )


@strawberry.type
class BacktestDataQuery:
    @strawberry.field(description="Your imported candle sets, newest first.")
    async def candle_datasets(self, info: Info) -> list[CandleDataset]:
        principal = info.context.require_user()
        rows = await info.context.services.backtests.data.datasets(principal.user_id)
        return [CandleDataset.of(r) for r in rows]


@strawberry.type
class BacktestDataMutation:
    @strawberry.mutation(
        description="Store a candle set from CSV text for backtests (dataSource CSV). Header "
        "row: time (ISO 8601 or epoch ms, the open time), open, high, low, close, optional "
        "volume; ascending, whole timeframe periods apart, low <= open/close <= high; 2 to "
        "50,000 candles, at most 4 MiB. Bad input: BAD_USER_INPUT on field csv naming the line "
        "and column; nothing is stored. Market rules (tick, lot step, minimums, fees) size the "
        "backtest: marketRules gives them (missing ones come from the sim venue when it lists "
        "the symbol), rulesVenue takes them from a live venue (CCXT), neither uses the sim "
        "venue's; a symbol the sim does not list needs all six or rulesVenue (else "
        "BAD_USER_INPUT on marketRules naming the missing fields)."
    )
    async def import_candles(
        self,
        info: Info,
        symbol: str,
        timeframe: str,
        csv: str,
        name: str | None = None,
        market_rules: MarketRulesInput | None = None,
        rules_venue: str | None = None,
    ) -> CandleDataset:
        principal = info.context.require_user()
        row = await info.context.services.backtests.data.import_csv(
            principal.user_id,
            symbol,
            timeframe,
            csv,
            name,
            rules=None if market_rules is None else market_rules.rules(),
            rules_venue=rules_venue,
        )
        return CandleDataset.of(row)

    @strawberry.mutation(description="Delete one of your candle sets; false if there is none.")
    async def delete_candle_dataset(self, info: Info, id: strawberry.ID) -> bool:
        principal = info.context.require_user()
        return await info.context.services.backtests.data.delete(principal.user_id, str(id))
