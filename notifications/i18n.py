"""Gettext catalogs (Babel): `.po` files under `locale/`, compiled in memory on first use.

No build step: `pofile.read_po` → `mofile.write_mo` → `gettext.GNUTranslations`, once per
language per process. English is the fallback for an unknown language, never a missing entry
(tests/notifications/test_catalogs.py fails when a catalog misses a message).
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "notifications"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LOCALE = "en"
# The app's languages (mobile/src/i18n), as catalog directory names.
LOCALES: tuple[str, ...] = (
    "en",
    "es",
    "de",
    "fr",
    "pt_BR",
    "ja",
    "ko",
    "zh_Hans",
    "ru",
    "tr",
    "ar",
)
_BY_LANGUAGE = {code.split("_")[0]: code for code in LOCALES}


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def negotiate(tag: str | None) -> str:
    """Our catalog for a BCP 47 / POSIX tag: "pt-BR" → pt_BR, "zh-CN"/"zh-Hans-TW" → zh_Hans,
    "es-MX" → es, "fr_CA.UTF-8" → fr; anything else → en."""
    if not tag:
        return DEFAULT_LOCALE
    parts = tag.split(".")[0].replace("-", "_").split("_")
    language = parts[0].lower()
    exact = "_".join([language, *parts[1:2]])
    for code in LOCALES:
        if code.lower() == exact.lower():
            return code
    return _BY_LANGUAGE.get(language, DEFAULT_LOCALE)


@cache
def translations(locale: str) -> gettext.GNUTranslations:
    with po_path(locale).open("rb") as po:
        catalog = read_po(po, locale=locale, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def text(locale: str, msgid: str, **params: object) -> str:
    return translations(negotiate(locale)).gettext(msgid).format(**params)


def plural_text(locale: str, msgid: str, count: int, **params: object) -> str:
    found = translations(negotiate(locale)).ngettext(msgid, f"{msgid}.plural", count)
    return found.format(count=count, **params)
