"""Pending data does not leak through other doors (issue 13, "Review rules without loopholes").

Lists show the approved record to everyone and the queue only to reviewers who ask for it; these
tests try the side doors: a search that matches a pending alias, a track filter that counts
pending evidence, and a withdrawals feed that names rows nobody outside the queue ever saw.
"""

from __future__ import annotations

import pytest

from negotiations.models import ReviewState, StatementReport
from tests import factories as f

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_official_search_matches_a_pending_alias_for_reviewers_only(viewer, reviewer, sample):
    yermak = sample.statement.speaker
    f.AliasFactory(name="Jermak", official=yermak, review_state=ReviewState.PENDING)
    f.AliasFactory(name="Iermak", official=yermak, review_state=ReviewState.REJECTED)
    for q in ("Jermak", "Iermak"):
        assert _ids(viewer.get("/api/v1/officials/", {"q": q})) == []
        assert _ids(reviewer.get("/api/v1/officials/", {"q": q})) == [yermak.pk]
    # An approved alias still matches for everyone.
    assert _ids(viewer.get("/api/v1/officials/", {"q": "Andrey Ermak"})) == [yermak.pk]


def test_articles_of_a_track_count_approved_evidence_only(viewer, sample):
    track = sample.track
    shown = set(_ids(viewer.get("/api/v1/articles/", {"track": track.pk})))
    # An article reporting only the pending statement, and one whose only report of an approved
    # statement is itself pending, and one that evidences a pending status change.
    by_pending_statement = f.ArticleFactory(title="Pending statement's article")
    f.StatementReportFactory(
        statement=sample.pending_statement, article=by_pending_statement, wording="pending"
    )
    by_pending_report = f.ArticleFactory(title="Pending report's article")
    f.StatementReportFactory(
        statement=sample.statement,
        article=by_pending_report,
        wording="talks",
        review_state=ReviewState.PENDING,
    )
    by_pending_change = f.ArticleFactory(title="Pending change's article")
    change = f.StatusChangeFactory(track=track, review_state=ReviewState.PENDING)
    f.EvidenceFactory(status_change=change, article=by_pending_change, excerpt="talks")
    assert set(_ids(viewer.get("/api/v1/articles/", {"track": track.pk}))) == shown
    # Approving the report brings its article in.
    StatementReport.objects.filter(article=by_pending_report).update(
        review_state=ReviewState.APPROVED
    )
    assert set(_ids(viewer.get("/api/v1/articles/", {"track": track.pk}))) == shown | {
        by_pending_report.pk
    }


def test_withdrawals_list_only_rows_that_were_once_approved(viewer, sample):
    never_approved = sample.pending_statement.pk
    sample.pending_statement.delete()
    approved = sample.statement.pk
    sample.statement.delete()
    # Approved, then rejected (withdrawn then), then deleted: listed once, as rejected.
    rejected = f.StatementFactory(speaker=sample.statement.speaker, text="Later rejected.")
    rejected.review_state = ReviewState.REJECTED
    rejected.save()
    rejected_pk = rejected.pk
    rejected.delete()
    rows = viewer.get("/api/v1/withdrawals/", {"resource": "statements"}).json()["results"]
    assert [(row["object_id"], row["reason"]) for row in rows] == [
        (approved, "deleted"),
        (rejected_pk, "rejected"),
    ]
    assert never_approved not in [row["object_id"] for row in rows]
