"""Live exchange accounts: keys checked with the venue before they are kept, encrypted at rest
(api.auth.vault), never returned (only a hint: the key's last 4 characters), removable.

Adding an account is step-up guarded (a stolen session must not be able to plant its own
keys). Removing keys is not: it can only reduce what the session can do."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from api.auth.vault import SecretVault, VaultError
from api.db.database import Database
from api.db.models import ExchangeAccount, Order
from api.errors import ApiError, BadUserInput, Conflict, NotFound
from api.services.accounts import Principal
from api.services.exchange_status import AccountConnection, account_connection
from api.services.orders.service import OPEN_STATUSES
from api.services.step_up import StepUpGuard
from api.services.venues import SIM, VenueRegistry
from engine.exchanges.ccxt_adapter import SUPPORTED_VENUES, CcxtExchange
from engine.exchanges.errors import AuthenticationError, ExchangeError
from engine.exchanges.protocol import Exchange

log = logging.getLogger(__name__)

MAX_KEY_LENGTH = 512
MAX_LABEL_LENGTH = 80


class ExchangeAuthFailed(ApiError):
    code = "EXCHANGE_AUTH_FAILED"


class ExchangeUnavailable(ApiError):
    code = "EXCHANGE_UNAVAILABLE"


@dataclass(frozen=True)
class ApiKeys:
    api_key: str
    secret: str
    passphrase: str | None = None


# Builds the venue client for a set of keys (the CCXT adapter; tests give loopback URLs through
# the CO_EXCHANGE_OVERRIDES setting, not a different factory).
Connector = Callable[[str, ApiKeys], Exchange]


def _ccxt_client(
    venue: str,
    keys: ApiKeys | None,
    overrides: Mapping[str, Mapping[str, Any]],
    timeout_s: float,
) -> Exchange:
    override = overrides.get(venue, {})
    return CcxtExchange(
        venue,
        api_key=None if keys is None else keys.api_key,
        secret=None if keys is None else keys.secret,
        passphrase=None if keys is None else keys.passphrase,
        urls=override.get("urls"),
        options=override.get("options"),
        timeout_ms=int(timeout_s * 1000),
    )


def ccxt_connector(overrides: Mapping[str, Mapping[str, Any]], timeout_s: float) -> Connector:
    def connect(venue: str, keys: ApiKeys) -> Exchange:
        return _ccxt_client(venue, keys, overrides, timeout_s)

    return connect


def public_ccxt_connector(
    overrides: Mapping[str, Mapping[str, Any]], timeout_s: float
) -> Callable[[str], Exchange]:
    """Keyless CCXT clients for live venues' public market data."""

    def connect(venue: str) -> Exchange:
        return _ccxt_client(venue, None, overrides, timeout_s)

    return connect


def key_hint(api_key: str) -> str:
    return f"…{api_key[-4:]}"


def _check_text(value: str | None, field: str, *, required: bool) -> str | None:
    if value is None or not value.strip():
        if required:
            raise BadUserInput(f"{field} is required", field=field)
        return None
    if len(value) > MAX_KEY_LENGTH:
        raise BadUserInput(f"{field} is too long", field=field)
    return value.strip()


