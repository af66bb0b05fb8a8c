"""A commitment's correction is decided through one rule on every path (issue 16): approving it
(the admin's action, the workbench's queue and correction form, the API) applies its amount
through ``services.record.commitment_correction_apply``; rejecting or undoing an applied one
gives the commitment back the amount it replaced, or is refused when the amount changed since."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from negotiations.admin.review_actions import approve_selected
from negotiations.models import Commitment, CommitmentCorrection, ReviewState
from negotiations.services import review
from tests.factories import CommitmentCorrectionFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

APPROVED, REJECTED, PENDING = ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.PENDING
TWO, ONE_EIGHT = Decimal("2000000000"), Decimal("1800000000")


def _pending_correction() -> CommitmentCorrection:
    """A lower amount reported for an approved €2bn commitment, waiting for review."""
    commitment = CommitmentFactory(machine=True, amount=TWO, currency="EUR", review_state=APPROVED)
    return CommitmentCorrectionFactory(
        machine=True,
        commitment=commitment,
        old_amount=TWO,
        new_amount=ONE_EIGHT,
        review_state=PENDING,
    )


def _after(correction: CommitmentCorrection) -> tuple:
    correction.refresh_from_db()
    commitment = Commitment.objects.get(pk=correction.commitment_id)
    return correction.review_state, correction.old_amount, commitment.amount


def test_approving_applies_the_amount_and_rejecting_gives_it_back(staff_reviewer) -> None:
    correction = _pending_correction()
    review.review_approve(obj=correction, user=staff_reviewer, note="checked")
    assert _after(correction) == (APPROVED, TWO, ONE_EIGHT)
    assert (correction.reviewed_by, correction.review_note) == (staff_reviewer, "checked")
    review.review_approve(obj=correction, user=staff_reviewer)  # again: nothing moves
    assert _after(correction) == (APPROVED, TWO, ONE_EIGHT)

    review.review_reject(obj=correction, user=staff_reviewer, note="misread")
    assert _after(correction) == (REJECTED, TWO, TWO)
    assert correction.review_note == "misread"


def test_taking_back_restores_the_range_the_correction_cleared(staff_reviewer) -> None:
    """ "€1.5bn to €2bn", corrected to €1.2bn: the range no longer holds and is cleared; taking the
    correction back gives the commitment its range again, not just its upper bound."""
    commitment = CommitmentFactory(
        amount=TWO, amount_low=Decimal("1500000000"), currency="EUR", review_state=APPROVED
    )
    correction = CommitmentCorrectionFactory(
        commitment=commitment, new_amount=Decimal("1200000000"), review_state=PENDING
    )
    review.review_approve(obj=correction, user=staff_reviewer)
    commitment.refresh_from_db()
    assert (commitment.amount_low, commitment.amount) == (None, Decimal("1200000000"))

    review.review_reject(obj=correction, user=staff_reviewer, note="misread")
    commitment.refresh_from_db()
    assert (commitment.amount_low, commitment.amount) == (Decimal("1500000000"), TWO)


def test_a_correction_within_the_range_keeps_its_lower_bound(staff_reviewer) -> None:
    commitment = CommitmentFactory(
        amount=TWO, amount_low=Decimal("1500000000"), currency="EUR", review_state=APPROVED
    )
    correction = CommitmentCorrectionFactory(
        commitment=commitment, new_amount=ONE_EIGHT, review_state=PENDING
    )
    review.review_approve(obj=correction, user=staff_reviewer)
    commitment.refresh_from_db()
    assert (commitment.amount_low, commitment.amount) == (Decimal("1500000000"), ONE_EIGHT)
    review.review_reject(obj=correction, user=staff_reviewer)
    commitment.refresh_from_db()
    assert (commitment.amount_low, commitment.amount) == (Decimal("1500000000"), TWO)


def test_taking_back_is_refused_when_the_amount_changed_since(staff_reviewer) -> None:
    correction = _pending_correction()
    review.review_approve(obj=correction, user=staff_reviewer)
    Commitment.objects.filter(pk=correction.commitment_id).update(amount=Decimal("1500000000"))
    with pytest.raises(ValidationError, match="has changed since"):
        review.review_reject(obj=correction, user=staff_reviewer)
    assert _after(correction) == (APPROVED, TWO, Decimal("1500000000"))


def test_correct_and_approve_applies_the_corrected_amount(staff_reviewer) -> None:
    correction = _pending_correction()
    review.review_correct_and_approve(
        obj=correction, user=staff_reviewer, changes={"new_amount": Decimal("1900000000")}
    )
    assert _after(correction) == (APPROVED, TWO, Decimal("1900000000"))
    assert "new_amount: 1800000000.00 → 1900000000" in correction.review_note


def test_the_admin_action_applies_the_corrections_it_approves(staff_reviewer) -> None:
    correction = _pending_correction()
    modeladmin = admin.ModelAdmin(CommitmentCorrection, admin.AdminSite(name="test"))
    request = RequestFactory().post("/admin/negotiations/commitmentcorrection/")
    request.user = staff_reviewer
    request.session = {}
    request._messages = FallbackStorage(request)

    approve_selected(modeladmin, request, CommitmentCorrection.objects.all())

    assert _after(correction) == (APPROVED, TWO, ONE_EIGHT)


def test_the_workbench_queue_lists_approves_and_undoes_a_correction(client, staff_reviewer):
    correction = _pending_correction()
    client.force_login(staff_reviewer)
    page = client.get(reverse("admin:workbench_review"))
    assert page.status_code == 200
    assert f"correction:{correction.pk}" in page.content.decode()

    response = client.post(
        reverse("admin:workbench_decide"), {"approve_one": f"correction:{correction.pk}"}
    )
    assert response.status_code == 302
    assert _after(correction) == (APPROVED, TWO, ONE_EIGHT)

    response = client.post(
        reverse("admin:workbench_undo"),
        {"state": APPROVED, "item": [f"correction:{correction.pk}"]},
    )
    assert response.status_code == 302
    assert _after(correction) == (PENDING, TWO, TWO)


def test_the_workbench_correction_form_applies_the_amount_it_approves(client, staff_reviewer):
    correction = _pending_correction()
    client.force_login(staff_reviewer)
    url = reverse("admin:workbench_correct", args=["correction", correction.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "stage": correction.stage,
            "new_amount": "1700000000",
            "new_currency": "EUR",
            "reported_on": correction.reported_on.isoformat(),
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _after(correction) == (APPROVED, TWO, Decimal("1700000000"))
