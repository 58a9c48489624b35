from decimal import Decimal

import pytest

from api.errors import BadUserInput
from schema.scalars import parse_decimal, serialize_decimal


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("10000.000000000000000000"), "10000"),
        (Decimal("1E+4"), "10000"),
        (Decimal("0.00000001"), "0.00000001"),
        (Decimal("1E-12"), "0.000000000001"),
        (Decimal("-2.50"), "-2.5"),
        (Decimal("0E-18"), "0"),
    ],
)
def test_decimals_serialize_as_plain_fixed_point(value: Decimal, text: str) -> None:
    assert serialize_decimal(value) == text
    assert parse_decimal(text) == value


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", ""])
def test_bad_decimals_are_bad_user_input(bad: str) -> None:
    with pytest.raises(BadUserInput):
        parse_decimal(bad)
