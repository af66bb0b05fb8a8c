"""Review rules without loopholes (issue 13): an edit that changes nothing is a no-op, and a
write is never a way to read another's pending or rejected record."""

from __future__ import annotations

import pytest

from negotiations.models import ReviewState, Statement
from negotiations.roles import ANALYST, REVIEWER
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


def _url(statement) -> str:
    return f"/api/v1/statements/{statement.pk}/"


@pytest.mark.parametrize("fields", [(), ("said_phrase",), ("text", "kind", "said_on")])
def test_an_unchanged_patch_leaves_an_approved_record_approved(analyst, sample, fields):
    statement = sample.statement
    statement.refresh_from_db()
    before = (statement.review_state, statement.updated_at, statement.reviewed_by_id)
    current = analyst.get(_url(statement)).json()
    payload = {name: current[name] for name in fields}  # what it holds already
    response = analyst.patch(_url(statement), payload, format="json")
    assert response.status_code == 200, response.content
    statement.refresh_from_db()
    assert (statement.review_state, statement.updated_at, statement.reviewed_by_id) == before
    assert response.json()["review_state"] == ReviewState.APPROVED


def test_the_same_tracks_are_no_change_and_other_tracks_are(analyst, sample):
    statement = sample.statement
    response = analyst.patch(_url(statement), {"tracks": [sample.track.pk]}, format="json")
    assert response.status_code == 200, response.content
    statement.refresh_from_db()
    assert statement.review_state == ReviewState.APPROVED
    response = analyst.patch(_url(statement), {"tracks": []}, format="json")
    statement.refresh_from_db()
    assert statement.review_state == ReviewState.PENDING


def test_a_rejected_record_is_reopened_only_by_a_change(analyst, sample):
    statement = sample.statement
    Statement.objects.filter(pk=statement.pk).update(review_state=ReviewState.REJECTED)
    # Written by this analyst before (their history row), so theirs to edit.
    statement.refresh_from_db()
    statement._history_user = analyst.user
    statement.save()
    assert analyst.patch(_url(statement), {}, format="json").status_code == 200
    statement.refresh_from_db()
    assert statement.review_state == ReviewState.REJECTED
    analyst.patch(_url(statement), {"said_phrase": "on Monday"}, format="json")
    statement.refresh_from_db()
    assert statement.review_state == ReviewState.PENDING


def test_an_analyst_cannot_read_anothers_pending_record_through_a_write(analyst, sample):
    pending = sample.pending_statement  # machine output, waiting for review
    response = analyst.patch(_url(pending), {}, format="json")
    assert response.status_code == 404
    assert "A pending machine statement." not in response.content.decode()
    # Nor another analyst's pending record.
    other = _client_for(ANALYST)
    created = other.post(
        "/api/v1/statements/",
        {
            "speaker": sample.statement.speaker_id,
            "text": "A colleague's draft.",
            "kind": "paraphrase",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    response = analyst.patch(f"/api/v1/statements/{created.json()['id']}/", {}, format="json")
    assert response.status_code == 404
    # Their own pending record stays theirs to edit.
    mine = other.patch(
        f"/api/v1/statements/{created.json()['id']}/", {"said_phrase": "today"}, format="json"
    )
    assert mine.status_code == 200, mine.content


def test_a_reviewer_writes_and_reads_any_record(sample):
    statement = f.StatementFactory(
        speaker=sample.statement.speaker, text="Rejected.", review_state=ReviewState.REJECTED
    )
    reviewer = _client_for(ANALYST, REVIEWER)
    response = reviewer.patch(_url(statement), {}, format="json")
    assert response.status_code == 200
    assert response.json()["text"] == "Rejected."
