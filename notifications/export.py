"""categories.json: what the app registers with expo-notifications `setNotificationCategoryAsync`.

Generated from notifications/categories.py and the catalogs; a test fails when it is stale.
Regenerate: `.venv/bin/python -m notifications.export`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from notifications.categories import CATEGORIES, ActionSpec
from notifications.i18n import LOCALES
from notifications.render import action_label

JSON_PATH = Path(__file__).parent / "categories.json"


def _action(spec: ActionSpec) -> dict[str, Any]:
    return {
        "identifier": spec.id,
        "kind": spec.kind,
        "stepUp": spec.needs_step_up,
        "buttonTitle": {locale: action_label(locale, spec.id) for locale in LOCALES},
        # expo-notifications NotificationAction.options
        "options": {
            "opensAppToForeground": spec.opens_app,
            "isDestructive": spec.destructive,
            # iOS asks to unlock the device first for anything but opening the app.
            "isAuthenticationRequired": spec.kind not in {"view", "snooze"},
        },
    }


def categories_document() -> dict[str, Any]:
    return {
        "locales": list(LOCALES),
        "categories": [
            {
                "identifier": c.id,
                "urgent": c.urgent,
                "ttlSeconds": int(c.ttl.total_seconds()),
                "actions": [_action(a) for a in c.actions],
            }
            for c in CATEGORIES.values()
        ],
    }


def render() -> str:
    return json.dumps(categories_document(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    JSON_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {JSON_PATH}")
