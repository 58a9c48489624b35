"""Decimal as a plain fixed-point string ("10000", "0.00000001"): exact, never "1E-8" or
trailing zeros that depend on the database backend."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import strawberry

from api.errors import BadUserInput


def serialize_decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def parse_decimal(value: object) -> Decimal:
    try:
        parsed = Decimal(str(value))
    except InvalidOperation as exc:
        raise BadUserInput(f"not a decimal number: {value!r}") from exc
    if not parsed.is_finite():
        raise BadUserInput(f"not a finite decimal number: {value!r}")
    return parsed


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='Exact decimal number as a string, e.g. "0.00012".',
    serialize=serialize_decimal,
    parse_value=parse_decimal,
)
