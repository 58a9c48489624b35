"""A news headline and the event that carries it, scored, to a strategy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Headline:
    published: datetime  # UTC-aware
    source: str  # feed or publisher name
    title: str
    assets: tuple[str, ...] = ()  # upper-case tickers it is about, e.g. ("BTC",)


@dataclass(frozen=True, slots=True)
class NewsEvent:
    """A headline as a strategy sees it: `score` is the compound sentiment in [-1, 1]."""

    headline: Headline
    score: float
