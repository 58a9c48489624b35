from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from api.settings import Settings


def test_defaults_are_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.resolved_database_url == (
        f"sqlite+aiosqlite:///{(tmp_path / 'var' / 'cryptoorchestrator.db').resolve()}"
    )
    assert settings.redis_url is None
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = Settings(var_dir=tmp_path).resolved_secret_key
    second = Settings(var_dir=tmp_path).resolved_secret_key
    assert first == second
    assert len(first) >= 32
    mode = (tmp_path / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert Settings(var_dir=tmp_path / "other").resolved_secret_key != first


def test_env_vars_with_co_prefix_configure_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CO_DATABASE_URL", "postgresql+asyncpg://u@db:5432/co")
    monkeypatch.setenv("CO_REDIS_URL", "redis://cache:6379/1")
    monkeypatch.setenv("CO_PORT", "9000")
    monkeypatch.setenv("CO_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("CO_WEBAUTHN_ORIGINS", "https://app.example.com, http://localhost:8081")
    settings = Settings()
    assert settings.resolved_database_url == "postgresql+asyncpg://u@db:5432/co"
    assert settings.redis_url == "redis://cache:6379/1"
    assert settings.port == 9000
    assert settings.log_level == "warning"
    assert settings.webauthn_origins == ["https://app.example.com", "http://localhost:8081"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("CO_PORT", "70000"), ("CO_LOG_LEVEL", "chatty"), ("CO_SIM_TICK_SECONDS", "0")],
)
def test_invalid_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()
