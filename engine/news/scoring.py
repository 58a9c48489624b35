"""Headline sentiment: VADER plus a small crypto lexicon.

VADER (a kept rule-based library) scores general English; crypto news has its own loaded
words ("hack", "delist", "ETF approval"), so `CRYPTO_LEXICON` adds or overrides entries on
VADER's -4..+4 valence scale. The compound score is in [-1, 1]. Aggregation over time is in
`engine.news.aggregate`.
"""

from __future__ import annotations

from collections.abc import Iterable

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from engine.news.models import Headline, NewsEvent

CRYPTO_LEXICON: dict[str, float] = {
    # negative
    "hack": -3.0, "hacked": -3.0, "hackers": -2.5, "exploit": -2.8, "exploited": -2.8,
    "drained": -2.8, "delist": -2.8, "delisted": -2.8, "delisting": -2.8, "rugpull": -3.2,
    "scam": -3.0, "sues": -2.2, "lawsuit": -2.2, "subpoena": -1.8, "ban": -2.4,
    "banned": -2.4, "bans": -2.4, "insolvent": -3.0, "insolvency": -3.0, "bankrupt": -3.2,
    "bankruptcy": -3.2, "outflows": -1.6, "liquidations": -1.8, "crash": -2.8,
    "plunge": -2.5, "plunges": -2.5, "slides": -1.5, "halts": -1.8, "withdrawals": -0.8,
    "tumbles": -2.4, "drops": -1.6, "dips": -1.2, "slips": -1.2, "depeg": -2.8,
    "depegs": -2.8, "bearish": -2.0, "selloff": -2.2, "dump": -2.0,
    # positive
    "approval": 2.4, "approved": 2.4, "approves": 2.4, "partnership": 2.0, "partners": 1.6,
    "listing": 1.8, "listed": 1.6, "lists": 1.6, "adoption": 2.0, "adopts": 2.0,
    "inflows": 1.8, "upgrade": 1.4, "bullish": 2.2, "rally": 2.2, "rallies": 2.2,
    "surge": 2.3, "surges": 2.3, "soars": 2.5, "record": 1.2, "ath": 2.0,
    "integrates": 1.4, "launches": 1.0, "climbs": 1.8, "jumps": 1.8,
}  # fmt: skip


class HeadlineScorer:
    def __init__(self, extra_lexicon: dict[str, float] | None = None) -> None:
        self._vader = SentimentIntensityAnalyzer()
        self._vader.lexicon.update(CRYPTO_LEXICON)
        if extra_lexicon:
            self._vader.lexicon.update({k.lower(): v for k, v in extra_lexicon.items()})

    def score_text(self, text: str) -> float:
        return float(self._vader.polarity_scores(text)["compound"])

    def score(self, headline: Headline) -> float:
        return self.score_text(headline.title)


def news_events(headlines: Iterable[Headline], scorer: HeadlineScorer) -> list[NewsEvent]:
    """Score headlines into the events strategies receive (`Strategy.on_news`)."""
    return [NewsEvent(h, scorer.score(h)) for h in headlines]
