"""GraphQL passkey flows with a software authenticator, shared by the schema tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient
from tests.support.authenticator import SoftwareAuthenticator

PASSWORD = "correct horse battery"
REG_OPTIONS = "mutation { passkeyRegistrationOptions }"
REGISTER = """mutation($i: RegisterPasskeyInput!) {
  registerPasskey(input: $i) { id name transports cloneSuspected lastUsedAt }
}"""
LOGIN_OPTIONS = "mutation { passkeyLoginOptions }"
LOGIN = "mutation($c: String!) { loginWithPasskey(credential: $c) { token user { email } } }"
PASSKEYS = "{ passkeys { id name lastUsedAt } }"
CHALLENGE = """mutation($a: ActionInput!) {
  stepUpChallenge(action: $a) { optionsJson summary expiresAt }
}"""
REMOVE = "mutation($id: ID!, $s: StepUpAssertionInput) { removePasskey(id: $id, stepUp: $s) }"
CODES = "mutation($s: StepUpAssertionInput) { generateRecoveryCodes(stepUp: $s) { codes } }"


async def enrol(
    gql: GraphQLClient, token: str, device: SoftwareAuthenticator, **proof: Any
) -> dict[str, Any]:
    options = (await gql.data(REG_OPTIONS, token=token))["passkeyRegistrationOptions"]
    data = await gql.data(
        REGISTER, {"i": {"credential": device.create(options), "name": "Phone", **proof}}, token
    )
    passkey: dict[str, Any] = data["registerPasskey"]
    return passkey


async def step_up(
    gql: GraphQLClient, token: str, device: SoftwareAuthenticator, action: dict[str, Any]
) -> dict[str, str]:
    challenge = (await gql.data(CHALLENGE, {"a": action}, token))["stepUpChallenge"]
    return {"credential": device.get(challenge["optionsJson"])}
