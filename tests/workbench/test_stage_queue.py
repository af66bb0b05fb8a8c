"""A stage a later report adds to an approved commitment waits in the queue on its own (issue 16):
shown with its commitment and the words reporting it, decided there through the review service,
counted on the dashboard. A stage of a pending commitment is decided with it, never on its own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from negotiations.models import Commitment, CommitmentStage, ReviewState
from negotiations.selectors.queue import pending_counts
from tests.factories import (
    ArticleFactory,
    CommitmentFactory,
    CommitmentStageFactory,
    OutletFactory,
    TrackFactory,
    evidence_for,
)

pytestmark = pytest.mark.django_db

QUEUE = "admin:workbench_review"
DECIDE = "admin:workbench_decide"
APPROVED, REJECTED, PENDING = ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.PENDING
SENTENCE = "Berlin said the Patriot battery had been delivered to Ukraine on Monday."


def _new_stage(*, commitment_state: str = APPROVED) -> CommitmentStage:
    """A delivery reported later for a commitment in ``commitment_state``, with its evidence."""
    commitment = CommitmentFactory(
        machine=True, review_state=commitment_state, description="a Patriot air-defence battery"
    )
    stage = CommitmentStageFactory(
        machine=True,
        commitment=commitment,
        stage=CommitmentStage.Stage.DELIVERED,
        review_state=PENDING,
    )
    article = ArticleFactory(
        outlet=OutletFactory(name="Deutsche Welle"),
        text=f"Air defence, report {commitment.pk}. {SENTENCE} More deliveries are planned.",
    )
    evidence_for(article, SENTENCE, commitment=commitment, commitment_stage=stage)
    return stage


def _card(body: str, stage: CommitmentStage) -> str:
    return body.split(f'id="item-stage-{stage.pk}"')[1].split("</article>")[0]


def _state(stage: CommitmentStage) -> tuple:
    stage.refresh_from_db()
    return stage.review_state, stage.reviewed_by, stage.review_note


def test_a_new_stage_of_an_approved_commitment_waits_with_its_commitment_and_evidence(
    analyst_client,
) -> None:
    stage = _new_stage()
    body = analyst_client.get(reverse(QUEUE)).content.decode()
    assert 'id="section-stage"' in body
    card = _card(body, stage)
    assert f'value="stage:{stage.pk}"' in card
    assert "Delivered" in card
    assert "a Patriot air-defence battery" in card
    assert stage.commitment.track.name in card
    assert f"<mark>{SENTENCE}</mark>" in card
    assert "Deutsche Welle" in card
    assert reverse("admin:workbench_correct", args=["stage", stage.pk]) in card


def test_a_stage_of_a_pending_commitment_is_not_an_item_of_its_own(analyst_client) -> None:
    stage = _new_stage(commitment_state=PENDING)
    body = analyst_client.get(reverse(QUEUE)).content.decode()
    assert f'id="item-stage-{stage.pk}"' not in body
    assert f'value="stage:{stage.pk}"' not in body
    card = body.split(f'id="item-commitment-{stage.commitment_id}"')[1].split("</article>")[0]
    assert reverse("admin:workbench_correct", args=["stage", stage.pk]) in card
    assert pending_counts()["stage"] == 0


def test_approving_the_stage_in_the_queue_leaves_its_commitment_as_it_is(
    analyst_client, analyst
) -> None:
    stage = _new_stage()
    decided_at = Commitment.objects.get(pk=stage.commitment_id).reviewed_at
    response = analyst_client.post(
        reverse(DECIDE), {"approve_one": f"stage:{stage.pk}", "next": reverse(QUEUE)}
    )
    assert response.status_code == 302
    assert _state(stage) == (APPROVED, analyst, "")
    commitment = Commitment.objects.get(pk=stage.commitment_id)
    assert (commitment.review_state, commitment.reviewed_at) == (APPROVED, decided_at)
    body = analyst_client.get(reverse(QUEUE)).content.decode()
    assert f'id="item-stage-{stage.pk}"' not in body


def test_rejecting_stages_in_bulk_records_the_note(analyst_client, analyst) -> None:
    stages = [_new_stage(), _new_stage()]
    response = analyst_client.post(
        reverse(DECIDE),
        {"action": "reject", "item": [f"stage:{s.pk}" for s in stages], "note": "misread"},
    )
    assert response.status_code == 302
    assert [_state(s) for s in stages] == [(REJECTED, analyst, "misread")] * 2
    assert pending_counts()["stage"] == 0


def test_the_correction_form_corrects_the_stage_and_approves_it(analyst_client, analyst) -> None:
    stage = _new_stage()
    url = reverse("admin:workbench_correct", args=["stage", stage.pk])
    page = analyst_client.get(url).content.decode()
    assert f"<mark>{SENTENCE}</mark>" in page
    response = analyst_client.post(
        url,
        {
            "stage": CommitmentStage.Stage.DELIVERED,
            "effective_date": "2024-06-03",
            "date_precision": "day",
            "note": "dated from the article",
        },
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.review_state, stage.reviewed_by) == (APPROVED, analyst)
    assert stage.effective_date == dt.date(2024, 6, 3)
    assert "effective_date:" in stage.review_note


def test_the_dashboard_counts_waiting_stages(analyst_client) -> None:
    _new_stage()
    _new_stage(commitment_state=PENDING)  # counted with its commitment, not as a stage
    body = analyst_client.get(reverse("admin:index")).content.decode()
    assert f'{reverse(QUEUE)}?kind=stage"><strong>1</strong>commitment stages' in body
    assert "<strong>2</strong>waiting for review" in body


def test_the_track_and_outlet_filters_apply_to_stages(analyst_client) -> None:
    stage = _new_stage()
    other = TrackFactory()
    outlet = stage.evidence.get().article.outlet_id
    found = analyst_client.get(
        reverse(QUEUE), {"track": stage.commitment.track_id, "outlet": outlet}
    )
    assert f'id="item-stage-{stage.pk}"' in found.content.decode()
    missed = analyst_client.get(reverse(QUEUE), {"track": other.pk})
    assert f'id="item-stage-{stage.pk}"' not in missed.content.decode()
