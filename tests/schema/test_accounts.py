from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from starlette.applications import Starlette

from api.db.models import AuthSession, utcnow
from tests.conftest import GraphQLClient

ME = "{ me { email displayName isDemo } }"


async def test_register_then_me_returns_the_user(gql: GraphQLClient) -> None:
    token = await gql.register("Alice@Example.com")
    data = await gql.data(ME, token=token)
    assert data["me"] == {"email": "alice@example.com", "displayName": "Alice", "isDemo": False}


async def test_login_with_password_issues_a_working_token(gql: GraphQLClient) -> None:
    await gql.register("bob@example.com", "a long password 1")
    data = await gql.data(
        'mutation { login(email: " BOB@example.com ", password: "a long password 1")'
        " { token expiresAt user { email } } }"
    )
    assert data["login"]["user"]["email"] == "bob@example.com"
    me = await gql.data(ME, token=data["login"]["token"])
    assert me["me"]["email"] == "bob@example.com"


async def test_wrong_password_and_unknown_email_are_unauthenticated(gql: GraphQLClient) -> None:
    await gql.register("carol@example.com", "the right password")
    for email, password in (("carol@example.com", "the wrong password"), ("x@y.zz", "whatever1")):
        code = await gql.error_code(
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            {"e": email, "p": password},
        )
        assert code == "UNAUTHENTICATED"


async def test_me_without_or_with_bad_token_is_unauthenticated(gql: GraphQLClient) -> None:
    assert await gql.error_code(ME) == "UNAUTHENTICATED"
    assert await gql.error_code(ME, token="co_not-a-real-token") == "UNAUTHENTICATED"


async def test_logout_revokes_the_token(gql: GraphQLClient) -> None:
    token = await gql.register("dave@example.com")
    assert (await gql.data("mutation { logout }", token=token))["logout"] is True
    assert await gql.error_code(ME, token=token) == "UNAUTHENTICATED"


async def test_expired_session_is_unauthenticated(app: Starlette, gql: GraphQLClient) -> None:
    token = await gql.register("erin@example.com")
    async with app.state.services.db.session() as session:
        await session.exec(update(AuthSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        await session.commit()
    body = await gql.raw(ME, token=token)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "expired" in body["errors"][0]["message"]


async def test_duplicate_email_is_a_conflict(gql: GraphQLClient) -> None:
    await gql.register("frank@example.com")
    code = await gql.error_code(
        "mutation($i: RegisterInput!) { register(input: $i) { token } }",
        {"i": {"email": "FRANK@example.com", "password": "another password", "displayName": "F"}},
    )
    assert code == "CONFLICT"


async def test_bad_registration_input_is_rejected_with_the_field(gql: GraphQLClient) -> None:
    cases = [
        ({"email": "not-an-email", "password": "long enough pw", "displayName": "X"}, "email"),
        ({"email": "g@example.com", "password": "short", "displayName": "X"}, "password"),
        (
            {"email": "g@example.com", "password": "long enough pw", "displayName": " "},
            "displayName",
        ),
    ]
    for given, field in cases:
        body = await gql.raw(
            "mutation($i: RegisterInput!) { register(input: $i) { token } }", {"i": given}
        )
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_password_is_stored_hashed(app: Starlette, gql: GraphQLClient) -> None:
    await gql.register("gina@example.com", "plain text secret")
    user = await app.state.services.accounts.find_by_email("gina@example.com")
    assert user is not None
    assert "plain text secret" not in user.password_hash
    assert user.password_hash.startswith("$argon2id$")
