"""Alerts: user-facing use cases (service.py), storage and the exactly-once claim (store.py),
what a fired alert does (actions.py), input and the step-up binding (spec.py, validation.py).
The evaluator loop is api/workers/alert_evaluator.py; rules and the index are engine/alerts."""

from api.services.alerts.actions import AlertActions, BotControl, Notify
from api.services.alerts.service import CHANGES_TOPIC, AlertService, alerts_topic
from api.services.alerts.store import AlertStore

__all__ = [
    "CHANGES_TOPIC",
    "AlertActions",
    "AlertService",
    "AlertStore",
    "BotControl",
    "Notify",
    "alerts_topic",
]
