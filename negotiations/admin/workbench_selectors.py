"""Reads behind the workbench views: the review queue, the track page, comparisons, dashboard.

Each selector issues a fixed number of queries whatever the number of rows (joins and narrow
prefetches applied here), which the tests pin with ``django_assert_num_queries``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    Evidence,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
    TrackParticipant,
)
from negotiations.text.compare import Token, compare_words, summarize
from negotiations.text.normalize import normalize_name

QUEUE_PAGE_SIZE = 50
_CONTEXT_CHARS = 280


# --- Evidence rendering -------------------------------------------------------------------------


def highlight(text: str, start: int | None, end: int | None, excerpt: str = "") -> SafeString:
    """The passage around ``text[start:end]`` with that span in ``<mark>``; everything escaped.

    Falls back to finding ``excerpt`` when the span is missing or does not match it.
    """
    if start is None or end is None or not (0 <= start < end <= len(text)):
        found = text.find(excerpt) if excerpt else -1
        if found < 0:
            return escape(excerpt or text[: 2 * _CONTEXT_CHARS])
        start, end = found, found + len(excerpt)
    elif excerpt and text[start:end] != excerpt and excerpt in text:
        start = text.index(excerpt)
        end = start + len(excerpt)
    lo, hi = max(0, start - _CONTEXT_CHARS), min(len(text), end + _CONTEXT_CHARS)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return mark_safe(  # noqa: S308 -- every piece of article text is escaped here
        f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}"
    )


@dataclass
class EvidenceView:
    article: Article
    passage: SafeString
    label: str = ""


def _report_evidence(report: StatementReport) -> EvidenceView:
    return EvidenceView(
        report.article,
        highlight(report.article.text, report.char_start, report.char_end, report.wording),
        report.get_kind_display(),
    )


def _excerpt_evidence(evidence: Evidence) -> EvidenceView:
    return EvidenceView(
        evidence.article,
        highlight(evidence.article.text, evidence.char_start, evidence.char_end, evidence.excerpt),
    )


# --- Review queue -------------------------------------------------------------------------------


@dataclass
class QueueItem:
    kind: str
    obj: Any
    title: str
    details: list[tuple[str, Any]]
    evidence: list[EvidenceView] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}"


@dataclass(frozen=True)
class QueueKind:
    key: str
    label: str
    model: type
    correctable: tuple[str, ...]


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
    ]
}

_ARTICLE = Article.objects.select_related("outlet")
_REPORTS = Prefetch(
    "reports",
    queryset=StatementReport.objects.select_related("article__outlet").order_by(
        "article__published_at", "id"
    ),
)
_EVIDENCE = Prefetch(
    "evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("id")
)


def _pending(model, pk: int | None = None) -> QuerySet:
    if pk is not None:  # one item, whatever its state (the correction form)
        return model.objects.filter(pk=pk)
    return model.objects.filter(review_state=ReviewState.PENDING).order_by("created_at", "id")


def _statement_items(limit: int, pk: int | None = None) -> list[QueueItem]:
    rows = (
        _pending(Statement, pk)
        .select_related("speaker", "speaker_party", "speaker_position")
        .prefetch_related(_REPORTS)[:limit]
    )
    return [
        QueueItem(
            "statement",
            s,
            s.text,
            [
                ("Speaker", s.speaker or s.speaker_description or "—"),
                ("For", s.speaker_party or "—"),
                ("Said", f"{s.said_on or '?'} {s.said_phrase}".strip()),
                ("Channel", s.get_channel_display()),
            ],
            [_report_evidence(r) for r in s.reports.all()],
        )
        for s in rows
    ]


def _status_items(limit: int, pk: int | None = None) -> list[QueueItem]:
    rows = _pending(StatusChange, pk).select_related("track").prefetch_related(_EVIDENCE)[:limit]
    return [
        QueueItem(
            "status",
            c,
            f"{c.track.name}: {c.get_status_display()}",
            [
                ("Effective", f"{c.effective_date} ({c.get_date_precision_display()})"),
                ("Date phrase", c.date_phrase or "—"),
                ("Summary", c.summary or "—"),
            ],
            [_excerpt_evidence(e) for e in c.evidence.all()],
        )
        for c in rows
    ]


def _alias_items(limit: int, pk: int | None = None) -> list[QueueItem]:
    rows = (
        _pending(Alias, pk)
        .select_related("party", "official", "place")
        .prefetch_related("outlets")[:limit]
    )
    return [
        QueueItem(
            "alias",
            a,
            f"“{a.name}” for {a.target}",
            [
                ("Kind", a.get_kind_display()),
                ("Language / script", f"{a.language or '?'} / {a.script or '?'}"),
                ("Seen in", ", ".join(o.name for o in a.outlets.all()) or "—"),
            ],
        )
        for a in rows
    ]


def _track_link_items(limit: int, pk: int | None = None) -> list[QueueItem]:
    rows = (
        _pending(StatementTrack, pk)
        .select_related("track", "statement__speaker")
        .prefetch_related(
            Prefetch(
                "statement__reports",
                queryset=StatementReport.objects.select_related("article__outlet").order_by(
                    "article__published_at", "id"
                ),
            )
        )[:limit]
    )
    return [
        QueueItem(
            "track_link",
            link,
            f"{link.statement} → {link.track.name}",
            [("Speaker", link.statement.speaker or link.statement.speaker_description or "—")],
            [_report_evidence(r) for r in link.statement.reports.all()],
        )
        for link in rows
    ]


def _report_items(limit: int, pk: int | None = None) -> list[QueueItem]:
    rows = _pending(StatementReport, pk).select_related("statement", "article__outlet")[:limit]
    return [
        QueueItem(
            "report",
            r,
            r.wording,
            [("Statement", r.statement), ("Kind", r.get_kind_display())],
            [_report_evidence(r)],
        )
        for r in rows
    ]


def _commitment_items(limit: int, pk: int | None = None) -> list[QueueItem]:
    rows = (
        _pending(Commitment, pk)
        .select_related("track", "party", "beneficiary")
        .prefetch_related(_EVIDENCE)[:limit]
    )
    return [
        QueueItem(
            "commitment",
            c,
            f"{c.party} → {c.beneficiary or '—'}: {c.get_category_display()}",
            [
                ("Track", c.track.name),
                ("Direction", c.get_direction_display()),
                ("Description", c.description),
            ],
            [_excerpt_evidence(e) for e in c.evidence.all()],
        )
        for c in rows
    ]


_BUILDERS = {
    "statement": _statement_items,
    "status": _status_items,
    "alias": _alias_items,
    "track_link": _track_link_items,
    "report": _report_items,
    "commitment": _commitment_items,
}


def pending_counts() -> dict[str, int]:
    """Items waiting for review, per queue kind (one query per kind, on the partial indexes)."""
    return {
        key: kind.model.objects.filter(review_state=ReviewState.PENDING).count()
        for key, kind in QUEUE_KINDS.items()
    }


def review_queue(*, kinds: list[str] | None = None, limit: int = QUEUE_PAGE_SIZE):
    """The oldest pending items of each kind with their evidence, as ``(kind, items)`` pairs."""
    chosen = [k for k in QUEUE_KINDS if kinds is None or k in kinds]
    return [(QUEUE_KINDS[k], _BUILDERS[k](limit)) for k in chosen]


def queue_item(kind: str, pk: int) -> QueueItem | None:
    """One item as the queue shows it, with its evidence, whatever its review state."""
    items = _BUILDERS[kind](1, pk)
    return items[0] if items else None


def queue_objects(keys: list[str]) -> list[Any]:
    """Load the objects named by queue keys ("statement:12"); unknown keys are ignored."""
    wanted: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind in QUEUE_KINDS and pk.isdigit():
            wanted.setdefault(kind, []).append(int(pk))
    objs: list[Any] = []
    for kind, pks in wanted.items():
        objs.extend(QUEUE_KINDS[kind].model.objects.filter(pk__in=pks))
    return objs


# --- Track page ---------------------------------------------------------------------------------

STATUS_ORDER = [s for s, _ in StatusChange.Status.choices]


@dataclass
class TrackPage:
    track: Track
    status_changes: list[StatusChange]
    statements: list[Statement]
    evidence: list[Evidence]
    participants: list[TrackParticipant]
    commitments: list[Commitment]
    weekly: list[tuple[dt.date, dict[str, int]]]
    parties: list[str]


def statement_party(statement: Statement) -> str:
    party = statement.speaker_party or (
        statement.speaker_position.party if statement.speaker_position else None
    )
    return party.name if party else "Unattributed"


def track_page(track: Track) -> TrackPage:
    """Everything the track page shows (a fixed number of queries)."""
    changes = list(
        track.status_changes.exclude(review_state=ReviewState.REJECTED)
        .prefetch_related(_EVIDENCE)
        .order_by("effective_date", "id")
    )
    links = StatementTrack.objects.filter(track=track).exclude(review_state=ReviewState.REJECTED)
    on_track = Statement.objects.filter(
        track_links__in=links, review_state=ReviewState.APPROVED
    ).distinct()
    statements = list(
        on_track.select_related("speaker", "speaker_party", "speaker_position__party").order_by(
            "said_on", "id"
        )
    )
    weekly_rows = (
        Statement.objects.filter(pk__in=on_track.values("pk"), said_on__isnull=False)
        .annotate(
            week=TruncWeek("said_on"),
            party_name=Coalesce(
                "speaker_party__name", "speaker_position__party__name", Value("Unattributed")
            ),
        )
        .values("week", "party_name")
        .annotate(n=Count("id"))
        .order_by("week", "party_name")
    )
    weekly: dict[dt.date, dict[str, int]] = {}
    parties: set[str] = set()
    for row in weekly_rows:
        weekly.setdefault(row["week"], {})[row["party_name"]] = row["n"]
        parties.add(row["party_name"])
    participants = list(
        TrackParticipant.objects.filter(track=track)
        .select_related("party")
        .order_by("role", "party__name")
    )
    commitments = list(
        Commitment.objects.filter(track=track)
        .exclude(review_state=ReviewState.REJECTED)
        .select_related("party", "beneficiary")
        .prefetch_related("stages", _EVIDENCE)
        .order_by("party__name", "category")
    )
    evidence = [e for c in changes for e in c.evidence.all()]
    return TrackPage(
        track,
        changes,
        statements,
        evidence,
        participants,
        commitments,
        sorted(weekly.items()),
        sorted(parties),
    )


# --- Cross-outlet comparison --------------------------------------------------------------------


@dataclass
class Rendering:
    article: Article
    wording: str
    tokens: list[Token]
    differences: dict[str, int]
    kind_label: str = ""


def alias_equivalence(words: set[str]) -> Any:
    """A predicate telling whether two words are names of the same target per the alias table.

    One query for all the words the comparison will meet.
    """
    normalized = {normalize_name(w) for w in words if w[:1].isupper()} - {""}
    targets: dict[str, set[tuple[str, int]]] = {}
    for name, party, official, place in Alias.objects.filter(normalized__in=normalized).values_list(
        "normalized", "party_id", "official_id", "place_id"
    ):
        target = (
            ("party", party) if party else ("official", official) if official else ("place", place)
        )
        targets.setdefault(name, set()).add(target)

    def equivalent(a: str, b: str) -> bool:
        return bool(targets.get(normalize_name(a), set()) & targets.get(normalize_name(b), set()))

    return equivalent


def _words(*texts: str) -> set[str]:
    return {w.strip("\"'“”„«»‘’,.;:!?()") for t in texts for w in t.split()}


def statement_comparison(statement: Statement) -> list[Rendering]:
    """Each report of ``statement`` compared word by word with the canonical wording."""
    reports = list(
        statement.reports.exclude(review_state=ReviewState.REJECTED)
        .select_related("article__outlet")
        .order_by("article__published_at", "id")
    )
    equivalent = alias_equivalence(_words(statement.text, *(r.wording for r in reports)))
    renderings = []
    for report in reports:
        tokens = compare_words(statement.text, report.wording, equivalent=equivalent)
        renderings.append(
            Rendering(
                report.article, report.wording, tokens, summarize(tokens), report.get_kind_display()
            )
        )
    return renderings


def _lead(text: str, words: int = 60) -> str:
    return " ".join(text.split()[:words])


def story_comparison(story) -> tuple[str, list[Rendering]]:
    """Each article of a story (title and lead) compared with the earliest article's."""
    articles = list(story.articles.select_related("outlet").order_by("published_at", "id"))
    if not articles:
        return "", []
    base = f"{articles[0].title} — {_lead(articles[0].text)}"
    texts = [f"{a.title} — {_lead(a.text)}" for a in articles]
    equivalent = alias_equivalence(_words(*texts))
    renderings = []
    for article, text in zip(articles, texts, strict=True):
        tokens = compare_words(base, text, equivalent=equivalent)
        renderings.append(Rendering(article, text, tokens, summarize(tokens)))
    return base, renderings


# --- Dashboard ----------------------------------------------------------------------------------


def _feeds_failing() -> int:
    """Active feeds whose latest poll failed (one query)."""
    from negotiations.models import Feed

    return Feed.objects.filter(active=True, consecutive_failures__gt=0).count()


def queue_length() -> int | str:
    """Tasks waiting in the Celery queue, read from Redis; "in-process" without a broker."""
    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if not broker:
        return "in-process"
    if not broker.startswith(("redis://", "rediss://")):
        return "unknown broker"
    import redis

    try:
        client = redis.Redis.from_url(broker, socket_connect_timeout=1, socket_timeout=1)
        return int(client.llen(getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")))
    except redis.RedisError:
        return "unreachable"


def dashboard() -> dict[str, Any]:
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    counts = pending_counts()
    return {
        "pending": [(QUEUE_KINDS[k], n) for k, n in counts.items()],
        "pending_total": sum(counts.values()),
        "articles_today": Article.objects.filter(created_at__gte=start).count(),
        "feeds_failing": _feeds_failing(),
        "queue_length": queue_length(),
    }
