from __future__ import annotations

import datetime as dt

import pytest

from negotiations import models as m
from negotiations.selectors.tracks import track_list_with_current_status
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_current_status_is_the_latest_approved_change() -> None:
    track = f.TrackFactory()
    Status = m.StatusChange.Status
    f.StatusChangeFactory(track=track, status=Status.ANNOUNCED, effective_date=dt.date(2023, 7, 12))
    f.StatusChangeFactory(
        track=track, status=Status.TALKS_UNDER_WAY, effective_date=dt.date(2023, 8, 1)
    )
    # Entered later but dated earlier: the effective date decides, not the entry order.
    f.StatusChangeFactory(track=track, status=Status.PROPOSED, effective_date=dt.date(2023, 6, 1))
    # Proposals awaiting review or rejected never change what the track shows.
    f.StatusChangeFactory(
        track=track,
        status=Status.SIGNED,
        effective_date=dt.date(2024, 1, 12),
        review_state=m.ReviewState.PENDING,
    )
    f.StatusChangeFactory(
        track=track,
        status=Status.ABANDONED,
        effective_date=dt.date(2024, 2, 1),
        review_state=m.ReviewState.REJECTED,
    )
    untouched = f.TrackFactory()

    rows = {t.pk: t for t in track_list_with_current_status()}
    assert rows[track.pk].current_status == Status.TALKS_UNDER_WAY
    assert rows[track.pk].current_status_date == dt.date(2023, 8, 1)
    assert rows[untouched.pk].current_status is None
    assert rows[untouched.pk].current_status_date is None


def test_current_status_same_day_falls_back_to_entry_order() -> None:
    track = f.TrackFactory()
    day = dt.date(2024, 6, 13)
    f.StatusChangeFactory(track=track, status=m.StatusChange.Status.AGREED, effective_date=day)
    f.StatusChangeFactory(track=track, status=m.StatusChange.Status.SIGNED, effective_date=day)
    assert track_list_with_current_status().get(pk=track.pk).current_status == "signed"


def test_track_list_is_one_query(django_assert_num_queries) -> None:
    for _ in range(5):
        f.StatusChangeFactory(track=f.TrackFactory(with_parent=True))
    with django_assert_num_queries(1):
        rows = [(t.name, t.parent, t.current_status) for t in track_list_with_current_status()]
    assert len(rows) == 10  # five tracks and their five parents
    assert sum(1 for _, parent, status in rows if parent and status == "announced") == 5
