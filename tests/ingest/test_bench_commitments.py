"""The reading bench scores commitments (``bench/reading_accuracy.py``): on hand-made articles
analysed here, never on the development set."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bench.reading_accuracy import commitment_matches, commitments_matched, score, summarise
from negotiations.models import Article
from negotiations.services.analysis import article_analyse

TALKS = "Kyiv and Washington continue their talks on security guarantees."


def _gold(**fields) -> dict:
    base = {
        "party": "usa",
        "beneficiary": "ukraine",
        "kind": "military_aid",
        "amount": 2000000000,
        "amount_low": None,
        "currency": "USD",
        "stage": "announced",
    }
    return {**base, **fields}


def _machine(**fields) -> dict:
    base = {
        "party": "usa",
        "kind": "military_aid",
        "amount": Decimal("2000000000"),
        "currency": "USD",
        "stage": "announced",
    }
    return {**base, **fields}


def test_a_commitment_matches_on_party_kind_amount_within_the_tolerance_and_stage():
    assert commitment_matches(_gold(), _machine(amount=Decimal("2080000000")))  # within 5 %
    assert not commitment_matches(_gold(), _machine(amount=Decimal("2200000000")))
    assert not commitment_matches(_gold(), _machine(currency="EUR"))
    assert not commitment_matches(_gold(), _machine(party="germany"))
    assert not commitment_matches(_gold(), _machine(kind="financial_aid"))
    assert not commitment_matches(_gold(), _machine(stage="delivered"))
    # Two missing amounts are equal; one missing is not.
    assert commitment_matches(_gold(amount=None, currency=""), _machine(amount=None, currency=""))
    assert not commitment_matches(_gold(amount=None, currency=""), _machine())
    assert not commitment_matches(_gold(), _machine(amount=None, currency=""))


def test_matching_is_one_to_one():
    found, right = commitments_matched([_gold()], [_machine(), _machine()])
    assert (found, right) == ([True], [True, False])
    found, right = commitments_matched([_gold(), _gold()], [_machine()])
    assert (found, right) == ([True, False], [True])


def _article(n: int, text: str, day: dt.date) -> Article:
    article = Article.objects.create(
        title=f"Report {n}",
        canonical_url=f"https://news.example.org/bench/{n}",
        language="en",
        text=f"{text} {TALKS} Kyiv and Washington met again on Friday.",
        published_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        source_kind=Article.SourceKind.API,
    )
    article_analyse(article=article)
    return article


def _annotated(art_id: str, commitments: list[dict] | None) -> dict:
    art = {
        "id": art_id,
        "language": "en",
        "relevant": True,
        "tracks": [],
        "statements": [],
        "status_claims": [],
        "names": [],
    }
    if commitments is not None:
        art["commitments"] = commitments
    return art


@pytest.mark.django_db
def test_the_bench_scores_what_the_analysis_proposed_per_article(record):
    pledge = _article(
        1, "The United States pledged $2 billion in military aid to Ukraine.", dt.date(2024, 6, 13)
    )
    # A later report moves the same commitment a stage on: its own article's machine commitment.
    delivered = _article(
        2,
        "The United States has delivered $2.05 billion in weapons to Ukraine, the Pentagon said.",
        dt.date(2024, 9, 2),
    )
    unannotated = _article(
        3, "The United States pledged $9 billion in military aid to Ukraine.", dt.date(2024, 10, 1)
    )
    articles = [
        # Right on the first; the second's annotator gives another amount: a miss and an extra.
        _annotated("pledge", [_gold()]),
        _annotated("delivered", [_gold(stage="delivered", amount=3000000000)]),
        _annotated("unannotated", None),  # skipped for commitments
    ]
    ids = {"pledge": pledge.pk, "delivered": delivered.pk, "unannotated": unannotated.pk}
    rows = score(articles, ids)
    row = rows["en"]
    assert row["commitment_articles"] == 2
    assert (row["gold_commitments"], row["commitments_found"]) == (2, 1)
    assert (row["machine_commitments"], row["commitments_correct"]) == (2, 1)
    s = summarise(row)
    assert (s["commitments_recall"], s["commitments_precision"]) == (0.5, 0.5)
