"""Message templates: a Notice's `template` names the catalog entries of its title and body.

Each template lists the parameters its text interpolates; a Notice must supply all of them (the
catalogs are checked to use no others). Text is whole sentences per language, never assembled.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    params: frozenset[str]

    @property
    def title_msgid(self) -> str:
        return f"{self.id}.title"

    @property
    def body_msgid(self) -> str:
        return f"{self.id}.body"


def _t(template_id: str, *params: str) -> Template:
    return Template(template_id, frozenset(params))


TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        # What alerts hand over (api/services/alerts/actions.py build_notice): the alert's
        # name, its symbol and the value that fired it.
        _t("price_alert", "name", "symbol", "value"),
        _t("alert_event", "name", "value"),
        _t("price_above", "symbol", "price", "threshold"),
        _t("price_below", "symbol", "price", "threshold"),
        _t("buy_filled", "symbol", "qty", "price"),
        _t("sell_filled", "symbol", "qty", "price"),
        _t("bot_error", "bot", "error"),
        _t("bot_event", "bot", "event"),
        _t("risk_limit", "limit"),
        # COPY_SKIPPED: the leader's name, the symbol and why the copy was skipped.
        _t("copy_skipped", "leader", "symbol", "reason"),
    )
}

# A burst of one category's notices becomes one push with a plural title ("10 orders filled").
# Titles are plural entries: msgid = "<id>.title", msgid_plural = "<id>.title.plural".
COALESCED_TEMPLATE: dict[str, str] = {"ORDER_FILLED": "orders_filled"}
DEFAULT_COALESCED_TEMPLATE = "coalesced"
PLURAL_TEMPLATES = ("orders_filled", "coalesced")


def template(template_id: str) -> Template:
    try:
        return TEMPLATES[template_id]
    except KeyError:
        raise ValueError(f"unknown notification template {template_id!r}") from None
