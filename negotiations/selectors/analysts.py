"""The analyst's own settings, as the workbench reads them."""

from __future__ import annotations

import zoneinfo

from negotiations.models import AnalystProfile

DEFAULT_TIME_ZONE = "UTC"


def analyst_time_zone(user) -> zoneinfo.ZoneInfo:
    """The zone the workbench shows ``user``'s times in: the profile's, else UTC. One query
    (none for an anonymous user)."""
    name = None
    if user.is_authenticated:
        name = (
            AnalystProfile.objects.filter(user_id=user.pk)
            .values_list("time_zone", flat=True)
            .first()
        )
    return zoneinfo.ZoneInfo(name or DEFAULT_TIME_ZONE)
