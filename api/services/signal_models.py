"""Signal models users upload: checked against the signal contract, stored per user.

A model is accepted only if onnxruntime loads it and it meets `engine.signals.onnx_contract`
(input `features` float32 [None, 12], output `probabilities` [None, 2] for direction or
[None, 3] for regime, opset 9-21) and is at most MAX_MODEL_BYTES; otherwise `BAD_USER_INPUT`
with the reason, naming `onnxBase64`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from api.db.backtest_tables import UserSignalModel
from api.db.database import Database
from api.errors import BadUserInput, Conflict, NotFound
from engine.signals.onnx_model import OnnxClassifier

MAX_MODEL_BYTES = 2 * 1024 * 1024
MAX_MODELS_PER_USER = 20
CLASSES = {"direction": 2, "regime": 3}


class SignalModelService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def upload(self, user_id: str, name: str, kind: str, onnx_base64: str) -> UserSignalModel:
        name = name.strip()
        if not 1 <= len(name) <= 80:
            raise BadUserInput("name: 1 to 80 characters", field="name")
        if kind not in CLASSES:
            raise BadUserInput(f"kind: use one of {', '.join(CLASSES)}", field="kind")
        if len(onnx_base64) > (MAX_MODEL_BYTES * 4) // 3 + 4:
            raise BadUserInput(
                f"onnxBase64: the model is larger than {MAX_MODEL_BYTES // 1024} KiB",
                field="onnxBase64",
            )
        try:
            model = base64.b64decode(onnx_base64, validate=True)
        except (binascii.Error, ValueError):
            raise BadUserInput("onnxBase64: not valid base64", field="onnxBase64") from None
        if not model:
            raise BadUserInput("onnxBase64: empty model", field="onnxBase64")
        if len(model) > MAX_MODEL_BYTES:
            raise BadUserInput(
                f"onnxBase64: the model is larger than {MAX_MODEL_BYTES // 1024} KiB",
                field="onnxBase64",
            )
        try:  # onnxruntime builds a session: CPU work, off the event loop
            checked = await asyncio.to_thread(
                OnnxClassifier, model, what="model", classes=CLASSES[kind]
            )
        except ValueError as exc:
            raise BadUserInput(f"onnxBase64: {exc}", field="onnxBase64") from None
        row = UserSignalModel(
            user_id=user_id,
            name=name,
            kind=kind,
            opset=checked.opset,
            size_bytes=len(model),
            sha256=hashlib.sha256(model).hexdigest(),
            model=model,
        )
        async with self.db.session() as session:
            count = len(
                (
                    await session.exec(
                        select(UserSignalModel.id).where(col(UserSignalModel.user_id) == user_id)
                    )
                ).all()
            )
            if count >= MAX_MODELS_PER_USER:
                raise BadUserInput(
                    f"name: at most {MAX_MODELS_PER_USER} models; delete one first", field="name"
                )
            session.add(row)
            try:
                await session.commit()
            except IntegrityError:
                raise Conflict(f"you already have a model named {name!r}", field="name") from None
        return row

    async def models(self, user_id: str) -> list[UserSignalModel]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(UserSignalModel)
                .where(col(UserSignalModel.user_id) == user_id)
                .order_by(col(UserSignalModel.created_at), col(UserSignalModel.id))
            )
            return list(rows.all())

    async def delete(self, user_id: str, model_id: str) -> None:
        async with self.db.session() as session:
            row = await session.get(UserSignalModel, model_id)
            if row is None or row.user_id != user_id:
                raise NotFound("no such signal model", field="id")
            await session.delete(row)
            await session.commit()

    async def model_bytes(self, user_id: str, model_id: str) -> bytes:
        """The stored model (e.g. to load it for signals or a backtest)."""
        async with self.db.session() as session:
            row = await session.get(UserSignalModel, model_id)
        if row is None or row.user_id != user_id:
            raise NotFound("no such signal model", field="id")
        return row.model
