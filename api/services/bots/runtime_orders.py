"""The runtime's side of the order path: send recorded intents (idempotent by client order id),
cancel, read its orders' states and fills back and hand each fill to the strategy once, and
re-place limit orders a venue lost while the bot was not running."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal

from sqlmodel import col, select

from api.db.bot_tables import BotOrder
from api.db.models import FillRecord, Order, utcnow
from api.errors import ApiError
from api.services.bots.records import add_event, publish_bot
from api.services.bots.runtime_state import RuntimeCore, ended_without_us
from api.services.orders import PlaceOrder
from engine.bots.lifecycle import BotState
from engine.market.models import Side
from engine.strategies.base import Intent, PlaceIntent
from engine.trading.models import Fill, Liquidity, OrderStatus, OrderType, TimeInForce

log = logging.getLogger(__name__)


class OrderSync(RuntimeCore):
    async def _restore_lost(self, was_live: Sequence[BotOrder]) -> None:
        """Limit orders the bot did not cancel that ended while it was not running — cancelled
        by a venue that lost its book on restart, or never accepted because the process died
        before sending — are placed again once, under a new sequence number."""
        lost = [
            row
            for row in was_live
            if row.state == "done"
            and not row.cancel_requested
            and row.type == OrderType.LIMIT.value
            and (order := self.order_status.get(row.client_order_id)) is not None
            and ended_without_us(order)
        ]
        intents: list[Intent] = []
        for row in lost:
            order = self.order_status[row.client_order_id]
            intents.append(
                PlaceIntent(
                    row.tag,
                    Side(row.side),
                    OrderType.LIMIT,
                    order.qty - order.filled_qty,
                    row.price,
                    TimeInForce(row.time_in_force),
                )
            )
        if intents:
            await self._apply(intents, note="re-placed orders lost while stopped")

    # -- fills ---------------------------------------------------------------------------
    async def _sync_orders(self) -> None:
        """Read our live orders' state and deliver fills the strategy has not seen yet."""
        ids = [r.client_order_id for r in self.rows.values() if r.state == "open"]
        if not ids:
            return
        async with self.deps.db.session() as session:
            orders = (
                await session.exec(
                    select(Order).where(
                        col(Order.account_id) == self.bot.account_id,
                        col(Order.client_order_id).in_(ids),
                    )
                )
            ).all()
            by_order = {o.id: o for o in orders}
            fills = (
                await session.exec(
                    select(FillRecord)
                    .where(col(FillRecord.order_id).in_(list(by_order)))
                    .order_by(col(FillRecord.executed_at), col(FillRecord.id))
                )
            ).all()
        for order in orders:
            self.order_status[order.client_order_id] = order
        per_order: dict[str, list[FillRecord]] = {}
        for f in fills:
            per_order.setdefault(f.order_id, []).append(f)
        for order in sorted(orders, key=lambda o: o.updated_at):
            row = self.rows.get(order.client_order_id)
            if row is None:
                continue
            seen = Decimal(0)
            for record in per_order.get(order.id, []):
                seen += record.qty
                if seen > row.delivered_qty:
                    await self._fill(row, record)
            if OrderStatus(order.status).is_final and row.delivered_qty >= order.filled_qty:
                await self._finish_row(row)

    async def _fill(self, row: BotOrder, record: FillRecord) -> None:
        side = Side(record.side)
        self.ledger.apply(
            side, record.price, record.qty, record.fee, record.fee_currency, record.executed_at
        )
        row.delivered_qty += record.qty
        fill = Fill(
            trade_id=record.trade_id,
            order_id=record.order_id,
            client_order_id=row.tag,  # the strategy knows its orders by tag
            symbol=record.symbol,
            side=side,
            price=record.price,
            qty=record.qty,
            fee=record.fee,
            fee_currency=record.fee_currency,
            liquidity=Liquidity(record.liquidity),
            timestamp=record.executed_at,
        )
        self.now = max(self.now or record.executed_at, record.executed_at)
        await self._deliver(fill, fill_row=row)
        if self.strategy is None or self.bot.state != BotState.RUNNING:
            await self._apply([], fill_row=row)  # still book it

    async def _finish_row(self, row: BotOrder) -> None:
        row.state = "done"
        row.updated_at = utcnow()
        async with self.deps.db.session() as session:
            session.add(row)
            await session.commit()
        self.rows.pop(row.client_order_id, None)

    async def _send(self, row: BotOrder) -> None:
        request = PlaceOrder(
            account_id=row.account_id,
            symbol=self.bot.symbol,
            side=Side(row.side),
            type=OrderType(row.type),
            qty=row.qty,
            price=row.price,
            time_in_force=TimeInForce(row.time_in_force),
            client_order_id=row.client_order_id,
            source="bot",
        )
        try:
            order = await self.deps.orders.place_order(self.principal, request)
        except ApiError as exc:
            row.state = "failed"
            self.rows.pop(row.client_order_id, None)
            await self._save_row(row, "error", f"order {row.tag} refused: {exc.message}")
            return
        except Exception:
            # The order path failed after storing the order (a database hiccup while saving the
            # venue's answer, say): the stored row is what the reconciler settles. Track it.
            log.exception("bot %s: placing %s failed", self.bot.id, row.tag)
            stored = await self._stored_order(row.client_order_id)
            if stored is None:  # nothing stored: nothing was sent
                row.state = "failed"
                self.rows.pop(row.client_order_id, None)
                await self._save_row(row, "error", f"order {row.tag} could not be placed")
                return
            order = stored
        self.order_status[row.client_order_id] = order
        row.order_id = order.id
        row.state = "open"
        price = f" at {row.price}" if row.price is not None else " at market"
        await self._save_row(row, "order", f"{row.side} {row.qty}{price} ({row.tag})")

    async def _stored_order(self, client_order_id: str) -> Order | None:
        async with self.deps.db.session() as session:
            found = await session.exec(
                select(Order).where(
                    col(Order.account_id) == self.bot.account_id,
                    col(Order.client_order_id) == client_order_id,
                )
            )
            return found.first()

    async def _save_row(self, row: BotOrder, kind: str, message: str) -> None:
        row.updated_at = utcnow()
        async with self.deps.db.session() as session:
            session.add(row)
            add_event(
                session, self.bot, kind, message, tag=row.tag, clientOrderId=row.client_order_id
            )
            await session.commit()
        await publish_bot(self.deps.bus, self.bot, kind, message)

    async def _cancel(self, row: BotOrder) -> None:
        if row.order_id is None:
            return
        try:
            await self.deps.orders.cancel_order(self.principal, row.order_id)
        except ApiError as exc:  # already final, or in doubt: the next sync sees the outcome
            log.info("bot %s could not cancel %s: %s", self.bot.id, row.tag, exc.message)

    async def cancel_rows(self, rows: Sequence[BotOrder], reason: str) -> None:
        for row in rows:
            row.cancel_requested = True
            await self._cancel(row)
            if row.state == "intent":  # never sent (a fresh start does not re-send it)
                row.state = "failed"
        async with self.deps.db.session() as session:
            for row in rows:
                row.updated_at = utcnow()
                session.add(row)
            if rows:
                add_event(session, self.bot, "order", f"cancelled {len(rows)} orders: {reason}")
            await session.commit()
