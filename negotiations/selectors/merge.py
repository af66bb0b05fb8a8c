"""What a merge would do, read before it is done: the two rows side by side and, for each, the
rows that point at it and would move (aliases, positions, statements, reports, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from negotiations.models import (
    Alias,
    Commitment,
    MergeRecord,
    Official,
    Party,
    PartyMembership,
    Place,
    Position,
    Statement,
    StatementReport,
    StatementTrack,
    TrackParticipant,
)


@dataclass(frozen=True)
class Related:
    label: tuple[str, str]  # (one, many)
    model: type[models.Model]
    lookup: str  # a filter from those rows to the merged row ("speaker", "statement__speaker")
    also: str = ""  # a second lookup counted with the first (a membership's group or member)


@dataclass(frozen=True)
class MergeKind:
    key: str
    model: type[models.Model]
    label: str
    fields: tuple[str, ...]  # the row's own fields shown side by side
    related: tuple[Related, ...]
    # A foreign key to the model, for the admin's autocomplete view (it searches the model's
    # admin through a relation that points at it).
    autocomplete_through: tuple[type[models.Model], str]


def _speaker_rows(own: str, speaker: str) -> tuple[Related, ...]:
    """What points at a speaker (an official or a party): its aliases and positions (by their
    foreign key ``own``), the statements it spoke (by ``speaker``) and their reports."""
    return (
        Related(("alias", "aliases"), Alias, own),
        Related(("position", "positions"), Position, own),
        Related(("statement", "statements"), Statement, speaker),
        Related(
            ("report of those statements", "reports of those statements"),
            StatementReport,
            f"statement__{speaker}",
        ),
    )


MERGE_KINDS: dict[str, MergeKind] = {
    "official": MergeKind(
        key="official",
        model=Official,
        label="Officials",
        fields=("full_name", "native_name", "slug", "wikidata_id"),
        related=_speaker_rows("official", "speaker"),
        autocomplete_through=(Statement, "speaker"),
    ),
    "party": MergeKind(
        key="party",
        model=Party,
        label="Parties",
        fields=("name", "short_name", "kind", "iso_code", "slug"),
        related=(
            *_speaker_rows("party", "speaker_party"),
            Related(("membership", "memberships"), PartyMembership, "group", also="member"),
            Related(("track role", "track roles"), TrackParticipant, "party"),
            Related(("commitment", "commitments"), Commitment, "party"),
            Related(("place", "places"), Place, "party"),
        ),
        autocomplete_through=(Statement, "speaker_party"),
    ),
    "statement": MergeKind(
        key="statement",
        model=Statement,
        label="Statements",
        fields=("speaker", "speaker_party", "said_on", "text", "review_state"),
        related=(
            Related(("report", "reports"), StatementReport, "statement"),
            Related(("track link", "track links"), StatementTrack, "statement"),
        ),
        autocomplete_through=(StatementReport, "statement"),
    ),
}


@dataclass(frozen=True)
class Side:
    obj: models.Model
    fields: list[tuple[str, object]]  # (label, value as shown)
    moves: list[tuple[str, int]]  # (label, how many rows point at it)


def _side(kind: MergeKind, obj: models.Model) -> Side:
    fields = []
    for name in kind.fields:
        field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display else getattr(obj, name)
        fields.append((str(getattr(field, "verbose_name", name)), value))
    moves = []
    for related in kind.related:
        condition = Q(**{related.lookup: obj})
        if related.also:
            condition |= Q(**{related.also: obj})
        count = related.model._default_manager.filter(condition).count()
        moves.append((related.label[count != 1], count))
    return Side(obj=obj, fields=fields, moves=moves)


def merge_preview(*, kind: MergeKind, keep: models.Model, lose: models.Model) -> tuple[Side, Side]:
    """The row that stays and the row merged into it, each with what points at it (a count
    query per relation and side)."""
    return _side(kind, keep), _side(kind, lose)


def recent_merges(limit: int = 20) -> list[MergeRecord]:
    return list(MergeRecord.objects.select_related("merged_by")[:limit])
