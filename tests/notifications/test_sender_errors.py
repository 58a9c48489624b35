"""FCM errors, answered by the stand-in in FCM's own JSON, mapped to what delivery does."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from notifications.categories import CATEGORIES
from notifications.messages import PushContent, build_message
from notifications.sender import FcmSender, SendOutcome, SendResult
from tests.support.standins.fcm import FcmStandin

CONTENT = PushContent("n-1", CATEGORIES["RISK_LIMIT"], "Risk limit reached", "…", {}, [])


@pytest.fixture
async def sender(fcm_credentials: Path) -> AsyncIterator[FcmSender]:
    real = FcmSender(fcm_credentials)
    try:
        yield real
    finally:
        await real.close()


async def send(sender: FcmSender, token: str) -> SendResult:
    return await sender.send(
        build_message(token, "android", CONTENT, datetime(2026, 1, 1, tzinfo=UTC))
    )


async def test_an_unregistered_token_is_reported_for_removal(
    fcm_standin: FcmStandin, sender: FcmSender
) -> None:
    fcm_standin.unregister("gone")
    result = await send(sender, "gone")
    assert result.outcome is SendOutcome.TOKEN_INVALID
    assert result.error is not None and result.error.startswith("UNREGISTERED")
    assert fcm_standin.sent == []


async def test_an_invalid_token_argument_is_reported_for_removal(
    fcm_standin: FcmStandin, sender: FcmSender
) -> None:
    fcm_standin.fail_next("garbled", "INVALID_TOKEN")
    result = await send(sender, "garbled")
    assert result.outcome is SendOutcome.TOKEN_INVALID
    assert result.error is not None and result.error.startswith("INVALID_ARGUMENT")


@pytest.mark.parametrize("kind", ["QUOTA_EXCEEDED"])
async def test_quota_errors_are_retried_later(
    fcm_standin: FcmStandin, sender: FcmSender, kind: str
) -> None:
    fcm_standin.fail_next("busy", kind)
    result = await send(sender, "busy")
    assert result.outcome is SendOutcome.RETRY
    assert result.error is not None and result.error.startswith("QUOTA_EXCEEDED")
    assert len(fcm_standin.requests) == 1  # firebase-admin does not retry 429 itself


async def test_a_503_is_retried_once_at_transport_level_and_delivered(
    fcm_standin: FcmStandin, sender: FcmSender
) -> None:
    fcm_standin.fail_next("flaky", "UNAVAILABLE")
    result = await send(sender, "flaky")
    assert result.outcome is SendOutcome.SENT
    assert [r.token for r in fcm_standin.requests] == ["flaky", "flaky"]
    assert len(fcm_standin.sent) == 1


async def test_the_access_token_comes_from_the_service_accounts_token_uri(
    fcm_standin: FcmStandin, sender: FcmSender
) -> None:
    for token in ("a", "b", "c"):
        assert (await send(sender, token)).outcome is SendOutcome.SENT
    assert fcm_standin.token_requests == 1  # one signed JWT grant, reused while valid


async def test_unknown_service_account_keys_get_no_access_token(
    fcm_standin: FcmStandin, tmp_path: Path
) -> None:
    other = FcmStandin(own_key=True)  # a different RSA key, same token_uri
    account = other.service_account()
    account["token_uri"] = fcm_standin.service_account()["token_uri"]
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(account))
    wrong = FcmSender(path)
    try:
        result = await send(wrong, "x")
    finally:
        await wrong.close()
    assert result.outcome is SendOutcome.RETRY
    assert result.error is not None and result.error.startswith("AUTH")
    assert fcm_standin.requests == []
