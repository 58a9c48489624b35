"""The `widget_refresh` data message: exact FCM v1 JSON per platform, sent by real firebase-admin
to the loopback FCM stand-in when a widget reader's bots change state; rate-limited per user."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from api.container import Services
from api.services.notifications import Notifications
from api.services.widgets import WidgetProviders, WidgetService
from api.services.widgets.push import RefreshTrigger, link_widget_refresh
from notifications.data_messages import DataMessenger, widget_refresh_message
from notifications.sender import FcmSender
from tests.support.push_fixtures import CLOCK_START, FakeClock
from tests.support.standins.fcm import FcmStandin
from tests.support.users import new_user
from widgets.inputs import BotLine, BotsData

START = CLOCK_START  # where the `clock` fixture stands until a test moves it
EXPIRES = str(int((START + timedelta(minutes=5)).timestamp()))


def android_body(token: str, kinds: str) -> dict[str, object]:
    return {
        "message": {
            "token": token,
            "data": {"type": "widget_refresh", "kinds": kinds},
            "android": {"priority": "high", "ttl": "300s", "collapse_key": "widget_refresh"},
        }
    }


def ios_body(token: str, kinds: str, expires: str = EXPIRES) -> dict[str, object]:
    return {
        "message": {
            "token": token,
            "apns": {
                "headers": {
                    "apns-push-type": "background",
                    "apns-priority": "5",
                    "apns-expiration": expires,
                    "apns-collapse-id": "widget_refresh",
                },
                "payload": {
                    "aps": {"content-available": 1},
                    "type": "widget_refresh",
                    "kinds": kinds,
                },
            },
        }
    }


async def test_exact_fcm_json_per_platform_through_real_firebase_admin(
    fcm_standin: FcmStandin, fcm_credentials: Path
) -> None:
    sender = FcmSender(fcm_credentials)
    try:
        for token, platform in (("dev-a", "android"), ("dev-i", "ios")):
            message = widget_refresh_message(token, platform, ["portfolio", "bots"], START)
            assert message is not None
            assert (await sender.send(message)).message_id is not None
    finally:
        await sender.close()
    assert fcm_standin.bodies_for("dev-a") == [android_body("dev-a", "portfolio,bots")]
    assert fcm_standin.bodies_for("dev-i") == [ios_body("dev-i", "portfolio,bots")]
    # No notification block anywhere: a silent data message, nothing is shown.
    assert all("notification" not in sent.body["message"] for sent in fcm_standin.sent)
    assert widget_refresh_message("dev-w", "web", ["bots"], START) is None  # no widgets on web


class Bots:
    """The bots provider, changed by the test (the widget service reads it on refresh)."""

    def __init__(self) -> None:
        self.states: dict[str, str] = {}

    async def __call__(self, user_id: str) -> BotsData | None:
        state = self.states.get(user_id)
        if state is None:
            return None
        running = int(state == "running")
        return BotsData(running, int(state == "error"), [BotLine("b1", "Grid", state)])


async def test_a_bot_state_change_pushes_widget_refresh_to_the_readers_phones_only(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    alice = await new_user(services, "alice@example.com")
    bob = await new_user(services, "bob@example.com")
    for token, platform, owner in (
        ("alice-android", "android", alice),
        ("alice-ios", "ios", alice),
        ("alice-web", "web", alice),
        ("bob-android", "android", bob),
    ):
        await push.devices.register(owner, token, platform, "en", "UTC", None, clock())
    bots = Bots()
    bots.states = {alice: "running", bob: "running"}
    widgets = WidgetService(
        services.portfolio, services.market, WidgetProviders(bots=bots), clock=clock
    )
    link_widget_refresh(widgets, push)
    for user in (alice, bob):
        await widgets.snapshot(user, "bots", "small")  # both have widgets: the baseline

    bots.states[alice] = "error"
    await widgets.refresh_readers(("bots",))
    assert fcm_standin.bodies_for("alice-android") == [android_body("alice-android", "bots")]
    assert fcm_standin.bodies_for("alice-ios") == [ios_body("alice-ios", "bots")]
    assert len(fcm_standin.requests) == 2  # not the web device, nothing for bob

    bots.states[alice] = "running"  # changed again a minute later: rate-limited
    clock.now += timedelta(minutes=1)
    await widgets.refresh_readers(("bots",))
    assert len(fcm_standin.requests) == 2

    fcm_standin.unregister("alice-android")  # the Android app was uninstalled meanwhile
    clock.now += timedelta(minutes=4)
    bots.states[alice] = "paused"
    await widgets.refresh_readers(("bots",))
    later = str(int((clock.now + timedelta(minutes=5)).timestamp()))
    assert fcm_standin.bodies_for("alice-ios")[-1] == ios_body("alice-ios", "bots", later)
    assert {d.token for d in await push.devices.of_user(alice)} == {"alice-ios", "alice-web"}
    assert fcm_standin.bodies_for("bob-android") == []


async def test_a_user_without_devices_costs_no_send(
    services: Services, push: Notifications, fcm_standin: FcmStandin, clock: FakeClock
) -> None:
    user = await new_user(services, "a@example.com")
    messenger = DataMessenger(
        push.delivery.sender, push.devices.of_user, push.devices.remove, clock
    )
    assert await messenger.widget_refresh(user, ["portfolio"]) == 0
    assert fcm_standin.requests == []


async def test_the_service_stack_links_the_trigger_to_the_widgets(services: Services) -> None:
    assert any(isinstance(listener, RefreshTrigger) for listener in services.widgets.listeners)
