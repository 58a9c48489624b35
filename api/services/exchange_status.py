"""How each of a user's venue connections is doing: measured on the calls the service makes
anyway (no extra probing that would spend the venue's rate limit).

`MonitoredExchange` wraps an account's Exchange and records REST latency (moving average),
the last error, when a websocket update last arrived and how often a stream had to resync."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from engine.exchanges.errors import ExchangeError, NetworkError
from engine.exchanges.protocol import Exchange

LATENCY_SMOOTHING = 0.2  # weight of the newest sample in the moving average


@dataclass
class ConnectionStats:
    calls: int = 0
    rest_latency_ms: float | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    last_stream_message_at: datetime | None = None
    resyncs: int = 0  # stream errors (gap, drop): each makes the next watch resubscribe

    @property
    def connected(self) -> bool:
        """No network failure since the last successful call."""
        if self.last_error_at is None:
            return True
        return self.last_ok_at is not None and self.last_ok_at > self.last_error_at


class MonitoredExchange:
    """Delegates every Exchange method, measuring as it goes."""

    def __init__(self, inner: Exchange) -> None:
        self.inner = inner
        self.stats = ConnectionStats()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if not callable(attribute) or name == "close":
            return attribute
        return self._measured(name, attribute)

    def _measured(
        self, name: str, call: Callable[..., Awaitable[Any]]
    ) -> Callable[..., Awaitable[Any]]:
        stats = self.stats
        streaming = name.startswith("watch_")

        async def measured(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                result = await call(*args, **kwargs)
            except NetworkError as exc:
                stats.last_error, stats.last_error_at = str(exc) or exc.code, datetime.now(UTC)
                stats.resyncs += streaming
                raise
            except ExchangeError:
                raise  # the venue answered (a refused order is not a connection problem)
            now = datetime.now(UTC)
            stats.calls += 1
            stats.last_ok_at = now
            if streaming:
                stats.last_stream_message_at = now
            else:
                sample = (time.perf_counter() - started) * 1000
                previous = stats.rest_latency_ms
                stats.rest_latency_ms = (
                    sample
                    if previous is None
                    else previous + LATENCY_SMOOTHING * (sample - previous)
                )
            return result

        return measured

    async def close(self) -> None:
        await self.inner.close()

    def rate_limit_headroom(self) -> float | None:
        """0..1 of the venue's request budget left now (None: the venue adapter cannot tell)."""
        headroom = getattr(self.inner, "rate_limit_headroom", None)
        return None if headroom is None else cast(float | None, headroom())


def monitored(exchange: Exchange) -> Exchange:
    return (
        exchange
        if isinstance(exchange, MonitoredExchange)
        else cast(Exchange, MonitoredExchange(exchange))
    )


@dataclass(frozen=True)
class AccountConnection:
    account_id: str
    venue: str
    label: str
    connected: bool
    rest_latency_ms: float | None
    stream_message_age_s: float | None
    resyncs: int
    rate_limit_headroom: float | None
    last_error: str | None
    last_error_at: datetime | None


def account_connection(
    account_id: str, venue: str, label: str, exchange: MonitoredExchange | None, *, in_process: bool
) -> AccountConnection:
    """The paper venue runs in-process (always connected, nothing to measure); a live account
    without an attached client (keys removed) is not connected."""
    if exchange is None:
        return AccountConnection(
            account_id, venue, label, in_process, None, None, 0, None, None, None
        )
    stats = exchange.stats
    age = (
        None
        if stats.last_stream_message_at is None
        else (datetime.now(UTC) - stats.last_stream_message_at).total_seconds()
    )
    return AccountConnection(
        account_id=account_id,
        venue=venue,
        label=label,
        connected=stats.connected,
        rest_latency_ms=stats.rest_latency_ms,
        stream_message_age_s=age,
        resyncs=stats.resyncs,
        rate_limit_headroom=exchange.rate_limit_headroom(),
        last_error=stats.last_error,
        last_error_at=stats.last_error_at,
    )
