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
from decimal import Decimal
from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from negotiations.models import (
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


def _save_new(obj, user, review: Mapping[str, Any] | None, analyser_version: str = "") -> None:
    obj.origin = Origin.MACHINE if analyser_version else Origin.CURATED
    obj.analyser_version = analyser_version
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


def _follow_review(item, commitment: Commitment) -> None:
    """A stage written with its commitment takes the commitment's origin and review."""
    item.origin = commitment.origin
    item.analyser_version = commitment.analyser_version
    item.review_state = commitment.review_state
    item.reviewed_by = commitment.reviewed_by
    item.reviewed_at = commitment.reviewed_at


def _add_stages(commitment: Commitment, stages: Sequence[Mapping[str, Any]]) -> None:
    errors = {}
    for index, given in enumerate(stages):
        fields = dict(given)
        evidence = fields.pop("evidence", ())
        stage = CommitmentStage.objects.filter(
            commitment=commitment, stage=fields.get("stage")
        ).first() or CommitmentStage(commitment=commitment)
        _assign(stage, fields)
        _follow_review(stage, commitment)
        try:
            stage.full_clean()
        except ValidationError as exc:
            errors.update(_prefixed("stages", index, exc))
            continue
        stage.save()
        try:
            _add_evidence({"commitment": commitment, "commitment_stage": stage}, evidence)
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
        commitment = Commitment(
            track=track,
            party=party,
            category=category,
            description=description,
            beneficiary=beneficiary,
            direction=direction,
            amount=amount,
            amount_low=amount_low,
            amount_up_to=amount_up_to,
            currency=currency,
            per_year=per_year,
            period_start_year=period_start_year,
            period_end_year=period_end_year,
            period_phrase=period_phrase,
        )
        _save_new(commitment, user, review, analyser_version)
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
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        before = Commitment(amount=commitment.amount, currency=commitment.currency)
        _assign(
            commitment,
            _given(
                track=track,
                party=party,
                category=category,
                description=description,
                beneficiary=beneficiary,
                direction=direction,
                amount=amount,
                amount_low=amount_low,
                amount_up_to=amount_up_to,
                currency=currency,
                per_year=per_year,
                period_start_year=period_start_year,
                period_end_year=period_end_year,
                period_phrase=period_phrase,
            ),
        )
        _save_edit(commitment, user, review)
        _log_amount_change(commitment, before, user)
        _add_stages(commitment, stages)
        _add_evidence({"commitment": commitment}, evidence)
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
    with transaction.atomic():
        item = CommitmentStage.objects.filter(commitment=commitment, stage=stage).first()
        if item is None:
            item = CommitmentStage(
                commitment=commitment,
                stage=stage,
                effective_date=effective_date,
                date_precision=date_precision,
                origin=Origin.MACHINE,
                review_state=ReviewState.PENDING,
                analyser_version=analyser_version,
            )
            item.full_clean()
            item.save()
        if not item.evidence.filter(article=evidence["article"]).exists():
            _add_evidence({"commitment": commitment, "commitment_stage": item}, [evidence])
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
            commitment=commitment,
            stage=stage,
            old_amount=commitment.amount,
            old_currency=commitment.currency,
            new_amount=new_amount,
            new_currency=new_currency,
            reported_on=reported_on,
            article=article,
            excerpt=excerpt,
            char_start=char_start,
            char_end=char_end,
            note=note,
            origin=Origin.MACHINE,
            review_state=ReviewState.PENDING,
            analyser_version=analyser_version,
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
        correction.review_state = ReviewState.APPROVED
        correction.reviewed_by = user
        correction.reviewed_at = timezone.now()
        correction.review_note = note
        correction.full_clean()
        correction.save()
        commitment.amount = correction.new_amount
        commitment.currency = correction.new_currency
        if commitment.amount_low is not None and commitment.amount_low > commitment.amount:
            commitment.amount_low = None
        commitment.full_clean()
        commitment.save()
    return commitment


def commitment_correction_withdraw(
    *, correction: CommitmentCorrection, user, state: str, note: str = ""
) -> Commitment:
    """Take back an applied correction (its approval rejected or undone): the commitment gets
    back the amount the log says it replaced, the correction takes ``state`` (rejected, or
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
