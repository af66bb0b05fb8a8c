"""A track's time window comes from the curated record alone, so that a report is read the same
whatever was read before it: machine proposals wait for review and steer nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from negotiations.models import Origin, ReviewState
from negotiations.services.entities import entity_index_get
from negotiations.services.statuses import (
    article_tracks_select,
    status_changes_propose,
    track_matcher_build,
    track_seasons,
)
from tests.factories import (
    ArticleFactory,
    StatusChangeFactory,
    TrackFactory,
    TrackParticipantFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _istanbul_tracks():
    """The 2022 and the 2025 Istanbul talks: the same words, a curated history each."""
    talks_2022 = TrackFactory(name="Istanbul talks 2022", keywords="Istanbul talks")
    talks_2025 = TrackFactory(name="Istanbul talks 2025", keywords="Istanbul talks")
    for track, days in (
        (talks_2022, (D(2022, 2, 28), D(2022, 5, 17))),
        (talks_2025, (D(2025, 5, 11), D(2025, 7, 23))),
    ):
        for day in days:
            StatusChangeFactory(track=track, effective_date=day)
    return talks_2022, talks_2025


def _read(article) -> set[int]:
    ranked = article_tracks_select(article=article, matcher=track_matcher_build())
    return {track for track, _ in ranked}


def test_a_report_is_read_the_same_before_and_after_a_machine_proposal() -> None:
    talks_2022, talks_2025 = _istanbul_tracks()
    # Constructed: a report of June 2024, between the two rounds, that names them by their words.
    report = ArticleFactory(
        published_at=_at(D(2024, 6, 1)),
        text="Kyiv recalled the Istanbul talks. The Istanbul talks have not resumed since.",
    )
    fresh = _read(report)
    assert fresh == {talks_2025.pk}  # neither is current: the nearer in time

    # Another report (constructed), read before it in a busy database, leads the analyser to
    # propose a step of the 2022 talks in May 2024, which would make them current in June.
    other = ArticleFactory(
        published_at=_at(D(2024, 5, 2)),
        text="Russia and Ukraine held a new round of the Istanbul talks on Tuesday.",
    )
    proposed = status_changes_propose(
        article=other,
        matcher=track_matcher_build(),
        article_tracks=[talks_2022.pk],
        analyser_version="test",
    )
    assert [(c.track_id, c.origin, c.review_state) for c in proposed] == [
        (talks_2022.pk, Origin.MACHINE, ReviewState.PENDING)
    ]
    assert proposed[0].effective_date.year == 2024

    assert _read(report) == fresh


def test_an_approved_step_dates_the_track_and_a_rejected_or_pending_one_does_not() -> None:
    track = TrackFactory()
    StatusChangeFactory(track=track, effective_date=D(2024, 1, 10))
    StatusChangeFactory(track=track, effective_date=D(2022, 1, 1), machine=True)
    StatusChangeFactory(
        track=track, effective_date=D(2026, 1, 1), review_state=ReviewState.REJECTED
    )
    # the date a participant joined is the track's own record too
    TrackParticipantFactory(track=track, joined_on=D(2024, 3, 1))
    assert track_seasons()[track.pk] == (D(2024, 1, 10), D(2024, 3, 1))


def test_the_index_is_rebuilt_on_an_approval_and_not_on_a_machine_proposal() -> None:
    track = TrackFactory()
    StatusChangeFactory(track=track, effective_date=D(2024, 1, 10))
    index = entity_index_get()
    pending = StatusChangeFactory(track=track, effective_date=D(2025, 1, 10), machine=True)
    assert entity_index_get() is index
    pending.review_state = ReviewState.APPROVED
    pending.save()
    rebuilt = entity_index_get()
    assert rebuilt is not index
    assert rebuilt.tracks.seasons[track.pk] == (D(2024, 1, 10), D(2025, 1, 10))
