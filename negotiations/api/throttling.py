"""Throttles that read their rates when they run, so a settings change takes effect at once.

DRF's own classes copy the rates when the module is imported; these look them up per request.
Anonymous clients are keyed by address, signed-in users by id; exports and ingestion have their
own scoped budgets on top.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class _LiveRates:
    scope: str | None

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRates, AnonRateThrottle):
    pass


class UserThrottle(_LiveRates, UserRateThrottle):
    pass


class ScopedThrottle(_LiveRates, ScopedRateThrottle):
    pass
