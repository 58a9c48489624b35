"""Users made directly in the database, for service-level tests that never log in."""

from __future__ import annotations

from api.container import Services
from api.db.models import User


async def new_user(services: Services, email: str) -> str:
    """A user row (no password hashing: these tests never log in)."""
    user = User(email=email, password_hash="-", display_name=email.split("@")[0])
    async with services.db.session() as session:
        session.add(user)
        await session.commit()
    return user.id
