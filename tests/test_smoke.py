"""The installed console script serves the product end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _console_script() -> str:
    found = Path(sys.executable).with_name("cryptoorchestrator")
    if found.exists():
        return str(found)
    on_path = shutil.which("cryptoorchestrator")
    assert on_path, "console script `cryptoorchestrator` is not installed (pip install -e .)"
    return on_path


@pytest.mark.slow
def test_console_script_serves_markets(tmp_path: Path, free_port: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CO_")}
    env["CO_VAR_DIR"] = str(tmp_path / "var")
    process = subprocess.Popen(
        [_console_script(), "serve", "--port", str(free_port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{free_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not become healthy in 60 s"
            time.sleep(0.2)
        response = httpx.post(f"{base}/graphql", json={"query": "{ markets { symbol } }"})
        assert len(response.json()["data"]["markets"]) >= 10
        assert (tmp_path / "var" / "cryptoorchestrator.db").exists()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert f"GraphQL endpoint : {base}/graphql" in output
    assert "Demo login" in output
    # uvicorn shuts down gracefully on SIGTERM, then re-raises it (exit status -15).
    assert "Application shutdown complete" in output
    assert process.returncode in (0, -15), output
