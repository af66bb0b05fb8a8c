"""Entity resolution: a gazetteer built from the aliases in the database.

Names come from Alias rows (not rejected; machine suggestions only once approved) and the
canonical names of parties, officials and places. A capitalised name close to a known official's
name but not equal to any (Kyslytsia / Kyslytsya) becomes a pending Alias suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db import IntegrityError, connection, transaction

from negotiations.models import (
    Alias,
    Official,
    Origin,
    Party,
    Place,
    Position,
    ReviewState,
    StatusChange,
    Track,
    TrackParticipant,
    machine_made,
)
from negotiations.services.statuses import TrackMatcher, track_matcher_build
from negotiations.text.gazetteer import Entry, Gazetteer, Mention, strip_possessive
from negotiations.text.lang import pack_for, supported_languages
from negotiations.text.names import country_names, latin_forms
from negotiations.text.normalize import normalize_name

OFFICIAL, PARTY, PLACE = "official", "party", "place"

# What a gazetteer entry built here points at: (OFFICIAL/PARTY/PLACE, primary key).
EntityKey = tuple[str, int]


@dataclass
class EntityIndex:
    gazetteer: Gazetteer
    place_party: dict[int, int]
    known_official_names: dict[int, set[str]]
    tracks: TrackMatcher
    # official id -> [(start, end, party id, position id, title lower-case)], latest start first
    positions: dict[int, list[tuple]]
    party_slugs: dict[str, int]


def _usable_aliases():
    return Alias.objects.exclude(review_state=ReviewState.REJECTED).exclude(
        origin=Origin.MACHINE, review_state=ReviewState.PENDING
    )


# Row counts and latest change of every table the gazetteer and the track matcher are built
# from, in one query (standard SQL: PostgreSQL and the embedded SQLite alike): of status
# changes, the approved ones alone, which date the tracks (a machine proposal changes nothing
# the index reads). The table names and conditions are the code's own: no input reaches this
# SQL.
_STAMPED = (
    (Alias, "1 = 1"),
    (Official, "1 = 1"),
    (Party, "1 = 1"),
    (Place, "1 = 1"),
    (Position, "1 = 1"),
    (Track, "1 = 1"),
    (TrackParticipant, "1 = 1"),
    (StatusChange, f"review_state = '{ReviewState.APPROVED.value}'"),
)
_STAMP_SQL = "SELECT " + " || '|' || ".join(
    f"(SELECT CAST(count(*) AS TEXT) || ':' || coalesce(CAST(max(updated_at) AS TEXT), '') "  # noqa: S608
    f"FROM {model._meta.db_table} WHERE {condition})"
    for model, condition in _STAMPED
)


def _stamp() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL)
        return cursor.fetchone()[0]


_local: dict[str, EntityIndex] = {}


def entity_index_get() -> EntityIndex:
    """The gazetteer and track matcher, rebuilt when their tables change (one query to check)."""
    stamp = _stamp()
    cached = _local.get(stamp)
    if cached is not None:
        return cached
    entries: list[Entry] = []
    known: dict[int, set[str]] = {}
    languages = tuple(supported_languages())
    for o in Official.objects.only("id", "full_name", "native_name"):
        entries.append(Entry((OFFICIAL, o.pk), o.full_name, "name"))
        known.setdefault(o.pk, set()).add(normalize_name(o.full_name))
        if o.native_name:
            entries.append(Entry((OFFICIAL, o.pk), o.native_name, "name"))
            for form in latin_forms(o.native_name):
                entries.append(Entry((OFFICIAL, o.pk), form, "name"))
    party_slugs = {}
    for p in Party.objects.only("id", "name", "short_name", "iso_code", "slug"):
        party_slugs[p.slug] = p.pk
        entries.append(Entry((PARTY, p.pk), p.name, "party"))
        if p.short_name:
            entries.append(Entry((PARTY, p.pk), p.short_name, "party", case_sensitive=True))
        for name in country_names(p.iso_code, languages):
            entries.append(Entry((PARTY, p.pk), name, "party"))
    place_party = {}
    for pl in Place.objects.only("id", "name", "party_id"):
        entries.append(Entry((PLACE, pl.pk), pl.name, "place"))
        if pl.party_id:
            place_party[pl.pk] = pl.party_id
    for a in _usable_aliases().only(
        "name", "normalized", "kind", "script", "party_id", "official_id", "place_id"
    ):
        if a.official_id:
            target = (OFFICIAL, a.official_id)
            known.setdefault(a.official_id, set()).add(a.normalized or normalize_name(a.name))
        elif a.party_id:
            target = (PARTY, a.party_id)
        else:
            target = (PLACE, a.place_id)
        kind = "description" if a.kind == Alias.Kind.DESCRIPTION else target[0]
        if target[0] == OFFICIAL and kind != "description":
            kind = "name"
        short_caps = a.name.isupper() and len(a.name) <= 5
        entries.append(Entry(target, a.name, kind, case_sensitive=short_caps))
        if target[0] == OFFICIAL and a.script == "Cyrl":
            for form in latin_forms(a.name):
                entries.append(Entry(target, form, kind))
    positions: dict[int, list[tuple]] = {}
    for pos in Position.objects.only(
        "id", "official_id", "title", "party_id", "start_date", "end_date"
    ).order_by("-start_date"):
        positions.setdefault(pos.official_id, []).append(
            (pos.start_date, pos.end_date, pos.party_id, pos.pk, pos.title.lower())
        )
    gazetteer = Gazetteer.build(entries, fuzzy_kinds=frozenset({"name"}))

    def entity_of(name: str):
        """The person or place a track keyword names, whole ("Witkoff") or as the venue inside
        it ("Istanbul talks", "pourparlers d'Istanbul"): (target, whole?)."""
        found = [m for m in gazetteer.find(name, fuzzy=False) if m.target[0] != PARTY]
        if len(found) == 1 and found[0].text == name.strip():
            return found[0].target, True
        places = [m for m in found if m.target[0] == PLACE]
        return (places[0].target, False) if len(places) == 1 else None

    def parties_of(target, day=None) -> set[int]:
        """The parties a mention stands for: the party, a place's state, an official's party
        on ``day`` (every position's when the day is unknown)."""
        kind, pk = target
        if kind == PARTY:
            return {pk}
        if kind == PLACE:
            return {place_party[pk]} if pk in place_party else set()
        if kind == "slug":  # a nationality adjective: "the British pledge", "soutien allemand"
            return {party_slugs[pk]} if pk in party_slugs else set()
        return {
            party
            for start, end, party, _pos, _title in positions.get(pk, ())
            if party is not None
            and (day is None or ((start is None or start <= day) and (end is None or day <= end)))
        }

    index = EntityIndex(
        gazetteer=gazetteer,
        place_party=place_party,
        known_official_names=known,
        tracks=track_matcher_build(entity_of, parties_of),
        positions=positions,
        party_slugs=party_slugs,
    )
    _local.clear()
    _local[stamp] = index
    return index


def mentions_find(*, text: str, index: EntityIndex, language: str = "") -> list[Mention]:
    """People, parties and places named in the text, in any form its language inflects them."""
    return index.gazetteer.find(text, lang=pack_for(language).code)


def alias_suggest(*, mention: Mention, analyser_version: str, outlet_id=None) -> Alias | None:
    """Record a close unknown variant of an official's name as a pending alias suggestion."""
    kind, target_id = cast(EntityKey, mention.target)  # every entry here is an EntityKey
    if kind != OFFICIAL:
        return None
    name = strip_possessive(mention.text)
    normalized = normalize_name(name)
    existing = Alias.objects.filter(normalized=normalized, official_id=target_id).first()
    if existing is not None:
        return existing  # already suggested (or decided): keep the analyst's decision
    try:
        with transaction.atomic():
            alias = Alias.objects.create(
                name=name,
                official_id=target_id,
                kind=Alias.Kind.TRANSLITERATION,
                **machine_made(analyser_version),
                review_note=f"Seen as {mention.text!r}; {mention.fuzzy_score:.0f}% similar "
                "to a known name.",
            )
    except IntegrityError:
        return Alias.objects.filter(normalized=normalized, official_id=target_id).first()
    if outlet_id:
        alias.outlets.add(outlet_id)
    return alias


def party_for(target, index: EntityIndex) -> int | None:
    """The party a mention stands for: a party, a place's party, or a party slug (a demonym)."""
    kind, pk = target
    if kind == PARTY:
        return pk
    if kind == "slug":
        return index.party_slugs.get(pk)
    if kind == PLACE:
        return index.place_party.get(pk)
    return None


__all__ = ["alias_suggest", "entity_index_get", "mentions_find", "party_for"]
