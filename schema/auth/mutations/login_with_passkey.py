from __future__ import annotations

from schema.accounts.types import AuthPayload, User
from schema.context import Info


async def login_with_passkey(info: Info, credential: str) -> AuthPayload:
    """Sign in with the credential JSON from navigator.credentials.get."""
    issued = await info.context.services.passkeys.login(
        credential, info.context.request.headers.get("user-agent")
    )
    return AuthPayload(token=issued.token, expires_at=issued.expires_at, user=User.of(issued.user))
