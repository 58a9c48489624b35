from __future__ import annotations

import strawberry

from schema.auth.types import Passkey
from schema.context import Info


async def rename_passkey(info: Info, id: strawberry.ID, name: str) -> Passkey:
    principal = info.context.require_user()
    row = await info.context.services.passkeys.rename(principal, str(id), name)
    return Passkey.of(row)
