from __future__ import annotations

import datetime as dt
import inspect

import pytest

from negotiations.api import serializers as s
from negotiations.models import Commitment, ReviewState, Statement, StatusChange
from negotiations.services import record
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_analyst_creates_statement_with_tracks_and_reports(analyst, sample) -> None:
    article = sample.rt.articles.get()
    position = sample.statement.speaker.positions.get()
    response = analyst.post(
        "/api/v1/statements/",
        {
            "speaker_position": position.pk,
            "text": "Talks start soon.",
            "kind": "direct_quote",
            "said_on": "2023-07-31",
            "channel": "told_journalists",
            "tracks": [sample.track.pk],
            "reports": [
                {"article": article.pk, "wording": "talks start soon", "kind": "direct_quote"}
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    statement = Statement.objects.get(pk=body["id"])
    # The position fills in the speaker and the party they spoke for.
    assert statement.speaker_id == position.official_id
    assert statement.speaker_party_id == position.party_id
    assert statement.review_state == ReviewState.PENDING
    assert [t["id"] for t in body["tracks"]] == [sample.track.pk]
    assert [r["wording"] for r in body["reports"]] == ["talks start soon"]
    assert statement.reports.get().article == article


def test_position_must_belong_to_the_speaker(analyst, sample) -> None:
    other = f.OfficialFactory()
    response = analyst.post(
        "/api/v1/statements/",
        {
            "speaker": other.pk,
            "speaker_position": sample.statement.speaker.positions.get().pk,
            "text": "x",
            "kind": "paraphrase",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "another official" in response.json()["errors"]["speaker_position"][0]
    assert not Statement.objects.filter(speaker=other).exists()


def test_failed_nested_write_leaves_nothing_behind(analyst, sample) -> None:
    before = Statement.objects.count()
    response = analyst.post(
        "/api/v1/statements/",
        {
            "speaker_description": "an aide",
            "text": "x",
            "kind": "paraphrase",
            "reports": [
                {"article": sample.rt.articles.get().pk, "wording": "nope", "kind": "paraphrase"}
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert Statement.objects.count() == before


def test_edit_by_analyst_sends_approved_record_back_to_review(analyst, sample) -> None:
    response = analyst.patch(
        f"/api/v1/statements/{sample.statement.pk}/", {"said_phrase": "on Sunday"}, format="json"
    )
    assert response.status_code == 200, response.content
    sample.statement.refresh_from_db()
    assert sample.statement.said_phrase == "on Sunday"
    assert sample.statement.review_state == ReviewState.PENDING
    # Track assignments are replaced only when given.
    assert list(sample.statement.track_links.values_list("track_id", flat=True)) == [
        sample.track.pk
    ]
    response = analyst.patch(
        f"/api/v1/statements/{sample.statement.pk}/", {"tracks": []}, format="json"
    )
    assert response.json()["tracks"] == []


def test_status_change_with_evidence_and_duplicate(analyst, sample) -> None:
    article = sample.reuters.articles.get()
    payload = {
        "track": sample.track.pk,
        "status": "signed",
        "effective_date": "2024-07-11",
        "date_phrase": "on Thursday",
        "evidence": [{"article": article.pk, "excerpt": "security guarantees"}],
    }
    response = analyst.post("/api/v1/status-changes/", payload, format="json")
    assert response.status_code == 201, response.content
    change = StatusChange.objects.get(pk=response.json()["id"])
    assert change.review_state == ReviewState.PENDING
    assert change.evidence.get().excerpt == "security guarantees"
    duplicate = analyst.post("/api/v1/status-changes/", {**payload, "evidence": []}, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"]["non_field_errors"] == [
        "This track already has this status on this date."
    ]
    bad = analyst.post(
        "/api/v1/status-changes/",
        {**payload, "status": "agreed", "evidence": [{"article": article.pk, "excerpt": "nope"}]},
        format="json",
    )
    assert bad.json()["errors"]["evidence.0.excerpt"] == [
        "The excerpt must appear verbatim in the article."
    ]


def test_commitment_stages(analyst, sample) -> None:
    response = analyst.post(
        "/api/v1/commitments/",
        {
            "track": sample.track.pk,
            "party": sample.usa.pk,
            "beneficiary": sample.ukraine.pk,
            "category": "financial_aid",
            "description": "Budget support",
            "stages": [{"stage": "announced", "effective_date": "2024-01-01"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    commitment = Commitment.objects.get(pk=response.json()["id"])
    response = analyst.patch(
        f"/api/v1/commitments/{commitment.pk}/",
        {
            "stages": [
                {"stage": "announced", "effective_date": "2024-01-02"},
                {"stage": "delivered", "effective_date": "2024-05-01"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert [(s["stage"], s["effective_date"]) for s in response.json()["stages"]] == [
        ("announced", "2024-01-02"),
        ("delivered", "2024-05-01"),
    ]
    assert commitment.stages.get(stage="delivered").effective_date == dt.date(2024, 5, 1)


def test_reviewer_edit_keeps_approval(sample) -> None:
    from rest_framework.test import APIClient

    from negotiations.roles import ANALYST, REVIEWER
    from tests.factories import UserFactory

    client = APIClient()
    client.force_authenticate(UserFactory(roles=[ANALYST, REVIEWER]))
    response = client.patch(
        f"/api/v1/status-changes/{sample.change.pk}/", {"summary": "Announced"}, format="json"
    )
    assert response.status_code == 200
    sample.change.refresh_from_db()
    assert sample.change.review_state == ReviewState.APPROVED


@pytest.mark.parametrize(
    ("serializer", "create", "update"),
    [
        (s.StatementInputSerializer, record.statement_create, record.statement_update),
        (s.StatusChangeInputSerializer, record.status_change_create, record.status_change_update),
        (s.CommitmentInputSerializer, record.commitment_create, record.commitment_update),
    ],
    ids=["statement", "status change", "commitment"],
)
def test_every_input_field_is_a_keyword_of_the_services(serializer, create, update) -> None:
    """The views pass the validated input to the services as keyword arguments."""
    fields = set(serializer().fields)
    for service in (create, update):
        keywords = {
            name
            for name, p in inspect.signature(service).parameters.items()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }
        assert fields <= keywords, service.__name__
