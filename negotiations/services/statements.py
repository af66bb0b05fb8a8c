"""Statements found in an article, recorded as pending machine output with their reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from django.db import transaction

from negotiations.models import (
    Article,
    DatePrecision,
    Origin,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    machine_made,
)
from negotiations.services.corroborate import statement_find_same
from negotiations.services.entities import OFFICIAL, PLACE, EntityIndex, EntityKey, party_for
from negotiations.services.proposals import official_proposal_record
from negotiations.services.statuses import TrackMatcher
from negotiations.text.gazetteer import Mention
from negotiations.text.lang import pack_for
from negotiations.text.morph import name_nominative
from negotiations.text.reading import Candidate, PersonRef, extract_statements


def person_refs(mentions: list[Mention], index: EntityIndex | None = None) -> list[PersonRef]:
    """Who can speak: people, parties, and places that stand for a party (Kyiv, Moscow); a
    venue (Davos, Istanbul) says nothing."""
    refs = []
    for m in mentions:
        kind, target_id = cast(EntityKey, m.target)  # every entry of the index is an EntityKey
        if kind != PLACE or index is None or target_id in index.place_party:
            refs.append(
                PersonRef(
                    m.start,
                    m.end,
                    m.target,
                    m.possessive,
                    is_party=kind != OFFICIAL,
                    inflected=m.inflected,
                )
            )
    return refs


def statement_candidates(
    *, article: Article, mentions: list[Mention], index: EntityIndex
) -> list[Candidate]:
    published = article.published_at.date() if article.published_at else None
    pack = pack_for(article.language)
    return extract_statements(article.text, pack, person_refs(mentions, index), published)


# A pack's role key -> words of the knowledge base's position titles that hold that role.
ROLE_TITLES = {
    "president": ("president of", "president"),
    "prime minister": (
        "prime minister",
        "premier",
        "president of the government",
        "president of the council of ministers",
    ),
    "chancellor": ("chancellor",),
    "foreign minister": (
        "minister of foreign affairs",
        "foreign minister",
        "foreign secretary",
        "secretary of state for foreign",
        "minister for foreign affairs",
        "minister for europe and foreign affairs",
    ),
    "secretary of state": ("secretary of state",),
    "defence minister": (
        "minister of defence",
        "minister of defense",
        "secretary of defense",
        "secretary of war",
        "secretary of state for defence",
        "minister of the armed forces",
        "minister of national defence",
        "defence minister",
    ),
    "spokesperson": ("spokes", "press secretary"),
    "press secretary": ("press secretary", "spokes"),
    "head of the office of the president": (
        "head of the office of the president",
        "chief of staff",
        "head of the presidential office",
    ),
    "aide": ("aide", "assistant to the president", "adviser to the president"),
    "adviser": ("adviser", "advisor", "aide"),
    "national security adviser": ("national security adviser", "national security advisor"),
    "envoy": ("envoy", "special representative"),
    "negotiator": ("negotiat", "head of the delegation", "delegation"),
    "ambassador": ("ambassador", "permanent representative"),
    "secretary general": ("secretary general", "secretary-general"),
    "vice president": ("vice president",),
    "deputy foreign minister": ("deputy minister of foreign affairs", "deputy foreign minister"),
    "secretary of the national security and defense council": (
        "national security and defense council",
        "national security and defence council",
    ),
    "secretary of the security council": ("secretary of the security council",),
    "minister": ("minister",),
    "leader": ("president", "prime minister", "chancellor"),
}


def _holds(title: str, role: str, *, strict: bool = True) -> bool:
    """Whether a position title holds a role; ``strict`` (a role naming someone not named
    before) rules out deputies, whom news calls "the minister" only once named."""
    words = ROLE_TITLES.get(role, ())
    if role == "president" and ("vice" in title or "office" in title):
        return False
    if strict and "deputy" in title and "deputy" not in role:
        return False
    return any(title.startswith(w) or f" {w}" in f" {title}" for w in words)


def _held_on(official_id: int, day: dt.date | None, index: EntityIndex):
    for start, end, party_id, position_id, title in index.positions.get(official_id, ()):
        if day is None or ((start is None or start <= day) and (end is None or day <= end)):
            yield party_id, position_id, title


def official_for_role(
    *,
    role: str,
    day: dt.date | None,
    party_id: int | None,
    index: EntityIndex,
    mentioned: Sequence[int] = (),
) -> int | None:
    """The official a role names on a day: a person named earlier in the article who held it
    then, else the one holder of it for the party (a role without a party names nobody)."""
    for official_id in reversed(mentioned):
        for held_party, _pos, title in _held_on(official_id, day, index):
            if _holds(title, role, strict=False) and (party_id is None or held_party == party_id):
                return official_id
    if party_id is None:
        return None
    # The most specific title first: "press secretary" before "spokes" (Peskov, not Zakharova).
    for word in ROLE_TITLES.get(role, ()):
        holders = {
            official_id
            for official_id in index.positions
            for held_party, _pos, title in _held_on(official_id, day, index)
            if held_party == party_id and _holds(title, role) and word in title
        }
        if holders:
            return holders.pop() if len(holders) == 1 else None
    return None


def _position_on(official_id: int, day: dt.date | None, index: EntityIndex):
    """(position id, party id) of the role held on ``day`` (the latest role when undated)."""
    for party_id, position_id, _title in _held_on(official_id, day, index):
        return position_id, party_id
    return None


def _statement_reported_here(*, article: Article, start: int, end: int, speaker_id):
    """A statement of the same speaker already reported by these words of this article (an
    analyst's record of the seed, an earlier reading): the same statement, whatever its wording."""
    if speaker_id is None:
        return None
    report = (
        StatementReport.objects.filter(
            article=article,
            char_start__lt=end,
            char_end__gt=start,
            statement__speaker_id=speaker_id,
        )
        .exclude(statement__review_state=ReviewState.REJECTED)
        .select_related("statement")
        .order_by("pk")
        .first()
    )
    return report.statement if report is not None else None


@transaction.atomic(savepoint=False)
def statement_record(
    *,
    article: Article,
    candidate: Candidate,
    index: EntityIndex,
    matcher: TrackMatcher,
    analyser_version: str,
    mentioned: Sequence[int] = (),
    tracks: list[int] | None = None,
) -> StatementReport | None:
    """Record one candidate: a new pending statement, or a new report of a known one."""
    speaker_id = party_id = None
    description = ""
    if candidate.speaker is not None:
        speaker_id = cast(EntityKey, candidate.speaker)[1]
    elif candidate.speaker_party is not None:
        party_id = party_for(candidate.speaker_party, index)
        if party_id is None:
            return None
    else:
        description = candidate.speaker_description
        if candidate.unknown_name and candidate.role_text:
            description = f"{candidate.unknown_name}, {candidate.role_text}"
        description = description[:200]
        if not description:
            return None
        if candidate.party_hint is not None:
            party_id = party_for(candidate.party_hint, index)
        elif candidate.party_slug:
            party_id = index.party_slugs.get(candidate.party_slug)
    published = article.published_at.date() if article.published_at else None
    said_on: dt.date | None
    if candidate.date is not None:
        said_on, precision, phrase = (
            candidate.date.date,
            candidate.date.precision,
            candidate.date.phrase,
        )
    else:
        said_on, precision, phrase = published, DatePrecision.DAY, ""
    owner = cast(EntityKey | None, candidate.role_owner)
    if speaker_id is None and not candidate.role and party_id is None and owner:
        # "Zelenskyy's office said": the office of its owner's state
        held = _position_on(owner[1], said_on, index)
        party_id = held[1] if held else None
    if speaker_id is None and candidate.role:
        if party_id is None and owner is not None:
            held = _position_on(owner[1], said_on, index)
            party_id = held[1] if held else None  # "Zelensky's chief of staff": Ukraine's
        speaker_id = official_for_role(
            role=candidate.role, day=said_on, party_id=party_id, index=index, mentioned=mentioned
        )
        if speaker_id is not None:
            description = ""
    held = _position_on(speaker_id, said_on, index) if speaker_id else None
    position_id = None
    if held is not None:
        position_id, party_id = held
    wording = article.text[candidate.start : candidate.end].strip()
    start = article.text.index(wording, candidate.start)
    statement = _statement_reported_here(
        article=article, start=start, end=start + len(wording), speaker_id=speaker_id
    )
    if statement is None:
        statement = statement_find_same(
            text=candidate.text,
            speaker_id=speaker_id,
            speaker_party_id=party_id,
            speaker_description=description,
            said_on=said_on,
        )
        if (
            statement is not None
            and StatementReport.objects.filter(statement=statement, article=article).exists()
        ):
            # Another passage of this article with like words (a headline and the paragraph
            # that develops it): a statement of its own, not a second report of the same one.
            statement = None
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
            **machine_made(analyser_version),
        )
        lang = pack_for(article.language).code
        # the article's tracks only (when it has them): the statement's words pick among them
        match = matcher.best_match(candidate.text, lang, among=tracks) or matcher.best_match(
            wording, lang, among=tracks
        )
        if match is not None:
            track_id, hits = match
            StatementTrack.objects.create(
                statement=statement,
                track_id=track_id,
                matched=", ".join(sorted(set(hits)))[:500],
                score=len(hits),
                **machine_made(analyser_version),
            )
    if candidate.unknown_name:
        # Somebody the knowledge base does not know: kept as written, proposed for review.
        official_proposal_record(
            name=name_nominative(candidate.unknown_name, pack_for(article.language).code),
            role=candidate.role_text[:200],
            party_id=party_id,
            article=article,
            statement=statement,
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
