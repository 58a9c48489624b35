"""A bot's states and the moves between them (the service enforces them).

stopped --start--> running --pause--> paused --start--> running (resumes its state)
running/paused/error --stop--> stopped (open orders cancelled; the next start is fresh)
running --strategy raised--> error      running --daily loss--> paused
"""

from __future__ import annotations

from enum import StrEnum


class BotState(StrEnum):
    STOPPED = "stopped"
    RUNNING = "running"
    PAUSED = "paused"
    ERROR = "error"


class BotAction(StrEnum):
    START = "start"
    STOP = "stop"
    PAUSE = "pause"
    UPDATE = "update"  # structural params
    DELETE = "delete"


_ALLOWED: dict[BotAction, frozenset[BotState]] = {
    BotAction.START: frozenset({BotState.STOPPED, BotState.PAUSED, BotState.ERROR}),
    BotAction.STOP: frozenset(BotState),  # idempotent: stopping a stopped bot changes nothing
    BotAction.PAUSE: frozenset({BotState.RUNNING, BotState.PAUSED}),
    BotAction.UPDATE: frozenset({BotState.STOPPED, BotState.ERROR}),
    BotAction.DELETE: frozenset({BotState.STOPPED, BotState.ERROR}),
}


def allowed(action: BotAction, state: BotState) -> bool:
    return state in _ALLOWED[action]


def resumes(state: BotState) -> bool:
    """Starting from `state` continues the saved strategy state (else: a fresh strategy)."""
    return state is BotState.PAUSED
