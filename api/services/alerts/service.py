"""What users do with alerts: create (arming trading alerts with a step-up), update, delete,
snooze, list, read trigger history. Every change is announced on the bus so the evaluators of
every replica re-read that alert."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from api.bus import Bus, BusUnavailable
from api.db.alert_tables import Alert, AlertTrigger
from api.db.models import utcnow
from api.errors import BadUserInput, Conflict, NotFound
from api.services.accounts import Principal
from api.services.alerts import validation
from api.services.alerts.spec import (
    UNGUARDED_ACTIONS,
    AlertSpec,
    ArmingLimits,
    SpecChanges,
    action_to_json,
    arming_action,
    condition_from_json,
    condition_to_json,
    preset_to_json,
)
from api.services.alerts.store import ACTIVE, PAUSED, AlertStore
from api.services.market import MarketService
from api.services.orders.pages import Page
from api.services.portfolio import PortfolioService
from api.services.step_up import StepUpGuard
from engine.alerts.rules import Mode, ThresholdCondition

log = logging.getLogger(__name__)

CHANGES_TOPIC = "alert-changes"  # {"alertId": ...}: evaluators re-read that alert
MAX_SNOOZE_MINUTES = 7 * 24 * 60


def alerts_topic(user_id: str) -> str:
    """Bus topic of one user's alert triggers (Subscription.alertTriggered)."""
    return f"alerts:{user_id}"


