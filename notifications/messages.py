"""FCM HTTP v1 messages per platform, built with firebase-admin's own message types.

- iOS: an APNs alert with `aps.category` = the category the app registered (the buttons come
  from that registration), `thread-id` per category, the action tokens as custom keys.
- Android: a **data message** (FCM notification messages cannot carry buttons): the app renders
  title, body and the actions (ids, labels, tokens) itself; high priority, TTL, one collapse
  key per category.
- Web: a Web Push notification with its actions, plus the same data.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from firebase_admin import messaging

from notifications.categories import Category, category

PLATFORMS = ("ios", "android", "web")


@dataclass(frozen=True, slots=True)
class PushAction:
    id: str
    kind: str
    label: str
    token: str  # the single-use action token, sent back in performNotificationAction
    opens_app: bool
    needs_step_up: bool
    destructive: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "token": self.token,
            "opensApp": self.opens_app,
            "stepUp": self.needs_step_up,
            "destructive": self.destructive,
        }


@dataclass(frozen=True, slots=True)
class PushContent:
    """One localised notification for one device's language."""

    notification_id: str
    category: Category
    title: str
    body: str
    data: Mapping[str, str]  # deep-link data (alertId, orderId, symbol ...)
    actions: Sequence[PushAction]


def content_to_json(content: PushContent) -> str:
    """The rendered message as stored in the delivery outbox (api/db/notification_tables.py)."""
    return _compact(
        {
            "notificationId": content.notification_id,
            "category": content.category.id,
            "title": content.title,
            "body": content.body,
            "data": dict(content.data),
            "actions": [a.as_json() for a in content.actions],
        }
    )


def content_from_json(text: str) -> PushContent:
    data = json.loads(text)
    return PushContent(
        notification_id=data["notificationId"],
        category=category(data["category"]),
        title=data["title"],
        body=data["body"],
        data=dict(data["data"]),
        actions=[
            PushAction(
                id=a["id"],
                kind=a["kind"],
                label=a["label"],
                token=a["token"],
                opens_app=a["opensApp"],
                needs_step_up=a["stepUp"],
                destructive=a["destructive"],
            )
            for a in data["actions"]
        ],
    )


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def data_fields(content: PushContent) -> dict[str, str]:
    """The string map Android and web receive (FCM data values must be strings)."""
    return {
        "notificationId": content.notification_id,
        "category": content.category.id,
        "title": content.title,
        "body": content.body,
        "actions": _compact([a.as_json() for a in content.actions]),
        "data": _compact(dict(content.data)),
    }


def build_message(
    token: str, platform: str, content: PushContent, now: datetime
) -> messaging.Message:
    # Devices register FCM registration tokens (Android: expo-notifications
    # getDevicePushTokenAsync; iOS: the Firebase Messaging SDK's getToken), which
    # FCM v1 addresses with `message.token`; firebase-admin 7.7 flags `token` as deprecated in
    # favour of installation ids (`fid`), which the app does not have.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _build(token, platform, content, now)


def _build(token: str, platform: str, content: PushContent, now: datetime) -> messaging.Message:
    ttl = content.category.ttl
    if platform == "ios":
        expires = int((now + ttl).timestamp())
        return messaging.Message(
            token=token,
            apns=messaging.APNSConfig(
                headers={
                    "apns-push-type": "alert",
                    "apns-priority": "10",
                    "apns-expiration": str(expires),
                    "apns-collapse-id": content.category.id,
                },
                payload=messaging.APNSPayload(
                    aps=messaging.Aps(
                        alert=messaging.ApsAlert(title=content.title, body=content.body),
                        category=content.category.id,
                        thread_id=content.category.id,
                        sound="default",
                    ),
                    notificationId=content.notification_id,
                    actions=[{"id": a.id, "token": a.token} for a in content.actions],
                    data=dict(content.data),
                ),
            ),
        )
    if platform == "android":
        return messaging.Message(
            token=token,
            data=data_fields(content),
            android=messaging.AndroidConfig(
                priority="high", ttl=ttl, collapse_key=content.category.id
            ),
        )
    if platform == "web":
        return messaging.Message(
            token=token,
            data=data_fields(content),
            webpush=messaging.WebpushConfig(
                headers={
                    "TTL": str(int(ttl.total_seconds())),
                    "Urgency": "high",
                    "Topic": content.category.id,
                },
                notification=messaging.WebpushNotification(
                    title=content.title,
                    body=content.body,
                    tag=content.category.id,
                    actions=[
                        messaging.WebpushNotificationAction(action=a.id, title=a.label)
                        for a in content.actions
                    ],
                ),
            ),
        )
    raise ValueError(f"unknown platform {platform!r}")


def fcm_request_body(message: messaging.Message) -> dict[str, Any]:
    """The exact JSON firebase-admin POSTs to `messages:send` for this message."""
    # firebase-admin's own encoder (what messaging.send uses), so the log-only sender prints
    # byte-for-byte what a real send would carry.
    encoded: dict[str, Any] = messaging._MessagingService.encode_message(message)
    return {"message": encoded}
