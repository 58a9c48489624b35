from __future__ import annotations

import strawberry

from schema.accounts.types import AuthPayload, RegisterInput, User
from schema.context import Info


def _user_agent(info: Info) -> str | None:
    return info.context.request.headers.get("user-agent")


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Create an account with a paper (sim) account, and log in.")
    async def register(self, info: Info, input: RegisterInput) -> AuthPayload:
        services = info.context.services
        user = await services.accounts.register(input.email, input.password, input.display_name)
        await services.portfolio.open_paper_account(user.id)
        issued = await services.accounts.start_session(user, _user_agent(info))
        return AuthPayload(token=issued.token, expires_at=issued.expires_at, user=User.of(user))

    @strawberry.mutation(description="Log in with email and password.")
    async def login(self, info: Info, email: str, password: str) -> AuthPayload:
        issued = await info.context.services.accounts.login(email, password, _user_agent(info))
        return AuthPayload(
            token=issued.token, expires_at=issued.expires_at, user=User.of(issued.user)
        )

    @strawberry.mutation(description="End the current session; its token stops working.")
    async def logout(self, info: Info) -> bool:
        await info.context.services.accounts.logout(info.context.require_user())
        return True
