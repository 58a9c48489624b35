"""Serves the app's web build (an `expo export --platform web` folder) as a single-page app.

Files are served as they are; any other GET path that is not an API route gets index.html, so
client-side routes (/market/BTC-USDT, /account ...) load the app, which then routes itself.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope


class SinglePageApp(StaticFiles):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or Path(path).suffix:
                raise  # a missing asset (.js, .png ...) stays a 404
            return await super().get_response("index.html", scope)


def has_web_build(directory: Path) -> bool:
    return (directory / "index.html").is_file()
