from __future__ import annotations

from schema.context import Info


async def passkey_registration_options(info: Info) -> str:
    """PublicKeyCredentialCreationOptions (JSON) for navigator.credentials.create; user
    verification required, discoverable preferred. Valid 120 s, for this session only."""
    principal = info.context.require_user()
    return await info.context.services.passkeys.registration_options(principal)
