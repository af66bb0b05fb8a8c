"""The admin's pages and imports write statements, status changes and commitments, and their
child rows (reports, track links, evidence, stages), through ``negotiations.services.record``,
as the API does: one set of rules on every write path.

The admin and django-import-export hand over an instance they filled in (a form's, an import
row's); ``record_write`` reads the values off it, calls the model's create or update service and
copies the saved row back onto the instance, so the admin's inlines, change messages and the
import's report see what was saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from negotiations.models import (
    Commitment,
    CommitmentStage,
    Evidence,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
)
from negotiations.services import four_eyes, record

# The fields that decide or record a review: only a reviewer's form or file carries them.
REVIEW_FIELDS = ("review_state", "review_note", "reviewed_by", "reviewed_at")
# The review states a save can decide (through services.review); pending is no decision.
DECISIONS = (ReviewState.APPROVED, ReviewState.REJECTED)
# Machine bookkeeping and timestamps: the services and the database set them.
# Kept by the record itself: identity, provenance, timestamps and the change marker.
# A track link's matched words and their count are the analysis's evidence, shown read-only.
_NOT_WRITTEN = frozenset(
    {"id", "origin", "analyser_version", "created_at", "updated_at", "change_seq"}
    | {"matched", "score"}
)


# Each model's create service, update service, and the update's keyword for the row it changes.
SERVICES: dict[type[models.Model], tuple[Callable[..., Any], Callable[..., Any], str]] = {
    Statement: (record.statement_create, record.statement_update, "statement"),
    StatusChange: (record.status_change_create, record.status_change_update, "status_change"),
    Commitment: (record.commitment_create, record.commitment_update, "commitment"),
    StatementReport: (record.statement_report_create, record.statement_report_update, "report"),
    StatementTrack: (record.statement_track_create, record.statement_track_update, "link"),
    Evidence: (record.evidence_create, record.evidence_update, "evidence"),
    CommitmentStage: (
        record.commitment_stage_create,
        record.commitment_stage_update,
        "commitment_stage",
    ),
}


def split_values(
    model: type[models.Model], values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The record's own fields and (when any is present) the review fields, out of ``values``
    (a form's ``cleaned_data``, an import row's instance values)."""
    names = {f.name for f in model._meta.concrete_fields} - _NOT_WRITTEN
    fields = {k: v for k, v in values.items() if k in names and k not in REVIEW_FIELDS}
    review = {k: v for k, v in values.items() if k in REVIEW_FIELDS}
    return fields, review or None


def record_write(obj: models.Model, *, user, fields: Mapping[str, Any], review=None) -> None:
    """Create ``obj`` (unsaved) or update it (saved) through its model's service, ``fields`` as
    its keyword arguments; the saved row is copied back onto ``obj``. Raises the service's
    ``ValidationError``."""
    create, update, keyword = SERVICES[type(obj)]
    given = dict(fields) if review is None else {**fields, "review": review}
    if obj.pk is None:
        saved = create(user=user, **given)
    else:
        saved = update(user=user, **{keyword: obj}, **given)
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class RecordWritesAdminMixin:
    """For the admins of the curated record and of the pages that edit it inline (a track's):
    saves go through the services, not ``obj.save()``.

    A reviewer's approval or rejection set on the record's own form is taken once its inlines are
    saved (``save_related``), so it decides the children added in the same save, as the approve
    action would have."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The page's form also checks four eyes, so a refused approval is a form error on the
        page (the service refuses it too, for every other path)."""
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if form_class._meta.model not in SERVICES:
            return form_class
        user = request.user

        class FourEyesForm(form_class):  # type: ignore[valid-type,misc]
            def clean(self):
                cleaned = super().clean()
                instance = self.instance
                approving = cleaned.get("review_state") == ReviewState.APPROVED
                if approving and (
                    instance._state.adding or instance.review_state != ReviewState.APPROVED
                ):
                    try:
                        four_eyes.require_other_approver(instance, user, new=instance._state.adding)
                    except ValidationError as error:
                        self.add_error("review_state", error)
                return cleaned

        return FourEyesForm

    def save_model(self, request, obj, form, change) -> None:
        if type(obj) not in SERVICES:
            return super().save_model(request, obj, form, change)
        fields, review = split_values(type(obj), form.cleaned_data)
        decision = None
        if review is not None and review.get("review_state") in DECISIONS:
            decision = review
            review = {k: v for k, v in review.items() if k != "review_state"}
        record_write(obj, user=request.user, fields=fields, review=review)
        request.record_decision = decision

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        decision = getattr(request, "record_decision", None)
        if decision is not None:
            record.record_review_decide(obj=form.instance, user=request.user, review=decision)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model not in SERVICES:
            return super().save_formset(request, form, formset, change)
        # commit=False fills the formset's new/changed/deleted lists the change message reads.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        by_instance = {id(f.instance): f for f in formset.forms}
        for obj in instances:
            fields, review = split_values(formset.model, by_instance[id(obj)].cleaned_data)
            record_write(obj, user=request.user, fields=fields, review=review)
        formset.save_m2m()
