"""Many-row INSERTs at driver speed, inside the caller's transaction.

PostgreSQL (asyncpg): binary COPY of the rows (about half the server work of a prepared
executemany). Otherwise: the statement text is built once, values that are the same in every
row are converted once, and the rows go to the driver's executemany (sqlite3's C loop) without
SQLAlchemy's per-row parameter handling."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around a synchronous burst of allocations that makes
    no reference cycles (rows, tuples, Decimals): otherwise its repeated passes over every live
    object in the process cost as much as the burst itself. Never spans an await."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _placeholders(paramstyle: str, count: int) -> str:
    if paramstyle == "qmark":
        return ", ".join("?" * count)
    if paramstyle == "numeric_dollar":
        return ", ".join(f"${n}" for n in range(1, count + 1))
    if paramstyle == "format":
        return ", ".join(["%s"] * count)
    raise ValueError(f"unsupported paramstyle {paramstyle!r}")


async def insert_rows(
    conn: AsyncConnection,
    table: Table,
    varying: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    constants: Mapping[str, Any],
    *,
    chunk_size: int = 2000,
) -> None:
    """INSERT `rows` (values of the `varying` columns, in order) with `constants` in every row.

    Values go through each column type's bind processor, exactly as Core would convert them."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name == "postgresql" and dialect.driver == "asyncpg":
        await _copy_rows(conn, table, varying, rows, constants)
        return
    columns = [*varying, *constants]
    names = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) "
        f"VALUES ({_placeholders(dialect.paramstyle, len(columns))})"
    )

    def bind(name: str, value: Any) -> Any:
        process = table.c[name].type.bind_processor(dialect)
        return process(value) if process is not None and value is not None else value

    fixed = tuple(bind(name, value) for name, value in constants.items())
    processors = [
        (index, process)
        for index, name in enumerate(varying)
        if (process := table.c[name].type.bind_processor(dialect)) is not None
    ]
    params: list[tuple[Any, ...]] = []
    with gc_paused():
        for row in rows:
            if processors:
                values = list(row)
                for index, process in processors:
                    if values[index] is not None:
                        values[index] = process(values[index])
                row = tuple(values)
            params.append(row + fixed)
    for start in range(0, len(params), chunk_size):
        await conn.exec_driver_sql(sql, params[start : start + chunk_size])


async def _copy_rows(
    conn: AsyncConnection,
    table: Table,
    varying: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    constants: Mapping[str, Any],
) -> None:
    """asyncpg encodes Decimal, datetime and str natively: no bind processing needed."""
    fixed = tuple(constants.values())
    with gc_paused():
        records = [row + fixed for row in rows]
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    await driver.copy_records_to_table(
        table.name,
        records=records,
        columns=[*varying, *constants],
        schema_name=table.schema,
    )
