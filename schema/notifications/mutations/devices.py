from __future__ import annotations

from schema.context import Info
from schema.notifications.types import PushDevice, PushPlatform


async def register_device(
    info: Info,
    token: str,
    platform: PushPlatform,
    locale: str = "en",
    timezone: str = "UTC",
    app_version: str | None = None,
) -> PushDevice:
    principal = info.context.require_user()
    push = info.context.services.notifications
    device = await push.devices.register(
        principal.user_id,
        token,
        platform.value,
        locale,
        timezone,
        app_version,
        push.service.clock(),
    )
    await push.fills.follow(principal.user_id)
    return PushDevice.of(device)


async def unregister_device(info: Info, token: str) -> bool:
    principal = info.context.require_user()
    return await info.context.services.notifications.devices.unregister(principal.user_id, token)
