"""Deciding a statement or a commitment over the API decides its pending children with it, as in
the admin; a report or a track link can be decided on its own (issue 13, issue 14 §2)."""

from __future__ import annotations

import pytest

from negotiations.models import ReviewState
from tests.factories import (
    CommitmentCorrectionFactory,
    CommitmentFactory,
    CommitmentStageFactory,
    StatementFactory,
    StatementReportFactory,
    StatementTrackFactory,
)

pytestmark = pytest.mark.django_db

APPROVED, REJECTED, PENDING = ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.PENDING


def _states(*objs) -> list[str]:
    for obj in objs:
        obj.refresh_from_db()
    return [obj.review_state for obj in objs]


def test_approving_a_statement_approves_its_pending_reports_and_track_links(reviewer) -> None:
    statement = StatementFactory(machine=True)
    report = StatementReportFactory(machine=True, statement=statement)
    link = StatementTrackFactory(machine=True, statement=statement)
    rejected = StatementReportFactory(machine=True, statement=statement, review_state=REJECTED)

    response = reviewer.post(
        f"/api/v1/statements/{statement.pk}/approve/", {"note": "checked"}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["review_state"] == APPROVED
    assert {r["id"]: r["review_state"] for r in body["reports"]} == {
        report.pk: APPROVED,
        rejected.pk: REJECTED,
    }
    assert [t["review_state"] for t in body["tracks"]] == [APPROVED]
    assert _states(report, link, rejected) == [APPROVED, APPROVED, REJECTED]
    assert (link.reviewed_by, link.review_note) == (reviewer.user, "checked")


def test_rejecting_a_commitment_rejects_its_stages_and_corrections(reviewer) -> None:
    commitment = CommitmentFactory(machine=True)
    stage = CommitmentStageFactory(machine=True, commitment=commitment)
    correction = CommitmentCorrectionFactory(machine=True, commitment=commitment)

    response = reviewer.post(f"/api/v1/commitments/{commitment.pk}/reject/")

    assert response.status_code == 200, response.content
    assert _states(commitment, stage, correction) == [REJECTED, REJECTED, REJECTED]


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_one_report_or_track_link_decided_on_its_own(reviewer, decision) -> None:
    statement = StatementFactory(machine=True, review_state=APPROVED)
    report, other = StatementReportFactory.create_batch(2, machine=True, statement=statement)
    link = StatementTrackFactory(machine=True, statement=statement)
    state = APPROVED if decision == "approve" else REJECTED

    response = reviewer.post(
        f"/api/v1/statements/{statement.pk}/reports/{report.pk}/{decision}/",
        {"note": "seen"},
        format="json",
    )
    assert response.status_code == 200, response.content
    reports = {r["id"]: r["review_state"] for r in response.json()["reports"]}
    assert reports == {report.pk: state, other.pk: PENDING}
    assert _states(report, other, link) == [state, PENDING, PENDING]
    assert (report.reviewed_by, report.review_note) == (reviewer.user, "seen")

    response = reviewer.post(
        f"/api/v1/statements/{statement.pk}/tracks/{link.track_id}/{decision}/"
    )
    assert response.status_code == 200, response.content
    assert [t["review_state"] for t in response.json()["tracks"]] == [state]
    assert _states(link, other, statement) == [state, PENDING, APPROVED]


def test_a_child_of_a_pending_statement_can_be_corrected_before_the_statement(reviewer) -> None:
    statement = StatementFactory(machine=True)
    wrong, right = StatementReportFactory.create_batch(2, machine=True, statement=statement)
    reviewer.post(f"/api/v1/statements/{statement.pk}/reports/{wrong.pk}/reject/")
    reviewer.post(f"/api/v1/statements/{statement.pk}/approve/")
    assert _states(statement, wrong, right) == [APPROVED, REJECTED, APPROVED]


def test_deciding_a_child_needs_the_reviewer_role(viewer, analyst, anonymous) -> None:
    statement = StatementFactory(machine=True)
    report = StatementReportFactory(machine=True, statement=statement)
    link = StatementTrackFactory(machine=True, statement=statement)
    urls = [
        f"/api/v1/statements/{statement.pk}/reports/{report.pk}/approve/",
        f"/api/v1/statements/{statement.pk}/tracks/{link.track_id}/reject/",
    ]
    for url in urls:
        assert anonymous.post(url).status_code == 401
        for client in (viewer, analyst):
            response = client.post(url)
            assert response.status_code == 403
            assert "reviewer" in response.json()["detail"]
    assert _states(report, link) == [PENDING, PENDING]


def test_a_child_of_another_statement_is_not_found(reviewer) -> None:
    statement = StatementFactory(machine=True)
    stranger = StatementReportFactory(machine=True)
    stranger_link = StatementTrackFactory(machine=True)
    for url in [
        f"/api/v1/statements/{statement.pk}/reports/{stranger.pk}/approve/",
        f"/api/v1/statements/{statement.pk}/tracks/{stranger_link.track_id}/approve/",
        f"/api/v1/statements/{statement.pk}/reports/999999/reject/",
    ]:
        assert reviewer.post(url).status_code == 404
    assert _states(stranger, stranger_link) == [PENDING, PENDING]
