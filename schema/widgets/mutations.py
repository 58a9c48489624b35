from __future__ import annotations

import strawberry

from schema.context import Info
from schema.widgets.types import CreatedWidgetToken, WidgetToken


@strawberry.type
class WidgetMutation:
    @strawberry.mutation(
        description="Create a read-only widget token (it can only read widget snapshots)."
    )
    async def create_widget_token(self, info: Info, label: str) -> CreatedWidgetToken:
        principal = info.context.require_user()
        issued = await info.context.services.widget_tokens.create(principal, label)
        return CreatedWidgetToken(
            token=issued.token, widget_token=WidgetToken.of(issued.widget_token)
        )

    @strawberry.mutation(description="Revoke one of your widget tokens; it stops working at once.")
    async def revoke_widget_token(self, info: Info, id: strawberry.ID) -> bool:
        principal = info.context.require_user()
        await info.context.services.widget_tokens.revoke(principal, str(id))
        return True
