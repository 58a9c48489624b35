"""Sending one FCM message: firebase-admin for real, or a log-only sender (embedded default).

Errors become a `SendResult` the delivery queue acts on: a dead token is removed, a transient
failure is retried with backoff, anything else is logged as failed. firebase-admin itself retries
HTTP 500/503 a few times at transport level (urllib3) before an error reaches us.
"""

from __future__ import annotations

import asyncio
import enum
import itertools
import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import firebase_admin
import google.auth.exceptions
from firebase_admin import credentials, exceptions, messaging

from notifications.messages import fcm_request_body

log = logging.getLogger(__name__)


class SendOutcome(enum.Enum):
    SENT = "sent"
    TOKEN_INVALID = "token_invalid"  # remove the device token
    RETRY = "retry"  # transient: try again later
    FAILED = "failed"  # permanent for this message (e.g. a payload FCM refuses)


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: SendOutcome
    message_id: str | None = None
    error: str | None = None


class PushSender(Protocol):
    async def send(self, message: messaging.Message) -> SendResult: ...

    async def close(self) -> None: ...


_RETRYABLE = (
    exceptions.UnavailableError,
    exceptions.InternalError,
    exceptions.ResourceExhaustedError,  # QUOTA_EXCEEDED (messaging.QuotaExceededError) included
    exceptions.DeadlineExceededError,
    exceptions.UnknownError,  # no HTTP answer at all (connection refused, reset)
)


def _names_the_token(error: exceptions.InvalidArgumentError) -> bool:
    """INVALID_ARGUMENT is about the token when FCM's field violation names `message.token`
    (or its message says the registration token is not valid)."""
    response = error.http_response
    if response is not None:
        try:
            body = response.json()
        except ValueError:
            body = {}
        for detail in body.get("error", {}).get("details", []) or []:
            for violation in detail.get("fieldViolations", []) or []:
                if violation.get("field") == "message.token":
                    return True
    return "registration token" in str(error).lower()


_FCM_CODES: dict[type[Exception], str] = {
    messaging.UnregisteredError: "UNREGISTERED",
    messaging.QuotaExceededError: "QUOTA_EXCEEDED",
    messaging.SenderIdMismatchError: "SENDER_ID_MISMATCH",
    messaging.ThirdPartyAuthError: "THIRD_PARTY_AUTH_ERROR",
}


def classify(error: Exception) -> SendResult:
    """What to do after firebase-admin raised `error` for one message."""
    code = _FCM_CODES.get(type(error)) or getattr(error, "code", type(error).__name__)
    text = f"{code}: {error}"
    if isinstance(error, messaging.UnregisteredError | messaging.SenderIdMismatchError):
        return SendResult(SendOutcome.TOKEN_INVALID, error=text)
    if isinstance(error, exceptions.InvalidArgumentError):
        outcome = SendOutcome.TOKEN_INVALID if _names_the_token(error) else SendOutcome.FAILED
        return SendResult(outcome, error=text)
    if isinstance(error, _RETRYABLE):
        return SendResult(SendOutcome.RETRY, error=text)
    return SendResult(SendOutcome.FAILED, error=text)


class FcmSender:
    """firebase-admin with a service-account file (`CO_FCM_CREDENTIALS`)."""

    def __init__(self, credentials_path: Path) -> None:
        certificate = credentials.Certificate(str(credentials_path))
        # A name of its own: several services (tests, replicas in one process) never collide.
        name = f"cryptoorchestrator-{uuid.uuid4().hex[:8]}"
        self.app = firebase_admin.initialize_app(certificate, name=name)

    async def send(self, message: messaging.Message) -> SendResult:
        try:
            # messaging.send is blocking (requests): keep it off the event loop.
            message_id = await asyncio.to_thread(messaging.send, message, app=self.app)
        except exceptions.FirebaseError as error:
            return classify(error)
        except google.auth.exceptions.GoogleAuthError as error:  # no access token (yet)
            return SendResult(SendOutcome.RETRY, error=f"AUTH: {error}")
        except ValueError as error:  # refused by firebase-admin before sending
            return SendResult(SendOutcome.FAILED, error=f"INVALID_MESSAGE: {error}")
        return SendResult(SendOutcome.SENT, message_id=message_id)

    async def close(self) -> None:
        # Its cleanup runs asyncio.run() for the httpx client: not on our running loop.
        await asyncio.to_thread(firebase_admin.delete_app, self.app)


class LogOnlySender:
    """Embedded default: logs the exact FCM v1 request body it would POST, sends nothing."""

    def __init__(self, project_id: str = "log-only") -> None:
        self.project_id = project_id
        self.sent: list[dict[str, Any]] = []  # the bodies, newest last (for the dev console)
        self._ids = itertools.count(1)

    async def send(self, message: messaging.Message) -> SendResult:
        body = fcm_request_body(message)
        self.sent.append(body)
        del self.sent[:-100]
        log.info(
            "push (log-only, set CO_FCM_CREDENTIALS to send): POST "
            "https://fcm.googleapis.com/v1/projects/%s/messages:send %s",
            self.project_id,
            json.dumps(body, ensure_ascii=False, sort_keys=True),
        )
        return SendResult(
            SendOutcome.SENT, message_id=f"projects/{self.project_id}/messages/{next(self._ids)}"
        )

    async def close(self) -> None:
        return None


def create_sender(credentials_path: Path | None) -> PushSender:
    if credentials_path is None:
        return LogOnlySender()
    return FcmSender(credentials_path)
