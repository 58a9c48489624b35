"""Short decimal strings for payloads: money to cents, prices to a sensible precision."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

_CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """Two decimals, no exponent: '12345.68', '-3.10'."""
    return f"{value.quantize(_CENT, rounding=ROUND_HALF_EVEN):f}"


def percent(part: Decimal, whole: Decimal) -> str:
    """part / whole in percent with two decimals; '0.00' when whole is zero."""
    if whole == 0:
        return "0.00"
    return money(part * 100 / whole)


def price(value: Decimal) -> str:
    """Enough digits to see a move: 2 decimals from 1000, 4 from 1, else 6 significant."""
    magnitude = abs(value)
    if magnitude >= 1000:
        places = 2
    elif magnitude >= 1:
        places = 4
    elif magnitude == 0:
        return "0"
    else:
        places = max(6 - magnitude.adjusted() - 1, 6)
        places = min(places, 12)
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN):f}"
    return text.rstrip("0").rstrip(".") if "." in text and magnitude < 1 else text


def clip(text: str, limit: int) -> str:
    """At most `limit` characters; a clipped text ends with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
