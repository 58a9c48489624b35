"""GraphQL types of push notifications: devices, the inbox, preferences, actions."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from api.db import notification_tables as tables
from api.services.notifications import ActionOutcome, ActionPreview, Preferences
from api.services.notifications.actions import deep_link
from api.services.orders.pages import Page
from notifications.categories import CATEGORIES
from schema.trading.types import PageInfo


@strawberry.enum
class PushPlatform(Enum):
    IOS = "ios"
    ANDROID = "android"
    WEB = "web"


@strawberry.type(description="A device that receives your pushes (its token is never returned).")
class PushDevice:
    id: strawberry.ID
    platform: PushPlatform
    locale: str
    timezone: str
    app_version: str | None
    created_at: datetime
    last_seen_at: datetime

    @classmethod
    def of(cls, d: tables.PushDevice) -> PushDevice:
        return cls(
            id=strawberry.ID(d.id),
            platform=PushPlatform(d.platform),
            locale=d.locale,
            timezone=d.timezone,
            app_version=d.app_version,
            created_at=d.created_at,
            last_seen_at=d.last_seen_at,
        )


@strawberry.type(description="One entry of the in-app inbox.")
class Notification:
    id: strawberry.ID
    category: str
    title: str
    body: str
    data_json: str = strawberry.field(description="Deep-link data as a JSON object of strings.")
    deep_link: str = strawberry.field(description="Where View opens in the app.")
    delivery: str = strawberry.field(
        description="push, coalesced (in a grouped push), pending, in_app (muted, quiet hours, "
        "no device) or rate_limited."
    )
    created_at: datetime
    read_at: datetime | None

    @strawberry.field
    def read(self) -> bool:
        return self.read_at is not None

    @classmethod
    def of(cls, n: tables.NotificationRecord) -> Notification:
        return cls(
            id=strawberry.ID(n.id),
            category=n.category,
            title=n.title,
            body=n.body,
            data_json=n.data,
            deep_link=deep_link(n.id, json.loads(n.data)),
            delivery=n.delivery,
            created_at=n.created_at,
            read_at=n.read_at,
        )


@strawberry.type
class NotificationEdge:
    cursor: str
    node: Notification


@strawberry.type(description="Your notifications, newest first.")
class NotificationConnection:
    edges: list[NotificationEdge]
    page_info: PageInfo
    unread_count: int

    @classmethod
    def of(cls, page: Page[tables.NotificationRecord], unread: int) -> NotificationConnection:
        edges = [
            NotificationEdge(cursor=c, node=Notification.of(n))
            for n, c in zip(page.items, page.cursors, strict=True)
        ]
        end = page.cursors[-1] if page.cursors else None
        return cls(
            edges=edges,
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end),
            unread_count=unread,
        )


def _clock(minute: int | None) -> str | None:
    return None if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"


@strawberry.type
class NotificationCategorySetting:
    category: str
    enabled: bool
    urgent: bool = strawberry.field(description="Pushed even in quiet hours (RISK_LIMIT).")


@strawberry.type
class NotificationPreferences:
    categories: list[NotificationCategorySetting]
    quiet_hours_start: str | None = strawberry.field(description="HH:MM, local time")
    quiet_hours_end: str | None = strawberry.field(description="HH:MM, local time")
    timezone: str | None = strawberry.field(
        description="IANA time zone of the quiet hours; null: your latest device's"
    )

    @classmethod
    def of(cls, p: Preferences) -> NotificationPreferences:
        return cls(
            categories=[
                NotificationCategorySetting(
                    category=c.id, enabled=c.id not in p.muted, urgent=c.urgent
                )
                for c in CATEGORIES.values()
            ],
            quiet_hours_start=_clock(p.quiet_start),
            quiet_hours_end=_clock(p.quiet_end),
            timezone=p.timezone,
        )


@strawberry.input
class NotificationPreferencesInput:
    muted_categories: list[str] | None = strawberry.field(
        default=None, description="Every category to mute (replaces the list)."
    )
    quiet_hours_start: str | None = strawberry.field(default=None, description="HH:MM")
    quiet_hours_end: str | None = strawberry.field(default=None, description="HH:MM")
    clear_quiet_hours: bool = False
    timezone: str | None = None


@strawberry.type(description="The exact ActionInput to pass to stepUpChallenge.")
class StepUpActionFields:
    kind: str
    account: strawberry.ID | None = None
    venue: str | None = None
    symbol: str | None = None
    side: str | None = None
    type: str | None = None
    time_in_force: str | None = None
    qty: Decimal | None = None
    amount: Decimal | None = None
    price: Decimal | None = None
    bot_id: strawberry.ID | None = None

    @classmethod
    def of(cls, action: dict[str, Any]) -> StepUpActionFields:
        def ident(key: str) -> strawberry.ID | None:
            return None if action.get(key) is None else strawberry.ID(str(action[key]))

        return cls(
            kind=str(action["kind"]),
            account=ident("account"),
            venue=action.get("venue"),
            symbol=action.get("symbol"),
            side=action.get("side"),
            type=action.get("type"),
            time_in_force=action.get("timeInForce"),
            qty=action.get("qty"),
            amount=action.get("amount"),
            price=action.get("price"),
            bot_id=ident("botId"),
        )


@strawberry.type(description="What a notification button does, before doing it.")
class NotificationAction:
    kind: str
    action_id: str
    notification_id: strawberry.ID
    expires_at: datetime
    needs_step_up: bool
    step_up_action: StepUpActionFields | None
    summary: str = strawberry.field(description="Show this before the biometric prompt.")

    @classmethod
    def of(cls, p: ActionPreview) -> NotificationAction:
        step_up = None if p.step_up_action is None else dict(p.step_up_action)
        return cls(
            kind=p.kind,
            action_id=p.action_id,
            notification_id=strawberry.ID(p.notification_id),
            expires_at=p.expires_at,
            needs_step_up=step_up is not None,
            step_up_action=None if step_up is None else StepUpActionFields.of(step_up),
            summary=p.summary,
        )


@strawberry.type
class NotificationActionResult:
    kind: str
    message: str
    deep_link: str | None
    order_id: strawberry.ID | None
    cancelled_order_ids: list[strawberry.ID]

    @classmethod
    def of(cls, o: ActionOutcome) -> NotificationActionResult:
        return cls(
            kind=o.kind,
            message=o.message,
            deep_link=o.deep_link,
            order_id=None if o.order_id is None else strawberry.ID(o.order_id),
            cancelled_order_ids=[strawberry.ID(i) for i in o.cancelled_order_ids],
        )
