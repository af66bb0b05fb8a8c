"""Statements found in an article, recorded as pending machine output with their reports."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from negotiations.models import (
    Article,
    DatePrecision,
    Origin,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
)
from negotiations.services.corroborate import statement_find_same
from negotiations.services.entities import OFFICIAL, EntityIndex, party_for
from negotiations.services.statuses import TrackMatcher
from negotiations.text.gazetteer import Mention
from negotiations.text.statements import Candidate, PersonRef, extract_statements


def person_refs(mentions: list[Mention]) -> list[PersonRef]:
    return [
        PersonRef(m.start, m.end, m.target, m.possessive, is_party=m.target[0] != OFFICIAL)
        for m in mentions
    ]


def statement_candidates(
    *, article: Article, mentions: list[Mention], index: EntityIndex
) -> list[Candidate]:
    published = article.published_at.date() if article.published_at else None
    return extract_statements(article.text, person_refs(mentions), published, index.roles)


# House names for the same office ("Zelensky's chief of staff" heads the Office of the President).
ROLE_SYNONYMS = {
    "chief of staff": ("chief of staff", "head of the office of the president"),
    "presidential aide": ("presidential aide", "head of the office of the president"),
    "foreign minister": ("foreign minister", "minister of foreign affairs"),
    "defence minister": ("defence minister", "minister of defence"),
    "defense minister": ("defense minister", "minister of defence", "minister of defense"),
}


def official_for_role(description: str, index: EntityIndex) -> int | None:
    """The one official whose position matches a described role ("X's chief of staff")."""
    lowered = description.lower()
    for role, titles in ROLE_SYNONYMS.items():
        if role not in lowered:
            continue
        holders = {
            target[1]
            for target, held in index.roles.items()
            if any(h.startswith(title) for h in held for title in titles)
        }
        if len(holders) == 1:
            return holders.pop()
    return None


def _position_on(official_id: int, day: dt.date | None, index: EntityIndex):
    """(position id, party id) of the role held on ``day`` (the latest role when undated)."""
    for start, end, party_id, position_id in index.positions.get(official_id, ()):
        if day is None or ((start is None or start <= day) and (end is None or day <= end)):
            return position_id, party_id
    return None


@transaction.atomic(savepoint=False)
def statement_record(
    *,
    article: Article,
    candidate: Candidate,
    index: EntityIndex,
    matcher: TrackMatcher,
    analyser_version: str,
) -> StatementReport | None:
    """Record one candidate: a new pending statement, or a new report of a known one."""
    speaker_id = party_id = None
    description = ""
    if candidate.speaker is not None:
        speaker_id = candidate.speaker[1]
    elif candidate.speaker_party is not None:
        party_id = party_for(candidate.speaker_party, index)
        if party_id is None:
            return None
    else:
        description = candidate.speaker_description[:200]
        if not description:
            return None
        speaker_id = official_for_role(description, index)
        if speaker_id is not None:
            description = ""
    published = article.published_at.date() if article.published_at else None
    if candidate.date is not None:
        said_on, precision, phrase = (
            candidate.date.date,
            candidate.date.precision,
            candidate.date.phrase,
        )
    else:
        said_on, precision, phrase = published, DatePrecision.DAY, ""
    held = _position_on(speaker_id, said_on, index) if speaker_id else None
    position_id = None
    if held is not None:
        position_id, party_id = held
    wording = article.text[candidate.start : candidate.end].strip()
    start = article.text.index(wording, candidate.start)
    statement = statement_find_same(
        text=candidate.text,
        speaker_id=speaker_id,
        speaker_party_id=party_id,
        speaker_description=description,
        said_on=said_on,
    )
    fresh = statement is None
    if fresh:
        statement = Statement.objects.create(
            speaker_id=speaker_id,
            speaker_party_id=party_id,
            speaker_position_id=position_id,
            speaker_description=description,
            text=candidate.text,
            kind=candidate.kind,
            said_on=said_on,
            said_precision=precision,
            said_phrase=phrase[:100],
            channel=candidate.channel,
            channel_detail=candidate.channel_detail[:200],
            origin=Origin.MACHINE,
            review_state=ReviewState.PENDING,
            analyser_version=analyser_version,
        )
        track_id = matcher.best(candidate.text) or matcher.best(wording)
        if track_id is not None:
            StatementTrack.objects.create(
                statement=statement,
                track_id=track_id,
                origin=Origin.MACHINE,
                review_state=ReviewState.PENDING,
                analyser_version=analyser_version,
            )
    values = {
        "wording": wording,
        "kind": candidate.kind,
        "char_start": start,
        "char_end": start + len(wording),
        "origin": Origin.MACHINE,
        "review_state": ReviewState.PENDING,
        "analyser_version": analyser_version,
    }
    if fresh:  # a new statement has no report yet
        return StatementReport.objects.create(statement=statement, article=article, **values)
    report, _ = StatementReport.objects.get_or_create(
        statement=statement, article=article, defaults=values
    )
    return report
