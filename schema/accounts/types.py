from __future__ import annotations

from datetime import datetime

import strawberry

from api.db import models


@strawberry.type(description="The signed-in trader.")
class User:
    id: strawberry.ID
    email: str
    display_name: str
    is_demo: bool
    created_at: datetime

    @classmethod
    def of(cls, u: models.User) -> User:
        return cls(
            id=strawberry.ID(u.id),
            email=u.email,
            display_name=u.display_name,
            is_demo=u.is_demo,
            created_at=u.created_at,
        )


@strawberry.type(description="A new session: keep `token` secret; send it as 'Bearer <token>'.")
class AuthPayload:
    token: str
    expires_at: datetime
    user: User


@strawberry.input
class RegisterInput:
    email: str
    password: str = strawberry.field(description="10 to 256 characters.")
    display_name: str
