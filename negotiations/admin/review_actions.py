"""Admin actions for any changelist of a reviewable model: approve or reject the selection."""

from __future__ import annotations

from django.contrib import admin, messages

from negotiations.permissions import can_review, require_review
from negotiations.services.review import review_bulk_approve, review_bulk_reject


def _report(modeladmin, request, verb: str, decided: int, selected: int) -> None:
    modeladmin.message_user(request, f"{verb} {decided} item(s).", messages.SUCCESS)
    if decided < selected:
        modeladmin.message_user(
            request,
            f"{selected - decided} selected item(s) were left undecided: not pending, or (when"
            " approving) written by you (four eyes: another reviewer approves them).",
            messages.WARNING,
        )


@admin.action(description="Approve selected (pending only)", permissions=["review"])
def approve_selected(modeladmin, request, queryset) -> None:
    require_review(request.user, [modeladmin.model])
    objs = list(queryset)
    decided = review_bulk_approve(objs=objs, user=request.user)
    _report(modeladmin, request, "Approved", len(decided), len(objs))


@admin.action(description="Reject selected (pending only)", permissions=["review"])
def reject_selected(modeladmin, request, queryset) -> None:
    require_review(request.user, [modeladmin.model])
    objs = list(queryset)
    decided = review_bulk_reject(objs=objs, user=request.user)
    _report(modeladmin, request, "Rejected", len(decided), len(objs))


REVIEW_ACTIONS = [approve_selected, reject_selected]


def review_readonly(request, model, fields) -> tuple:
    """Without the review permission, the review state and note are read-only: editing a row of a
    reviewable model (its page, an inline) must not decide its review."""
    fields = tuple(fields)
    if can_review(getattr(request, "user", None), model):
        return fields
    return fields + tuple(f for f in ("review_state", "review_note") if f not in fields)


class ReviewStateReadonlyMixin:
    """For inlines of reviewable models (the model admins get it from ``CuratedAdminMixin``)."""

    def get_readonly_fields(self, request, obj=None):
        return review_readonly(request, self.model, super().get_readonly_fields(request, obj))
