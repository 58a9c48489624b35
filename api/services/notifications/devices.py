"""Device tokens: register (a token moves to whoever registers it last), unregister, remove."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete
from sqlmodel import col, select

from api.db.database import Database
from api.db.notification_tables import PushDevice
from api.errors import BadUserInput
from notifications.i18n import negotiate
from notifications.messages import PLATFORMS

MAX_TOKEN_LENGTH = 512


def check_timezone(name: str, field: str = "timezone") -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadUserInput(f"unknown time zone {name!r} (use an IANA name)", field=field) from None
    return name


class DeviceRegistry:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def register(
        self,
        user_id: str,
        token: str,
        platform: str,
        locale: str,
        timezone: str,
        app_version: str | None,
        now: datetime,
    ) -> PushDevice:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise BadUserInput("token must be 1 to 512 characters", field="token")
        if platform not in PLATFORMS:
            raise BadUserInput(f"platform must be one of {', '.join(PLATFORMS)}", field="platform")
        check_timezone(timezone)
        if app_version is not None and len(app_version) > 32:
            raise BadUserInput("appVersion is at most 32 characters", field="appVersion")
        async with self.db.session() as session:
            device = (
                await session.exec(select(PushDevice).where(col(PushDevice.token) == token))
            ).first()
            if device is None:
                device = PushDevice(token=token, user_id=user_id, platform=platform, created_at=now)
            # The phone signed in as someone else: its pushes follow the new user.
            device.user_id = user_id
            device.platform = platform
            device.locale = negotiate(locale)
            device.timezone = timezone
            device.app_version = app_version
            device.last_seen_at = now
            session.add(device)
            await session.commit()
        return device

    async def unregister(self, user_id: str, token: str) -> bool:
        async with self.db.session() as session:
            result = await session.exec(
                delete(PushDevice).where(
                    col(PushDevice.token) == token.strip(), col(PushDevice.user_id) == user_id
                )
            )
            await session.commit()
        return bool(result.rowcount)

    async def remove(self, device_id: str) -> None:
        """FCM said the token is dead (UNREGISTERED / invalid)."""
        async with self.db.session() as session:
            await session.exec(delete(PushDevice).where(col(PushDevice.id) == device_id))
            await session.commit()

    async def of_user(self, user_id: str) -> list[PushDevice]:
        """Most recently seen first (its language and time zone speak for the user)."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(PushDevice)
                .where(col(PushDevice.user_id) == user_id)
                .order_by(col(PushDevice.last_seen_at).desc(), col(PushDevice.id))
            )
            return list(rows.all())

    async def users_with_devices(self) -> list[str]:
        async with self.db.session() as session:
            rows = await session.exec(select(PushDevice.user_id).distinct())
            return list(rows.all())
