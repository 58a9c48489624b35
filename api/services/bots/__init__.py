"""Bots: the use cases (service.py), one running bot (runtime.py), saved strategy state
(snapshot.py), limits over an account (account_risk.py) and the risk view (risk_view.py)."""

from __future__ import annotations

from api.services.bots.records import bots_topic
from api.services.bots.risk_view import AccountRisk
from api.services.bots.service import BotService, KillSwitchResult, TemplateView

__all__ = ["AccountRisk", "BotService", "KillSwitchResult", "TemplateView", "bots_topic"]
