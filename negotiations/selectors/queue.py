"""The review queue: what the machine proposed and waits for an analyst, kind by kind, each row
with what its evidence needs joined (a fixed number of queries whatever the number of rows).

A pending child whose parent is pending too (``Reviewable.review_parent``: a report of a pending
statement) is no item of its own: it is decided with its parent, and shown in the parent's item
(``pending_children``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Prefetch, QuerySet

from negotiations.models import (
    Alias,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
)

QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueKind:
    key: str
    label: str
    model: type[Model]
    correctable: tuple[str, ...]  # the fields the correction form offers


QUEUE_KINDS: dict[str, QueueKind] = {
    k.key: k
    for k in [
        QueueKind(
            "statement",
            "Statements",
            Statement,
            (
                "speaker",
                "speaker_party",
                "speaker_description",
                "text",
                "kind",
                "said_on",
                "said_precision",
                "channel",
                "channel_detail",
            ),
        ),
        QueueKind(
            "status",
            "Status changes",
            StatusChange,
            ("track", "status", "effective_date", "date_precision", "summary"),
        ),
        QueueKind(
            "alias",
            "Alias suggestions",
            Alias,
            ("name", "kind", "language", "script", "party", "official", "place"),
        ),
        QueueKind("track_link", "Track assignments", StatementTrack, ("track",)),
        QueueKind(
            "report",
            "Reports",
            StatementReport,
            ("wording", "kind", "char_start", "char_end"),
        ),
        QueueKind(
            "commitment",
            "Commitments",
            Commitment,
            ("party", "beneficiary", "category", "direction", "description"),
        ),
        # A correction of a commitment already decided waits on its own: approving it applies
        # its amount (the review service routes it through services.record).
        QueueKind(
            "correction",
            "Commitment corrections",
            CommitmentCorrection,
            ("stage", "new_amount", "new_currency", "reported_on", "note"),
        ),
    ]
}


def _reports(lookup: str) -> Prefetch:
    return Prefetch(
        lookup,
        queryset=StatementReport.objects.select_related("article__outlet").order_by(
            "article__published_at", "id"
        ),
    )


_EVIDENCE = Prefetch(
    "evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("id")
)


def _pending(lookup: str, queryset: QuerySet) -> Prefetch:
    """A parent's pending children of ``lookup``, as ``pending_<lookup>``."""
    return Prefetch(
        lookup,
        queryset=queryset.filter(review_state=ReviewState.PENDING).order_by("created_at", "id"),
        to_attr=f"pending_{lookup}",
    )


# Each kind's joins: what its queue item shows (the evidence's articles with their text).
_JOINS: dict[str, Callable[[QuerySet], QuerySet]] = {
    "statement": lambda rows: rows.select_related(
        "speaker", "speaker_party", "speaker_position"
    ).prefetch_related(
        _reports("reports"), _pending("track_links", StatementTrack.objects.select_related("track"))
    ),
    "status": lambda rows: rows.select_related("track").prefetch_related(_EVIDENCE),
    "alias": lambda rows: rows.select_related("party", "official", "place").prefetch_related(
        "outlets"
    ),
    "track_link": lambda rows: rows.select_related(
        "track", "statement__speaker", "statement__speaker_party"
    ).prefetch_related(_reports("statement__reports")),
    "report": lambda rows: rows.select_related("statement", "article__outlet"),
    "commitment": lambda rows: rows.select_related(
        "track", "party", "beneficiary"
    ).prefetch_related(
        _EVIDENCE,
        _pending("stages", CommitmentStage.objects.all()),
        _pending("corrections", CommitmentCorrection.objects.all()),
    ),
    "correction": lambda rows: rows.select_related(
        "commitment__track", "commitment__party", "commitment__beneficiary", "article__outlet"
    ),
}


def _waiting(model: type[Model]) -> QuerySet:
    """``model``'s pending rows that are items of their own (not waiting on a pending parent)."""
    rows = model._default_manager.filter(review_state=ReviewState.PENDING)
    parent = getattr(model, "review_parent", "")
    if parent:
        rows = rows.exclude(**{f"{parent}__review_state": ReviewState.PENDING})
    return rows


def queue_rows(kind: str, *, limit: int = QUEUE_PAGE_SIZE, pk: int | None = None) -> list[Any]:
    """The oldest pending items of ``kind``; or the one row ``pk``, whatever its review state (the
    correction form)."""
    model = QUEUE_KINDS[kind].model
    if pk is not None:
        rows = model._default_manager.filter(pk=pk)
    else:
        rows = _waiting(model).order_by("created_at", "id")
    return list(_JOINS[kind](rows)[:limit])


def pending_counts() -> dict[str, int]:
    """Items waiting for review, per queue kind (one query per kind, on the partial indexes)."""
    return {key: _waiting(kind.model).count() for key, kind in QUEUE_KINDS.items()}


def queue_objects(keys: list[str]) -> list[Any]:
    """Load the objects named by queue keys ("statement:12"); unknown keys are ignored."""
    wanted: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind in QUEUE_KINDS and pk.isdigit():
            wanted.setdefault(kind, []).append(int(pk))
    objs: list[Any] = []
    for kind, pks in wanted.items():
        objs.extend(QUEUE_KINDS[kind].model._default_manager.filter(pk__in=pks))
    return objs
