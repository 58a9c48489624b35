"""Connects features that are built apart (called once by the composition root):

* alerts push their notices through notifications, and start/stop bots or pull the kill switch
  for the alert's owner (the alert was armed with a step-up bound to that action when it was
  created, so these run without a new one: see `StepUpGuard.verify_if_required`);
* push actions snooze an alert, start or stop a bot, or pull the kill switch — bot control with
  a fresh step-up bound to the exact bot (its venue included), like the app's own buttons.
"""

from __future__ import annotations

from typing import Any

from api.services.accounts import Principal
from api.services.alerts import AlertActions, AlertService
from api.services.bots import BotService
from api.services.notifications import Notifications
from api.services.notifications.action_tokens import ActionGrant
from api.services.notifications.actions import APP_LINK, ActionOutcome
from api.services.social.fanout import CopyFanoutService

DEFAULT_SNOOZE_MINUTES = 60


class ArmedBotControl:
    """The alerts' `BotControl` over the bot service, acting for an armed alert's principal."""

    def __init__(self, bots: BotService) -> None:
        self.bots = bots

    async def start_bot(self, principal: Principal, bot_id: str) -> object:
        return await self.bots.start_bot(principal, bot_id, None)

    async def stop_bot(self, principal: Principal, bot_id: str) -> object:
        return await self.bots.stop_bot(principal, bot_id, None)

    async def kill_switch(self, principal: Principal) -> object:
        return await self.bots.kill_switch(principal, None)


def _text(grant: ActionGrant, key: str) -> str:
    return str(grant.payload.get(key, ""))


def link_alerts(actions: AlertActions, notifications: Notifications, bots: BotService) -> None:
    actions.notify = notifications.hand_over
    actions.bots = ArmedBotControl(bots)


def link_copy_skips(fanout: CopyFanoutService, notifications: Notifications) -> None:
    """Copies skipped in a fan-out are pushed to their followers (COPY_SKIPPED)."""
    fanout.notify = notifications.notify


def link_push_actions(notifications: Notifications, alerts: AlertService, bots: BotService) -> None:
    dispatcher = notifications.actions

    async def snooze(principal: Principal, grant: ActionGrant, _: str | None) -> ActionOutcome:
        minutes = int(grant.payload.get("minutes", DEFAULT_SNOOZE_MINUTES))
        alert = await alerts.snooze(principal, _text(grant, "alertId"), minutes)
        return ActionOutcome(
            "snooze", f"snoozed for {minutes} minutes", deep_link=f"{APP_LINK}alerts/{alert.id}"
        )

    async def bot_action(principal: Principal, grant: ActionGrant) -> dict[str, Any]:
        bot = await bots.bot(principal, _text(grant, "botId"))
        return {"kind": grant.kind, "botId": bot.id, "venue": bot.venue}

    async def start(principal: Principal, grant: ActionGrant, step_up: str | None) -> ActionOutcome:
        bot = await bots.start_bot(principal, _text(grant, "botId"), step_up)
        return ActionOutcome("startBot", f"bot {bot.state}", deep_link=f"{APP_LINK}bots/{bot.id}")

    async def stop(principal: Principal, grant: ActionGrant, step_up: str | None) -> ActionOutcome:
        bot = await bots.stop_bot(principal, _text(grant, "botId"), step_up)
        return ActionOutcome("stopBot", f"bot {bot.state}", deep_link=f"{APP_LINK}bots/{bot.id}")

    async def kill_action(_: Principal, __: ActionGrant) -> dict[str, Any]:
        return {"kind": "killSwitch"}

    async def kill(principal: Principal, _: ActionGrant, step_up: str | None) -> ActionOutcome:
        result = await bots.kill_switch(principal, step_up)
        return ActionOutcome(
            "killSwitch",
            f"stopped {result.bots_stopped} bots, cancelled {result.orders_cancelled} orders",
            deep_link=f"{APP_LINK}orders",
        )

    dispatcher.register("snooze", snooze)
    dispatcher.register("startBot", start, step_up_action=bot_action)
    dispatcher.register("stopBot", stop, step_up_action=bot_action)
    dispatcher.register("killSwitch", kill, step_up_action=kill_action)
