"""Every CO_* setting in one typed place, with embedded defaults (README lists them all)."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CO_", env_file=".env", extra="ignore")

    # Where runtime files live (SQLite database, generated secret key).
    var_dir: Path = Path("var")
    # SQLAlchemy async URL; default: SQLite file var/cryptoorchestrator.db.
    database_url: str | None = None
    # Redis URL for the bus (e.g. redis://127.0.0.1:6379/0); unset: in-process bus.
    redis_url: str | None = None
    # Prefix of every Redis channel: deployments sharing one Redis pick different namespaces.
    bus_namespace: str = "co"
    # The app's web build (`expo export --platform web` output) served at "/"; `./co run` sets it.
    web_app_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # Signs session tokens. Unset: generated once into var/secret_key and reused.
    secret_key: str | None = None
    webauthn_rp_id: str = "localhost"
    webauthn_rp_name: str = "CryptoOrchestrator"
    # Comma-separated origins the WebAuthn client data may come from (web build, native app).
    webauthn_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:8000", "http://localhost:8081"]
    )
    # Step-up on the simulated (paper) venue; live venues always require it. Off: demos only.
    step_up_paper_trading: bool = True
    # Comma-separated browser origins allowed to call the API (the app's web build in dev).
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:8081", "http://127.0.0.1:8081"]
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # Simulated venue: seed (same seed, same market) and seconds between simulation steps.
    sim_seed: int = 7
    sim_tick_seconds: float = Field(default=0.25, gt=0, le=60)
    # Seed the demo user on start-up when the database has no users.
    demo_data: bool = True
    session_ttl_hours: int = Field(default=24 * 14, gt=0)
    # GraphQL limits.
    graphql_max_depth: int = Field(default=10, gt=0)
    graphql_max_aliases: int = Field(default=15, gt=0)
    graphql_max_tokens: int = Field(default=2000, gt=0)
    # Per-venue CCXT overrides as JSON, e.g. {"binance": {"urls": {...}, "options": {...}}}:
    # a self-hosted proxy or a regional endpoint (tests point venues at loopback stand-ins).
    exchange_overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # Comma-separated live venues whose public market data (books, tickers) is served through
    # CCXT, e.g. "binance,okx"; empty: the simulated venue only (offline).
    live_market_venues: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # News-sentiment bots: comma-separated RSS/Atom feed URLs (headlines for the live venues;
    # the sim venue always has its own seeded stream) and how often they are fetched.
    news_rss_urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    news_poll_seconds: float = Field(default=300, gt=0)
    # Bots: "embedded" runs every bot in the server; "streams" (needs redis_url) hands bots on
    # live venues to `cryptoorchestrator bot-worker` processes over a Redis Streams consumer
    # group; a worker silent for the lease time has its bots taken over by another.
    bot_workers: Literal["embedded", "streams"] = "embedded"
    bot_worker_lease_seconds: float = Field(default=15, gt=0, le=300)
    # Seconds a venue call may take before its outcome counts as unknown.
    exchange_timeout_seconds: float = Field(default=10, gt=0, le=120)
    # Upper bound on subscription frames per second per subscriber.
    subscription_max_rate: float = Field(default=20, gt=0)
    # Leaderboard: minimum track record to appear (days of equity, fills) and refresh period.
    leaderboard_min_days: int = Field(default=14, ge=1)
    leaderboard_min_trades: int = Field(default=20, ge=0)
    leaderboard_refresh_seconds: float = Field(default=300, gt=0)
    # Marketplace: the creator's share of every fee, in % (the platform keeps the rest).
    marketplace_creator_share_pct: float = Field(default=80, ge=0, le=100)
    # Feed: posts a user may publish per minute (RATE_LIMITED beyond).
    feed_posts_per_minute: int = Field(default=5, ge=1)
    # Push: Firebase service-account JSON file; unset: a log-only sender prints the FCM JSON.
    fcm_credentials: Path | None = None
    # Push: at most this many pushes per user per minute (the rest stay in the in-app inbox),
    # and bursts of one category within this many seconds become one push ("10 orders filled").
    push_max_per_minute: int = Field(default=10, gt=0)
    push_coalesce_seconds: float = Field(default=2.0, ge=0, le=60)

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator(
        "webauthn_origins", "cors_origins", "live_market_venues", "news_rss_urls", mode="before"
    )
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.var_dir / 'cryptoorchestrator.db').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        key_file = self.var_dir / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key
