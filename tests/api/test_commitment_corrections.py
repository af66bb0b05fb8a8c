"""A commitment's correction decided over the API applies (or gives back) its amount through the
review service's one rule (issue 16); the commitment's JSON shows its amounts and its log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from negotiations.models import Commitment, ReviewState
from tests.factories import CommitmentCorrectionFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

TWO, ONE_EIGHT = Decimal("2000000000"), Decimal("1800000000")


def _correction():
    commitment = CommitmentFactory(amount=TWO, currency="EUR", review_state=ReviewState.APPROVED)
    return CommitmentCorrectionFactory(
        commitment=commitment, old_amount=TWO, new_amount=ONE_EIGHT, new_currency="EUR"
    )


def test_approving_a_correction_applies_its_amount_and_rejecting_gives_it_back(reviewer) -> None:
    correction = _correction()
    base = f"/api/v1/commitments/{correction.commitment_id}/corrections/{correction.pk}"

    response = reviewer.post(f"{base}/approve/", {"note": "checked"}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["amount"], body["currency"]) == ("1800000000.00", "EUR")
    (logged,) = body["corrections"]
    assert logged["id"] == correction.pk
    assert (logged["old_amount"], logged["new_amount"]) == ("2000000000.00", "1800000000.00")
    assert (logged["review_state"], logged["review_note"]) == ("approved", "checked")
    assert Commitment.objects.get(pk=correction.commitment_id).amount == ONE_EIGHT

    response = reviewer.post(f"{base}/reject/")
    assert response.status_code == 200, response.content
    assert response.json()["amount"] == "2000000000.00"
    assert Commitment.objects.get(pk=correction.commitment_id).amount == TWO


def test_deciding_a_correction_needs_the_reviewer_role_and_its_own_commitment(
    analyst, viewer, reviewer
) -> None:
    correction = _correction()
    url = f"/api/v1/commitments/{correction.commitment_id}/corrections/{correction.pk}/approve/"
    for client in (analyst, viewer):
        assert client.post(url).status_code == 403
    other = CommitmentFactory()
    stranger = f"/api/v1/commitments/{other.pk}/corrections/{correction.pk}/approve/"
    assert reviewer.post(stranger).status_code == 404
    correction.refresh_from_db()
    assert correction.review_state == ReviewState.PENDING
    assert Commitment.objects.get(pk=correction.commitment_id).amount == TWO


def test_an_analyst_writes_amounts_and_stage_evidence_and_readers_see_them(
    analyst, reviewer, viewer, sample
) -> None:
    article = sample.statement.reports.first().article
    excerpt = article.text[:20]
    response = analyst.post(
        "/api/v1/commitments/",
        {
            "track": sample.track.pk,
            "party": sample.usa.pk,
            "beneficiary": sample.ukraine.pk,
            "category": "financial_aid",
            "description": "Budget support",
            "amount": "3000000000",
            "amount_low": "2500000000",
            "amount_up_to": True,
            "currency": "USD",
            "per_year": True,
            "period_start_year": 2025,
            "period_end_year": 2027,
            "period_phrase": "a year over 2025-2027",
            "stages": [
                {
                    "stage": "announced",
                    "effective_date": "2025-01-10",
                    "evidence": [{"article": article.pk, "excerpt": excerpt}],
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    commitment = Commitment.objects.get(pk=pk)
    assert (commitment.amount, commitment.amount_low, commitment.currency) == (
        Decimal("3000000000"),
        Decimal("2500000000"),
        "USD",
    )
    assert (commitment.period_start_year, commitment.period_end_year) == (2025, 2027)
    stage = commitment.stages.get()
    assert [e.excerpt for e in stage.evidence.all()] == [excerpt]

    assert reviewer.post(f"/api/v1/commitments/{pk}/approve/").status_code == 200
    body = viewer.get(f"/api/v1/commitments/{pk}/").json()
    assert {key: body[key] for key in ("amount", "amount_low", "amount_up_to", "currency")} == {
        "amount": "3000000000.00",
        "amount_low": "2500000000.00",
        "amount_up_to": True,
        "currency": "USD",
    }
    assert (body["per_year"], body["period_start_year"], body["period_end_year"]) == (
        True,
        2025,
        2027,
    )
    assert body["period_phrase"] == "a year over 2025-2027"
    (shown,) = body["stages"]
    assert (shown["stage"], shown["effective_date"]) == ("announced", "2025-01-10")
    assert [(e["excerpt"], e["stage"]) for e in body["evidence"]] == [(excerpt, shown["id"])]
    assert body["corrections"] == []


def test_an_approved_correction_moves_the_summary_total(reviewer, viewer) -> None:
    """€2bn announced, corrected to €1.8bn: the committed total is €2bn before the approval and
    €1.8bn after it, €2bn again once the correction is rejected (hand-computed)."""
    correction = _correction()
    correction.commitment.stages.create(stage="announced", review_state=ReviewState.APPROVED)
    url = f"/api/v1/commitments/summary/?party={correction.commitment.party_id}&group_by=party"

    def committed() -> dict:
        return viewer.get(url).json()["committed"]["original"]

    assert committed() == {"EUR": "2000000000.00"}
    base = f"/api/v1/commitments/{correction.commitment_id}/corrections/{correction.pk}"
    assert reviewer.post(f"{base}/approve/").status_code == 200
    assert committed() == {"EUR": "1800000000.00"}
    assert reviewer.post(f"{base}/reject/").status_code == 200
    assert committed() == {"EUR": "2000000000.00"}
