"""Where a backtest's candles come from: the sim venue's seeded history (default), a candle
set the user imported as CSV, or a live venue's history (VENUE, data_venue.py).

CSV import validates the whole text before anything is stored (a set is stored whole or not at
all) and names the first problem by line and column, e.g. ``csv: line 7: high: below the
open/close``:

* a header row naming the columns (any order, case-insensitive): ``time`` (or ``timestamp``,
  ``date``, ``open_time``), ``open``, ``high``, ``low``, ``close`` and optionally ``volume``;
* times as ISO 8601 (no offset means UTC) or integer epoch milliseconds, each the candle's open
  time, strictly ascending, a whole number of timeframe periods apart (gaps are allowed);
* prices positive, ``low <= min(open, close)``, ``max(open, close) <= high``, volume >= 0;
* at least 2 and at most ``MAX_ROWS`` candles, at most ``MAX_CSV_BYTES`` of text.

Market rules (tick, lot step, minimum qty and notional, maker/taker fee) size the strategy and
the fills; a set stores the ones it is backtested with (`MarketRules`):

* given with the import (all six, or some with the rest taken from the sim venue when the sim
  lists the symbol);
* or taken from a live venue (`rules_venue`: CCXT load_markets through our adapter);
* or, with neither, the sim venue's rules — only for a symbol the sim lists. Any other symbol
  without full rules is BAD_USER_INPUT on `marketRules` naming the missing fields.

VENUE data uses that venue's own rules for the symbol (data_venue.venue_market).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func
from sqlmodel import col, select

from api.db.backtest_data_tables import CandleDataset
from api.db.database import Database
from api.errors import BadUserInput, NotFound
from api.services.backtests.data_venue import venue_candles, venue_market
from api.services.venues import VenueRegistry
from engine.market.models import TIMEFRAMES, Candle, Market
from engine.market.sim.symbols import default_symbol_names, select_symbols

MAX_CSV_BYTES = 4 * 1024 * 1024
MAX_ROWS = 50_000  # the backtest bar limit
MAX_DATASETS_PER_USER = 20
MAX_NAME = 80
SOURCES = ("sim", "csv", "venue")
_TIME_COLUMNS = ("time", "timestamp", "date", "open_time")
_MIN_MS = 100_000_000_000  # below this an epoch number is seconds, not milliseconds (1973)


@dataclass(frozen=True)
class DataSource:
    """Which candles a backtest runs on: `sim` (seeded history), `csv` (dataset_id) or
    `venue` (a live venue's history, fetched when the backtest is submitted)."""

    kind: str = "sim"
    dataset_id: str | None = None
    venue: str | None = None


RULES_FIELD = "marketRules"
# Market field -> its name in the GraphQL input, in the order errors list them.
RULE_NAMES = {
    "price_tick": "tick",
    "qty_step": "step",
    "min_qty": "minQty",
    "min_notional": "minNotional",
    "maker_fee": "makerFee",
    "taker_fee": "takerFee",
}
MAX_FEE = Decimal("0.1")  # 10 %: anything above is a typo (a percent given as a fraction)
MIN_FEE = Decimal("-0.01")  # maker rebates exist; -1 % is far beyond any venue's


@dataclass(frozen=True)
class MarketRules:
    """Market rules given with an import; None: not given."""

    price_tick: Decimal | None = None
    qty_step: Decimal | None = None
    min_qty: Decimal | None = None
    min_notional: Decimal | None = None
    maker_fee: Decimal | None = None
    taker_fee: Decimal | None = None

    def given(self) -> dict[str, Decimal]:
        return {k: v for k in RULE_NAMES if (v := getattr(self, k)) is not None}


def _rules_bad(message: str) -> BadUserInput:
    return BadUserInput(f"{RULES_FIELD}: {message}", field=RULES_FIELD)


def _split_symbol(symbol: str) -> tuple[str, str]:
    base, sep, quote = symbol.partition("/")
    if not sep or not base or not quote or "/" in quote or len(symbol) > 32:
        raise BadUserInput("symbol: use BASE/QUOTE, e.g. BTC/USDT", field="symbol")
    return base, quote


def check_rules(market: Market, source: str) -> Market:
    """`market` if its rules can size orders; else BAD_USER_INPUT naming the bad fields."""
    bad = []
    for name in ("price_tick", "qty_step"):
        if getattr(market, name) <= 0:
            bad.append(f"{RULE_NAMES[name]} must be above 0")
    for name in ("min_qty", "min_notional"):
        if getattr(market, name) < 0:
            bad.append(f"{RULE_NAMES[name]} must not be negative")
    for name in ("maker_fee", "taker_fee"):
        if not MIN_FEE <= getattr(market, name) <= MAX_FEE:
            bad.append(f"{RULE_NAMES[name]} must be a fraction from {MIN_FEE} to {MAX_FEE}")
    if bad:
        raise _rules_bad(f"{source}: {'; '.join(bad)}")
    return market


def rules_to_json(market: Market, source: str) -> str:
    data = {"source": source, **{k: str(getattr(market, k)) for k in RULE_NAMES}}
    return json.dumps(data, separators=(",", ":"))


def market_of(row: CandleDataset) -> Market:
    """The market rules a stored set is backtested with (sets from before: the sim's)."""
    if row.market_rules is None:
        [spec] = select_symbols([row.symbol])
        return spec.market
    data = json.loads(row.market_rules)
    base, quote = _split_symbol(row.symbol)
    return Market(row.symbol, base, quote, **{k: Decimal(data[k]) for k in RULE_NAMES})


def rules_source(row: CandleDataset) -> str:
    """Where a stored set's market rules came from: given, venue:<id> or sim."""
    if row.market_rules is None:
        return "sim"
    return str(json.loads(row.market_rules)["source"])


@dataclass(frozen=True)
class ParsedCandles:
    candles: tuple[Candle, ...]

    @property
    def first(self) -> datetime:
        return self.candles[0].open_time

    @property
    def last(self) -> datetime:
        return self.candles[-1].open_time


def _bad(message: str) -> BadUserInput:
    return BadUserInput(f"csv: {message}", field="csv")


def _parse_time(text: str, line: int) -> datetime:
    value = text.strip()
    if value.lstrip("-").isdigit():
        ms = int(value)
        if ms < _MIN_MS:
            raise _bad(f"line {line}: time: {value!r} looks like seconds; use epoch milliseconds")
        try:
            return datetime.fromtimestamp(ms / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise _bad(f"line {line}: time: {value!r} is out of range") from None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _bad(
            f"line {line}: time: {value!r} is neither ISO 8601 nor epoch milliseconds"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parse_number(text: str, line: int, name: str) -> Decimal:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise _bad(f"line {line}: {name}: {text.strip()!r} is not a number") from None
    if not number.is_finite():
        raise _bad(f"line {line}: {name}: must be a finite number")
    return number


def parse_csv(text: str, symbol: str, timeframe: str) -> ParsedCandles:
    """Validate and parse a candle CSV; every problem is a BadUserInput on field `csv`."""
    if len(text.encode()) > MAX_CSV_BYTES:
        raise _bad(f"larger than {MAX_CSV_BYTES // (1024 * 1024)} MiB; split the period")
    period = timedelta(seconds=TIMEFRAMES[timeframe])
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header: list[str] | None = None
    for row in reader:
        if any(cell.strip() for cell in row):
            header = [cell.strip().lower() for cell in row]
            break
    if header is None:
        raise _bad("empty; expected a header row: time,open,high,low,close,volume")
    header_line = reader.line_num
    times = [i for i, name in enumerate(header) if name in _TIME_COLUMNS]
    if len(times) != 1:
        raise _bad(
            f"line {header_line}: header: needs one time column ({', '.join(_TIME_COLUMNS)})"
        )
    index = {"time": times[0]}
    for name in ("open", "high", "low", "close", "volume"):
        if name in header:
            index[name] = header.index(name)
        elif name != "volume":
            raise _bad(f"line {header_line}: header: missing column {name!r}")
    width = len(header)
    candles: list[Candle] = []
    previous: datetime | None = None
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise _bad(f"line {line}: expected {width} fields, found {len(row)}")
        if len(candles) >= MAX_ROWS:
            raise _bad(f"line {line}: more than {MAX_ROWS} candles; split the period")
        open_time = _parse_time(row[index["time"]], line)
        if previous is not None:
            if open_time <= previous:
                raise _bad(f"line {line}: time: not after the previous candle (must ascend)")
            if (open_time - previous) % period:
                raise _bad(
                    f"line {line}: time: not a whole number of {timeframe} periods after the "
                    "previous candle"
                )
        o, h, lo, c = (
            _parse_number(row[index[n]], line, n) for n in ("open", "high", "low", "close")
        )
        volume = (
            _parse_number(row[index["volume"]], line, "volume") if "volume" in index else Decimal(0)
        )
        if min(o, h, lo, c) <= 0:
            name = next(
                n
                for n, v in zip(("open", "high", "low", "close"), (o, h, lo, c), strict=True)
                if v <= 0
            )
            raise _bad(f"line {line}: {name}: must be above 0")
        if h < max(o, c):
            raise _bad(f"line {line}: high: below the open/close")
        if lo > min(o, c):
            raise _bad(f"line {line}: low: above the open/close")
        if volume < 0:
            raise _bad(f"line {line}: volume: must not be negative")
        candles.append(Candle(symbol, timeframe, open_time, o, h, lo, c, volume))
        previous = open_time
    if len(candles) < 2:
        raise _bad("needs at least 2 candles after the header")
    return ParsedCandles(tuple(candles))


def _encode(candles: Sequence[Candle]) -> str:
    rows = [
        [
            int(c.open_time.timestamp() * 1000),
            str(c.open),
            str(c.high),
            str(c.low),
            str(c.close),
            str(c.volume),
        ]
        for c in candles
    ]
    return json.dumps(rows, separators=(",", ":"))


def decode(row: CandleDataset) -> tuple[Candle, ...]:
    return tuple(
        Candle(
            row.symbol,
            row.timeframe,
            datetime.fromtimestamp(ms / 1000, tz=UTC),
            Decimal(o),
            Decimal(h),
            Decimal(lo),
            Decimal(c),
            Decimal(v),
        )
        for ms, o, h, lo, c, v in json.loads(row.candles)
    )


class BacktestData:
    """The user's imported candle sets (each user sees and uses only their own)."""

    def __init__(self, db: Database, venues: VenueRegistry | None = None) -> None:
        self.db = db
        self.venues = venues  # live venues for VENUE data (None: none configured)

    async def import_rules(
        self, symbol: str, rules: MarketRules | None, rules_venue: str | None
    ) -> tuple[Market, str]:
        """The market rules an import of `symbol` is stored with, and where they came from."""
        base, quote = _split_symbol(symbol)
        given = rules.given() if rules is not None else {}
        if rules_venue:
            if given:
                raise _rules_bad("give the rules or a venue to take them from, not both")
            field = "rulesVenue"
            market = await venue_market(self.venues, rules_venue, symbol, field=field)
            return check_rules(market, f"{rules_venue}'s {symbol} rules"), f"venue:{rules_venue}"
        sim = symbol in default_symbol_names()
        if len(given) < len(RULE_NAMES) and not sim:
            missing = ", ".join(n for k, n in RULE_NAMES.items() if k not in given)
            raise _rules_bad(
                f"{symbol} is not listed on the sim venue, so its rules cannot come from there; "
                f"give {missing} (or rulesVenue to take them from a live venue)"
            )
        if sim:
            [spec] = select_symbols([symbol])
            fallback = {k: getattr(spec.market, k) for k in RULE_NAMES}
        else:
            fallback = {}
        values = {**fallback, **given}
        market = Market(symbol, base, quote, **values)
        source = "sim" if not given else "given"
        return check_rules(market, "the given rules" if given else "the sim rules"), source

    async def import_csv(
        self,
        user_id: str,
        symbol: str,
        timeframe: str,
        text: str,
        name: str | None = None,
        *,
        rules: MarketRules | None = None,
        rules_venue: str | None = None,
    ) -> CandleDataset:
        """Store a CSV candle set with the market rules it is backtested with (see the module
        docstring); nothing is stored when anything is wrong."""
        _split_symbol(symbol)
        if timeframe not in TIMEFRAMES:
            raise BadUserInput(f"timeframe: use one of {', '.join(TIMEFRAMES)}", field="timeframe")
        label = (name or f"{symbol} {timeframe}").strip()
        if not 1 <= len(label) <= MAX_NAME:
            raise BadUserInput(f"name: 1 to {MAX_NAME} characters", field="name")
        parsed = parse_csv(text, symbol, timeframe)
        market, source = await self.import_rules(symbol, rules, rules_venue)
        async with self.db.session() as session:
            count = (
                await session.exec(
                    select(func.count())
                    .select_from(CandleDataset)
                    .where(col(CandleDataset.user_id) == user_id)
                )
            ).one()
            if count >= MAX_DATASETS_PER_USER:
                raise BadUserInput(
                    f"csv: you have {count} candle sets (at most {MAX_DATASETS_PER_USER}); "
                    "delete one first",
                    field="csv",
                )
            row = CandleDataset(
                user_id=user_id,
                name=label,
                symbol=symbol,
                timeframe=timeframe,
                rows=len(parsed.candles),
                first_time=parsed.first,
                last_time=parsed.last,
                candles=_encode(parsed.candles),
                market_rules=rules_to_json(market, source),
            )
            session.add(row)
            await session.commit()
            await session.refresh(row)
        return row

    async def datasets(self, user_id: str) -> list[CandleDataset]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(CandleDataset)
                .where(col(CandleDataset.user_id) == user_id)
                .order_by(col(CandleDataset.created_at).desc(), col(CandleDataset.id).desc())
            )
            return list(rows.all())

    async def dataset(self, user_id: str, dataset_id: str, *, field: str = "id") -> CandleDataset:
        async with self.db.session() as session:
            row = await session.get(CandleDataset, dataset_id)
        if row is None or row.user_id != user_id:
            raise NotFound("no such candle set", field=field)
        return row

    async def delete(self, user_id: str, dataset_id: str) -> bool:
        async with self.db.session() as session:
            row = await session.get(CandleDataset, dataset_id)
            if row is None or row.user_id != user_id:
                return False
            await session.delete(row)
            await session.commit()
        return True

    async def resolve(
        self, user_id: str, source: DataSource, symbol: str, timeframe: str, days: int
    ) -> tuple[Market, tuple[Candle, ...]] | None:
        """The candles of `source` (None: the sim history, drawn when the job runs)."""
        if source.kind == "sim":
            return None
        if source.kind == "venue":
            # The venue's own rules for the symbol, not the sim's (same checks as the candles).
            market = await venue_market(self.venues, source.venue, symbol)
            check_rules(market, f"{source.venue}'s {symbol} rules")
            candles = await venue_candles(self.venues, source.venue, symbol, timeframe, days)
            return market, candles
        if source.kind != "csv":
            raise BadUserInput(
                f"dataSource.kind: use one of {', '.join(SOURCES)}", field="dataSource.kind"
            )
        if not source.dataset_id:
            raise BadUserInput(
                "dataSource.datasetId: give the id of one of your candle sets",
                field="dataSource.datasetId",
            )
        async with self.db.session() as session:
            row = await session.get(CandleDataset, source.dataset_id)
        if row is None or row.user_id != user_id:
            raise BadUserInput(
                "dataSource.datasetId: not one of your candle sets", field="dataSource.datasetId"
            )
        if (row.symbol, row.timeframe) != (symbol, timeframe):
            raise BadUserInput(
                f"dataSource.datasetId: the set holds {row.symbol} {row.timeframe} candles; "
                f"run the backtest with that symbol and timeframe",
                field="dataSource.datasetId",
            )
        return market_of(row), decode(row)
