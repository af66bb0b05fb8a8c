"""Track classification of articles and statements, and status-change proposals with evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from negotiations.models import (
    Article,
    ArticleTrack,
    DatePrecision,
    Evidence,
    Origin,
    ReviewState,
    StatusChange,
    Track,
)
from negotiations.text.dates import find_dates
from negotiations.text.sentences import split_sentences
from negotiations.text.statuses import classify_sentence, compile_keywords


@dataclass
class TrackMatcher:
    tracks: list[tuple[int, object]]  # (track id, compiled keyword pattern)

    def scores(self, text: str) -> dict[int, tuple[int, list[str]]]:
        found = {}
        for track_id, pattern in self.tracks:
            hits = [m.group(0) for m in pattern.finditer(text)]
            if hits:
                found[track_id] = (len(hits), hits)
        return found

    def best(self, text: str) -> int | None:
        scores = self.scores(text)
        if not scores:
            return None
        return max(scores.items(), key=lambda kv: kv[1][0])[0]


def track_matcher_build() -> TrackMatcher:
    tracks = []
    for track in Track.objects.only("id", "name", "keywords"):
        phrases = [line for line in track.keywords.splitlines()]
        pattern = compile_keywords(phrases)
        if pattern is not None:
            tracks.append((track.pk, pattern))
    return TrackMatcher(tracks)


def article_tracks_classify(
    *, article: Article, matcher: TrackMatcher, analyser_version: str
) -> list[int]:
    scores = matcher.scores(article.text)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    for track_id, (count, hits) in ranked:
        ArticleTrack.objects.get_or_create(
            article=article,
            track_id=track_id,
            defaults={
                "score": float(count),
                "matched": ", ".join(sorted(set(hits)))[:500],
                "origin": Origin.MACHINE,
                "review_state": ReviewState.PENDING,
                "analyser_version": analyser_version,
            },
        )
    return [track_id for track_id, _ in ranked]


def status_changes_propose(
    *,
    article: Article,
    matcher: TrackMatcher,
    article_tracks: list[int],
    analyser_version: str,
) -> list[StatusChange]:
    """One proposal per sentence that describes an event of a track, its sentence as evidence."""
    if not article_tracks:
        return []
    published = article.published_at.date() if article.published_at else None
    proposals = []
    seen: set[tuple[int, str]] = set()
    for sentence in split_sentences(article.text):
        hit = classify_sentence(sentence.text)
        if hit is None:
            continue
        track_id = matcher.best(sentence.text) or article_tracks[0]
        if (track_id, hit.status) in seen:
            continue  # one proposal per track and status per article: its first evidence
        seen.add((track_id, hit.status))
        day, precision, phrase = published, DatePrecision.DAY, ""
        dates = find_dates(sentence.text, published) if published else []
        if hit.past and dates and dates[0].date <= (published or dates[0].date):
            day, precision, phrase = dates[0].date, dates[0].precision, dates[0].phrase
        elif not hit.past and dates:
            phrase = dates[0].phrase
        if day is None:
            continue  # no publication date and no date in the sentence: nothing to anchor to
        change = _status_record(
            track_id=track_id,
            status=hit.status,
            day=day,
            precision=precision,
            phrase=phrase,
            summary=sentence.text[:1000],
            analyser_version=analyser_version,
        )
        Evidence.objects.get_or_create(
            status_change=change,
            article=article,
            defaults={
                "excerpt": sentence.text,
                "char_start": sentence.start,
                "char_end": sentence.end,
            },
        )
        proposals.append(change)
    return proposals


def _status_record(*, track_id, status, day: dt.date, precision, phrase, summary, analyser_version):
    existing = StatusChange.objects.filter(track_id=track_id, status=status, effective_date=day)
    change = existing.first()
    if change is not None:
        return change
    try:
        with transaction.atomic():
            return StatusChange.objects.create(
                track_id=track_id,
                status=status,
                effective_date=day,
                date_precision=precision,
                date_phrase=phrase[:100],
                summary=summary,
                origin=Origin.MACHINE,
                review_state=ReviewState.PENDING,
                analyser_version=analyser_version,
            )
    except IntegrityError:
        return existing.get()
