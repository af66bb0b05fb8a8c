"""Analysts' writes to the curated record: statements, status changes and commitments.

The one write path for these records: the API's writes, the admin's pages (``save_model`` and the
inlines' ``save_formset``) and the admin's imports all call these functions
(``negotiations.admin.writes`` adapts a form or an import row). Each row is saved after its
``full_clean()`` (field checks, the model's ``clean()`` such as "the speaker's position must be
the speaker's" or "the wording must appear verbatim in the article", and the named constraints),
inside one transaction.

Records written here are curated claims that wait for a reviewer: they are saved pending, and an
edit by someone who cannot review sends an approved record back to pending. ``review`` carries
the review fields a reviewer set in the same save (the admin's form, an imported file); the API
never passes it (its reviewers decide through ``services.review``), and nobody else may.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from negotiations.models import (
    Channel,
    Commitment,
    CommitmentStage,
    DatePrecision,
    Evidence,
    Official,
    Origin,
    Party,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
)
from negotiations.permissions import can_review


class Unchanged(Enum):
    """An update's default for a field it is not given: the field keeps its value."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


def _given(**values: Any) -> dict[str, Any]:
    """The fields an update was given (a partial update leaves the others as they are)."""
    return {name: value for name, value in values.items() if value is not UNCHANGED}


def _assign(obj, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


def _after_edit_state(obj, user) -> None:
    if obj.review_state != ReviewState.PENDING and not can_review(user, type(obj)):
        obj.review_state = ReviewState.PENDING
        obj.reviewed_by = None
        obj.reviewed_at = None


def _apply_review(obj, user, review: Mapping[str, Any] | None) -> None:
    """The review fields a reviewer set in the same save (see the module's docstring)."""
    if review is None:
        return
    if not can_review(user, type(obj)):
        raise PermissionDenied("Deciding a review needs the reviewer role.")
    _assign(obj, review)


def _prefixed(prefix: str, index: int, exc: ValidationError) -> dict[str, list[str]]:
    """Field errors of a nested row, keyed like ``reports.0.wording``."""
    return {f"{prefix}.{index}.{field}": messages for field, messages in exc.message_dict.items()}


def _save_new(obj, user, review: Mapping[str, Any] | None) -> None:
    obj.origin = Origin.CURATED
    obj.review_state = ReviewState.PENDING
    _apply_review(obj, user, review)
    obj.full_clean()
    obj.save()


def _save_edit(obj, user, review: Mapping[str, Any] | None) -> None:
    _after_edit_state(obj, user)
    _apply_review(obj, user, review)
    obj.full_clean()
    obj.save()


def _add_reports(statement: Statement, reports: Sequence[Mapping[str, Any]]) -> None:
    errors = {}
    for index, fields in enumerate(reports):
        report = StatementReport(statement=statement, origin=Origin.CURATED, **fields)
        try:
            report.full_clean()
        except ValidationError as exc:
            errors.update(_prefixed("reports", index, exc))
            continue
        report.save()
    if errors:
        raise ValidationError(errors)


def _set_tracks(statement: Statement, tracks: Sequence[Track]) -> None:
    wanted = {track.pk for track in tracks}
    statement.track_links.exclude(track_id__in=wanted).delete()
    existing = set(statement.track_links.values_list("track_id", flat=True))
    for track_id in wanted - existing:
        link = StatementTrack(statement=statement, track_id=track_id, origin=Origin.CURATED)
        link.full_clean()
        link.save()


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
        statement = Statement(
            text=text,
            kind=kind,
            speaker=speaker,
            speaker_party=speaker_party,
            speaker_position=speaker_position,
            speaker_description=speaker_description,
            said_on=said_on,
            said_precision=said_precision,
            said_phrase=said_phrase,
            channel=channel,
            channel_detail=channel_detail,
        )
        _save_new(statement, user, review)
        _set_tracks(statement, tracks)
        _add_reports(statement, reports)
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
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        _assign(
            statement,
            _given(
                text=text,
                kind=kind,
                speaker=speaker,
                speaker_party=speaker_party,
                speaker_position=speaker_position,
                speaker_description=speaker_description,
                said_on=said_on,
                said_precision=said_precision,
                said_phrase=said_phrase,
                channel=channel,
                channel_detail=channel_detail,
            ),
        )
        _save_edit(statement, user, review)
        if tracks is not None:
            _set_tracks(statement, tracks)
        _add_reports(statement, reports)
    return statement


def _add_evidence(target: dict[str, Any], evidence: Sequence[Mapping[str, Any]]) -> None:
    errors = {}
    for index, fields in enumerate(evidence):
        item = Evidence(**target, **fields)
        try:
            item.full_clean()
        except ValidationError as exc:
            errors.update(_prefixed("evidence", index, exc))
            continue
        item.save()
    if errors:
        raise ValidationError(errors)


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
        change = StatusChange(
            track=track,
            status=status,
            effective_date=effective_date,
            date_precision=date_precision,
            date_phrase=date_phrase,
            summary=summary,
        )
        _save_new(change, user, review)
        _add_evidence({"status_change": change}, evidence)
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
    with transaction.atomic():
        change = StatusChange.objects.select_for_update().get(pk=status_change.pk)
        _assign(
            change,
            _given(
                track=track,
                status=status,
                effective_date=effective_date,
                date_precision=date_precision,
                date_phrase=date_phrase,
                summary=summary,
            ),
        )
        _save_edit(change, user, review)
        _add_evidence({"status_change": change}, evidence)
    return change


def _add_stages(commitment: Commitment, stages: Sequence[Mapping[str, Any]]) -> None:
    errors = {}
    for index, fields in enumerate(stages):
        stage = CommitmentStage.objects.filter(
            commitment=commitment, stage=fields.get("stage")
        ).first() or CommitmentStage(commitment=commitment)
        _assign(stage, fields)
        try:
            stage.full_clean()
        except ValidationError as exc:
            errors.update(_prefixed("stages", index, exc))
            continue
        stage.save()
    if errors:
        raise ValidationError(errors)


def commitment_create(
    *,
    user,
    track: Track,
    party: Party,
    category: str,
    description: str,
    beneficiary: Party | None = None,
    direction: str = Commitment.Direction.OFFER,
    stages: Sequence[Mapping[str, Any]] = (),
    evidence: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> Commitment:
    """A new pending commitment with its dated stages and evidence."""
    with transaction.atomic():
        commitment = Commitment(
            track=track,
            party=party,
            category=category,
            description=description,
            beneficiary=beneficiary,
            direction=direction,
        )
        _save_new(commitment, user, review)
        _add_stages(commitment, stages)
        _add_evidence({"commitment": commitment}, evidence)
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
    stages: Sequence[Mapping[str, Any]] = (),
    evidence: Sequence[Mapping[str, Any]] = (),
    review: Mapping[str, Any] | None = None,
) -> Commitment:
    """Change the given fields of a commitment; each given stage is added or replaces the stage
    of that name."""
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        _assign(
            commitment,
            _given(
                track=track,
                party=party,
                category=category,
                description=description,
                beneficiary=beneficiary,
                direction=direction,
            ),
        )
        _save_edit(commitment, user, review)
        _add_stages(commitment, stages)
        _add_evidence({"commitment": commitment}, evidence)
    return commitment
