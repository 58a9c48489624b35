"""Push fixtures: the FCM stand-in, real firebase-admin pointed at it on loopback (token_uri and
send URL), a stepped clock and Notifications built on both. Used through the conftest of
tests/notifications and tests/widgets."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from firebase_admin import messaging

from api.container import Services
from api.services.notifications import Notifications, build_notifications
from notifications.sender import FcmSender
from tests.support.standins.fcm import FcmStandin


@pytest.fixture
async def fcm_standin(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FcmStandin]:
    standin = FcmStandin()
    await standin.start()
    # firebase-admin formats this URL when a firebase app first sends: set before that.
    monkeypatch.setattr(messaging._MessagingService, "FCM_URL", standin.fcm_url)
    try:
        yield standin
    finally:
        await standin.stop()


@pytest.fixture
def fcm_credentials(fcm_standin: FcmStandin, tmp_path: Path) -> Path:
    """A service-account file (throwaway RSA key) whose token_uri is the stand-in."""
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(fcm_standin.service_account("co-test")))
    return path


CLOCK_START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday noon UTC: `clock`'s start


class FakeClock:
    """An injected clock: tests step time instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(CLOCK_START)


def build_push(services: Services, clock: FakeClock, fcm_credentials: Path) -> Notifications:
    """A notification stack on the app's database and bus, on `clock`, sending through real
    firebase-admin with the stand-in's credentials (close it when done)."""
    return build_notifications(
        services.settings,
        services.db,
        services.bus,
        services.orders,
        clock=clock,
        sender=FcmSender(fcm_credentials),
    )


@pytest.fixture
async def push(
    services: Services, clock: FakeClock, fcm_credentials: Path
) -> AsyncIterator[Notifications]:
    """Notifications on the fake clock, sending through real firebase-admin to the stand-in."""
    built = build_push(services, clock, fcm_credentials)
    try:
        yield built
    finally:
        await built.close()
