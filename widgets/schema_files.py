"""The JSON Schema of each widget payload (widgets/schemas/<kind>.json): the iOS contract."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from widgets.kinds import WidgetKind

SCHEMA_DIR = Path(__file__).parent / "schemas"


@cache
def payload_schema(kind: WidgetKind) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / f"{kind}.json").read_text())
    return schema
