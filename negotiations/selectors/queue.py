"""The review queue: what the machine proposed and waits for an analyst, kind by kind, each row
with what its evidence needs joined (a fixed number of queries whatever the number of rows).

A pending child whose parent is pending too (``Reviewable.review_parent``: a report of a pending
statement) is no item of its own: it is decided with its parent, and shown in the parent's item
(``pending_children``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, Prefetch, QuerySet

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    Outlet,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
)

# Items per kind on one page of the queue: eight kinds of ten items each is a page one works
# through, not a scroll of thousands of pixels; each kind pages on its own.
QUEUE_PAGE_SIZE = 10
# A machine-made track assignment is "strong" from this many of the track's words matched in the
# statement ("weak" below it: one word, such as a place name shared by several tracks).
CONFIDENT_SCORE = 2


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
        # A stage a later report adds to a commitment already decided waits on its own too (a
        # pending commitment's stages are decided with it, shown in its item).
        QueueKind(
            "stage",
            "Commitment stages",
            CommitmentStage,
            ("stage", "effective_date", "date_precision"),
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
    "stage": lambda rows: rows.select_related(
        "commitment__track", "commitment__party", "commitment__beneficiary"
    ).prefetch_related(_EVIDENCE),
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


# --- Filters and pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    """What the analyst narrows the queue to: a track, an outlet, a language (of the reporting
    articles, or an alias's own) and the machine's confidence in a track assignment."""

    track: int | None = None
    outlet: int | None = None
    language: str = ""
    confidence: str = ""  # "", "weak" or "strong"

    def active(self) -> list[str]:
        """The names of the filters in force."""
        values = {
            "track": self.track,
            "outlet": self.outlet,
            "language": self.language,
            "confidence": self.confidence,
        }
        return [name for name, value in values.items() if value]


CONFIDENCE_CHOICES = [
    ("weak", f"weak (fewer than {CONFIDENT_SCORE} matched words)"),
    ("strong", f"strong ({CONFIDENT_SCORE} or more matched words)"),
]

# Each kind's path to what a filter names; a kind without a path for a filter in force has no
# item that passes it (an alias belongs to no track, only a track assignment has a score).
_FILTER_PATHS: dict[str, dict[str, str]] = {
    "statement": {
        "track": "track_links__track",
        "outlet": "reports__article__outlet",
        "language": "reports__article__language",
    },
    "status": {
        "track": "track",
        "outlet": "evidence__article__outlet",
        "language": "evidence__article__language",
    },
    "alias": {"outlet": "outlets", "language": "language"},
    "track_link": {
        "track": "track",
        "outlet": "statement__reports__article__outlet",
        "language": "statement__reports__article__language",
        "confidence": "score",
    },
    "report": {
        "track": "statement__track_links__track",
        "outlet": "article__outlet",
        "language": "article__language",
    },
    "commitment": {
        "track": "track",
        "outlet": "evidence__article__outlet",
        "language": "evidence__article__language",
    },
    "correction": {
        "track": "commitment__track",
        "outlet": "article__outlet",
        "language": "article__language",
    },
    "stage": {
        "track": "commitment__track",
        "outlet": "evidence__article__outlet",
        "language": "evidence__article__language",
    },
}


def queue_kinds_filterable(filters: QueueFilters) -> list[str]:
    """The kinds every filter in force applies to."""
    active = filters.active()
    return [k for k in QUEUE_KINDS if all(name in _FILTER_PATHS[k] for name in active)]


def _filtered(kind: str, rows: QuerySet, filters: QueueFilters) -> QuerySet:
    paths = _FILTER_PATHS[kind]
    lookups: dict[str, Any] = {}
    if filters.track:
        lookups[paths["track"]] = filters.track
    if filters.outlet:
        lookups[paths["outlet"]] = filters.outlet
    if filters.language:
        lookups[paths["language"]] = filters.language
    if filters.confidence == "strong":
        lookups[f"{paths['confidence']}__gte"] = CONFIDENT_SCORE
    elif filters.confidence == "weak":
        lookups[f"{paths['confidence']}__lt"] = CONFIDENT_SCORE
    if not lookups:
        return rows
    # Through to-many paths (a statement's reports) a row would come once per match: keep each
    # row once by its id, and the queue's order and joins untouched.
    model = QUEUE_KINDS[kind].model
    return rows.filter(pk__in=model._default_manager.filter(**lookups).values("pk"))


def queue_page(kind: str, *, filters: QueueFilters | None = None, number: int | str = 1) -> Page:
    """One page of ``kind``'s pending items passing ``filters``, oldest first, with what their
    evidence needs joined; an out-of-range page number gives the last page. Raises KeyError for
    a kind with no path for a filter in force (see ``queue_kinds_filterable``)."""
    filters = filters or QueueFilters()
    if kind not in queue_kinds_filterable(filters):
        raise KeyError(kind)
    rows = _filtered(kind, _waiting(QUEUE_KINDS[kind].model), filters).order_by("created_at", "id")
    return Paginator(_JOINS[kind](rows), QUEUE_PAGE_SIZE).get_page(number)


def queue_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """What the queue's filters offer: tracks and outlets by name, and the languages of the
    articles and aliases on record (three queries)."""
    languages: set[str] = set()
    for model in (Article, Alias):
        rows = model._default_manager.exclude(language="").order_by("language")
        languages.update(rows.values_list("language", flat=True).distinct())
    return {
        "track": [
            (str(pk), name) for pk, name in Track.objects.order_by("name").values_list("id", "name")
        ],
        "outlet": [
            (str(pk), name)
            for pk, name in Outlet.objects.order_by("name").values_list("id", "name")
        ],
        "language": [(code, code) for code in sorted(languages)],
    }
