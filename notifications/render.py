"""Localised text of a notification: title, body and action labels in one language."""

from __future__ import annotations

from collections.abc import Mapping

from notifications.categories import Category
from notifications.i18n import plural_text, text
from notifications.templates import COALESCED_TEMPLATE, DEFAULT_COALESCED_TEMPLATE, template


def check_params(template_id: str, params: Mapping[str, str]) -> None:
    missing = template(template_id).params - set(params)
    if missing:
        raise ValueError(f"template {template_id!r} needs {', '.join(sorted(missing))}")


def title_and_body(locale: str, template_id: str, params: Mapping[str, str]) -> tuple[str, str]:
    found = template(template_id)
    values = {name: params[name] for name in found.params}
    return text(locale, found.title_msgid, **values), text(locale, found.body_msgid, **values)


def coalesced_title_and_body(locale: str, category: Category, count: int) -> tuple[str, str]:
    """ "10 orders filled" — one push for a burst of `count` notices of one category."""
    template_id = COALESCED_TEMPLATE.get(category.id, DEFAULT_COALESCED_TEMPLATE)
    title = plural_text(locale, f"{template_id}.title", count)
    return title, text(locale, f"{template_id}.body")


def action_label(locale: str, action_id: str) -> str:
    return text(locale, f"action.{action_id}")
