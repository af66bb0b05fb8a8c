"""The admin over the real curated seed record: every list and every row's page opens.

One test loads the record once and walks every model (loading it per model costs minutes).
"""

from __future__ import annotations

import pytest
from django.test import Client

from negotiations import models as m
from negotiations.services.seed import seed_record_load
from tests.admin.test_record_admin import CASES, url

pytestmark = pytest.mark.django_db


def test_every_page_of_the_seed_record_opens(superuser_client: Client) -> None:
    seed_record_load()
    for case in CASES:
        rows = list(case.model.objects.all())
        # The curated record holds no machine proposals of new officials or tracks, and no
        # corrected amounts (a correction is a later report's).
        machine = {m.OfficialProposal, m.TrackProposal, m.CommitmentCorrection}
        assert rows or case.model in {m.Story, m.OutletDomain, *machine}, case
        response = superuser_client.get(url(case.model, "changelist"))
        assert response.status_code == 200, case
        assert len(response.context["cl"].result_list) == min(len(rows), 100), case
        for row in rows[:10]:
            response = superuser_client.get(url(case.model, "change", row.pk))
            assert response.status_code == 200, (case, row.pk)

    # Tracks show the status their approved history ends on.
    response = superuser_client.get(url(m.Track, "changelist"))
    shown = {track.pk: track.current_status for track in response.context["cl"].result_list}
    for track in m.Track.objects.all():
        latest = (
            track.status_changes.filter(review_state=m.ReviewState.APPROVED)
            .order_by("-effective_date", "-id")
            .first()
        )
        assert shown[track.pk] == (latest.status if latest else None)
    assert any(shown.values())
