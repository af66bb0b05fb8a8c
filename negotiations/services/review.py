"""Review decisions on machine output: approve, reject, correct and approve.

Every model that inherits ``Reviewable`` (statements, reports, track links, status changes,
aliases, commitments) goes through these functions, whether the decision comes from the admin's
review queue, an admin action or the REST API. Each decision records who took it, when, and why.

Single decisions may revisit an item that was already decided (an analyst corrects a mistake).
Bulk decisions only touch items that are still pending, so a stale page of the queue never
overrides a colleague's decision taken in the meantime.

One fact, one decision: deciding a parent (a statement, a commitment) decides its still-pending
children (the statement's reports and track links, the commitment's stages and corrections) with
the same user, time and note; a child decided before is left as it is. Children declare their
parent with ``Reviewable.review_parent`` and the decisions they follow with ``review_follows``: a
commitment's correction follows its rejection only, since approving a correction applies its
amount (``services.record.commitment_correction_apply``), which a plain decision would skip.

A correction's own decisions go through the record's services, whichever path they come from:
approving one (alone, in bulk, corrected first) applies its amount; rejecting or undoing an
applied one gives the commitment back the amount it replaced
(``commitment_correction_withdraw``, refused when the amount has changed since).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone

from negotiations.models import CommitmentCorrection, Reviewable, ReviewState
from negotiations.services import four_eyes
from negotiations.services import record as record_writes

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
    obj._change_reason = four_eyes.DECISION  # a decision, not writing (four_eyes.written_by)


def _sync(target: R, source: R) -> None:
    """Copy the saved state back onto the caller's instance so it does not go stale."""
    for field in target._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


@cache
def review_children() -> dict[type[Reviewable], tuple[tuple[type[Reviewable], str], ...]]:
    """The registry: each parent model with its children as ``(child model, foreign key)``."""
    registry: dict[type[Reviewable], list[tuple[type[Reviewable], str]]] = defaultdict(list)
    for model in apps.get_models():
        if issubclass(model, Reviewable) and model.review_parent:
            parent = model._meta.get_field(model.review_parent).related_model
            if not (isinstance(parent, type) and issubclass(parent, Reviewable)):
                raise TypeError(f"{model.__name__}.review_parent must name a reviewable model")
            registry[parent].append((model, model.review_parent))
    return {parent: tuple(children) for parent, children in registry.items()}


def _decide_children(
    *, model: type[Reviewable], pks: list[Any], user, state: str, note: str, now
) -> list[Reviewable]:
    """Decide the pending children of the parents ``pks`` of ``model`` (queries; in a
    transaction). Returns the children decided."""
    decided: list[Reviewable] = []
    for child, fk in review_children().get(model, ()):
        if state not in child.review_follows:
            continue
        rows = child._default_manager.select_for_update().filter(
            **{f"{fk}__in": pks}, review_state=ReviewState.PENDING
        )
        for item in rows.order_by("pk"):
            _record(item, user=user, state=state, note=note, now=now)
            item.save(update_fields=_DECISION_FIELDS)  # one by one: history sees each
            decided.append(item)
    return decided


def _decide_correction(item: CommitmentCorrection, *, user, state: str, note: str) -> None:
    """A correction's decision through the record's services (the module's docstring); the
    caller holds ``item`` locked and has saved any change to it."""
    if state == ReviewState.APPROVED:
        record_writes.commitment_correction_apply(correction=item, user=user, note=note)
    elif item.review_state == ReviewState.APPROVED:
        record_writes.commitment_correction_withdraw(
            correction=item, user=user, state=state, note=note
        )
    else:
        _record(item, user=user, state=state, note=note, now=timezone.now())
        item.save(update_fields=_DECISION_FIELDS)
    item.refresh_from_db()


def _decide(*, obj: R, user, state: str, note: str) -> R:
    _check_reviewable(obj)
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(obj)
        if state == ReviewState.APPROVED:
            four_eyes.require_other_approver(locked, user)
        if isinstance(locked, CommitmentCorrection):
            _decide_correction(locked, user=user, state=state, note=note)
            _sync(obj, locked)
            return obj
        _record(locked, user=user, state=state, note=note, now=now)
        locked.save(update_fields=_DECISION_FIELDS)
        _decide_children(model=type(obj), pks=[obj.pk], user=user, state=state, note=note, now=now)
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
    """Apply an analyst's corrections, validate the result, and approve it (with its pending
    children, which get the analyst's ``note``).

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
        four_eyes.require_other_approver(locked, user)
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
        if isinstance(locked, CommitmentCorrection):
            if locked.review_state == ReviewState.APPROVED:
                raise ValidationError(
                    "This correction is applied already: correct the commitment instead."
                )
            locked.save()
            _decide_correction(locked, user=user, state=ReviewState.APPROVED, note="\n".join(lines))
            _sync(obj, locked)
            return obj
        now = timezone.now()
        _record(locked, user=user, state=ReviewState.APPROVED, note="\n".join(lines), now=now)
        locked.save()
        _decide_children(
            model=model, pks=[obj.pk], user=user, state=ReviewState.APPROVED, note=note, now=now
        )
    _sync(obj, locked)
    return obj


def _by_model(objs: Iterable[Reviewable]) -> list[tuple[type[Reviewable], list[Any]]]:
    """``objs``' primary keys per model, children's models first: a child chosen with its parent
    is then decided (or undone) as itself, not only as the parent's child."""
    by_model: dict[type[Reviewable], list[Any]] = defaultdict(list)
    for obj in objs:
        _check_reviewable(obj)
        by_model[type(obj)].append(obj.pk)

    def after_its_children(model: type[Reviewable]) -> bool:
        return any(child in by_model for child, _ in review_children().get(model, ()))

    return sorted(by_model.items(), key=lambda entry: after_its_children(entry[0]))


