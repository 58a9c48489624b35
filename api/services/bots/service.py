"""Bot use cases: create (directly or from a template), update, start/stop/pause, delete, read,
and the kill switch. Every read and change is scoped to the caller's user id.

Start, stop and the kill switch are step-up guarded (actions `startBot`, `stopBot`,
`killSwitch`): the assertion is checked after every other check, so a refused request never
uses it up, and before anything changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import col, delete, select

from api.bus import Bus
from api.db.bot_tables import AccountRiskLimits, Bot, BotEvent, BotOrder
from api.db.database import Database
from api.db.models import ExchangeAccount, Order, utcnow
from api.errors import ApiError, BadUserInput, Conflict, NotFound
from api.services.accounts import Principal
from api.services.backtests.data_events import backtest_events
from api.services.bots.records import add_event, dumps, loads, publish_bot
from api.services.bots.risk_view import AccountRisk, accounts_risk
from api.services.orders import AccountNotReconciled, OrderService
from api.services.orders.service import OPEN_STATUSES
from api.services.step_up import StepUpGuard
from api.services.venues import VenueRegistry
from engine.bots import sizing
from engine.bots import templates as catalogue
from engine.bots.lifecycle import BotAction, BotState, allowed, resumes
from engine.market.models import Market
from engine.risk.limits import RiskLimits, limits_from_json, limits_to_json
from engine.strategies import registry

if TYPE_CHECKING:
    from api.workers.bot_runner import BotRunner

EVENTS_SHOWN = 20
BACKTEST_TIMEFRAME = "1h"
TEMPLATE_EVENT_SEED = 7  # the backtest jobs' default seed


@dataclass(frozen=True)
class TemplateView:
    template: catalogue.BotTemplate
    available: bool
    unavailable_reason: str | None


@dataclass(frozen=True)
class KillSwitchResult:
    bots_stopped: int
    orders_cancelled: int
    orders_left_open: int  # in doubt at the venue: reconciliation resolves them


def _field_error(exc: ValueError, prefix: str = "") -> BadUserInput:
    """A registry/limits ValueError("<field>: <message>") as BAD_USER_INPUT naming the field."""
    text = str(exc)
    name, sep, message = text.partition(": ")
    if not sep or " " in name:
        return BadUserInput(text, field=prefix.rstrip(".") or None)
    return BadUserInput(message, field=f"{prefix}{name}")


class BotService:
    def __init__(
        self,
        db: Database,
        bus: Bus,
        orders: OrderService,
        venues: VenueRegistry,
        step_up: StepUpGuard,
        runner: BotRunner,
    ) -> None:
        self.db = db
        self.bus = bus
        self.orders = orders
        self.venues = venues
        self.step_up = step_up
        self.runner = runner
        self._backtests: dict[str, catalogue.TemplateBacktest] = {}
        self._backtest_lock = asyncio.Lock()

    # -- templates -----------------------------------------------------------------------
    async def templates(self) -> list[TemplateView]:
        views = []
        for t in catalogue.TEMPLATES:
            market = await self._market("sim", t.symbol)
            price = (await self.venues.public("sim").fetch_ticker(t.symbol)).last
            reason = catalogue.unavailable_reason(t, market, price)
            views.append(TemplateView(t, reason is None, reason))
        return views

    async def template_backtest(self, template_id: str) -> catalogue.TemplateBacktest | None:
        """The template's figures on the sim venue's bundled history (computed once, cached);
        None while its strategy is not available."""
        t = self._template(template_id)
        async with self._backtest_lock:
            cached = self._backtests.get(t.id)
            if cached is not None:
                return cached
            market = await self._market("sim", t.symbol)
            exchange = self.venues.public("sim")
            price = (await exchange.fetch_ticker(t.symbol)).last
            if catalogue.unavailable_reason(t, market, price) is not None:
                return None
            candles = await exchange.fetch_ohlcv(t.symbol, BACKTEST_TIMEFRAME, 1000)
            # Sentiment and whale templates trade on headlines / transfers (seeded like a job).
            events = backtest_events(t.kind, TEMPLATE_EVENT_SEED, t.symbol, candles)
            result = await asyncio.to_thread(
                catalogue.backtest_template, t, market, candles, BACKTEST_TIMEFRAME, events
            )
            self._backtests[t.id] = result
            return result

    # -- create / update / delete --------------------------------------------------------
    async def create_bot(
        self,
        principal: Principal,
        *,
        account_id: str,
        kind: str,
        symbol: str,
        params: Mapping[str, Any],
        name: str | None = None,
        limits: Mapping[str, Any] | None = None,
        template_id: str | None = None,
    ) -> Bot:
        account = await self._account(principal.user_id, account_id)
        if kind not in registry.strategy_kinds():
            known = ", ".join(registry.strategy_kinds())
            raise BadUserInput(f"unknown strategy {kind!r}; known: {known}", field="kind")
        market = await self._market(account.venue, symbol)
        normalised = self._params(kind, params, market)
        risk = self._limits(limits)
        label = (name or f"{registry.describe(kind).name} {symbol}").strip()
        if not 1 <= len(label) <= 80:
            raise BadUserInput("name must be 1 to 80 characters", field="name")
        bot = Bot(
            user_id=principal.user_id,
            account_id=account.id,
            venue=account.venue,
            symbol=symbol,
            kind=kind,
            name=label,
            params=dumps(normalised),
            template_id=template_id,
            state=BotState.STOPPED.value,
            limits=dumps(limits_to_json(risk)),
        )
        async with self.db.session() as session:
            session.add(bot)
            add_event(session, bot, "created", f"created {label}")
            await session.commit()
        await publish_bot(self.bus, bot, "created")
        return bot

    async def create_from_template(
        self,
        principal: Principal,
        template_id: str,
        account_id: str,
        overrides: Mapping[str, Any] | None = None,
        *,
        capital: Decimal | None = None,
        name: str | None = None,
        limits: Mapping[str, Any] | None = None,
    ) -> Bot:
        t = self._template(template_id)
        account = await self._account(principal.user_id, account_id)
        market = await self._market(account.venue, t.symbol)
        if capital is not None and not (capital.is_finite() and capital > 0):
            raise BadUserInput("capital must be a positive amount", field="capital")
        price = (await self.venues.account_exchange(account).fetch_ticker(t.symbol)).last
        reason = catalogue.unavailable_reason(t, market, price)
        if reason is not None:
            raise BadUserInput(f"template {t.id} is not available: {reason}", field="templateId")
        params = {**t.params_for(market, price, capital), **(overrides or {})}
        return await self.create_bot(
            principal,
            account_id=account.id,
            kind=t.kind,
            symbol=t.symbol,
            params=params,
            name=name or t.name,
            limits=limits,
            template_id=t.id,
        )

    async def create_subscriber_copy(
        self,
        subscriber: Principal,
        *,
        account_id: str,
        allocation: Decimal,
        source_bot_id: str | None = None,
        template_id: str | None = None,
        source_capital: Decimal | None = None,
        name: str | None = None,
        limits: Mapping[str, Any] | None = None,
        start: bool = True,
        step_up: str | None = None,
    ) -> Bot:
        """Create (and by default start) `subscriber`'s own copy of a bot or a template, sized
        to `allocation` (quote currency of the subscriber's account) — the marketplace's copy.

        Exactly one of `source_bot_id` (any user's bot: this is an internal call, the caller —
        the marketplace — has already checked that the bot is listed and the subscription is
        paid) or `template_id` (a one-tap template) names the source. The copy gets the
        source's strategy kind, symbol and params; only the sizing fields change
        (`engine.bots.sizing.scale_params`: grid qty per level, DCA base/safety qty, quote
        amount per entry — `source_capital`, when known, keeps the source's share per entry).
        The copy lives on `account_id`, which must be the subscriber's (any venue that lists the
        symbol; the subscriber's account funds it); it is an ordinary bot of the subscriber
        afterwards (their limits, their kill switch, stop/pause/delete as usual), with a
        `created` event "copy of bot <id>" / "copy of template <id>".

        Starting is step-up guarded like `startBot`: pass the subscriber's assertion bound to
        `{kind: "startBot", botId, venue}` — impossible for a bot that does not exist yet — or,
        as the marketplace does, act as an internal principal whose scope is
        `api.services.step_up.ARMED_ALERT_SCOPE`, built in-process after the subscriber approved
        the subscription with a step-up (the same waiver the alert bot control uses). With
        `start=False` the copy stays stopped (nothing to guard).

        Errors: NOT_FOUND (`sourceBotId`, `accountId`), BAD_USER_INPUT naming the field
        (`allocation` not positive, both/neither source given, unknown `templateId`, the
        resized params not fitting the market: `params.<field>`), ACCOUNT_NOT_RECONCILED when
        starting on an account in doubt, STEP_UP_REQUIRED / its kin from the guard. Validation
        happens before anything is stored, and a refused start removes the copy again: a
        failed call leaves nothing behind.
        """
        if (source_bot_id is None) == (template_id is None):
            raise BadUserInput("give exactly one of sourceBotId and templateId", field="source")
        if not (allocation.is_finite() and allocation > 0):
            raise BadUserInput("allocation must be a positive amount", field="allocation")
        account = await self._account(subscriber.user_id, account_id)
        if source_bot_id is not None:
            async with self.db.session() as session:
                source = await session.get(Bot, source_bot_id)
            if source is None:
                raise NotFound("no such bot", field="sourceBotId")
            kind, symbol, base_params = source.kind, source.symbol, loads(source.params)
            origin, origin_template = f"copy of bot {source.id}", source.template_id
            label = name or source.name
        else:
            t = self._template(template_id or "")
            kind, symbol, base_params = t.kind, t.symbol, {}
            origin, origin_template, label = f"copy of template {t.id}", t.id, name or t.name
        market = await self._market(account.venue, symbol)
        price = (await self.venues.account_exchange(account).fetch_ticker(symbol)).last
        if template_id is not None:  # the template's own recipe sizes it
            sized = self._template(template_id).params_for(market, price, allocation)
        else:
            try:
                sized = sizing.scale_params(
                    kind, base_params, allocation, market, price, source_capital
                )
            except ValueError as exc:
                raise _field_error(exc) from exc
        bot = await self.create_bot(
            subscriber,
            account_id=account.id,
            kind=kind,
            symbol=symbol,
            params=sized,
            name=label,
            limits=limits,
            template_id=origin_template,
        )
        async with self.db.session() as session:
            row = await self._own(session, subscriber, bot.id)
            add_event(session, row, "created", origin, allocation=str(allocation))
            await session.commit()
        if not start:
            return bot
        try:
            return await self.start_bot(subscriber, bot.id, step_up)
        except ApiError:  # refused (step-up, account in doubt): nothing stays half-way
            await self.delete_bot(subscriber, bot.id)
            raise

    async def update_bot(
        self,
        principal: Principal,
        bot_id: str,
        *,
        name: str | None = None,
        params: Mapping[str, Any] | None = None,
        limits: Mapping[str, Any] | None = None,
    ) -> Bot:
        """Name and limits change any time; params (structural) only while stopped."""
        bot = await self.bot(principal, bot_id)
        if params is not None and not allowed(BotAction.UPDATE, BotState(bot.state)):
            raise Conflict("stop the bot before changing its parameters", field="params")
        changes: dict[str, Any] = {}
        if params is not None:
            market = await self._market(bot.venue, bot.symbol)
            merged = {**loads(bot.params), **params}
            changes["params"] = dumps(self._params(bot.kind, merged, market))
            changes["strategy_state"] = None
        risk: RiskLimits | None = None
        if limits is not None:
            risk = self._limits(limits)
            changes["limits"] = dumps(limits_to_json(risk))
        if name is not None:
            if not 1 <= len(name.strip()) <= 80:
                raise BadUserInput("name must be 1 to 80 characters", field="name")
            changes["name"] = name.strip()
        if not changes:
            return bot
        async with self.db.session() as session:
            row = await self._own(session, principal, bot_id)
            for key, value in changes.items():
                setattr(row, key, value)
            row.updated_at = utcnow()
            add_event(session, row, "updated", f"updated {', '.join(sorted(changes))}")
            await session.commit()
        if risk is not None:
            self.runner.update_limits(bot_id, risk)
        await publish_bot(self.bus, row, "updated")
        return row

    async def delete_bot(self, principal: Principal, bot_id: str) -> bool:
        bot = await self.bot(principal, bot_id)
        if not allowed(BotAction.DELETE, BotState(bot.state)):
            raise Conflict("stop the bot before deleting it", field="id")
        async with self.db.session() as session:
            await session.exec(delete(BotEvent).where(col(BotEvent.bot_id) == bot.id))
            await session.exec(delete(BotOrder).where(col(BotOrder.bot_id) == bot.id))
            await session.exec(delete(Bot).where(col(Bot.id) == bot.id))
            await session.commit()
        bot.state = "deleted"
        await publish_bot(self.bus, bot, "deleted")
        return True

    async def set_account_limits(
        self, principal: Principal, account_id: str, limits: Mapping[str, Any]
    ) -> RiskLimits:
        account = await self._account(principal.user_id, account_id)
        risk = self._limits(limits)
        async with self.db.session() as session:
            row = await session.get(AccountRiskLimits, account.id)
            if row is None:
                row = AccountRiskLimits(account_id=account.id, user_id=principal.user_id)
            row.limits = dumps(limits_to_json(risk))
            row.updated_at = utcnow()
            session.add(row)
            await session.commit()
        return risk

    async def account_limits(self, principal: Principal, account_id: str) -> RiskLimits:
        await self._account(principal.user_id, account_id)
        async with self.db.session() as session:
            row = await session.get(AccountRiskLimits, account_id)
        return limits_from_json(loads(row.limits)) if row else RiskLimits()

    # -- lifecycle -----------------------------------------------------------------------
    async def start_bot(self, principal: Principal, bot_id: str, step_up: str | None) -> Bot:
        bot = await self.bot(principal, bot_id)
        if bot.state == BotState.RUNNING.value:
            return bot  # idempotent
        if bot.account_id in self.orders.unreconciled:
            raise AccountNotReconciled(
                "this account's orders could not be checked with the venue "
                f"({self.orders.unreconciled[bot.account_id]}); try again shortly",
                field="accountId",
            )
        market = await self._market(bot.venue, bot.symbol)
        try:  # the params were valid when stored; the market's rules may have changed
            registry.parse_params(bot.kind, loads(bot.params), market)
        except ValueError as exc:
            raise _field_error(exc, "params.") from exc
        action = {"kind": "startBot", "botId": bot.id, "venue": bot.venue}
        await self.step_up.verify_if_required(principal, action, step_up)
        resume = resumes(BotState(bot.state))
        async with self.db.session() as session:
            row = await self._own(session, principal, bot_id)
            row.state = BotState.RUNNING.value
            row.error = None
            row.started_at = row.updated_at = utcnow()
            if not resume:
                row.strategy_state = None
            add_event(session, row, "started", "resumed" if resume else "started")
            await session.commit()
        await self.runner.launch(row, resume=resume)
        await publish_bot(self.bus, row, "started")
        return row

    async def stop_bot(self, principal: Principal, bot_id: str, step_up: str | None) -> Bot:
        """Stop the strategy and cancel the bot's open orders; the next start is fresh."""
        bot = await self.bot(principal, bot_id)
        if bot.state == BotState.STOPPED.value:
            return bot  # idempotent
        action = {"kind": "stopBot", "botId": bot.id, "venue": bot.venue}
        await self.step_up.verify_if_required(principal, action, step_up)
        return await self._stop(principal, bot_id, "stopped")

    async def pause_bot(self, principal: Principal, bot_id: str) -> Bot:
        """Stop placing orders but keep the strategy state and its resting orders; starting
        again resumes. Not guarded: it only reduces activity."""
        bot = await self.bot(principal, bot_id)
        if not allowed(BotAction.PAUSE, BotState(bot.state)):
            raise Conflict(f"a {bot.state} bot cannot be paused", field="id")
        await self.runner.halt(bot_id)
        async with self.db.session() as session:
            row = await self._own(session, principal, bot_id)
            if row.state != BotState.PAUSED.value:
                row.state = BotState.PAUSED.value
                row.updated_at = utcnow()
                add_event(session, row, "paused", "paused by you")
            await session.commit()
        await publish_bot(self.bus, row, "paused")
        return row

    async def kill_switch(self, principal: Principal, step_up: str | None) -> KillSwitchResult:
        """Stop every bot of the user and cancel every open order on every account.
        Idempotent: a second call finds nothing to do."""
        await self.step_up.verify_if_required(principal, {"kind": "killSwitch"}, step_up)
        async with self.db.session() as session:
            bots = (
                await session.exec(
                    select(Bot).where(
                        col(Bot.user_id) == principal.user_id,
                        col(Bot.state) != BotState.STOPPED.value,
                    )
                )
            ).all()
        for bot in bots:
            await self._stop(principal, bot.id, "stopped by the kill switch")
        cancelled, left = await self._cancel_all_orders(principal)
        return KillSwitchResult(len(bots), cancelled, left)

    async def _stop(self, principal: Principal, bot_id: str, message: str) -> Bot:
        await self.runner.halt(bot_id)
        async with self.db.session() as session:
            live = (
                await session.exec(
                    select(BotOrder).where(
                        col(BotOrder.bot_id) == bot_id, col(BotOrder.state).in_(("intent", "open"))
                    )
                )
            ).all()
        for row in live:
            if row.order_id is not None:
                await self._cancel_quietly(principal, row.order_id)
        async with self.db.session() as session:
            bot = await self._own(session, principal, bot_id)
            for row in live:
                row.cancel_requested = True
                row.state = "done" if row.order_id is not None else "failed"
                row.updated_at = utcnow()
                session.add(row)
            bot.state = BotState.STOPPED.value
            bot.strategy_state = None
            bot.stopped_at = bot.updated_at = utcnow()
            add_event(session, bot, "stopped", message, cancelled=len(live))
            await session.commit()
        await publish_bot(self.bus, bot, "stopped", message)
        return bot

    async def _cancel_all_orders(self, principal: Principal) -> tuple[int, int]:
        async with self.db.session() as session:
            ids = (
                await session.exec(
                    select(Order.id).where(
                        col(Order.user_id) == principal.user_id,
                        col(Order.status).in_(OPEN_STATUSES),
                    )
                )
            ).all()
        cancelled = 0
        for order_id in ids:
            cancelled += await self._cancel_quietly(principal, order_id)
        return cancelled, len(ids) - cancelled

    async def _cancel_quietly(self, principal: Principal, order_id: str) -> int:
        try:
            order = await self.orders.cancel_order(principal, order_id)
        except Exception:  # in doubt, gone or venue down: reconciliation settles it
            return 0
        return 1 if order.status == "canceled" else 0

    # -- risk ----------------------------------------------------------------------------
    async def risk(self, principal: Principal) -> list[AccountRisk]:
        """Per account: the exposure of its bots at current prices, today's P&L, limits, VaR."""
        return await accounts_risk(self.db, self.venues, principal.user_id, self.mark_price)

    # -- reading -------------------------------------------------------------------------
    async def bots(self, principal: Principal) -> list[Bot]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(Bot)
                .where(col(Bot.user_id) == principal.user_id)
                .order_by(col(Bot.created_at), col(Bot.id))
            )
            return list(rows.all())

    async def bot(self, principal: Principal, bot_id: str) -> Bot:
        async with self.db.session() as session:
            return await self._own(session, principal, bot_id)

    async def events(
        self, principal: Principal, bot_id: str, limit: int = EVENTS_SHOWN
    ) -> list[BotEvent]:
        await self.bot(principal, bot_id)
        async with self.db.session() as session:
            rows = await session.exec(
                select(BotEvent)
                .where(col(BotEvent.bot_id) == bot_id, col(BotEvent.user_id) == principal.user_id)
                .order_by(col(BotEvent.at).desc(), col(BotEvent.id).desc())
                .limit(limit)
            )
            return list(rows.all())

    async def open_orders(self, principal: Principal, bot_id: str) -> list[Order]:
        await self.bot(principal, bot_id)
        async with self.db.session() as session:
            rows = await session.exec(
                select(Order)
                .join(BotOrder, col(BotOrder.order_id) == col(Order.id))
                .where(
                    col(BotOrder.bot_id) == bot_id,
                    col(Order.user_id) == principal.user_id,
                    col(Order.status).in_(OPEN_STATUSES),
                )
                .order_by(col(Order.created_at), col(Order.id))
            )
            return list(rows.all())

    async def orders_placed(self, principal: Principal, bot_id: str) -> list[Order]:
        """Every order the bot placed, oldest first."""
        await self.bot(principal, bot_id)
        async with self.db.session() as session:
            rows = await session.exec(
                select(Order)
                .join(BotOrder, col(BotOrder.order_id) == col(Order.id))
                .where(col(BotOrder.bot_id) == bot_id, col(Order.user_id) == principal.user_id)
                .order_by(col(Order.created_at), col(Order.id))
            )
            return list(rows.all())

    async def mark_price(self, venue: str, symbol: str) -> Decimal | None:
        try:
            return (await self.venues.public(venue).fetch_ticker(symbol)).last
        except Exception:  # a venue that does not answer: the view shows no mark
            return None

    # -- helpers -------------------------------------------------------------------------
    async def _own(self, session: Any, principal: Principal, bot_id: str) -> Bot:
        bot = await session.get(Bot, bot_id)
        if bot is None or bot.user_id != principal.user_id:
            raise NotFound("no such bot", field="id")
        return bot

    async def _account(self, user_id: str, account_id: str) -> ExchangeAccount:
        async with self.db.session() as session:
            account = await session.get(ExchangeAccount, account_id)
        if account is None or account.user_id != user_id:
            raise NotFound("no such exchange account", field="accountId")
        return account

    async def _market(self, venue: str, symbol: str) -> Market:
        market = await self.runner.market(venue, symbol)
        if market is None:
            raise BadUserInput(f"unknown symbol {symbol!r} on {venue}", field="symbol")
        return market

    def _template(self, template_id: str) -> catalogue.BotTemplate:
        try:
            return catalogue.template(template_id)
        except ValueError as exc:
            raise _field_error(exc) from exc

    def _params(self, kind: str, params: Mapping[str, Any], market: Market) -> dict[str, Any]:
        try:
            return registry.params_to_json(registry.parse_params(kind, params, market))
        except ValueError as exc:
            raise _field_error(exc, "params.") from exc

    def _limits(self, limits: Mapping[str, Any] | None) -> RiskLimits:
        try:
            return limits_from_json(limits)
        except ValueError as exc:
            raise _field_error(exc, "limits.") from exc
