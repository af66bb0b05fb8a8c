"""Analysis of a stored article: entities, statements, tracks, status and commitment proposals.

Idempotent: a re-run first removes this article's own pending machine output, then analyses
again; anything an analyst approved or rejected stays as decided, and matching candidates attach
to it instead of creating duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from negotiations.models import (
    Article,
    ArticleTrack,
    Evidence,
    Origin,
    ReviewState,
    Statement,
    StatementReport,
    StatusChange,
)
from negotiations.services.commitments import article_commitments_clear, commitments_propose
from negotiations.services.entities import (
    OFFICIAL,
    alias_suggest,
    entity_index_get,
    mentions_find,
)
from negotiations.services.statements import statement_candidates, statement_record
from negotiations.services.statuses import (
    article_about_talks,
    article_tracks_classify,
    article_tracks_select,
    status_changes_propose,
)

ANALYSER_VERSION = "ingest-2026.11.1"

_PENDING_MACHINE = {"origin": Origin.MACHINE, "review_state": ReviewState.PENDING}


@dataclass
class AnalysisResult:
    statements: int = 0
    reports: int = 0
    status_changes: int = 0
    commitments: int = 0
    tracks: list[int] = field(default_factory=list)
    alias_suggestions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "statements": self.statements,
            "reports": self.reports,
            "status_changes": self.status_changes,
            "commitments": self.commitments,
            "tracks": self.tracks,
            "alias_suggestions": self.alias_suggestions,
        }


def article_analysis_clear(*, article: Article) -> None:
    """Remove this article's pending machine output (analyst decisions are never touched)."""
    reports = StatementReport.objects.filter(article=article, **_PENDING_MACHINE)
    statement_ids = list(reports.values_list("statement_id", flat=True))
    reports.delete()
    Statement.objects.filter(
        pk__in=statement_ids, reports__isnull=True, **_PENDING_MACHINE
    ).delete()
    evidence = Evidence.objects.filter(
        article=article,
        status_change__origin=Origin.MACHINE,
        status_change__review_state=ReviewState.PENDING,
    )
    change_ids = list(evidence.values_list("status_change_id", flat=True))
    evidence.delete()
    StatusChange.objects.filter(
        pk__in=change_ids, evidence__isnull=True, **_PENDING_MACHINE
    ).delete()
    ArticleTrack.objects.filter(article=article, **_PENDING_MACHINE).delete()
    article_commitments_clear(article=article)


@dataclass
class Reading:
    """What the text says, read without the database: the names, the tracks it reports on
    (best first, with their scores and matched words), whether it is about the talks at all,
    and the statements (read only when it is)."""

    mentions: list
    tracks: list
    about_talks: bool
    candidates: list


def article_read(*, article: Article) -> Reading:
    """Read an article's text (``article`` may be unsaved: text, language and date are read).

    The long part of the analysis, done before any transaction opens: a caller holds no
    transaction while a long text is read, only while its results are written. A text that is
    not about the talks stops after its names and tracks: no statement is read from it."""
    index = entity_index_get()
    mentions = mentions_find(text=article.text, index=index, language=article.language)
    tracks = article_tracks_select(article=article, matcher=index.tracks, mentions=mentions)
    about = bool(tracks) or article_about_talks(article=article)
    candidates = (
        statement_candidates(article=article, mentions=mentions, index=index) if about else []
    )
    return Reading(mentions=mentions, tracks=tracks, about_talks=about, candidates=candidates)


def article_analyse(
    *, article: Article, fresh: bool = False, reading: Reading | None = None
) -> AnalysisResult:
    """Analyse an article; ``fresh`` (just stored in this transaction) skips clearing;
    ``reading``: the article's text already read (``article_read``)."""
    if reading is None:
        reading = article_read(article=article)
    return _article_record(article=article, fresh=fresh, reading=reading)


@transaction.atomic(savepoint=False)
def _article_record(*, article: Article, fresh: bool, reading: Reading) -> AnalysisResult:
    if not fresh:
        article = Article.objects.select_for_update().get(pk=article.pk)
        article_analysis_clear(article=article)
    result = AnalysisResult()
    index = entity_index_get()
    matcher = index.tracks
    mentions = reading.mentions
    for mention in mentions:
        if mention.is_fuzzy:
            alias = alias_suggest(
                mention=mention, analyser_version=ANALYSER_VERSION, outlet_id=article.outlet_id
            )
            if alias is not None and alias.name not in result.alias_suggestions:
                result.alias_suggestions.append(alias.name)
    result.tracks = article_tracks_classify(
        article=article,
        matcher=matcher,
        analyser_version=ANALYSER_VERSION,
        mentions=mentions,
        ranked=reading.tracks,
    )
    if not reading.about_talks:
        return result  # not about the talks: no statement, no status change, no commitment
    seen_statements = set()
    people = sorted((m.start, m.target[1]) for m in mentions if m.target[0] == OFFICIAL)
    # The officials named before a statement, in the order of their last mention (what a role
    # resolves against), kept up to date as the statements advance through the text.
    named: dict[int, None] = {}
    n = 0
    for candidate in reading.candidates:
        if n and people[n - 1][0] >= candidate.end:  # a statement earlier in the text
            named, n = {}, 0
        while n < len(people) and people[n][0] < candidate.end:
            named.pop(people[n][1], None)
            named[people[n][1]] = None
            n += 1
        report = statement_record(
            article=article,
            candidate=candidate,
            index=index,
            matcher=matcher,
            analyser_version=ANALYSER_VERSION,
            mentioned=list(named),
            tracks=result.tracks or None,
        )
        if report is not None and report.statement_id not in seen_statements:
            seen_statements.add(report.statement_id)
            result.reports += 1
    result.statements = len(seen_statements)
    changes = status_changes_propose(
        article=article,
        matcher=matcher,
        article_tracks=result.tracks,
        analyser_version=ANALYSER_VERSION,
    )
    result.status_changes = len({c.pk for c in changes})
    commitments = commitments_propose(
        article=article,
        mentions=mentions,
        parties_of=matcher.parties_of,
        matcher=matcher,
        article_tracks=result.tracks,
        analyser_version=ANALYSER_VERSION,
    )
    result.commitments = len({(type(c), c.pk) for c in commitments})
    return result
