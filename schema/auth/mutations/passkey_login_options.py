from __future__ import annotations

from schema.context import Info


async def passkey_login_options(info: Info) -> str:
    """PublicKeyCredentialRequestOptions (JSON) for a discoverable passkey sign-in."""
    return await info.context.services.passkeys.login_options()
