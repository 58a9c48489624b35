"""Which crypto assets a headline is about, from names and tickers in its text."""

from __future__ import annotations

import re

# ticker -> names and nicknames (matched case-insensitively, whole words)
ASSET_NAMES: dict[str, tuple[str, ...]] = {
    "BTC": ("bitcoin", "xbt"),
    "ETH": ("ethereum", "ether"),
    "SOL": ("solana",),
    "XRP": ("ripple",),
    "BNB": ("binance coin",),
    "ADA": ("cardano",),
    "DOGE": ("dogecoin",),
    "AVAX": ("avalanche",),
    "DOT": ("polkadot",),
    "LINK": ("chainlink",),
    "LTC": ("litecoin",),
    "MATIC": ("polygon",),
    "USDT": ("tether",),
    "USDC": ("usd coin",),
}

_NAMES = {name: ticker for ticker, names in ASSET_NAMES.items() for name in names}
_NAME_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in _NAMES) + r")\b", re.IGNORECASE)
# Tickers only in capitals (or with a $ cashtag), so "sol" or "link" in prose do not count.
_TICKER_RE = re.compile(r"(?<![A-Za-z0-9])\$?(" + "|".join(ASSET_NAMES) + r")(?![A-Za-z0-9])")


def extract_assets(text: str) -> tuple[str, ...]:
    """Tickers mentioned in `text`, in order of first mention, each once."""
    found: dict[str, int] = {}
    for m in _NAME_RE.finditer(text):
        found.setdefault(_NAMES[m.group(1).lower()], m.start())
    for m in _TICKER_RE.finditer(text):
        found.setdefault(m.group(1), m.start())
    return tuple(sorted(found, key=lambda t: found[t]))
