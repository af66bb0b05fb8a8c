"""Corroboration: a statement already on record gains a report instead of a duplicate."""

from __future__ import annotations

import datetime as dt

from rapidfuzz import fuzz

from negotiations.models import Statement
from negotiations.text.normalize import normalize_name

MATCH_SCORE = 85.0


def same_words(a: str, b: str) -> bool:
    """Same words up to trimming and light rewording (one quote cut shorter than the other)."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    if fuzz.token_set_ratio(na, nb) >= MATCH_SCORE:
        shorter = min(len(na.split()), len(nb.split()))
        return shorter >= 4 or na == nb
    return fuzz.partial_ratio(na, nb) >= 92 and min(len(na), len(nb)) >= 30


def statement_find_same(
    *,
    text: str,
    speaker_id: int | None,
    speaker_party_id: int | None,
    speaker_description: str,
    said_on: dt.date | None,
) -> Statement | None:
    """An existing statement by the same speaker with near-same words (any review state)."""
    qs = Statement.objects.all()
    if speaker_id:
        qs = qs.filter(speaker_id=speaker_id)
    elif speaker_party_id:
        qs = qs.filter(speaker__isnull=True, speaker_party_id=speaker_party_id)
    else:
        qs = qs.filter(speaker__isnull=True, speaker_description__iexact=speaker_description)
    if said_on is not None:
        qs = qs.filter(
            said_on__gte=said_on - dt.timedelta(days=30),
            said_on__lte=said_on + dt.timedelta(days=30),
        ) | qs.filter(said_on__isnull=True)
    for statement in qs.only("id", "text").order_by("-id")[:300]:
        if same_words(text, statement.text):
            return statement
    return None
