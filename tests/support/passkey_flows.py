"""Service-level helpers: a user with a session and a passkey on a software authenticator."""

from __future__ import annotations

from dataclasses import dataclass

from api.container import Services
from api.services.accounts import Principal
from api.services.passkeys import EnrolmentProof
from tests.support.authenticator import SoftwareAuthenticator

PASSWORD = "correct horse battery"


@dataclass
class Enrolled:
    principal: Principal
    token: str
    authenticator: SoftwareAuthenticator
    passkey_id: str


async def signed_in(services: Services, email: str) -> tuple[Principal, str]:
    user = await services.accounts.register(email, PASSWORD, email.split("@")[0])
    issued = await services.accounts.start_session(user)
    return await services.accounts.authenticate(issued.token), issued.token


async def enrolled(services: Services, email: str) -> Enrolled:
    principal, token = await signed_in(services, email)
    authenticator = SoftwareAuthenticator()
    options = await services.passkeys.registration_options(principal)
    row = await services.passkeys.register(
        principal, authenticator.create(options), "Phone", EnrolmentProof(password=PASSWORD)
    )
    return Enrolled(principal, token, authenticator, row.id)
