"""The push fixtures (tests/support/push_fixtures.py) for the widget refresh tests."""

from tests.support.push_fixtures import clock, fcm_credentials, fcm_standin, push  # noqa: F401
