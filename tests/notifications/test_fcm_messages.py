"""The exact FCM v1 JSON per platform, as real firebase-admin sends it to the stand-in."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from notifications.categories import CATEGORIES
from notifications.messages import PushAction, PushContent, build_message, fcm_request_body
from notifications.sender import FcmSender, LogOnlySender, SendOutcome
from tests.support.standins.fcm import FcmStandin

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def price_alert() -> PushContent:
    return PushContent(
        notification_id="n-1",
        category=CATEGORIES["PRICE_ALERT"],
        title="BTC/USDT above 65000",
        body="BTC/USDT rose above 65000 and is now at 65010.5.",
        data={"alertId": "a-1", "symbol": "BTC/USDT"},
        actions=[
            PushAction("BUY_PRESET", "placeOrder", "Buy", "tok-buy", True, True, False),
            PushAction("SELL_PRESET", "placeOrder", "Sell", "tok-sell", True, True, False),
            PushAction("SNOOZE_1H", "snooze", "Snooze 1 h", "tok-snooze", False, False, False),
        ],
    )


ANDROID_ACTIONS = [
    {
        "destructive": False,
        "id": "BUY_PRESET",
        "kind": "placeOrder",
        "label": "Buy",
        "opensApp": True,
        "stepUp": True,
        "token": "tok-buy",
    },
    {
        "destructive": False,
        "id": "SELL_PRESET",
        "kind": "placeOrder",
        "label": "Sell",
        "opensApp": True,
        "stepUp": True,
        "token": "tok-sell",
    },
    {
        "destructive": False,
        "id": "SNOOZE_1H",
        "kind": "snooze",
        "label": "Snooze 1 h",
        "opensApp": False,
        "stepUp": False,
        "token": "tok-snooze",
    },
]


async def sent_body(standin: FcmStandin, credentials: Path, platform: str) -> dict[str, Any]:
    sender = FcmSender(credentials)
    try:
        result = await sender.send(build_message("device-1", platform, price_alert(), NOW))
    finally:
        await sender.close()
    assert result.outcome is SendOutcome.SENT
    assert result.message_id == f"projects/co-test/messages/{len(standin.sent)}"
    sent = standin.sent[-1]
    assert sent.project == "co-test"
    return sent.body


async def test_android_gets_a_high_priority_data_message_with_its_buttons(
    fcm_standin: FcmStandin, fcm_credentials: Path
) -> None:
    body = await sent_body(fcm_standin, fcm_credentials, "android")
    assert body == {
        "message": {
            "token": "device-1",
            "android": {"priority": "high", "ttl": "600s", "collapse_key": "PRICE_ALERT"},
            "data": {
                "notificationId": "n-1",
                "category": "PRICE_ALERT",
                "title": "BTC/USDT above 65000",
                "body": "BTC/USDT rose above 65000 and is now at 65010.5.",
                "actions": json.dumps(ANDROID_ACTIONS, separators=(",", ":"), sort_keys=True),
                "data": '{"alertId":"a-1","symbol":"BTC/USDT"}',
            },
        }
    }
    # No "notification" block: the system would show it without buttons and skip the app.
    assert "notification" not in body["message"]
    assert json.loads(body["message"]["data"]["actions"]) == ANDROID_ACTIONS


async def test_ios_gets_an_apns_alert_in_the_registered_category(
    fcm_standin: FcmStandin, fcm_credentials: Path
) -> None:
    body = await sent_body(fcm_standin, fcm_credentials, "ios")
    expires = int(NOW.timestamp()) + 600
    assert body == {
        "message": {
            "token": "device-1",
            "apns": {
                "headers": {
                    "apns-push-type": "alert",
                    "apns-priority": "10",
                    "apns-expiration": str(expires),
                    "apns-collapse-id": "PRICE_ALERT",
                },
                "payload": {
                    "aps": {
                        "alert": {
                            "title": "BTC/USDT above 65000",
                            "body": "BTC/USDT rose above 65000 and is now at 65010.5.",
                        },
                        "category": "PRICE_ALERT",
                        "thread-id": "PRICE_ALERT",
                        "sound": "default",
                    },
                    "notificationId": "n-1",
                    "actions": [
                        {"id": "BUY_PRESET", "token": "tok-buy"},
                        {"id": "SELL_PRESET", "token": "tok-sell"},
                        {"id": "SNOOZE_1H", "token": "tok-snooze"},
                    ],
                    "data": {"alertId": "a-1", "symbol": "BTC/USDT"},
                },
            },
        }
    }


async def test_web_gets_a_web_push_notification_with_actions(
    fcm_standin: FcmStandin, fcm_credentials: Path
) -> None:
    body = await sent_body(fcm_standin, fcm_credentials, "web")
    message = body["message"]
    assert message["webpush"] == {
        "headers": {"TTL": "600", "Urgency": "high", "Topic": "PRICE_ALERT"},
        "notification": {
            "title": "BTC/USDT above 65000",
            "body": "BTC/USDT rose above 65000 and is now at 65010.5.",
            "tag": "PRICE_ALERT",
            "actions": [
                {"action": "BUY_PRESET", "title": "Buy"},
                {"action": "SELL_PRESET", "title": "Sell"},
                {"action": "SNOOZE_1H", "title": "Snooze 1 h"},
            ],
        },
    }
    assert message["data"]["category"] == "PRICE_ALERT"


async def test_the_log_only_sender_prints_what_firebase_admin_would_send(
    fcm_standin: FcmStandin, fcm_credentials: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for platform in ("android", "ios"):
        really_sent = await sent_body(fcm_standin, fcm_credentials, platform)
        sender = LogOnlySender()
        message = build_message("device-1", platform, price_alert(), NOW)
        with caplog.at_level(logging.INFO, logger="notifications.sender"):
            result = await sender.send(message)
        assert result.outcome is SendOutcome.SENT
        assert sender.sent == [really_sent]
        assert fcm_request_body(message) == really_sent
        logged = caplog.records[-1].getMessage()
        assert "messages:send" in logged
        assert json.loads(logged[logged.index("{") :]) == really_sent
