from __future__ import annotations

import strawberry

from api.errors import BadUserInput
from schema.context import Info

MAX_IDS = 200


async def mark_notifications_read(info: Info, ids: list[strawberry.ID]) -> int:
    principal = info.context.require_user()
    if len(ids) > MAX_IDS:
        raise BadUserInput(f"at most {MAX_IDS} ids at a time", field="ids")
    service = info.context.services.notifications.service
    return await service.mark_read(principal.user_id, [str(i) for i in ids])
