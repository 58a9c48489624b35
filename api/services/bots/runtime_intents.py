"""The runtime's intent book: check each place intent against the bot's and the account's
limits, record the accepted ones with the ledger and the strategy snapshot in one transaction,
then send (cancels first); and the daily-loss pause."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal

from api.db.bot_tables import BotOrder
from api.db.models import utcnow
from api.services.bots.account_risk import account_risk
from api.services.bots.records import add_event, publish_bot, store_ledger
from api.services.bots.runtime_orders import OrderSync
from api.services.bots.runtime_state import SNAPSHOT_EVERY_S
from api.services.bots.snapshot import dump_strategy
from engine.bots.lifecycle import BotState
from engine.bots.order_ids import bot_client_order_id
from engine.market.models import Side
from engine.risk.limits import RiskLimits, RiskState, check, daily_loss_breached
from engine.strategies.base import AmendIntent, CancelIntent, Intent, PlaceIntent
from engine.trading.models import OrderType, TimeInForce

log = logging.getLogger(__name__)


class IntentBook(OrderSync):
    # -- intents -------------------------------------------------------------------------
    async def _apply(
        self, intents: Sequence[Intent], *, fill_row: BotOrder | None = None, note: str = ""
    ) -> None:
        places: list[BotOrder] = []
        cancels: list[BotOrder] = []
        refused: list[str] = []
        places_asked = any(not isinstance(i, CancelIntent) for i in intents)
        account_limits = await self._account_limits() if places_asked else None
        by_tag = {r.tag: r for r in self.open_rows()}
        for intent in intents:
            if isinstance(intent, CancelIntent):
                row = by_tag.pop(intent.tag, None)
                if row is not None:
                    row.cancel_requested = True
                    cancels.append(row)
                continue
            if isinstance(intent, AmendIntent):
                old = by_tag.pop(intent.tag, None)
                if old is None or old.price is None:
                    continue
                old.cancel_requested = True
                cancels.append(old)
                intent = PlaceIntent(
                    old.tag,
                    Side(old.side),
                    OrderType.LIMIT,
                    intent.qty or (old.qty - old.delivered_qty),
                    intent.price or old.price,
                    TimeInForce(old.time_in_force),
                )
            violation = self._violation(intent, places, cancels, account_limits)
            if violation is not None:
                refused.append(violation)
                continue
            places.append(self._record(intent))
        if places_asked:  # each standing refusal is reported once, not on every event
            refused, self._refusals_reported = (
                [m for m in dict.fromkeys(refused) if m not in self._refusals_reported],
                set(refused),
            )
        await self._persist(places, cancels, refused, fill_row, note)
        for row in cancels:
            await self._cancel(row)
        for row in places:
            await self._send(row)

    def _record(self, intent: PlaceIntent) -> BotOrder:
        seq = self.bot.next_seq
        self.bot.next_seq += 1
        row = BotOrder(
            bot_id=self.bot.id,
            user_id=self.bot.user_id,
            account_id=self.bot.account_id,
            seq=seq,
            tag=intent.tag,
            client_order_id=bot_client_order_id(self.bot.id, seq, intent.tag),
            side=intent.side.value,
            type=intent.type.value,
            time_in_force=intent.time_in_force.value,
            qty=intent.qty,
            price=intent.price,
        )
        self.rows[row.client_order_id] = row
        return row

    async def _persist(
        self,
        places: Sequence[BotOrder],
        cancels: Sequence[BotOrder],
        refused: Sequence[str],
        fill_row: BotOrder | None,
        note: str,
    ) -> None:
        bot = self.bot
        store_ledger(bot, self.ledger)
        if self.strategy is not None:
            bot.strategy_state = dump_strategy(self.strategy, self.deps.snapshot_key)
        bot.updated_at = utcnow()
        self._dirty_since = None
        async with self.deps.db.session() as session:
            session.add(bot)
            for row in [*places, *cancels, *([fill_row] if fill_row else [])]:
                row.updated_at = utcnow()
                session.add(row)
            if fill_row is not None:
                add_event(
                    session, bot, "fill", f"{fill_row.side} filled, {fill_row.tag}",
                    tag=fill_row.tag, delivered=fill_row.delivered_qty,
                )  # fmt: skip
            for message in refused:
                add_event(session, bot, "limit", f"order refused: {message}")
            if note and places:
                add_event(session, bot, "order", note, count=len(places))
            await session.commit()
        for message in refused:
            await publish_bot(self.deps.bus, bot, "limit", message)

    async def _maybe_snapshot(self, now: float) -> None:
        if self._dirty_since is not None and now - self._dirty_since >= SNAPSHOT_EVERY_S:
            await self._persist([], [], [], None, "")

    # -- risk ----------------------------------------------------------------------------
    def _risk_state(self, places: Sequence[BotOrder], cancels: Sequence[BotOrder]) -> RiskState:
        gone = {r.client_order_id for r in cancels}
        live = [r for r in self.open_rows() if r.client_order_id not in gone] + list(places)
        mark = self.mark or Decimal(0)
        return RiskState(
            position=self.ledger.position,
            open_orders=len(live),
            open_buy_qty=sum(
                (r.qty - r.delivered_qty for r in live if r.side == "buy"), Decimal(0)
            ),
            open_sell_qty=sum(
                (r.qty - r.delivered_qty for r in live if r.side == "sell"), Decimal(0)
            ),
            price=mark,
            daily_pnl=self.ledger.daily_pnl(mark, (self.now or utcnow()).date()),
        )

    def _violation(
        self,
        intent: PlaceIntent,
        places: Sequence[BotOrder],
        cancels: Sequence[BotOrder],
        account: tuple[RiskLimits, RiskState] | None,
    ) -> str | None:
        if self.mark is None:
            return None
        found = check(intent, self._risk_state(places, cancels), self.limits)
        if found is not None:
            return f"bot limit {found.limit}: {found.message}"
        if account is not None:
            limits, state = account
            extra = len(places)
            state = RiskState(
                position=state.position,
                open_orders=state.open_orders + extra,
                open_buy_qty=state.open_buy_qty,
                open_sell_qty=state.open_sell_qty,
                price=state.price,
                daily_pnl=state.daily_pnl,
            )
            found = check(intent, state, limits)
            if found is not None:
                return f"account limit {found.limit}: {found.message}"
        return None

    async def _account_limits(self) -> tuple[RiskLimits, RiskState] | None:
        today = (self.now or utcnow()).date()
        return await account_risk(
            self.deps.db, self.bot.account_id, self.bot.id, self.ledger, self.mark, today
        )

    async def _check_daily_loss(self, *, account: bool = False) -> None:
        """The bot's own limit on every market event and fill; the account's (a query) on
        each periodic sync."""
        if self.mark is None or self.bot.state != BotState.RUNNING:
            return
        found = daily_loss_breached(self._risk_state([], []), self.limits)
        if found is None and account:
            account_limits = await self._account_limits()
            if account_limits is not None:
                found = daily_loss_breached(account_limits[1], account_limits[0])
        if found is None:
            return
        bot = self.bot
        bot.state = BotState.PAUSED.value
        bot.updated_at = utcnow()
        message = f"paused: {found.message}"
        store_ledger(bot, self.ledger)
        if self.strategy is not None:
            bot.strategy_state = dump_strategy(self.strategy, self.deps.snapshot_key)
        async with self.deps.db.session() as session:
            session.add(bot)
            add_event(session, bot, "limit", message, limit=found.limit)
            await session.commit()
        await publish_bot(self.deps.bus, bot, "limit", message)
