"""Home-screen widget snapshots: precomputed per (user, kind, size), refreshed on change."""

from api.services.widgets.providers import WidgetProviders
from api.services.widgets.service import WidgetService

__all__ = ["WidgetProviders", "WidgetService"]
