"""A write's nested items are validated and stored in bulk: the same number of queries for 5
items as for 50 (issue 13, "No request can hurt")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from negotiations.models import Commitment, Evidence, StatementReport, StatusChange
from tests import factories as f

# Pinned on PostgreSQL, as tests/api/test_query_counts.py (SQLite bumps a counter row per marker).
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]

WORDS = "talks on security guarantees"  # in every factory article's text (factories.QUOTE)


def _count(client, url: str, payload: dict) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, payload, format="json")
    assert response.status_code == 201, response.content[:2000]
    return len(queries), response.json()


def _statement(sample, articles) -> dict:
    return {
        "speaker": sample.statement.speaker_id,
        "text": "Talks on security guarantees go on.",
        "kind": "paraphrase",
        "said_on": "2024-07-11",
        "reports": [
            {"article": a.pk, "wording": WORDS, "kind": "paraphrase", "char_start": None}
            for a in articles
        ],
    }


def _status_change(sample, articles, day: int) -> dict:
    return {
        "track": sample.track.pk,
        "status": "signed",
        "effective_date": f"2024-07-{day:02d}",
        "evidence": [{"article": a.pk, "excerpt": WORDS} for a in articles],
    }


def _commitment(sample, articles, what: str) -> dict:
    return {
        "track": sample.track.pk,
        "party": f.PartyFactory().pk,  # one unquantified commitment per party and kind
        "beneficiary": sample.ukraine.pk,
        "category": "financial_aid",
        "description": what,
        "evidence": [{"article": a.pk, "excerpt": WORDS} for a in articles],
    }


def test_nested_items_cost_a_fixed_number_of_queries(analyst, sample) -> None:
    articles = [f.ArticleFactory() for _ in range(50)]
    text = articles[0].text
    start = text.index(WORDS)
    _count(analyst, "/api/v1/statements/", _statement(sample, articles[:1]))  # warm caches

    few, body = _count(analyst, "/api/v1/statements/", _statement(sample, articles[:5]))
    many_payload = _statement(sample, articles)
    many_payload["reports"][7].update(char_start=start, char_end=start + len(WORDS))
    many, body = _count(analyst, "/api/v1/statements/", many_payload)
    assert few == many
    stored = StatementReport.objects.filter(statement_id=body["id"])
    assert stored.count() == 50
    assert stored.filter(char_start=start).count() == 1
    assert all(r.history.count() == 1 for r in stored[:3])  # the audit trail, in bulk too

    few, _ = _count(analyst, "/api/v1/status-changes/", _status_change(sample, articles[:5], 1))
    many, body = _count(analyst, "/api/v1/status-changes/", _status_change(sample, articles, 2))
    assert few == many
    assert StatusChange.objects.get(pk=body["id"]).evidence.count() == 50

    _count(analyst, "/api/v1/commitments/", _commitment(sample, articles[:1], "Loans"))
    few, _ = _count(
        analyst, "/api/v1/commitments/", _commitment(sample, articles[:5], "Budget support")
    )
    many, body = _count(
        analyst, "/api/v1/commitments/", _commitment(sample, articles, "Air defence")
    )
    assert few == many
    assert Commitment.objects.get(pk=body["id"]).evidence.count() == 50
    assert Evidence.objects.filter(commitment_id=body["id"], commitment_stage=None).count() == 50


def test_bulk_errors_are_keyed_per_item(analyst, sample) -> None:
    articles = [f.ArticleFactory() for _ in range(4)]
    payload = _statement(sample, articles)
    payload["reports"][1]["wording"] = "never said"
    payload["reports"][2]["article"] = 10**12  # no such article
    payload["reports"][3]["article"] = articles[0].pk  # the same article twice
    response = analyst.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 400, response.content
    # The serializer's errors, in DRF's shape, as before; the services' keyed by position.
    assert response.json()["errors"]["reports"][2] == {
        "article": [f'Invalid pk "{10**12}" - object does not exist.']
    }
    response = analyst.post(
        "/api/v1/statements/", {**payload, "reports": payload["reports"][:2]}, format="json"
    )
    assert response.json()["errors"] == {
        "reports.1.wording": ["The wording must appear verbatim in the article."]
    }
    response = analyst.post(
        "/api/v1/statements/",
        {**payload, "reports": [payload["reports"][0], payload["reports"][3]]},
        format="json",
    )
    assert response.json()["errors"] == {
        "reports.1.__all__": ["This article is already recorded as reporting it."]
    }
    assert not StatementReport.objects.filter(wording=WORDS).exists()
