"""Analysts' writes to the curated record: statements, status changes and commitments.

The one write path for these records: the API's writes, the admin's pages (``save_model`` and the
inlines' ``save_formset``) and the admin's imports all call these functions
(``negotiations.admin.writes`` adapts a form or an import row). Each row is saved after its
``full_clean()`` (field checks, the model's ``clean()`` such as "the speaker's position must be
the speaker's" or "the wording must appear verbatim in the article", and the named constraints),
inside one transaction. A write's nested reports and evidence are checked and stored in bulk, in
a fixed number of queries however many there are (see "Nested rows in bulk").

Records written here are curated claims that wait for a reviewer: they are saved pending, and an
edit by someone who cannot review sends an approved record back to pending. ``review`` carries
the review fields a reviewer set in the same save (the admin's form, an imported file); the API
never passes it (its reviewers decide through ``services.review``), and nobody else may.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from negotiations.models import (
    Article,
    Channel,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    DatePrecision,
    Evidence,
    Official,
    Origin,
    Party,
    Position,
    Reviewable,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
    machine_made,
)
from negotiations.permissions import can_review
from negotiations.services import changes as changes_service
from negotiations.services import four_eyes
from negotiations.services import review as review_service


class Unchanged(Enum):
    """An update's default for a field it is not given: the field keeps its value."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


# Set by the save itself (_save_new, _save_child, services.review), never by a write's fields.
_REVIEW_FIELDS = frozenset(field.name for field in Reviewable._meta.local_fields)

_Row = TypeVar("_Row", bound=models.Model)


