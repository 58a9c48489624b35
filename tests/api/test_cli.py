"""The console script's maintenance commands, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(*args: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CO_")}
    env["CO_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_db_upgrade_then_demo_seeds_once_and_reset_recreates(tmp_path: Path) -> None:
    upgraded = cli("db", "upgrade", var_dir=tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "is up to date" in upgraded.stdout
    assert (tmp_path / "cryptoorchestrator.db").exists()

    first = cli("demo", var_dir=tmp_path)
    again = cli("demo", var_dir=tmp_path)
    reset = cli("demo", "--reset", var_dir=tmp_path)
    assert [r.returncode for r in (first, again, reset)] == [0, 0, 0], reset.stderr
    assert first.stdout.startswith("created demo user demo@cryptoorchestrator.dev")
    assert again.stdout.startswith("kept existing demo user")
    assert reset.stdout.startswith("created demo user")


def test_export_schema_check_passes_on_the_checked_in_sdl(tmp_path: Path) -> None:
    result = cli("export-schema", "--check", var_dir=tmp_path)
    assert result.returncode == 0
    assert "is up to date" in result.stdout


def test_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("launch-rockets", var_dir=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