def _decide_bulk(*, objs: Iterable[Reviewable], user, state: str, note: str) -> list[Reviewable]:
    decided: list[Reviewable] = []
    now = timezone.now()
    with transaction.atomic():
        for model, pks in _by_model(objs):
            # One locking query per model; rows decided meanwhile by someone else are skipped.
            locked = model._default_manager.select_for_update().filter(
                pk__in=pks, review_state=ReviewState.PENDING
            )
            if state == ReviewState.APPROVED:  # four eyes: the user's own records are skipped
                locked = locked.exclude(pk__in=four_eyes.own_records(model, pks, user))
            mine: list[Any] = []
            for item in locked.order_by("pk"):
                if isinstance(item, CommitmentCorrection):
                    _decide_correction(item, user=user, state=state, note=note)
                    decided.append(item)
                    continue
                _record(item, user=user, state=state, note=note, now=now)
                # Saved one by one (not queryset.update) so history and signals see each change.
                item.save(update_fields=_DECISION_FIELDS)
                decided.append(item)
                mine.append(item.pk)
            if mine:
                _decide_children(model=model, pks=mine, user=user, state=state, note=note, now=now)
    return decided


def review_bulk_approve(*, objs: Iterable[Reviewable], user, note: str = "") -> list[Reviewable]:
    """Approve every still-pending item among ``objs`` (any mix of reviewable models), each with
    its pending children.

    Returns the items of ``objs`` that were decided; items no longer pending are left as they are.
    """
    return _decide_bulk(objs=objs, user=user, state=ReviewState.APPROVED, note=note)


def review_bulk_reject(*, objs: Iterable[Reviewable], user, note: str = "") -> list[Reviewable]:
    """Reject every still-pending item among ``objs`` with its pending children; returns the items
    of ``objs`` that were decided."""
    return _decide_bulk(objs=objs, user=user, state=ReviewState.REJECTED, note=note)


def review_bulk_undo(*, objs: Iterable[Reviewable], user, state: str) -> list[Reviewable]:
    """Take back a queue decision: items ``user`` decided as ``state`` are pending again.

    Only the undoer's own decision is taken back, and only while it stands: an item someone
    decided since (or decided otherwise) is left as it is. The history keeps both the decision
    and its undoing, credited to the user. The children decided with a parent (same user, state and
    time) are pending again with it. Returns the items of ``objs`` that are pending again.
    """
    if state not in {ReviewState.APPROVED, ReviewState.REJECTED}:
        raise ValueError(f"Only approvals and rejections can be undone, not {state!r}")
    reopened: list[Reviewable] = []
    with transaction.atomic():
        for model, pks in _by_model(objs):
            locked = model._default_manager.select_for_update().filter(
                pk__in=pks, review_state=state, reviewed_by=user
            )
            for item in locked.order_by("pk"):
                decided_at = item.reviewed_at
                if isinstance(item, CommitmentCorrection) and state == ReviewState.APPROVED:
                    try:
                        with transaction.atomic():
                            record_writes.commitment_correction_withdraw(
                                correction=item, user=user, state=ReviewState.PENDING
                            )
                    except ValidationError:
                        continue  # the amount changed since: the approval stands
                    reopened.append(item)
                    continue
                _reopen(item, user=user)
                reopened.append(item)
                for child, fk in review_children().get(model, ()):
                    children = child._default_manager.select_for_update().filter(
                        **{fk: item.pk},
                        review_state=state,
                        reviewed_by=user,
                        reviewed_at=decided_at,
                    )
                    for row in children.order_by("pk"):
                        _reopen(row, user=user)
    return reopened


def _reopen(item: Reviewable, *, user) -> None:
    item.review_state = ReviewState.PENDING
    item.reviewed_by = None
    item.reviewed_at = None
    item.review_note = ""
    item._history_user = user
    item._change_reason = four_eyes.DECISION
    item.save(update_fields=_DECISION_FIELDS)
