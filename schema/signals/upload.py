"""Signal models users upload (ONNX, checked against the signal contract), per user."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from api.db.backtest_tables import UserSignalModel as ModelRow
from schema.context import Info


@strawberry.enum(description="What an uploaded model predicts.")
class SignalModelKind(Enum):
    DIRECTION = "direction"  # probabilities [down, up]
    REGIME = "regime"  # probabilities [low, normal, high]


@strawberry.type(description="An ONNX signal model you uploaded.")
class UploadedSignalModel:
    id: strawberry.ID
    name: str
    kind: SignalModelKind
    opset: int
    size_bytes: int
    sha256: str
    created_at: datetime

    @classmethod
    def of(cls, row: ModelRow) -> UploadedSignalModel:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            kind=SignalModelKind(row.kind),
            opset=row.opset,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            created_at=row.created_at,
        )


@strawberry.type
class SignalModelQuery:
    @strawberry.field(description="Your uploaded signal models, oldest first.")
    async def signal_models(self, info: Info) -> list[UploadedSignalModel]:
        principal = info.context.require_user()
        rows = await info.context.services.signal_models.models(principal.user_id)
        return [UploadedSignalModel.of(r) for r in rows]


@strawberry.type
class SignalModelMutation:
    @strawberry.mutation(
        description="Upload an ONNX classifier (base64, at most 2 MiB) with the signal input "
        "contract: input 'features' float32 [None, 12], output 'probabilities' float32 "
        "[None, 2] (DIRECTION) or [None, 3] (REGIME), opset 9-21. Otherwise BAD_USER_INPUT "
        "with the reason."
    )
    async def upload_signal_model(
        self, info: Info, name: str, kind: SignalModelKind, onnx_base64: str
    ) -> UploadedSignalModel:
        principal = info.context.require_user()
        row = await info.context.services.signal_models.upload(
            principal.user_id, name, kind.value, onnx_base64
        )
        return UploadedSignalModel.of(row)

    @strawberry.mutation(description="Delete one of your uploaded models; returns its id.")
    async def delete_signal_model(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        principal = info.context.require_user()
        await info.context.services.signal_models.delete(principal.user_id, str(id))
        return id
