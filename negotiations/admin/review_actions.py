"""Admin actions for any changelist of a reviewable model: approve or reject the selection."""

from __future__ import annotations

from django.contrib import admin, messages

from negotiations.services.review import review_bulk_approve, review_bulk_reject


def _report(modeladmin, request, verb: str, decided: int, selected: int) -> None:
    modeladmin.message_user(request, f"{verb} {decided} item(s).", messages.SUCCESS)
    if decided < selected:
        modeladmin.message_user(
            request,
            f"{selected - decided} selected item(s) were not pending and were left as decided.",
            messages.WARNING,
        )


@admin.action(description="Approve selected (pending only)", permissions=["change"])
def approve_selected(modeladmin, request, queryset) -> None:
    objs = list(queryset)
    decided = review_bulk_approve(objs=objs, user=request.user)
    _report(modeladmin, request, "Approved", len(decided), len(objs))


@admin.action(description="Reject selected (pending only)", permissions=["change"])
def reject_selected(modeladmin, request, queryset) -> None:
    objs = list(queryset)
    decided = review_bulk_reject(objs=objs, user=request.user)
    _report(modeladmin, request, "Rejected", len(decided), len(objs))


REVIEW_ACTIONS = [approve_selected, reject_selected]
