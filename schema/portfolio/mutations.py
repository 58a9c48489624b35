from __future__ import annotations

import strawberry

from api.services.exchange_accounts import ApiKeys
from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.context import Info
from schema.portfolio.types import ExchangeAccount


@strawberry.input(description="API keys of a live venue account (stored encrypted, never shown).")
class AddExchangeAccountInput:
    venue: str
    label: str
    api_key: str
    secret: str
    passphrase: str | None = None


@strawberry.type
class PortfolioMutation:
    @strawberry.mutation(
        description="Connect a live venue account: the keys are checked with the venue first. "
        "Needs a step-up for {kind: addExchangeAccount, venue}."
    )
    async def add_exchange_account(
        self,
        info: Info,
        input: AddExchangeAccountInput,
        step_up: StepUpAssertionInput | None = None,
    ) -> ExchangeAccount:
        principal = info.context.require_user()
        service = info.context.services.exchange_accounts
        keys = ApiKeys(api_key=input.api_key, secret=input.secret, passphrase=input.passphrase)
        account = await service.add(
            principal, input.venue, input.label, keys, assertion_of(step_up)
        )
        return ExchangeAccount.of(account, service.hint(account))

    @strawberry.mutation(
        description="Forget a live account's API keys (history stays). Refused while it has open "
        "orders."
    )
    async def remove_exchange_account_keys(self, info: Info, id: strawberry.ID) -> ExchangeAccount:
        principal = info.context.require_user()
        account = await info.context.services.exchange_accounts.remove_keys(principal, str(id))
        return ExchangeAccount.of(account)
