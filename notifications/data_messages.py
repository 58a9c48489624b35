"""Silent data messages: no notification is shown, the app acts on them in the background.

`widget_refresh` tells the phone to redraw its home-screen widgets now (between Android's
30-minute widget updates): `{"type": "widget_refresh", "kinds": "portfolio,bots"}`.

- Android: an FCM data message, high priority (so a dozing phone wakes for it), a short TTL (a
  refresh that arrives late is worthless) and the collapse key `widget_refresh` (several queued
  while the phone was offline arrive as one).
- iOS: an APNs background push (`content-available`, push type `background`, priority 5 as
  Apple requires for it, collapse id `widget_refresh`) with the same keys; the app reloads its
  WidgetKit timelines.
- Web: nothing (browsers have no home-screen widgets).

`DataMessenger` sends one such message to every device of a user through the existing
`PushSender` (real firebase-admin) and removes tokens FCM reports dead. It is best-effort and
not queued: a refresh that fails is superseded by the next change or the periodic update.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from firebase_admin import messaging

from notifications.sender import PushSender, SendOutcome

log = logging.getLogger(__name__)

WIDGET_REFRESH = "widget_refresh"
WIDGET_REFRESH_TTL = timedelta(minutes=5)
SEND_TIMEOUT_SECONDS = 10.0


def widget_refresh_data(kinds: Sequence[str]) -> dict[str, str]:
    """The data keys (FCM data values are strings): kinds comma-separated, in the given order."""
    return {"type": WIDGET_REFRESH, "kinds": ",".join(dict.fromkeys(kinds))}


def widget_refresh_message(
    token: str, platform: str, kinds: Sequence[str], now: datetime
) -> messaging.Message | None:
    """The `widget_refresh` message for one device; None where the platform has no widgets."""
    data = widget_refresh_data(kinds)
    # `token` is deprecated in firebase-admin 7.7 in favour of installation ids, which the app
    # does not have (see notifications.messages.build_message).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if platform == "android":
            return messaging.Message(
                token=token,
                data=data,
                android=messaging.AndroidConfig(
                    priority="high", ttl=WIDGET_REFRESH_TTL, collapse_key=WIDGET_REFRESH
                ),
            )
        if platform == "ios":
            expires = int((now + WIDGET_REFRESH_TTL).timestamp())
            return messaging.Message(
                token=token,
                apns=messaging.APNSConfig(
                    headers={
                        "apns-push-type": "background",
                        "apns-priority": "5",
                        "apns-expiration": str(expires),
                        "apns-collapse-id": WIDGET_REFRESH,
                    },
                    payload=messaging.APNSPayload(
                        aps=messaging.Aps(content_available=True), **data
                    ),
                ),
            )
    return None


class Device(Protocol):
    """What a registered device needs to offer (api.db.notification_tables.PushDevice)."""

    @property
    def id(self) -> str: ...

    @property
    def token(self) -> str: ...

    @property
    def platform(self) -> str: ...


DevicesOf = Callable[[str], Awaitable[Sequence[Device]]]
RemoveDevice = Callable[[str], Awaitable[None]]


class DataMessenger:
    """Sends `widget_refresh` to each of a user's devices; returns how many FCM accepted."""

    def __init__(
        self,
        sender: PushSender,
        devices_of: DevicesOf,
        remove_device: RemoveDevice,
        clock: Callable[[], datetime],
        *,
        timeout: float = SEND_TIMEOUT_SECONDS,
    ) -> None:
        self.sender = sender
        self.devices_of = devices_of
        self.remove_device = remove_device
        self.clock = clock
        self.timeout = timeout

    async def widget_refresh(self, user_id: str, kinds: Sequence[str]) -> int:
        sent = 0
        now = self.clock()
        for device in await self.devices_of(user_id):
            message = widget_refresh_message(device.token, device.platform, kinds, now)
            if message is None:
                continue
            try:
                result = await asyncio.wait_for(self.sender.send(message), self.timeout)
            except TimeoutError:
                log.warning("widget_refresh to device %s timed out", device.id)
                continue
            if result.outcome is SendOutcome.SENT:
                sent += 1
            elif result.outcome is SendOutcome.TOKEN_INVALID:
                await self.remove_device(device.id)
            else:  # best-effort: the next change or the periodic update redraws the widget
                log.info("widget_refresh to device %s not sent: %s", device.id, result.error)
        return sent
