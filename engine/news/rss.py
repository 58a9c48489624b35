"""RSS/Atom feeds to headlines, with `feedparser` (the caller fetches the text)."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import feedparser

from engine.news.assets import extract_assets
from engine.news.models import Headline


def parse_rss(xml_text: str, source: str | None = None) -> list[Headline]:
    """Headlines of a feed, oldest first. Entries without a title or a date are skipped.

    `source` names the feed (default: the feed's own title). Assets come from the title and
    the entry's summary.
    """
    feed = feedparser.parse(xml_text)
    name = source or str(feed.feed.get("title") or "rss")
    out = []
    for entry in feed.entries:
        title = str(entry.get("title") or "").strip()
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if not title or stamp is None:
            continue
        published = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
        text = f"{title} {entry.get('summary') or ''}"
        out.append(Headline(published, name, title, extract_assets(text)))
    return sorted(out, key=lambda h: h.published)
