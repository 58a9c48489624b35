from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from api.db.widget_tables import WidgetToken as WidgetTokenRow
from api.services.widget_tokens import WIDGET_TOKEN_TTL
from widgets.encoding import EncodedSnapshot


@strawberry.type(
    description="A widget's compact, versioned payload (keys in docs/widgets.md; JSON Schemas "
    "in widgets/schemas/): the same JSON as GET /widgets/{kind}?size=."
)
class WidgetSnapshot:
    kind: str
    size: str
    etag: str = strawberry.field(description="Strong ETag of the payload bytes.")
    payload: JSON

    @classmethod
    def of(cls, kind: str, size: str, snapshot: EncodedSnapshot) -> WidgetSnapshot:
        return cls(kind=kind, size=size, etag=snapshot.etag, payload=cast(JSON, snapshot.payload))


@strawberry.type(description="A read-only token for home-screen widgets (the secret is not kept).")
class WidgetToken:
    id: strawberry.ID
    label: str
    created_at: datetime
    expires_at: datetime

    @classmethod
    def of(cls, row: WidgetTokenRow) -> WidgetToken:
        return cls(
            id=strawberry.ID(row.id),
            label=row.label,
            created_at=row.created_at,
            expires_at=row.created_at + WIDGET_TOKEN_TTL,
        )


@strawberry.type(description="A new widget token: `token` is shown once; give it to the widget.")
class CreatedWidgetToken:
    token: str
    widget_token: WidgetToken
