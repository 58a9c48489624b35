"""News: asset extraction, VADER + crypto lexicon scoring, decaying aggregate, RSS parsing."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from engine.news.aggregate import DecayingSentiment
from engine.news.assets import extract_assets
from engine.news.models import Headline
from engine.news.rss import parse_rss
from engine.news.scoring import HeadlineScorer

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "assets"),
    [
        ("Bitcoin tops $100k", ("BTC",)),
        ("ETH and BTC slide; Solana holds", ("ETH", "BTC", "SOL")),
        ("Ether staking upgrade goes live", ("ETH",)),
        ("$SOL rallies", ("SOL",)),
        ("bitcoin, BTC and XBT: one asset", ("BTC",)),
        ("A solid link between sol and dot", ()),  # lower-case words are not tickers
        ("Chainlink integrates with Polygon", ("LINK", "MATIC")),
        ("Stocks close higher", ()),
    ],
)
def test_assets_come_from_names_and_capital_tickers(text: str, assets: tuple[str, ...]) -> None:
    assert extract_assets(text) == assets


@pytest.fixture(scope="module")
def scorer() -> HeadlineScorer:
    return HeadlineScorer()


@pytest.mark.parametrize(
    "title",
    [
        "Exchange hacked, 10,000 ETH drained",
        "Exploit hits Solana lending protocol",
        "Major exchange to delist token",
        "Regulator sues crypto lender",
    ],
)
def test_crypto_bad_news_scores_negative(scorer: HeadlineScorer, title: str) -> None:
    assert scorer.score_text(title) < -0.3


@pytest.mark.parametrize(
    "title",
    [
        "SEC approves spot Bitcoin ETF",
        "Exchange announces listing of SOL",
        "Ethereum partnership with payments giant",
        "Record inflows into Bitcoin funds",
    ],
)
def test_crypto_good_news_scores_positive(scorer: HeadlineScorer, title: str) -> None:
    assert scorer.score_text(title) > 0.3


def test_the_lexicon_changes_what_plain_vader_says(scorer: HeadlineScorer) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    plain = SentimentIntensityAnalyzer().polarity_scores("Token delisted after hack")["compound"]
    assert plain == 0.0  # general English has no view on these words
    assert scorer.score_text("Token delisted after hack") < -0.5
    neutral = scorer.score(Headline(T0, "wire", "Bitcoin trading volume steady", ("BTC",)))
    assert neutral == 0.0
    custom = HeadlineScorer({"moon": 3.0})
    assert custom.score_text("BTC to the moon") > scorer.score_text("BTC to the moon")


def test_the_aggregate_halves_every_half_life_and_adds_up() -> None:
    agg = DecayingSentiment(half_life_s=3600)
    assert agg.add("BTC", 0.8, T0) == 0.8
    assert agg.level("BTC", T0 + timedelta(hours=1)) == pytest.approx(0.4)
    assert agg.level("BTC", T0 + timedelta(hours=2)) == pytest.approx(0.2)
    assert agg.add("BTC", -0.5, T0 + timedelta(hours=1)) == pytest.approx(-0.1)
    assert agg.level("ETH", T0) == 0.0
    late = agg.level("BTC", T0 + timedelta(hours=1, minutes=30))
    assert late == pytest.approx(-0.1 * math.sqrt(0.5))


def test_the_aggregate_needs_a_positive_half_life() -> None:
    with pytest.raises(ValueError, match=r"^half_life_s: "):
        DecayingSentiment(0)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Crypto Wire</title>
  <item>
    <title>Ethereum upgrade ships</title>
    <description>Ether developers ship the upgrade.</description>
    <pubDate>Thu, 01 Jan 2026 12:30:00 GMT</pubDate>
  </item>
  <item>
    <title>Exchange hacked, BTC withdrawals halted</title>
    <pubDate>Thu, 01 Jan 2026 09:00:00 +0200</pubDate>
  </item>
  <item><title>Undated item</title></item>
  <item><pubDate>Thu, 01 Jan 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom News</title>
  <entry><title>Solana partnership announced</title><updated>2026-01-02T08:00:00Z</updated>
  <summary>SOL and Visa.</summary></entry>
</feed>"""


def test_parse_rss_gives_dated_headlines_oldest_first_in_utc() -> None:
    headlines = parse_rss(RSS)
    assert headlines == [
        Headline(
            datetime(2026, 1, 1, 7, 0, tzinfo=UTC),
            "Crypto Wire",
            "Exchange hacked, BTC withdrawals halted",
            ("BTC",),
        ),
        Headline(
            datetime(2026, 1, 1, 12, 30, tzinfo=UTC),
            "Crypto Wire",
            "Ethereum upgrade ships",
            ("ETH",),
        ),
    ]


def test_parse_rss_reads_atom_and_takes_a_source_name() -> None:
    [h] = parse_rss(ATOM, source="mine")
    assert (h.source, h.title, h.assets) == ("mine", "Solana partnership announced", ("SOL",))
    assert h.published == datetime(2026, 1, 2, 8, 0, tzinfo=UTC)


def test_parse_rss_of_garbage_is_empty() -> None:
    assert parse_rss("not a feed <<<") == []
