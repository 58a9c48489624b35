"""Sparklines as short strings: one character per point, 64 levels from the series' low to high.

A widget only draws the shape, so 64 levels are plenty and 48 points cost 48 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
LEVELS = len(ALPHABET)  # 64


def downsample(values: Sequence[Decimal], points: int) -> list[Decimal]:
    """At most `points` values, evenly spaced, always keeping the first and the last."""
    if points <= 0 or not values:
        return []
    if len(values) <= points:
        return list(values)
    if points == 1:
        return [values[-1]]
    last = len(values) - 1
    return [values[round(i * last / (points - 1))] for i in range(points)]


def encode(values: Sequence[Decimal], points: int) -> str:
    """The series as a string of at most `points` characters (flat series: all mid-level)."""
    picked = downsample(values, points)
    if not picked:
        return ""
    low, high = min(picked), max(picked)
    if high == low:
        return ALPHABET[LEVELS // 2] * len(picked)
    span = high - low
    return "".join(ALPHABET[int((v - low) * (LEVELS - 1) / span)] for v in picked)


def decode(text: str) -> list[int]:
    """Levels 0..63 of an encoded sparkline (clients do the same)."""
    return [ALPHABET.index(ch) for ch in text]
