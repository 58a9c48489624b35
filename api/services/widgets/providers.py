"""Where the bots, alerts, signal and watchlist widgets get their data.

Those features live elsewhere; the composition root passes callables in. Until one is wired the
default answers "none yet", which is a valid, empty payload.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from widgets.inputs import AlertLine, BotsData, SignalLine

BotsProvider = Callable[[str], Awaitable[BotsData | None]]
LastAlertProvider = Callable[[str], Awaitable[AlertLine | None]]
SignalProvider = Callable[[str], Awaitable[SignalLine | None]]
WatchlistProvider = Callable[[str], Awaitable[Sequence[str] | None]]


async def no_bots(user_id: str) -> BotsData | None:
    return None


async def no_alert(user_id: str) -> AlertLine | None:
    return None


async def no_signal(user_id: str) -> SignalLine | None:
    return None


async def default_watchlist(user_id: str) -> Sequence[str] | None:
    """None: the service shows the venue's first listed symbols."""
    return None


@dataclass(frozen=True)
class WidgetProviders:
    """Per-user data callables (user id → data); each returns None when there is nothing yet."""

    bots: BotsProvider = no_bots
    last_alert: LastAlertProvider = no_alert
    strongest_signal: SignalProvider = no_signal
    watchlist: WatchlistProvider = default_watchlist
