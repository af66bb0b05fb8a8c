"""The admin's pages and imports write statements, status changes and commitments through
``negotiations.services.record``, as the API does: one set of rules on every write path.

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

from negotiations.models import Commitment, ReviewState, Statement, StatusChange
from negotiations.services import four_eyes, record

# The fields that decide or record a review: only a reviewer's form or file carries them.
REVIEW_FIELDS = ("review_state", "review_note", "reviewed_by", "reviewed_at")
# Machine bookkeeping and timestamps: the services and the database set them.
# Kept by the record itself: identity, provenance, timestamps and the change marker.
_NOT_WRITTEN = frozenset(
    {"id", "origin", "analyser_version", "created_at", "updated_at", "change_seq"}
)


def _update_statement(obj, **kwargs):
    return record.statement_update(statement=obj, **kwargs)


def _update_status_change(obj, **kwargs):
    return record.status_change_update(status_change=obj, **kwargs)


def _update_commitment(obj, **kwargs):
    return record.commitment_update(commitment=obj, **kwargs)


SERVICES: dict[type[models.Model], tuple[Callable[..., Any], Callable[..., Any]]] = {
    Statement: (record.statement_create, _update_statement),
    StatusChange: (record.status_change_create, _update_status_change),
    Commitment: (record.commitment_create, _update_commitment),
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
    create, update = SERVICES[type(obj)]
    if obj.pk is None:
        saved = create(user=user, review=review, **fields)
    else:
        saved = update(obj, user=user, review=review, **fields)
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class RecordWritesAdminMixin:
    """For the admins of statements, status changes and commitments, and of the pages that edit
    them inline (a track's): saves go through the services, not ``obj.save()``."""

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
        record_write(obj, user=request.user, fields=fields, review=review)

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
