from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from api.db import models


@strawberry.type(description="A passkey (WebAuthn credential) of the signed-in user.")
class Passkey:
    id: strawberry.ID
    name: str
    transports: list[str]
    created_at: datetime
    last_used_at: datetime | None
    clone_suspected: bool = strawberry.field(
        description="Its signature counter went backwards (possible copy): refused until removed."
    )

    @classmethod
    def of(cls, row: models.WebAuthnCredential) -> Passkey:
        return cls(
            id=strawberry.ID(row.id),
            name=row.friendly_name,
            transports=[t for t in row.transports.split(",") if t],
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            clone_suspected=row.clone_suspected_at is not None,
        )


@strawberry.input(
    description="The action a step-up approves. Send exactly the arguments of the guarded"
    " mutation you will call; any difference is STEP_UP_MISMATCH."
)
class ActionInput:
    kind: str = strawberry.field(description="placeOrder, startBot, stopBot, removePasskey, ...")
    account: strawberry.ID | None = None
    venue: str | None = None
    symbol: str | None = None
    side: str | None = None
    type: str | None = None
    time_in_force: str | None = None
    qty: Decimal | None = None
    price: Decimal | None = None
    trigger_price: Decimal | None = None
    bot_id: strawberry.ID | None = None
    passkey_id: strawberry.ID | None = None
    trader_id: strawberry.ID | None = None
    amount: Decimal | None = None
    strategy_id: strawberry.ID | None = None
    alert_id: strawberry.ID | None = None
    max_orders: int | None = None
    max_notional: Decimal | None = None
    minutes: int | None = None
    symbols: list[str] | None = None

    def to_action(self) -> dict[str, Any]:
        fields = {
            "kind": self.kind,
            "account": self.account,
            "venue": self.venue,
            "symbol": self.symbol,
            "side": self.side,
            "type": self.type,
            "timeInForce": self.time_in_force,
            "qty": self.qty,
            "price": self.price,
            "triggerPrice": self.trigger_price,
            "botId": self.bot_id,
            "passkeyId": self.passkey_id,
            "traderId": self.trader_id,
            "amount": self.amount,
            "strategyId": self.strategy_id,
            "alertId": self.alert_id,
            "maxOrders": self.max_orders,
            "maxNotional": self.max_notional,
            "minutes": self.minutes,
            "symbols": ",".join(sorted(set(self.symbols))) if self.symbols else None,
        }
        return {k: v for k, v in fields.items() if v is not None}


@strawberry.input(description="The passkey confirmation for one guarded mutation.")
class StepUpAssertionInput:
    credential: str = strawberry.field(
        description="The PublicKeyCredential from navigator.credentials.get (or"
        " react-native-passkeys) as JSON (AuthenticationResponseJSON)."
    )


def assertion_of(step_up: StepUpAssertionInput | None) -> str | None:
    return step_up.credential if step_up is not None else None


@strawberry.type(description="What to pass to navigator.credentials.get, and what it approves.")
class StepUpChallenge:
    options_json: str = strawberry.field(
        description="PublicKeyCredentialRequestOptions as JSON (base64url binary fields)."
    )
    summary: str = strawberry.field(description="Show this to the user before the prompt.")
    expires_at: datetime


@strawberry.input
class RegisterPasskeyInput:
    credential: str = strawberry.field(
        description="The PublicKeyCredential from navigator.credentials.create as JSON."
    )
    name: str | None = None
    password: str | None = strawberry.field(
        default=None, description="Needed for the first passkey (or use recoveryCode)."
    )
    recovery_code: str | None = None
    step_up: StepUpAssertionInput | None = strawberry.field(
        default=None,
        description="Needed when a passkey exists: stepUpChallenge(kind: registerPasskey).",
    )


@strawberry.type(description="Shown once: store them offline. Each works once.")
class RecoveryCodes:
    codes: list[str]


@strawberry.type(description="One step-up approving a bounded window of orders on one account.")
class TradingGrant:
    id: strawberry.ID
    account_id: strawberry.ID
    symbols: list[str] = strawberry.field(description="Empty: any symbol.")
    max_orders: int
    max_notional: Decimal = strawberry.field(description="In the quote currency.")
    orders_used: int
    notional_used: Decimal
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: models.TradingGrant) -> TradingGrant:
        return cls(
            id=strawberry.ID(row.id),
            account_id=strawberry.ID(row.account_id),
            symbols=[s for s in row.symbols.split(",") if s],
            max_orders=row.max_orders,
            max_notional=row.max_notional,
            orders_used=row.orders_used,
            notional_used=row.notional_used,
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
        )


@strawberry.input(
    description="Limits of a trading grant; the step-up action is kind createTradingGrant with"
    " the same account, maxOrders, maxNotional, minutes and symbols."
)
class TradingGrantInput:
    account_id: strawberry.ID
    max_orders: int
    max_notional: Decimal
    minutes: int = strawberry.field(description="1 to 15.")
    symbols: list[str] | None = None