class ExchangeAccountService:
    def __init__(
        self,
        db: Database,
        venues: VenueRegistry,
        vault: SecretVault,
        step_up: StepUpGuard,
        connect: Connector,
    ) -> None:
        self.db = db
        self.venues = venues
        self.vault = vault
        self.step_up = step_up
        self.connect = connect

    async def add(
        self,
        principal: Principal,
        venue: str,
        label: str,
        keys: ApiKeys,
        step_up: str | None,
    ) -> ExchangeAccount:
        """Check the keys with one fetch_balance, then store them encrypted. Nothing is stored
        when the venue refuses the keys or cannot be reached."""
        if venue not in SUPPORTED_VENUES:
            supported = ", ".join(sorted(SUPPORTED_VENUES))
            raise BadUserInput(f"unknown venue {venue!r}; use one of {supported}", field="venue")
        label = label.strip()
        if not 1 <= len(label) <= MAX_LABEL_LENGTH:
            raise BadUserInput(f"label must be 1 to {MAX_LABEL_LENGTH} characters", field="label")
        checked = ApiKeys(
            api_key=_check_text(keys.api_key, "apiKey", required=True) or "",
            secret=_check_text(keys.secret, "secret", required=True) or "",
            passphrase=_check_text(keys.passphrase, "passphrase", required=False),
        )
        await self.step_up.verify_if_required(
            principal, {"kind": "addExchangeAccount", "venue": venue}, step_up
        )
        exchange = self.connect(venue, checked)
        try:
            await exchange.fetch_balance()
        except AuthenticationError as exc:
            await exchange.close()
            raise ExchangeAuthFailed(
                f"{venue} refused these API keys: check the key, secret and permissions",
                field="apiKey",
            ) from exc
        except ExchangeError as exc:
            await exchange.close()
            raise ExchangeUnavailable(
                f"{venue} could not be reached to check the keys; try again", field="venue"
            ) from exc
        account = ExchangeAccount(
            user_id=principal.user_id,
            venue=venue,
            label=label,
            api_key_encrypted=self.vault.encrypt(checked.api_key),
            secret_encrypted=self.vault.encrypt(checked.secret),
            passphrase_encrypted=(
                None if checked.passphrase is None else self.vault.encrypt(checked.passphrase)
            ),
        )
        async with self.db.session() as session:
            session.add(account)
            try:
                await session.commit()
            except IntegrityError:
                await exchange.close()
                raise Conflict(
                    "you already have an account with this label", field="label"
                ) from None
        self.venues.attach_account(account.id, exchange)
        return account

    async def remove_keys(self, principal: Principal, account_id: str) -> ExchangeAccount:
        """Forget an account's keys (its order and fill history stays). Refused while it has
        open orders: cancel them first, or they could no longer be managed."""
        async with self.db.session() as session:
            account = await session.get(ExchangeAccount, account_id)
            if account is None or account.user_id != principal.user_id:
                raise NotFound("no such exchange account", field="accountId")
            if account.venue == SIM:
                raise BadUserInput("the paper account has no keys to remove", field="accountId")
            open_orders = (
                await session.exec(
                    select(Order.id).where(
                        col(Order.account_id) == account_id, col(Order.status).in_(OPEN_STATUSES)
                    )
                )
            ).first()
            if open_orders is not None:
                raise Conflict("cancel this account's open orders first", field="accountId")
            account.api_key_encrypted = None
            account.secret_encrypted = None
            account.passphrase_encrypted = None
            session.add(account)
            await session.commit()
        exchange = self.venues.detach_account(account_id)
        if exchange is not None:
            await exchange.close()
        return account

    async def connections(self, user_id: str) -> list[AccountConnection]:
        async with self.db.session() as session:
            accounts = (
                await session.exec(
                    select(ExchangeAccount)
                    .where(col(ExchangeAccount.user_id) == user_id)
                    .order_by(col(ExchangeAccount.created_at))
                )
            ).all()
        return [
            account_connection(
                a.id,
                a.venue,
                a.label,
                self.venues.connection_stats(a.id),
                in_process=a.venue == SIM,
            )
            for a in accounts
        ]

    def hint(self, account: ExchangeAccount) -> str | None:
        if account.api_key_encrypted is None:
            return None
        try:
            return key_hint(self.vault.decrypt(account.api_key_encrypted))
        except VaultError:
            return None  # the secret key was rotated: the user must enter the keys again

    async def restore(self) -> int:
        """Attach every live account that has keys (start-up). No network call: clients
        connect on first use."""
        async with self.db.session() as session:
            accounts = (
                await session.exec(
                    select(ExchangeAccount).where(
                        col(ExchangeAccount.venue) != SIM,
                        col(ExchangeAccount.api_key_encrypted).is_not(None),
                    )
                )
            ).all()
        attached = 0
        for account in accounts:
            try:
                keys = ApiKeys(
                    api_key=self.vault.decrypt(account.api_key_encrypted or b""),
                    secret=self.vault.decrypt(account.secret_encrypted or b""),
                    passphrase=(
                        None
                        if account.passphrase_encrypted is None
                        else self.vault.decrypt(account.passphrase_encrypted)
                    ),
                )
            except VaultError:
                log.warning(
                    "keys of account %s cannot be decrypted (secret key rotated?)", account.id
                )
                continue
            self.venues.attach_account(account.id, self.connect(account.venue, keys))
            attached += 1
        return attached
