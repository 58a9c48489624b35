"""GraphQL for push: devices, the inbox and preferences — each user sees and changes only their
own rows."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from notifications.model import Notice
from notifications.sender import LogOnlySender
from tests.conftest import GraphQLClient
from tests.support.app_services import services_of
from tests.support.polling import eventually

REGISTER = """mutation($t: String!, $p: PushPlatform!, $z: String) {
  registerDevice(token: $t, platform: $p, locale: "de-AT", timezone: $z) {
    id platform locale timezone
  }
}"""
UNREGISTER = "mutation($t: String!) { unregisterDevice(token: $t) }"
DEVICES = "{ pushDevices { id platform locale } }"
INBOX = """query($f: Int, $a: String, $u: Boolean) {
  notifications(first: $f, after: $a, unreadOnly: $u) {
    unreadCount
    edges { cursor node { id category title body dataJson deepLink delivery read } }
    pageInfo { hasNextPage endCursor }
  }
}"""
MARK = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }"
PREFS = """{ notificationPreferences {
  categories { category enabled urgent } quietHoursStart quietHoursEnd timezone
} }"""
UPDATE = """mutation($i: NotificationPreferencesInput!) {
  updateNotificationPreferences(input: $i) {
    categories { category enabled } quietHoursStart quietHoursEnd timezone
  }
}"""


async def user_id(app: Starlette, email: str) -> str:
    user = await services_of(app).accounts.find_by_email(email)
    assert user is not None
    return user.id


async def inbox(gql: GraphQLClient, token: str, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(INBOX, variables, token))["notifications"]
    return found


async def risk_notices(app: Starlette, email: str, count: int) -> None:
    uid = await user_id(app, email)
    for n in range(count):
        notice = Notice(uid, "RISK_LIMIT", "risk_limit", {"limit": f"Limit {n}"}, {"botId": "b-1"})
        await services_of(app).notifications.notify(notice)


async def test_a_device_registers_with_a_negotiated_language_and_follows_its_last_user(
    gql: GraphQLClient,
) -> None:
    alice = await gql.register("alice@example.com")
    bob = await gql.register("bob@example.com")
    variables = {"t": "fcm-token-1", "p": "IOS", "z": "Europe/Vienna"}
    device = (await gql.data(REGISTER, variables, alice))["registerDevice"]
    assert (device["platform"], device["locale"], device["timezone"]) == (
        "IOS",
        "de",
        "Europe/Vienna",
    )
    assert [d["id"] for d in (await gql.data(DEVICES, token=alice))["pushDevices"]] == [
        device["id"]
    ]
    # The same phone signs in as bob: pushes follow bob, alice no longer has it.
    await gql.data(REGISTER, variables, bob)
    assert (await gql.data(DEVICES, token=alice))["pushDevices"] == []
    assert len((await gql.data(DEVICES, token=bob))["pushDevices"]) == 1


async def test_device_input_is_checked(gql: GraphQLClient) -> None:
    alice = await gql.register("alice@example.com")
    bad_zone = {"t": "x", "p": "ANDROID", "z": "Mars/Olympus"}
    assert await gql.error_code(REGISTER, bad_zone, alice) == "BAD_USER_INPUT"
    too_long = {"t": "x" * 600, "p": "ANDROID", "z": "UTC"}
    assert await gql.error_code(REGISTER, too_long, alice) == "BAD_USER_INPUT"
    assert await gql.error_code(REGISTER, {"t": "x", "p": "ANDROID"}) == "UNAUTHENTICATED"


async def test_a_user_cannot_unregister_someone_elses_device(gql: GraphQLClient) -> None:
    alice = await gql.register("alice@example.com")
    bob = await gql.register("bob@example.com")
    await gql.data(REGISTER, {"t": "alice-phone", "p": "ANDROID", "z": "UTC"}, alice)
    assert (await gql.data(UNREGISTER, {"t": "alice-phone"}, bob))["unregisterDevice"] is False
    assert len((await gql.data(DEVICES, token=alice))["pushDevices"]) == 1
    assert (await gql.data(UNREGISTER, {"t": "alice-phone"}, alice))["unregisterDevice"] is True
    assert (await gql.data(DEVICES, token=alice))["pushDevices"] == []


async def test_the_inbox_pages_newest_first_and_tracks_read_state(
    gql: GraphQLClient, app: Starlette
) -> None:
    alice = await gql.register("alice@example.com")
    await risk_notices(app, "alice@example.com", 3)
    first = await inbox(gql, alice, f=2)
    assert first["unreadCount"] == 3
    assert first["edges"][0]["node"]["body"].startswith("Limit 2 reached")
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await inbox(gql, alice, f=2, a=first["pageInfo"]["endCursor"])
    assert [e["node"]["body"][:7] for e in rest["edges"]] == ["Limit 0"]
    node = first["edges"][0]["node"]
    assert node["category"] == "RISK_LIMIT" and node["title"] == "Risk limit reached"
    assert node["delivery"] == "in_app"  # no device yet
    assert node["deepLink"] == "cryptoorchestrator://bots/b-1"
    assert (await gql.data(MARK, {"ids": [node["id"]]}, alice))["markNotificationsRead"] == 1
    assert (await gql.data(MARK, {"ids": [node["id"]]}, alice))["markNotificationsRead"] == 0
    unread = await inbox(gql, alice, u=True)
    assert unread["unreadCount"] == 2
    assert node["id"] not in [e["node"]["id"] for e in unread["edges"]]


async def test_a_user_sees_and_marks_only_their_own_notifications(
    gql: GraphQLClient, app: Starlette
) -> None:
    alice = await gql.register("alice@example.com")
    bob = await gql.register("bob@example.com")
    await risk_notices(app, "alice@example.com", 2)
    alice_ids = [e["node"]["id"] for e in (await inbox(gql, alice))["edges"]]
    bobs = await inbox(gql, bob)
    assert (bobs["edges"], bobs["unreadCount"]) == ([], 0)
    assert (await gql.data(MARK, {"ids": alice_ids}, bob))["markNotificationsRead"] == 0
    assert (await inbox(gql, alice))["unreadCount"] == 2
    # A cursor from alice's list does not reveal anything of hers to bob either.
    cursor = (await inbox(gql, alice, f=1))["pageInfo"]["endCursor"]
    assert (await inbox(gql, bob, a=cursor))["edges"] == []


async def test_preferences_mute_categories_and_set_quiet_hours(gql: GraphQLClient) -> None:
    alice = await gql.register("alice@example.com")
    bob = await gql.register("bob@example.com")
    defaults = (await gql.data(PREFS, token=alice))["notificationPreferences"]
    assert all(c["enabled"] for c in defaults["categories"])
    assert [c["category"] for c in defaults["categories"] if c["urgent"]] == ["RISK_LIMIT"]
    assert defaults["quietHoursStart"] is None and defaults["timezone"] is None
    changes = {
        "mutedCategories": ["ORDER_FILLED", "BOT_EVENT"],
        "quietHoursStart": "22:30",
        "quietHoursEnd": "07:00",
        "timezone": "Asia/Seoul",
    }
    updated = (await gql.data(UPDATE, {"i": changes}, alice))["updateNotificationPreferences"]
    muted = {c["category"] for c in updated["categories"] if not c["enabled"]}
    assert muted == {"ORDER_FILLED", "BOT_EVENT"}
    assert (updated["quietHoursStart"], updated["quietHoursEnd"], updated["timezone"]) == (
        "22:30",
        "07:00",
        "Asia/Seoul",
    )
    # Bob's are his own.
    assert all(
        c["enabled"]
        for c in (await gql.data(PREFS, token=bob))["notificationPreferences"]["categories"]
    )
    cleared = (await gql.data(UPDATE, {"i": {"clearQuietHours": True}}, alice))[
        "updateNotificationPreferences"
    ]
    assert cleared["quietHoursStart"] is None
    assert {c["category"] for c in cleared["categories"] if not c["enabled"]} == muted


async def test_bad_preferences_are_refused_with_the_field(gql: GraphQLClient) -> None:
    alice = await gql.register("alice@example.com")
    for bad in (
        {"mutedCategories": ["NOPE"]},
        {"quietHoursStart": "25:00", "quietHoursEnd": "07:00"},
        {"quietHoursStart": "22:00"},
        {"timezone": "Nowhere/Land"},
    ):
        body = await gql.raw(UPDATE, {"i": bad}, alice)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad


async def test_without_fcm_credentials_the_app_logs_the_exact_fcm_json_it_would_send(
    gql: GraphQLClient, app: Starlette
) -> None:
    alice = await gql.register("alice@example.com")
    await gql.data(REGISTER, {"t": "alice-phone", "p": "ANDROID", "z": "UTC"}, alice)
    push = services_of(app).notifications
    sender = push.delivery.sender
    assert isinstance(sender, LogOnlySender)
    uid = await user_id(app, "alice@example.com")
    await push.hand_over(Notice(uid, "RISK_LIMIT", "risk_limit", {"limit": "Daily loss"}))

    async def sent() -> list[dict[str, Any]]:
        return sender.sent

    [body] = await eventually(sent)
    message = body["message"]
    assert message["token"] == "alice-phone"
    assert message["android"] == {"priority": "high", "ttl": "3600s", "collapse_key": "RISK_LIMIT"}
    assert message["data"]["title"] == "Risikolimit erreicht"  # the device registered de-AT
    node = (await inbox(gql, alice))["edges"][0]["node"]
    assert node["delivery"] == "push"
