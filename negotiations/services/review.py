"""Review decisions on machine output and curated claims (anything ``Reviewable``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from negotiations.models import Reviewable, ReviewState


def _decide(*, obj: Reviewable, user, note: str, state: str) -> Reviewable:
    model = type(obj)
    with transaction.atomic():
        # Lock the row: two reviewers deciding at once must not overwrite each other silently.
        locked = model.objects.select_for_update().get(pk=obj.pk)
        if locked.review_state == state:
            raise ValidationError(
                {"review_state": f"This {model._meta.verbose_name} is already {state}."}
            )
        locked.review_state = state
        locked.reviewed_by = user
        locked.reviewed_at = timezone.now()
        if note:
            locked.review_note = note
        locked.save(
            update_fields=[
                "review_state",
                "reviewed_by",
                "reviewed_at",
                "review_note",
                "updated_at",
            ]
        )
    return locked


def review_approve(*, obj: Reviewable, user, note: str = "") -> Reviewable:
    """Mark ``obj`` approved by ``user``; it becomes part of the curated record."""
    return _decide(obj=obj, user=user, note=note, state=ReviewState.APPROVED)


def review_reject(*, obj: Reviewable, user, note: str = "") -> Reviewable:
    """Mark ``obj`` rejected by ``user``; it stays stored (a re-run will not propose it again)."""
    return _decide(obj=obj, user=user, note=note, state=ReviewState.REJECTED)
