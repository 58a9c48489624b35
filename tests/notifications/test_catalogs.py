"""Every catalog has every message the code uses, with the same placeholders as English."""

from __future__ import annotations

import string

import pytest
from babel.messages.pofile import read_po

from notifications.categories import CATEGORIES
from notifications.i18n import LOCALES, negotiate, plural_text, po_path, text
from notifications.render import coalesced_title_and_body, title_and_body
from notifications.templates import PLURAL_TEMPLATES, TEMPLATES


def used_msgids() -> set[str]:
    ids = {t.title_msgid for t in TEMPLATES.values()} | {t.body_msgid for t in TEMPLATES.values()}
    ids |= {f"{p}.title" for p in PLURAL_TEMPLATES} | {f"{p}.body" for p in PLURAL_TEMPLATES}
    ids |= {a.label_msgid for c in CATEGORIES.values() for a in c.actions}
    return ids


def placeholders(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def catalog(locale: str) -> dict[str, tuple[str, ...]]:
    with po_path(locale).open("rb") as po:
        parsed = read_po(po, locale=locale)
    found: dict[str, tuple[str, ...]] = {}
    for message in parsed:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
        strings = message.string
        forms = strings if isinstance(strings, tuple | list) else (strings,)
        found[str(msgid)] = tuple(str(f or "") for f in forms)
    return found


ENGLISH = catalog("en")


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_has_every_message_the_code_uses(locale: str) -> None:
    entries = catalog(locale)
    missing = sorted(used_msgids() - set(entries))
    assert missing == [], f"{locale} misses {missing}"
    empty = sorted(m for m, forms in entries.items() if not all(f.strip() for f in forms))
    assert empty == [], f"{locale} has untranslated {empty}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_use_only_the_english_placeholders(locale: str) -> None:
    for msgid, forms in catalog(locale).items():
        allowed = set().union(*(placeholders(f) for f in ENGLISH[msgid]))
        for form in forms:
            assert placeholders(form) <= allowed, (locale, msgid, form)
            if msgid.endswith(".body") or not msgid.startswith(tuple(PLURAL_TEMPLATES)):
                # Singular texts must keep every value (plural forms may spell out "one").
                assert placeholders(form) == allowed, (locale, msgid, form)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_template_renders_in_every_language(locale: str) -> None:
    for found in TEMPLATES.values():
        title, body = title_and_body(locale, found.id, {p: f"<{p}>" for p in found.params})
        for param in found.params:
            assert f"<{param}>" in title + body
    for category in CATEGORIES.values():
        title, body = coalesced_title_and_body(locale, category, 10)
        assert title and body


def test_ten_fills_read_naturally_in_each_language() -> None:
    got = {locale: plural_text(locale, "orders_filled.title", 10) for locale in LOCALES}
    assert got["en"] == "10 orders filled"
    assert got["de"] == "10 Orders ausgeführt"
    assert got["ru"] == "10 ордеров исполнено"  # Russian "many" form
    assert got["ar"] == "تم تنفيذ 10 أوامر"  # Arabic 3-10 form
    assert got["ja"] == "10 件の注文が約定しました"
    assert plural_text("en", "orders_filled.title", 1) == "1 order filled"
    assert plural_text("ru", "orders_filled.title", 3) == "3 ордера исполнены"


def test_unknown_languages_fall_back_to_english_and_regions_are_negotiated() -> None:
    assert negotiate("pt-BR") == "pt_BR"
    assert negotiate("pt-PT") == "pt_BR"
    assert negotiate("zh-Hans-CN") == "zh_Hans"
    assert negotiate("es-MX") == "es"
    assert negotiate("fr_CA.UTF-8") == "fr"
    assert negotiate("sv-SE") == "en"
    assert negotiate(None) == "en"
    assert text("sv-SE", "action.VIEW") == "View"
