"""Review decisions on machine output: approve, reject, correct and approve.

Every model that inherits ``Reviewable`` (statements, reports, track links, status changes,
aliases, commitments) goes through these functions, whether the decision comes from the admin's
review queue, an admin action or the REST API. Each decision records who took it, when, and why.

Single decisions may revisit an item that was already decided (an analyst corrects a mistake).
Bulk decisions only touch items that are still pending, so a stale page of the queue never
overrides a colleague's decision taken in the meantime.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone

from negotiations.models import Reviewable, ReviewState

R = TypeVar("R", bound=Reviewable)

# Fields a correction may not touch: the decision itself is recorded by the service.
_REVIEW_FIELDS = frozenset(
    {"review_state", "origin", "analyser_version", "reviewed_by", "reviewed_at", "review_note"}
)
_DECISION_FIELDS = ["review_state", "reviewed_by", "reviewed_at", "review_note", "updated_at"]


def _check_reviewable(obj: Any) -> None:
    if not isinstance(obj, Reviewable):
        raise TypeError(f"{type(obj).__name__} is not a reviewable model")
    if obj.pk is None:
        raise ValueError("Only saved objects can be reviewed")


def _lock(obj: R) -> R:
    """Re-read ``obj`` under a row lock (queries; call inside a transaction)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _record(obj: R, *, user, state: str, note: str, now) -> None:
    obj.review_state = state
    obj.reviewed_by = user
    obj.reviewed_at = now
    obj.review_note = note
    obj._history_user = user  # the audit trail credits the reviewer, also outside a request


def _sync(target: R, source: R) -> None:
    """Copy the saved state back onto the caller's instance so it does not go stale."""
    for field in target._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _decide(*, obj: R, user, state: str, note: str) -> R:
    _check_reviewable(obj)
    with transaction.atomic():
        locked = _lock(obj)
        _record(locked, user=user, state=state, note=note, now=timezone.now())
        locked.save(update_fields=_DECISION_FIELDS)
    _sync(obj, locked)
    return obj


def review_approve(*, obj: R, user, note: str = "") -> R:
    """Approve one machine-proposed item; it becomes part of the curated record."""
    return _decide(obj=obj, user=user, state=ReviewState.APPROVED, note=note)


def review_reject(*, obj: R, user, note: str = "") -> R:
    """Reject one item; it stays stored, with who rejected it, so a re-run can skip it."""
    return _decide(obj=obj, user=user, state=ReviewState.REJECTED, note=note)


def _correctable_field(model: type[models.Model], name: str) -> models.Field:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise ValidationError({name: "No such field."}) from None
    if (
        not isinstance(field, models.Field)  # a reverse relation or a generic foreign key
        or name in _REVIEW_FIELDS
        or not getattr(field, "concrete", False)
        or not field.editable
        or field.primary_key
        or field.many_to_many
    ):
        raise ValidationError({name: "This field cannot be corrected in review."})
    return field


def _shown(value: Any) -> str:
    text = str(value) if value is not None else "—"
    return text if len(text) <= 120 else text[:117] + "..."


def review_correct_and_approve(*, obj: R, user, changes: dict[str, Any], note: str = "") -> R:
    """Apply an analyst's corrections, validate the result, and approve it.

    ``changes`` maps field names to new values (model instances or ids for foreign keys). The
    corrected object is validated with ``full_clean()`` (constraints included) before anything is
    written; the review note lists what was changed from what, so the audit trail keeps the
    machine's original proposal.
    """
    _check_reviewable(obj)
    if not changes:
        raise ValidationError("Nothing to correct: use approve instead.")
    model = type(obj)
    with transaction.atomic():
        locked = _lock(obj)
        corrected: list[str] = []
        for name, value in changes.items():
            field = _correctable_field(model, name)
            before = getattr(locked, field.name)
            if field.is_relation and not isinstance(value, models.Model):
                setattr(locked, field.attname, value)
                after_id = getattr(locked, field.attname)
                after_text = f"#{after_id}" if after_id is not None else None
                before_text = f"#{before.pk}" if before is not None else None
            else:
                setattr(locked, field.name, value)
                before_text, after_text = before, value
            if before_text != after_text:
                corrected.append(f"{name}: {_shown(before_text)} → {_shown(after_text)}")
        locked.full_clean()
        lines = [note] if note else []
        if corrected:
            lines.append("Corrected: " + "; ".join(corrected))
        _record(
            locked,
            user=user,
            state=ReviewState.APPROVED,
            note="\n".join(lines),
            now=timezone.now(),
        )
        locked.save()
    _sync(obj, locked)
    return obj


def _decide_bulk(*, objs: Iterable[Reviewable], user, state: str, note: str) -> list[Reviewable]:
    by_model: dict[type[Reviewable], list[Any]] = defaultdict(list)
    for obj in objs:
        _check_reviewable(obj)
        by_model[type(obj)].append(obj.pk)
    decided: list[Reviewable] = []
    now = timezone.now()
    with transaction.atomic():
        for model, pks in by_model.items():
            # One locking query per model; rows decided meanwhile by someone else are skipped.
            locked = model._default_manager.select_for_update().filter(
                pk__in=pks, review_state=ReviewState.PENDING
            )
            for item in locked.order_by("pk"):
                _record(item, user=user, state=state, note=note, now=now)
                # Saved one by one (not queryset.update) so history and signals see each change.
                item.save(update_fields=_DECISION_FIELDS)
                decided.append(item)
    return decided


def review_bulk_approve(*, objs: Iterable[Reviewable], user, note: str = "") -> list[Reviewable]:
    """Approve every still-pending item among ``objs`` (any mix of reviewable models).

    Returns the items that were decided; items no longer pending are left as they are.
    """
    return _decide_bulk(objs=objs, user=user, state=ReviewState.APPROVED, note=note)


def review_bulk_reject(*, objs: Iterable[Reviewable], user, note: str = "") -> list[Reviewable]:
    """Reject every still-pending item among ``objs``; returns the items that were decided."""
    return _decide_bulk(objs=objs, user=user, state=ReviewState.REJECTED, note=note)


def review_bulk_undo(*, objs: Iterable[Reviewable], user, state: str) -> list[Reviewable]:
    """Take back a queue decision: items ``user`` decided as ``state`` are pending again.

    Only the undoer's own decision is taken back, and only while it stands: an item someone
    decided since (or decided otherwise) is left as it is. The history keeps both the decision
    and its undoing, credited to the user. Returns the items that are pending again.
    """
    if state not in {ReviewState.APPROVED, ReviewState.REJECTED}:
        raise ValueError(f"Only approvals and rejections can be undone, not {state!r}")
    by_model: dict[type[Reviewable], list[Any]] = defaultdict(list)
    for obj in objs:
        _check_reviewable(obj)
        by_model[type(obj)].append(obj.pk)
    reopened: list[Reviewable] = []
    with transaction.atomic():
        for model, pks in by_model.items():
            locked = model._default_manager.select_for_update().filter(
                pk__in=pks, review_state=state, reviewed_by=user
            )
            for item in locked.order_by("pk"):
                item.review_state = ReviewState.PENDING
                item.reviewed_by = None
                item.reviewed_at = None
                item.review_note = ""
                item._history_user = user
                item.save(update_fields=_DECISION_FIELDS)
                reopened.append(item)
    return reopened
