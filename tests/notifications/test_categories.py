"""The category list: step-up where money moves or bots change, and the app's JSON copy."""

from __future__ import annotations

import json

from notifications.categories import CATEGORIES, STEP_UP_KINDS
from notifications.export import JSON_PATH, categories_document, render
from notifications.i18n import LOCALES
from notifications.render import title_and_body


def test_categories_have_the_actions_the_issue_names() -> None:
    actions = {c.id: [a.id for a in c.actions] for c in CATEGORIES.values()}
    assert actions["PRICE_ALERT"] == ["BUY_PRESET", "SELL_PRESET", "SNOOZE_1H"]
    assert actions["ORDER_FILLED"] == ["VIEW", "CANCEL_REST"]
    assert actions["BOT_ERROR"] == ["RESTART", "STOP"]
    assert actions["RISK_LIMIT"] == ["KILL_SWITCH", "VIEW"]
    assert actions["COPY_SKIPPED"] == ["VIEW"]


def test_copy_skipped_reads_in_the_followers_language() -> None:
    params = {"leader": "ada", "symbol": "BTC/USDT", "reason": "slippage"}
    title, body = title_and_body("de", "copy_skipped", params)
    assert title == "Kopie übersprungen: BTC/USDT"
    assert body == "Deine Kopie des BTC/USDT-Trades von ada wurde übersprungen: slippage"
    assert CATEGORIES["COPY_SKIPPED"].coalesce and not CATEGORIES["COPY_SKIPPED"].urgent


def test_trading_and_bot_actions_need_a_step_up_and_the_rest_do_not() -> None:
    needs = {(c.id, a.id) for c in CATEGORIES.values() for a in c.actions if a.needs_step_up}
    assert needs == {
        ("PRICE_ALERT", "BUY_PRESET"),
        ("PRICE_ALERT", "SELL_PRESET"),
        ("BOT_ERROR", "RESTART"),
        ("BOT_ERROR", "STOP"),
        ("BOT_EVENT", "STOP"),
        ("RISK_LIMIT", "KILL_SWITCH"),
    }
    assert {"placeOrder", "startBot", "stopBot", "killSwitch"} == STEP_UP_KINDS
    # A step-up needs the app in the foreground (the biometric prompt).
    assert all(a.opens_app for c in CATEGORIES.values() for a in c.actions if a.needs_step_up)


def test_only_risk_limits_break_quiet_hours() -> None:
    assert [c.id for c in CATEGORIES.values() if c.urgent] == ["RISK_LIMIT"]


def test_categories_json_for_the_app_is_up_to_date() -> None:
    assert JSON_PATH.read_text(encoding="utf-8") == render(), (
        "regenerate: .venv/bin/python -m notifications.export"
    )


def test_categories_json_has_expo_notification_category_actions() -> None:
    document = json.loads(JSON_PATH.read_text(encoding="utf-8"))
    assert document == categories_document()
    price = next(c for c in document["categories"] if c["identifier"] == "PRICE_ALERT")
    buy = price["actions"][0]
    assert buy["identifier"] == "BUY_PRESET"
    assert set(buy["buttonTitle"]) == set(LOCALES)
    assert buy["buttonTitle"]["de"] == "Kaufen"
    assert buy["options"] == {
        "opensAppToForeground": True,
        "isDestructive": False,
        "isAuthenticationRequired": True,
    }
    snooze = price["actions"][2]
    assert snooze["options"]["opensAppToForeground"] is False
