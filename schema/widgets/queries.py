from __future__ import annotations

import strawberry

from schema.context import Info
from schema.widgets.types import WidgetSnapshot, WidgetToken


@strawberry.type
class WidgetQuery:
    @strawberry.field(
        description="The caller's widget snapshot: kind portfolio, watchlist, bots, alerts or "
        "signal; size small, medium or large. The one field a widget token may read."
    )
    async def widget_snapshot(self, info: Info, kind: str, size: str = "medium") -> WidgetSnapshot:
        principal = info.context.require_widget_reader()
        snapshot = await info.context.services.widgets.snapshot(principal.user_id, kind, size)
        return WidgetSnapshot.of(kind, size, snapshot)

    @strawberry.field(description="The signed-in user's live widget tokens (full session only).")
    async def widget_tokens(self, info: Info) -> list[WidgetToken]:
        principal = info.context.require_user()
        rows = await info.context.services.widget_tokens.list_tokens(principal)
        return [WidgetToken.of(row) for row in rows]