def _fields(model: type[models.Model], arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of a write (its ``locals()`` on entry) that are ``model``'s own fields,
    less those an update was not given (a partial update leaves the others as they are).

    Each write names its fields once, as keyword arguments; this reads them back for the row."""
    names = {field.name for field in model._meta.concrete_fields} - _REVIEW_FIELDS
    return {
        name: value for name, value in arguments.items() if name in names and value is not UNCHANGED
    }


def _assign(obj, fields: Mapping[str, Any]) -> bool:
    """Set ``fields`` on ``obj``; whether any of them differs from what ``obj`` held."""
    changed = False
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if field.is_relation and field.concrete:  # compare ids: no query for the related row
            old, new = getattr(obj, field.attname), getattr(value, "pk", value)
        else:
            old, new = getattr(obj, name), value
        changed = changed or old != new
        setattr(obj, name, value)
    return changed


def _after_edit_state(obj, user) -> None:
    if obj.review_state != ReviewState.PENDING and not can_review(user, type(obj)):
        _reopen(obj)


def _reopen(obj) -> None:
    obj.review_state = ReviewState.PENDING
    obj.reviewed_by = None
    obj.reviewed_at = None


def _check_review(obj, user, review: Mapping[str, Any] | None) -> None:
    """Only a reviewer's save carries review fields (see the module's docstring)."""
    if review is not None and not can_review(user, type(obj)):
        raise PermissionDenied("Deciding a review needs the reviewer role.")


def _before_save_review(obj, review: Mapping[str, Any] | None) -> None:
    """What a reviewer's save changes on the row itself: back to pending, or the note alone.
    Approving and rejecting are decisions, taken after the save by :func:`record_review_decide`
    (``reviewed_by``/``reviewed_at`` are the decision's, never taken from a form or a file)."""
    if review is None:
        return
    if review.get("review_state") == ReviewState.PENDING:
        _reopen(obj)
    if "review_note" in review and review.get("review_state", obj.review_state) == (
        obj.review_state
    ):
        obj.review_note = review["review_note"] or ""


def record_review_decide(*, obj, user, review: Mapping[str, Any] | None) -> None:
    """A reviewer's approval or rejection made by saving the record (the admin's form or inline,
    an imported file) is taken by ``services.review`` as the approve and reject actions take it:
    credited to the reviewer in the history, the record's pending children decided with it. A
    state the record already has is no decision."""
    if review is None:
        return
    _check_review(obj, user, review)
    state = review.get("review_state")
    if state == obj.review_state or state not in (ReviewState.APPROVED, ReviewState.REJECTED):
        return
    decide = (
        review_service.review_approve
        if state == ReviewState.APPROVED
        else (review_service.review_reject)
    )
    decide(obj=obj, user=user, note=review.get("review_note") or "")


def _prefixed(prefix: str, index: int, exc: ValidationError) -> dict[str, list[str]]:
    """Field errors of a nested row, keyed like ``reports.0.wording``."""
    return {f"{prefix}.{index}.{field}": messages for field, messages in exc.message_dict.items()}


def _save_new(obj, user, review: Mapping[str, Any] | None, analyser_version: str = "") -> None:
    """Saved pending (the reviewer's decision in ``review``, if any, follows the save)."""
    _check_review(obj, user, review)
    obj._history_user = user  # the audit trail credits the writer, also outside a request
    obj.origin = Origin.MACHINE if analyser_version else Origin.CURATED
    obj.analyser_version = analyser_version
    obj.review_state = ReviewState.PENDING
    _before_save_review(obj, review)
    obj.full_clean()
    obj.save()


def _save_edit(obj, user, review: Mapping[str, Any] | None, *, changed: bool) -> None:
    """Save an edit. Only a real change sends an approved (or rejected) record back to review;
    an empty or unchanged edit with no review field is a no-op, not an unpublish."""
    _check_review(obj, user, review)
    if changed:
        _after_edit_state(obj, user)
    elif review is None:
        return
    obj._history_user = user
    if not changed:  # review fields only (a note, a decision): no writing (four_eyes.written_by)
        obj._change_reason = four_eyes.DECISION
    _before_save_review(obj, review)
    obj.full_clean()
    try:
        obj.save()
    finally:
        obj.__dict__.pop("_change_reason", None)


# --- Nested rows in bulk -------------------------------------------------------------------------
#
# A write's nested rows (a statement's reports, a record's evidence) cost a fixed number of
# queries, however many there are: each row gets ``full_clean()`` without its foreign keys (the
# parent was just saved or locked, the articles were fetched in one query by the serializer, text
# included, so the verbatim check reads no row), the named constraints are checked for all rows
# at once, and the rows, their history and the change markers are written in one go each.


class _Unreadable(Exception):
    """A constraint's condition that :func:`_condition_holds` cannot read in Python."""


def _attname(model: type[models.Model], name: str) -> str:
    return cast(models.Field, model._meta.get_field(name)).attname


def _django_check(constraint: models.BaseConstraint, obj: models.Model) -> list[str]:
    """Django's own check of one row against ``constraint`` (a query): its messages, if any."""
    try:
        cast(Any, constraint).validate(type(obj), obj)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _condition_holds(condition, obj) -> bool | None:
    """A constraint's condition for ``obj``, read in Python as SQL reads it (None: unknown, a
    comparison with NULL). Raises _Unreadable for anything other than ``field``,
    ``field__isnull`` and ``field__gt`` against values or F() of the row's own fields."""
    if isinstance(condition, Q):
        results = [_condition_holds(child, obj) for child in condition.children]
        if condition.connector == Q.AND:
            held = False if False in results else (None if None in results else True)
        else:
            held = True if True in results else (None if None in results else False)
        return held if held is None or not condition.negated else not held
    if not isinstance(condition, tuple):
        raise _Unreadable(condition)
    lookup, expected = condition
    name, _, op = lookup.partition("__")
    try:
        value = getattr(obj, _attname(type(obj), name))
        if isinstance(expected, F):
            expected = getattr(obj, _attname(type(obj), expected.name))
    except Exception as exc:  # not a plain field of the row
        raise _Unreadable(condition) from exc
    if hasattr(expected, "resolve_expression"):
        raise _Unreadable(condition)
    if op == "isnull":
        return (value is None) == bool(expected)
    if value is None or expected is None:
        return None
    if op == "":
        return value == expected
    if op == "gt":
        return value > expected
    raise _Unreadable(condition)


def _unique_message(obj, constraint: models.UniqueConstraint) -> str:
    # Django's own wording (Model.validate_constraints): the model's unique message for a plain
    # constraint without its own message, the constraint's message otherwise.
    if constraint.condition is None and constraint.violation_error_message in (
        None,
        constraint.default_violation_error_message,
    ):
        return str(
            obj.unique_error_message(type(obj), constraint.fields).message
            % {
                "model_name": obj._meta.verbose_name.capitalize(),
                "field_labels": " and ".join(
                    str(obj._meta.get_field(name).verbose_name.capitalize())
                    for name in constraint.fields
                ),
            }
        )
    return str(constraint.get_violation_error_message())


def _constraint_errors(objs: Sequence[models.Model]) -> dict[int, list[str]]:
    """The named constraints of new rows, checked for all rows at once: one query per unique
    constraint (against the rows already stored), the rest in Python. A condition this cannot
    read in Python is left to Django, row by row."""
    errors: dict[int, list[str]] = {}
    if not objs:
        return errors
    model = type(objs[0])
    manager = model._default_manager
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            for index, obj in enumerate(objs):
                try:
                    held = _condition_holds(Q(constraint.condition), obj)
                except _Unreadable:  # Django checks this row itself (a query)
                    errors.setdefault(index, []).extend(_django_check(constraint, obj))
                    continue
                if held is False:  # NULL passes a check constraint, as in the database
                    errors.setdefault(index, []).append(
                        str(constraint.get_violation_error_message())
                    )
            continue
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        attnames = [_attname(model, name) for name in constraint.fields]
        keyed: dict[tuple, list[int]] = {}
        for index, obj in enumerate(objs):
            if constraint.condition is not None:
                try:
                    held = _condition_holds(Q(constraint.condition), obj)
                except _Unreadable:  # Django checks this row itself (a query)
                    errors.setdefault(index, []).extend(_django_check(constraint, obj))
                    continue
                if held is not True:  # the constraint covers only rows its condition holds for
                    continue
            key = tuple(getattr(obj, name) for name in attnames)
            if None not in key:  # NULLs are distinct
                keyed.setdefault(key, []).append(index)
        if not keyed:
            continue
        wanted = Q()
        for key in keyed:
            wanted |= Q(**dict(zip(attnames, key, strict=True)))
        stored = manager.filter(wanted)
        if constraint.condition is not None:
            stored = stored.filter(constraint.condition)
        taken = set(stored.values_list(*attnames))
        for key, indexes in keyed.items():
            clashing = indexes if key in taken else indexes[1:]  # a repeat within the write
            for index in clashing:
                errors.setdefault(index, []).append(_unique_message(objs[index], constraint))
    return errors


def _create_rows(prefix: str, objs: Sequence[models.Model], user, *, resolved: set[str]) -> None:
    """Validate and insert new nested rows in bulk; ``resolved``: their foreign keys that the
    caller already holds as rows (not checked again). The errors of all rows at once, keyed by
    position (``reports.3.wording``)."""
    if not objs:
        return
    model = type(objs[0])
    errors: dict[str, list[str]] = {}
    for index, obj in enumerate(objs):
        if isinstance(obj, Reviewable):  # as _save_child: a new row is curated and pending
            obj.origin = Origin.CURATED
            obj.analyser_version = ""
            obj.review_state = ReviewState.PENDING
        try:
            obj.full_clean(exclude=resolved, validate_constraints=False)
        except ValidationError as exc:
            errors.update(_prefixed(prefix, index, exc))
    for index, messages in _constraint_errors(objs).items():
        errors.setdefault(f"{prefix}.{index}.{NON_FIELD_ERRORS}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = bulk_create_with_history(list(objs), model, default_user=user)
        # bulk_create sends no post_save: move the markers of what shows these rows at once.
        changes_service.touch(model, [obj.pk for obj in created])


def _add_reports(statement: Statement, reports: Sequence[Mapping[str, Any]], user) -> None:
    rows = [StatementReport(statement=statement, **fields) for fields in reports]
    _create_rows("reports", rows, user, resolved={"statement", "article"})


def _set_tracks(statement: Statement, tracks: Sequence[Track], user) -> None:
    wanted = {track.pk for track in tracks}
    statement.track_links.exclude(track_id__in=wanted).delete()
    existing = set(statement.track_links.values_list("track_id", flat=True))
    for track in tracks:
        if track.pk not in existing:
            statement_track_create(user=user, statement=statement, track=track)
            existing.add(track.pk)


# --- Child rows: reports, track links, evidence, stages -------------------------------------------
#
# Written alone (an admin inline or page, an import) or with their record (the API's nested rows).
# A reviewable child follows its record's rules: a new one is curated and pending, a non-reviewer's
# edit sends an approved one back to review, a reviewer's decision goes through services.review.


def _save_child(obj, user, review: Mapping[str, Any] | None, *, new: bool, like=None) -> None:
    """Saved by the records' rules; ``like``: a stage written with its commitment takes the
    commitment's origin and review instead."""
    with transaction.atomic():
        if not isinstance(obj, Reviewable):  # evidence: the model's checks only
            obj.full_clean()
            obj.save()
            return
        _check_review(obj, user, review)
        if new:
            obj.origin = Origin.CURATED
            obj.analyser_version = ""
            obj.review_state = ReviewState.PENDING
        else:
            _after_edit_state(obj, user)
        if like is not None:
            _follow_review(obj, like)
        _before_save_review(obj, review)
        obj.full_clean()
        obj.save()
        record_review_decide(obj=obj, user=user, review=review)


def _new_child(
    model: type[_Row], user, review: Mapping[str, Any] | None, arguments: Mapping[str, Any]
) -> _Row:
    """A child row made of a write's arguments (see :func:`_fields`), saved by the rules above."""
    obj = model(**_fields(model, arguments))
    _save_child(obj, user, review, new=True)
    return obj


def _edit_child(
    obj: _Row, user, review: Mapping[str, Any] | None, arguments: Mapping[str, Any]
) -> _Row:
    """The given fields of a child row changed (see :func:`_fields`), saved by the rules above."""
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        _assign(locked, _fields(type(obj), arguments))
        _save_child(locked, user, review, new=False)
    return locked


def statement_report_create(
    *,
    user,
    statement: Statement,
    article: Article,
    wording: str,
    kind: str,
    char_start: int | None = None,
    char_end: int | None = None,
    review: Mapping[str, Any] | None = None,
) -> StatementReport:
    """An article's report of a statement; its wording must appear verbatim in the article."""
    return _new_child(StatementReport, user, review, locals())


def statement_report_update(
    *,
    report: StatementReport,
    user,
    statement: Statement | Unchanged = UNCHANGED,
    article: Article | Unchanged = UNCHANGED,
    wording: str | Unchanged = UNCHANGED,
    kind: str | Unchanged = UNCHANGED,
    char_start: int | None | Unchanged = UNCHANGED,
    char_end: int | None | Unchanged = UNCHANGED,
    review: Mapping[str, Any] | None = None,
) -> StatementReport:
    return _edit_child(report, user, review, locals())


def statement_track_create(
    *, user, statement: Statement, track: Track, review: Mapping[str, Any] | None = None
) -> StatementTrack:
    """An assignment of a statement to a track."""
    return _new_child(StatementTrack, user, review, locals())


def statement_track_update(
    *,
    link: StatementTrack,
    user,
    statement: Statement | Unchanged = UNCHANGED,
    track: Track | Unchanged = UNCHANGED,
    review: Mapping[str, Any] | None = None,
) -> StatementTrack:
    return _edit_child(link, user, review, locals())


def evidence_create(
    *,
    user,
    article: Article,
    excerpt: str,
    char_start: int | None = None,
    char_end: int | None = None,
    status_change: StatusChange | None = None,
    commitment: Commitment | None = None,
    commitment_stage: CommitmentStage | None = None,
) -> Evidence:
    """The exact words of an article that support a status change, a commitment or a stage.
    (``user`` for symmetry with the other writes: evidence carries no review of its own.)"""
    return _new_child(Evidence, user, None, locals())


def evidence_update(
    *,
    evidence: Evidence,
    user,
    article: Article | Unchanged = UNCHANGED,
    excerpt: str | Unchanged = UNCHANGED,
    char_start: int | None | Unchanged = UNCHANGED,
    char_end: int | None | Unchanged = UNCHANGED,
    status_change: StatusChange | None | Unchanged = UNCHANGED,
    commitment: Commitment | None | Unchanged = UNCHANGED,
    commitment_stage: CommitmentStage | None | Unchanged = UNCHANGED,
) -> Evidence:
    return _edit_child(evidence, user, None, locals())


def commitment_stage_create(
    *,
    user,
    commitment: Commitment,
    stage: str,
    effective_date: date | None = None,
    date_precision: str = DatePrecision.DAY,
    review: Mapping[str, Any] | None = None,
) -> CommitmentStage:
    """A dated stage of a commitment (announced, signed, delivered ...)."""
    return _new_child(CommitmentStage, user, review, locals())


def commitment_stage_update(
    *,
    commitment_stage: CommitmentStage,
    user,
    commitment: Commitment | Unchanged = UNCHANGED,
    stage: str | Unchanged = UNCHANGED,
    effective_date: date | None | Unchanged = UNCHANGED,
    date_precision: str | Unchanged = UNCHANGED,
    review: Mapping[str, Any] | None = None,
) -> CommitmentStage:
    return _edit_child(commitment_stage, user, review, locals())


def statement_create(
    *,
    user,
    text: str,
    kind: str,
    speaker: Official | None = None,
    speaker_party: Party | None = None,
    speaker_position: Position | None = None,
    speaker_description: str = "",
    said_on: date | None = None,
    said_precision: str = DatePrecision.DAY,
    said_phrase: str = "",
    channel: str = Channel.UNKNOWN,
    channel_detail: str = "",
    tracks: Sequence[Track] = (),
    reports: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> Statement:
    """A new pending statement, its track assignments and the articles that report it."""
    with transaction.atomic():
        statement = Statement(**_fields(Statement, locals()))
        _save_new(statement, user, review)
        _set_tracks(statement, tracks, user)
        _add_reports(statement, reports, user)
        record_review_decide(obj=statement, user=user, review=review)
    return statement


def statement_update(
    *,
    statement: Statement,
    user,
    text: str | Unchanged = UNCHANGED,
    kind: str | Unchanged = UNCHANGED,
    speaker: Official | None | Unchanged = UNCHANGED,
    speaker_party: Party | None | Unchanged = UNCHANGED,
    speaker_position: Position | None | Unchanged = UNCHANGED,
    speaker_description: str | Unchanged = UNCHANGED,
    said_on: date | None | Unchanged = UNCHANGED,
    said_precision: str | Unchanged = UNCHANGED,
    said_phrase: str | Unchanged = UNCHANGED,
    channel: str | Unchanged = UNCHANGED,
    channel_detail: str | Unchanged = UNCHANGED,
    tracks: Sequence[Track] | None = None,
    reports: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> Statement:
    """Change the given fields of a statement; ``tracks`` (when given) replaces its assignments;
    ``reports`` adds."""
    fields = _fields(Statement, locals())
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        changed = _assign(statement, fields)
        if tracks is not None:
            linked = set(statement.track_links.values_list("track_id", flat=True))
            changed = changed or {track.pk for track in tracks} != linked
        _save_edit(statement, user, review, changed=changed or bool(reports))
        if tracks is not None:
            _set_tracks(statement, tracks, user)
        _add_reports(statement, reports, user)
        record_review_decide(obj=statement, user=user, review=review)
    return statement


def _add_evidence(
    target: dict[str, Any], evidence: Sequence[Mapping[str, Any]], user, prefix: str = "evidence"
) -> None:
    rows = [Evidence(**target, **fields) for fields in evidence]
    _create_rows(prefix, rows, user, resolved={"article", *target})


def status_change_create(
    *,
    user,
    track: Track,
    status: str,
    effective_date: date,
    date_precision: str = DatePrecision.DAY,
    date_phrase: str = "",
    summary: str = "",
    evidence: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> StatusChange:
    """A new pending step in a track's status history, with the exact words that support it."""
    with transaction.atomic():
        change = StatusChange(**_fields(StatusChange, locals()))
        _save_new(change, user, review)
        _add_evidence({"status_change": change}, evidence, user)
        record_review_decide(obj=change, user=user, review=review)
    return change


def status_change_update(
    *,
    status_change: StatusChange,
    user,
    track: Track | Unchanged = UNCHANGED,
    status: str | Unchanged = UNCHANGED,
    effective_date: date | Unchanged = UNCHANGED,
    date_precision: str | Unchanged = UNCHANGED,
    date_phrase: str | Unchanged = UNCHANGED,
    summary: str | Unchanged = UNCHANGED,
    evidence: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> StatusChange:
    """Change the given fields of a status change; each given piece of evidence is added."""
    fields = _fields(StatusChange, locals())
    with transaction.atomic():
        change = StatusChange.objects.select_for_update().get(pk=status_change.pk)
        changed = _assign(change, fields)
        _save_edit(change, user, review, changed=changed or bool(evidence))
        _add_evidence({"status_change": change}, evidence, user)
        record_review_decide(obj=change, user=user, review=review)
    return change


def _follow_review(item, commitment: Commitment) -> None:
    """A stage written with its commitment takes the commitment's origin and review."""
    item.origin = commitment.origin
    item.analyser_version = commitment.analyser_version
    item.review_state = commitment.review_state
    item.reviewed_by = commitment.reviewed_by
    item.reviewed_at = commitment.reviewed_at


def _add_stages(commitment: Commitment, stages: Sequence[Mapping[str, Any]], user) -> None:
    errors = {}
    for index, given in enumerate(stages):
        fields = dict(given)
        evidence = fields.pop("evidence", ())
        existing = CommitmentStage.objects.filter(
            commitment=commitment, stage=fields.get("stage")
        ).first()
        stage = existing or CommitmentStage(commitment=commitment)
        _assign(stage, fields)
        try:
            _save_child(stage, user, None, new=existing is None, like=commitment)
        except ValidationError as exc:
            errors.update(_prefixed("stages", index, exc))
            continue
        try:
            _add_evidence({"commitment": commitment, "commitment_stage": stage}, evidence, user)
        except ValidationError as exc:
            errors.update(_prefixed("stages", index, exc))
    if errors:
        raise ValidationError(errors)


def _log_amount_change(commitment: Commitment, before: Commitment, user) -> None:
    """An analyst's new amount for a commitment that had one is logged as a correction (approved
    when the analyst may review commitments), never written over silently."""
    if before.amount is None or (
        before.amount == commitment.amount and before.currency == commitment.currency
    ):
        return
    if commitment.amount is None:
        raise ValidationError({"amount": "An amount can be corrected, not removed."})
    reviewer = can_review(user, CommitmentCorrection)
    correction = CommitmentCorrection(
        commitment=commitment,
        old_amount=before.amount,
        old_currency=before.currency,
        new_amount=commitment.amount,
        new_currency=commitment.currency,
        reported_on=timezone.localdate(),
        note="Edited by an analyst",
        origin=Origin.CURATED,
        review_state=ReviewState.APPROVED if reviewer else ReviewState.PENDING,
        reviewed_by=user if reviewer else None,
        reviewed_at=timezone.now() if reviewer else None,
    )
    correction.full_clean()
    correction.save()


def commitment_create(
    *,
    user,
    track: Track,
    party: Party,
    category: str,
    description: str,
    beneficiary: Party | None = None,
    direction: str = Commitment.Direction.OFFER,
    amount: Decimal | None = None,
    amount_low: Decimal | None = None,
    amount_up_to: bool = False,
    currency: str = "",
    per_year: bool = False,
    period_start_year: int | None = None,
    period_end_year: int | None = None,
    period_phrase: str = "",
    stages: Sequence[Mapping[str, Any]] = (),
    evidence: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
    analyser_version: str = "",
) -> Commitment:
    """A new pending commitment with its dated stages (each with its own evidence) and evidence.

    ``analyser_version`` marks the analyser's proposal (``services.commitments``): machine
    origin, pending, no user."""
    with transaction.atomic():
        commitment = Commitment(**_fields(Commitment, locals()))
        _save_new(commitment, user, review, analyser_version)
        _add_stages(commitment, stages, user)
        _add_evidence({"commitment": commitment}, evidence, user)
        record_review_decide(obj=commitment, user=user, review=review)
    return commitment


def commitment_update(
    *,
    commitment: Commitment,
    user,
    track: Track | Unchanged = UNCHANGED,
    party: Party | Unchanged = UNCHANGED,
    category: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    beneficiary: Party | None | Unchanged = UNCHANGED,
    direction: str | Unchanged = UNCHANGED,
    amount: Decimal | None | Unchanged = UNCHANGED,
    amount_low: Decimal | None | Unchanged = UNCHANGED,
    amount_up_to: bool | Unchanged = UNCHANGED,
    currency: str | Unchanged = UNCHANGED,
    per_year: bool | Unchanged = UNCHANGED,
    period_start_year: int | None | Unchanged = UNCHANGED,
    period_end_year: int | None | Unchanged = UNCHANGED,
    period_phrase: str | Unchanged = UNCHANGED,
    stages: Sequence[Mapping[str, Any]] = (),
    evidence: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> Commitment:
    """Change the given fields of a commitment; each given stage is added or replaces the stage
    of that name; a new amount is logged as a correction."""
    fields = _fields(Commitment, locals())
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        before = Commitment(amount=commitment.amount, currency=commitment.currency)
        changed = _assign(commitment, fields)
        _save_edit(commitment, user, review, changed=changed or bool(stages) or bool(evidence))
        _log_amount_change(commitment, before, user)
        _add_stages(commitment, stages, user)
        _add_evidence({"commitment": commitment}, evidence, user)
        record_review_decide(obj=commitment, user=user, review=review)
    return commitment


def commitment_stage_propose(
    *,
    commitment: Commitment,
    stage: str,
    effective_date,
    date_precision: str,
    evidence: Mapping[str, Any],
    analyser_version: str,
) -> CommitmentStage:
    """The analyser's report of a stage of a commitment: a new stage waits for review (the
    commitment keeps its own review); a stage already recorded gains the evidence only, its
    date as it was."""
    fields = _fields(CommitmentStage, locals())
    with transaction.atomic():
        item = CommitmentStage.objects.filter(commitment=commitment, stage=stage).first()
        if item is None:
            item = CommitmentStage(**fields, **machine_made(analyser_version))
            item.full_clean()
            item.save()
        if not item.evidence.filter(article=evidence["article"]).exists():
            evidence_create(user=None, commitment=commitment, commitment_stage=item, **evidence)
    return item


def commitment_correction_record(
    *,
    commitment: Commitment,
    stage: str,
    new_amount,
    new_currency: str,
    reported_on,
    article,
    excerpt: str,
    char_start: int | None,
    char_end: int | None,
    analyser_version: str,
    note: str = "",
) -> CommitmentCorrection:
    """The analyser's report of another amount for a commitment: logged, pending review, the
    commitment's amount untouched (``commitment_correction_apply`` applies it)."""
    fields = _fields(CommitmentCorrection, locals())
    with transaction.atomic():
        existing = CommitmentCorrection.objects.filter(
            commitment=commitment,
            article=article,
            new_amount=new_amount,
            new_currency=new_currency,
        ).first()
        if existing is not None:
            return existing
        correction = CommitmentCorrection(
            **fields,
            old_amount=commitment.amount,
            old_currency=commitment.currency,
            **machine_made(analyser_version),
        )
        correction.full_clean()
        correction.save()
    return correction


def commitment_correction_apply(
    *, correction: CommitmentCorrection, user, note: str = ""
) -> Commitment:
    """A reviewer approves a correction: the commitment takes its amount, the log keeps the
    amount it had (``old_amount`` as the record held it at this moment). Approving a correction
    that is approved already changes nothing (its log keeps the amount it replaced).

    Every approval of a correction comes here: ``services.review`` routes the admin's, the API's
    and the workbench's decisions on corrections to this function."""
    if not can_review(user, CommitmentCorrection):
        raise PermissionDenied("Applying a correction needs the reviewer role.")
    with transaction.atomic():
        correction = CommitmentCorrection.objects.select_for_update().get(pk=correction.pk)
        commitment = Commitment.objects.select_for_update().get(pk=correction.commitment_id)
        if correction.review_state == ReviewState.APPROVED:
            return commitment
        correction.old_amount = commitment.amount
        correction.old_currency = commitment.currency
        correction.old_amount_low = None
        if commitment.amount_low is not None and commitment.amount_low > correction.new_amount:
            # The new amount falls below the range's lower bound: the range no longer holds.
            correction.old_amount_low = commitment.amount_low
        correction.review_state = ReviewState.APPROVED
        correction.reviewed_by = user
        correction.reviewed_at = timezone.now()
        correction.review_note = note
        correction.full_clean()
        correction.save()
        commitment.amount = correction.new_amount
        commitment.currency = correction.new_currency
        if correction.old_amount_low is not None:
            commitment.amount_low = None
        commitment.full_clean()
        commitment.save()
    return commitment


def commitment_correction_withdraw(
    *, correction: CommitmentCorrection, user, state: str, note: str = ""
) -> Commitment:
    """Take back an applied correction (its approval rejected or undone): the commitment gets
    back the amount the log says it replaced (and the range's lower bound, if applying it cleared
    one), the correction takes ``state`` (rejected, or
    pending again). Refused when the commitment's amount has changed since: the record's amount
    is then someone's later decision, corrected on its own."""
    if not can_review(user, CommitmentCorrection):
        raise PermissionDenied("Taking back a correction needs the reviewer role.")
    with transaction.atomic():
        correction = CommitmentCorrection.objects.select_for_update().get(pk=correction.pk)
        commitment = Commitment.objects.select_for_update().get(pk=correction.commitment_id)
        if correction.review_state != ReviewState.APPROVED:
            raise ValidationError("Only an approved correction can be taken back.")
        if (commitment.amount, commitment.currency) != (
            correction.new_amount,
            correction.new_currency,
        ):
            raise ValidationError(
                "The commitment's amount has changed since this correction was applied: "
                "correct the commitment instead of taking the correction back."
            )
        if correction.old_amount is None:
            raise ValidationError(
                "This correction gave the commitment its first amount: correct the commitment "
                "instead of taking the correction back."
            )
        commitment.amount = correction.old_amount
        commitment.currency = correction.old_currency
        if correction.old_amount_low is not None:
            commitment.amount_low = correction.old_amount_low
        commitment.full_clean()
        commitment.save()
        correction.review_state = state
        pending = state == ReviewState.PENDING
        correction.reviewed_by = None if pending else user
        correction.reviewed_at = None if pending else timezone.now()
        correction.review_note = "" if pending else note
        correction._history_user = user
        correction.full_clean()
        correction.save()
    return commitment
