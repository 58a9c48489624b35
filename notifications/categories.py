"""Notification categories and their action buttons: the one list both the server and the app use.

The app registers each category with expo-notifications `setNotificationCategoryAsync` (from
`categories.json`, generated from this module); iOS shows the buttons from `aps.category`,
Android builds them from the data message (FCM cannot carry buttons itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

# Action kinds that move money or control bots: performing them needs a step-up assertion.
STEP_UP_KINDS: frozenset[str] = frozenset({"placeOrder", "startBot", "stopBot", "killSwitch"})
# Every kind a notification action may have (the dispatcher has a handler slot for each).
ACTION_KINDS: frozenset[str] = STEP_UP_KINDS | {"view", "snooze", "cancelAllOrders"}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str  # the button id in its category ("BUY_PRESET")
    kind: str  # what performing it does (one of ACTION_KINDS)
    opens_app: bool  # the app must come to the foreground (step-up prompt, a screen to show)
    destructive: bool = False  # shown in red (iOS `isDestructive`)

    @property
    def needs_step_up(self) -> bool:
        return self.kind in STEP_UP_KINDS

    @property
    def label_msgid(self) -> str:
        return f"action.{self.id}"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    actions: tuple[ActionSpec, ...]
    ttl: timedelta  # how long FCM/APNs keep trying to reach an offline device
    # Pushed even in quiet hours and past the rate limit (RISK_LIMIT: the one that wakes you up).
    urgent: bool = False
    coalesce: bool = False  # bursts within the coalescing window become one push

    def action(self, action_id: str) -> ActionSpec | None:
        return next((a for a in self.actions if a.id == action_id), None)


def _view() -> ActionSpec:
    return ActionSpec("VIEW", "view", opens_app=True)


CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category(
            "PRICE_ALERT",
            (
                ActionSpec("BUY_PRESET", "placeOrder", opens_app=True),
                ActionSpec("SELL_PRESET", "placeOrder", opens_app=True),
                ActionSpec("SNOOZE_1H", "snooze", opens_app=False),
            ),
            ttl=timedelta(minutes=10),  # a stale price is worse than none
        ),
        Category(
            "ORDER_FILLED",
            (
                _view(),
                ActionSpec("CANCEL_REST", "cancelAllOrders", opens_app=False, destructive=True),
            ),
            ttl=timedelta(hours=1),
            coalesce=True,
        ),
        Category(
            "BOT_ERROR",
            (
                ActionSpec("RESTART", "startBot", opens_app=True),
                ActionSpec("STOP", "stopBot", opens_app=True, destructive=True),
            ),
            ttl=timedelta(hours=6),
        ),
        Category(
            "BOT_EVENT",  # grid out of range, DCA safety orders exhausted, daily loss limit ...
            (_view(), ActionSpec("STOP", "stopBot", opens_app=True, destructive=True)),
            ttl=timedelta(hours=6),
            coalesce=True,
        ),
        Category(
            "RISK_LIMIT",
            (ActionSpec("KILL_SWITCH", "killSwitch", opens_app=True, destructive=True), _view()),
            ttl=timedelta(hours=1),
            urgent=True,
        ),
        Category(
            # A leader's trade the follower's copy skipped (funds, slippage guard, stop-loss ...):
            # api/services/social/fanout.py. Bursts coalesce into one push.
            "COPY_SKIPPED",
            (_view(),),
            ttl=timedelta(hours=1),
            coalesce=True,
        ),
    )
}


def category(category_id: str) -> Category:
    try:
        return CATEGORIES[category_id]
    except KeyError:
        raise ValueError(f"unknown notification category {category_id!r}") from None
