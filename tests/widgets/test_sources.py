"""The bots and alerts widgets read the bots and alert-trigger tables, per user."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from api.db.alert_tables import Alert, AlertTrigger
from api.db.bot_tables import Bot
from api.db.database import Database
from api.db.models import ExchangeAccount, User, utcnow
from api.services.widgets.sources import LastAlertTrigger, StoredBots


async def _user_with_account(db: Database, email: str) -> tuple[str, str]:
    async with db.session() as session:
        user = User(email=email, password_hash="x", display_name="u")
        session.add(user)
        await session.flush()
        account = ExchangeAccount(user_id=user.id, venue="sim", label="Paper")
        session.add(account)
        await session.commit()
    return user.id, account.id


def _bot(user_id: str, account_id: str, name: str, state: str, pnl: str, age_s: int) -> Bot:
    return Bot(
        user_id=user_id,
        account_id=account_id,
        venue="sim",
        symbol="BTC/USDT",
        kind="grid",
        name=name,
        params="{}",
        limits="{}",
        state=state,
        realised_pnl=Decimal(pnl),
        updated_at=utcnow() - timedelta(seconds=age_s),
    )


async def test_bots_widget_counts_and_puts_errors_first(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.upgrade()
        alice, alice_account = await _user_with_account(db, "alice@example.com")
        bob, bob_account = await _user_with_account(db, "bob@example.com")
        async with db.session() as session:
            session.add(_bot(alice, alice_account, "Old runner", "running", "1.5", 300))
            session.add(_bot(alice, alice_account, "New runner", "running", "-2", 10))
            session.add(_bot(alice, alice_account, "Stopped", "stopped", "0", 1))
            session.add(_bot(alice, alice_account, "Broken", "error", "-7.25", 600))
            session.add(_bot(bob, bob_account, "Bob's", "error", "0", 1))
            await session.commit()
        bots = await StoredBots(db)(alice)
        assert bots is not None
        assert (bots.running, bots.errors) == (2, 1)
        assert [(b.name, b.state, b.pnl) for b in bots.top] == [
            ("Broken", "error", Decimal("-7.25")),
            ("New runner", "running", Decimal("-2")),
            ("Old runner", "running", Decimal("1.5")),
        ]
        assert await StoredBots(db)("nobody") is None
    finally:
        await db.dispose()


async def test_alerts_widget_shows_the_users_latest_trigger(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.upgrade()
        alice, _ = await _user_with_account(db, "alice@example.com")
        bob, _ = await _user_with_account(db, "bob@example.com")
        now = utcnow()
        async with db.session() as session:
            for user_id, name in ((alice, "BTC breakout"), (bob, "Bob's alert")):
                alert = Alert(
                    user_id=user_id,
                    name=name,
                    venue="sim",
                    symbol="BTC/USDT",
                    condition="{}",
                    mode="recurring",
                    status="active",
                )
                session.add(alert)
                await session.flush()
                for i, value in enumerate(("100000", "101000")):
                    session.add(
                        AlertTrigger(
                            alert_id=alert.id,
                            user_id=user_id,
                            trigger_key=f"k{i}",
                            symbol="BTC/USDT",
                            value=value,
                            action_status="none",
                            fired_at=now - timedelta(minutes=10 - i),
                        )
                    )
            await session.commit()
        last = await LastAlertTrigger(db)(alice)
        assert last is not None
        assert (last.symbol, last.message) == ("BTC/USDT", "BTC breakout: 101000")
        assert last.triggered_at == (now - timedelta(minutes=9))
        assert await LastAlertTrigger(db)("nobody") is None
    finally:
        await db.dispose()
