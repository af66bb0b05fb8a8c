"""Spans are checked (issue 13): a report's or evidence's offsets lie inside the article and hold
exactly the quoted words; offsets come as a pair."""

from __future__ import annotations

import pytest

from negotiations.models import Statement, StatusChange

pytestmark = pytest.mark.django_db


def _statement(sample, **report) -> dict:
    article = sample.reuters.articles.get()
    return {
        "speaker": sample.statement.speaker_id,
        "text": "Talks with the US.",
        "kind": "paraphrase",
        "reports": [{"article": article.pk, "kind": "paraphrase", **report}],
    }


def test_a_report_whose_span_holds_its_words_is_kept(analyst, sample) -> None:
    text = sample.reuters.articles.get().text
    start = text.index("security guarantees")
    payload = _statement(
        sample, wording="security guarantees", char_start=start, char_end=start + 19
    )
    response = analyst.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("span", "field", "words"),
    [
        ({"char_start": 0, "char_end": 19}, "reports.0.char_start", "must hold the wording"),
        ({"char_start": 0, "char_end": 99999}, "reports.0.char_end", "beyond the article's end"),
        ({"char_start": 5}, "reports.0.char_end", "Give both"),
    ],
)
def test_a_report_whose_span_does_not_hold_its_words_is_a_400(
    analyst, sample, span, field, words
) -> None:
    before = Statement.objects.count()
    payload = _statement(sample, wording="security guarantees", **span)
    response = analyst.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 400
    assert words in " ".join(response.json()["errors"][field])
    assert Statement.objects.count() == before


def test_evidence_spans_are_checked_too(analyst, sample) -> None:
    article = sample.reuters.articles.get()
    before = StatusChange.objects.count()
    response = analyst.post(
        "/api/v1/status-changes/",
        {
            "track": sample.track.pk,
            "status": "signed",
            "effective_date": "2024-07-11",
            "evidence": [
                {
                    "article": article.pk,
                    "excerpt": "security guarantees",
                    "char_start": 3,
                    "char_end": 22,
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "evidence.0.char_start" in response.json()["errors"]
    assert StatusChange.objects.count() == before