class AlertService:
    def __init__(
        self,
        store: AlertStore,
        bus: Bus,
        market: MarketService,
        portfolio: PortfolioService,
        step_up: StepUpGuard,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.bus = bus
        self.market = market
        self.portfolio = portfolio
        self.step_up = step_up
        self.clock = clock

    # -- reading -------------------------------------------------------------------------
    async def alerts(self, user_id: str) -> list[Alert]:
        return await self.store.of_user(user_id)

    async def alert(self, user_id: str, alert_id: str) -> Alert:
        return await self.store.owned(user_id, alert_id)

    async def triggers(
        self, user_id: str, alert_id: str | None, first: int = 50, after: str | None = None
    ) -> Page[AlertTrigger]:
        if alert_id is not None:
            await self.store.owned(user_id, alert_id)
        return await self.store.triggers(user_id, alert_id, first, after)

    # -- writing -------------------------------------------------------------------------
    async def create(
        self, principal: Principal, spec: AlertSpec, step_up: str | None = None
    ) -> Alert:
        """Validate, then (for an alert that trades or controls bots) verify the step-up bound
        to its exact action and limits, then store and arm it."""
        name = validation.check_name(spec.name)
        validation.check_condition(spec.condition, spec.symbol)
        validation.check_lifecycle(
            spec.mode, spec.cooldown_s, spec.expires_at, spec.max_fires, self.clock()
        )
        validation.check_webhook(spec.webhook_url)
        if spec.symbol is not None:
            await self._check_symbol(spec.venue, spec.symbol)
        if spec.preset is not None:
            if spec.symbol is None:
                raise BadUserInput("a preset order needs the alert's symbol", field="symbol")
            if spec.preset.qty <= 0:
                raise BadUserInput("the preset qty must be above 0", field="qty")
            await self._account_venue(principal.user_id, spec.preset.account_id)
        armed_by: str | None = None
        max_fires = spec.max_fires
        if spec.action is not None:
            validation.check_action(spec.action, spec)
            venue = None
            if spec.action.account_id is not None:
                venue = await self._account_venue(principal.user_id, spec.action.account_id)
            if max_fires is None:
                max_fires = 1 if spec.mode is Mode.ONCE else None
            if spec.action.kind not in UNGUARDED_ACTIONS:
                limits = ArmingLimits(max_orders=max_fires or 1)
                action = arming_action(spec, venue, limits)
                proof = await self.step_up.verify_if_required(principal, action, step_up)
                armed_by = proof.challenge_id if proof is not None else None
        now = self.clock()
        alert = Alert(
            user_id=principal.user_id,
            name=name,
            venue=spec.venue,
            symbol=spec.symbol,
            condition=condition_to_json(spec.condition),
            action=action_to_json(spec.action),
            preset=preset_to_json(spec.preset),
            notify_push=spec.notify_push,
            webhook_url=spec.webhook_url,
            webhook_secret=secrets.token_hex(32) if spec.webhook_url else None,
            mode=spec.mode.value,
            cooldown_s=spec.cooldown_s,
            max_fires=max_fires,
            status=ACTIVE,
            expires_at=spec.expires_at,
            armed_by=armed_by,
            created_at=now,
            updated_at=now,
        )
        await self.store.insert(alert)
        await self._announce(alert.id)
        return alert

    async def update(self, principal: Principal, alert_id: str, changes: SpecChanges) -> Alert:
        alert = await self.store.owned(principal.user_id, alert_id)
        validation.check_changes(changes)
        condition = condition_from_json(alert.condition)
        if changes.direction is not None or changes.threshold is not None:
            if not isinstance(condition, ThresholdCondition):
                raise BadUserInput("an event alert has no threshold", field="threshold")
            condition = ThresholdCondition(
                condition.metric,
                changes.direction or condition.direction,
                condition.threshold if changes.threshold is None else changes.threshold,
                condition.period,
            )
            validation.check_condition(condition, alert.symbol)
            alert.condition = condition_to_json(condition)
        now = self.clock()
        expires_at = None if changes.clear_expiry else (changes.expires_at or alert.expires_at)
        cooldown = alert.cooldown_s if changes.cooldown_s is None else changes.cooldown_s
        if changes.expires_at is not None or changes.cooldown_s is not None:
            validation.check_lifecycle(
                Mode(alert.mode), cooldown, changes.expires_at, alert.max_fires, now
            )
        alert.expires_at, alert.cooldown_s = expires_at, cooldown
        if changes.name is not None:
            alert.name = changes.name
        if changes.notify_push is not None:
            alert.notify_push = changes.notify_push
        if changes.clear_webhook:
            alert.webhook_url = alert.webhook_secret = None
        elif changes.webhook_url is not None:
            alert.webhook_url = changes.webhook_url
            alert.webhook_secret = alert.webhook_secret or secrets.token_hex(32)
        if changes.active is not None:
            if alert.status not in (ACTIVE, PAUSED):
                raise Conflict(f"this alert is {alert.status}: create a new one", field="active")
            alert.status = ACTIVE if changes.active else PAUSED
        alert.updated_at = now
        saved = await self.store.save(alert)
        await self._announce(alert.id)
        return saved

    async def delete(self, principal: Principal, alert_id: str) -> None:
        await self.store.delete(principal.user_id, alert_id)
        await self._announce(alert_id)

    async def snooze(self, principal: Principal, alert_id: str, minutes: int) -> Alert:
        """Ignore crossings for `minutes` (the alert stays armed); 0 ends a snooze."""
        if not 0 <= minutes <= MAX_SNOOZE_MINUTES:
            raise BadUserInput(f"minutes must be 0 to {MAX_SNOOZE_MINUTES}", field="minutes")
        alert = await self.store.owned(principal.user_id, alert_id)
        now = self.clock()
        alert.snoozed_until = now + timedelta(minutes=minutes) if minutes else None
        alert.updated_at = now
        saved = await self.store.save(alert)
        await self._announce(alert_id)
        return saved

    # -- helpers -------------------------------------------------------------------------
    async def _check_symbol(self, venue: str, symbol: str) -> None:
        try:
            await self.market.market(venue, symbol)
        except NotFound as exc:
            raise BadUserInput(exc.message, field=exc.details.get("field", "symbol")) from None

    async def _account_venue(self, user_id: str, account_id: str) -> str:
        for account in await self.portfolio.accounts(user_id):
            if account.id == account_id:
                return account.venue
        raise NotFound("no such exchange account", field="accountId")

    async def _announce(self, alert_id: str) -> None:
        try:
            await self.bus.publish(CHANGES_TOPIC, {"alertId": alert_id}, key=alert_id)
        except BusUnavailable as exc:  # evaluators also re-read every alert when they start
            log.warning("bus unavailable, alert change not announced: %s", exc)
