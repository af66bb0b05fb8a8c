"""Merge two officials, two parties or two statements that turned out to be the same.

Everything that pointed at the loser is moved to the winner in one transaction. Where a move
would break a unique constraint (the same alias, report, position or commitment on both sides),
the two rows are combined instead: the winner's row stays, what the loser's row knew that the
winner's did not is copied over, and the dropped row is kept in the merge record's snapshot.
The loser's own names become aliases of the winner. A ``MergeRecord`` tells REST clients that the
old id (and slug) now means the new one.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar, cast

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, transaction

from negotiations.models import (
    Alias,
    Commitment,
    Evidence,
    MergeRecord,
    Official,
    Origin,
    Party,
    PartyMembership,
    Position,
    Reviewable,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    TrackParticipant,
)
from negotiations.text.normalize import normalize_name

M = TypeVar("M", bound=models.Model)


class _Dropped:
    """Rows a merge deletes because the winner already had their equivalent."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, obj: models.Model) -> None:
        self.rows.extend(json.loads(serializers.serialize("json", [obj])))
        obj.delete()


def _lock_pair(model: type[M], keep: M, lose: M) -> tuple[M, M]:
    if type(keep) is not model or type(lose) is not model:
        raise ValidationError(f"Both rows must be {model._meta.verbose_name_plural}.")
    if keep.pk == lose.pk:
        raise ValidationError("Cannot merge a row into itself.")
    rows = {
        o.pk: o
        for o in model._default_manager.select_for_update().filter(pk__in=[keep.pk, lose.pk])
    }
    if len(rows) != 2:
        raise ValidationError("One of the rows to merge no longer exists.")
    return rows[keep.pk], rows[lose.pk]


def _fill_blanks(keep: models.Model, lose: models.Model, names: list[str]) -> None:
    """Copy the loser's values into fields the winner leaves empty."""
    for name in names:
        field = keep._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is not a field of {type(keep).__name__}")
        if getattr(keep, field.attname) in (None, "") and getattr(lose, field.attname) not in (
            None,
            "",
        ):
            setattr(keep, field.attname, getattr(lose, field.attname))


def _append_text(keep: models.Model, lose: models.Model, name: str) -> None:
    mine, theirs = getattr(keep, name), getattr(lose, name)
    if theirs and theirs not in mine:
        setattr(keep, name, f"{mine}\n\n{theirs}".strip())


def _better_review(keep: Reviewable, lose: Reviewable) -> None:
    """An approval on either side survives the merge."""
    if lose.review_state == ReviewState.APPROVED and keep.review_state != ReviewState.APPROVED:
        for name in ("review_state", "reviewed_by_id", "reviewed_at", "review_note"):
            setattr(keep, name, getattr(lose, name))


def _move_rest(model: type[models.Model], keep, lose, handled: set[str]) -> None:
    """Repoint every other foreign key to the loser (relations added by later modules too)."""
    for rel in model._meta.related_objects:
        if isinstance(rel, models.ManyToManyRel):
            # Explicit through models are moved as foreign keys (their own relations); a plain
            # many-to-many (a proposal's statements) gains the winner before the loser goes.
            if rel.through is not None and rel.through._meta.auto_created:
                _move_plain_m2m(rel, keep, lose)
            continue
        related = cast(type[models.Model], rel.related_model)  # resolved once apps are ready
        if f"{related._meta.label}.{rel.field.name}" in handled:
            continue
        related._default_manager.filter(**{rel.field.name: lose}).update(**{rel.field.name: keep})


def _move_plain_m2m(rel, keep, lose) -> None:
    through = rel.through
    owner, target = rel.field.m2m_field_name(), rel.field.m2m_reverse_field_name()
    owners = through.objects.filter(**{target: lose}).values_list(owner, flat=True)
    through.objects.bulk_create(
        [through(**{f"{owner}_id": pk, f"{target}_id": keep.pk}) for pk in owners],
        ignore_conflicts=True,
    )


def _merge_aliases(keep, lose, *, field: str, dropped: _Dropped) -> None:
    existing = {a.normalized: a for a in Alias.objects.filter(**{field: keep})}
    for alias in Alias.objects.filter(**{field: lose}).prefetch_related("outlets"):
        twin = existing.get(alias.normalized)
        if twin is None:
            setattr(alias, field, keep)
            alias.save()
            existing[alias.normalized] = alias
            continue
        twin.outlets.add(*alias.outlets.all())
        _fill_blanks(twin, alias, ["language", "script", "valid_from", "valid_to"])
        _better_review(twin, alias)
        twin.save()
        dropped.add(alias)


def _add_name_aliases(keep, names: list[tuple[str, str]], *, field: str) -> None:
    """The loser's own names stay findable as aliases of the winner."""
    known = set(Alias.objects.filter(**{field: keep}).values_list("normalized", flat=True))
    for name, kind in names:
        normalized = normalize_name(name)
        if name and normalized and normalized not in known:
            Alias.objects.create(
                name=name,
                kind=kind,
                origin=Origin.CURATED,
                review_state=ReviewState.APPROVED,
                **{field: keep},
            )
            known.add(normalized)


def _merge_positions(keep_filter: dict, lose_positions, dropped: _Dropped, *, field: str, keep):
    for position in lose_positions:
        key = {
            "official_id": position.official_id,
            "party_id": position.party_id,
            "title": position.title,
            "start_date": position.start_date,
            **keep_filter,
        }
        twin = Position.objects.filter(**key).first()
        if twin is None:
            setattr(position, field, keep)
            position.save()
            continue
        Statement.objects.filter(speaker_position=position).update(speaker_position=twin)
        _fill_blanks(twin, position, ["end_date"])
        twin.save()
        dropped.add(position)


def _record(*, model: type[models.Model], lose, keep, user, natural_key: str, dropped: _Dropped):
    snapshot = {
        "object": json.loads(serializers.serialize("json", [lose]))[0],
        "dropped": dropped.rows,
    }
    return MergeRecord.objects.create(
        model=model._meta.label_lower,
        old_id=lose.pk,
        new_id=keep.pk,
        old_natural_key=natural_key,
        merged_by=user,
        snapshot=snapshot,
    )


def _repoint_merge_records(model: type[models.Model], lose, keep) -> None:
    """Earlier merges into the loser now point at the winner (clients follow one hop)."""
    MergeRecord.objects.filter(model=model._meta.label_lower, new_id=lose.pk).update(new_id=keep.pk)


@transaction.atomic
def official_merge(*, keep: Official, lose: Official, user) -> Official:
    """Merge ``lose`` into ``keep``: aliases, positions and statements move over."""
    keep, lose = _lock_pair(Official, keep, lose)
    dropped = _Dropped()
    _merge_aliases(keep, lose, field="official", dropped=dropped)
    _add_name_aliases(
        keep,
        [
            (lose.full_name, Alias.Kind.TRANSLITERATION),
            (lose.native_name, Alias.Kind.NATIVE),
        ],
        field="official",
    )
    _merge_positions(
        {"official_id": keep.pk},
        list(Position.objects.filter(official=lose)),
        dropped,
        field="official",
        keep=keep,
    )
    Statement.objects.filter(speaker=lose).update(speaker=keep)
    _move_rest(
        Official, keep, lose, {"negotiations.Alias.official", "negotiations.Position.official"}
    )
    _fill_blanks(keep, lose, ["native_name", "wikidata_id"])
    _append_text(keep, lose, "notes")
    _record(model=Official, lose=lose, keep=keep, user=user, natural_key=lose.slug, dropped=dropped)
    _repoint_merge_records(Official, lose, keep)
    lose.delete()
    keep.save()
    return keep


def _merge_memberships(keep: Party, lose: Party, dropped: _Dropped) -> None:
    # The loser's memberships on either side (as the group, as the member) move to the keeper,
    # unless the keeper already has the same one (or would be its own group): those are dropped.
    for side, other in (("group", "member"), ("member", "group")):
        for membership in PartyMembership.objects.filter(**{side: lose}):
            other_id = getattr(membership, f"{other}_id")
            twin = PartyMembership.objects.filter(
                **{side: keep, f"{other}_id": other_id, "joined_on": membership.joined_on}
            )
            if other_id == keep.pk or twin.exists():
                dropped.add(membership)
            else:
                setattr(membership, side, keep)
                membership.save()


def _merge_participations(keep: Party, lose: Party, dropped: _Dropped) -> None:
    for participation in TrackParticipant.objects.filter(party=lose):
        twin = TrackParticipant.objects.filter(
            track_id=participation.track_id, party=keep, role=participation.role
        ).first()
        if twin is None:
            participation.party = keep
            participation.save()
            continue
        _fill_blanks(twin, participation, ["joined_on"])
        _append_text(twin, participation, "note")
        twin.save()
        dropped.add(participation)


def _merge_commitment_into(twin: Commitment, commitment: Commitment, dropped: _Dropped) -> None:
    for evidence in commitment.evidence.all():
        if twin.evidence.filter(article_id=evidence.article_id).exists():
            dropped.add(evidence)
        else:
            evidence.commitment = twin
            evidence.save()
    for stage in commitment.stages.all():
        same = twin.stages.filter(stage=stage.stage).first()
        if same is None:
            stage.commitment = twin
            stage.save()
        else:
            _fill_blanks(same, stage, ["effective_date"])
            same.save()
            # the stage's own words go with it to the twin's stage (the evidence loop above
            # already pointed them at the twin; a duplicate article was dropped there)
            Evidence.objects.filter(commitment_stage=stage, commitment=twin).update(
                commitment_stage=same
            )
            dropped.add(stage)
    commitment.corrections.update(commitment=twin)
    _append_text(twin, commitment, "description")
    _fill_blanks(twin, commitment, ["beneficiary"])
    _better_review(twin, commitment)
    twin.save()
    dropped.add(commitment)


def _merge_commitments(keep: Party, lose: Party, dropped: _Dropped) -> None:
    for commitment in Commitment.objects.filter(party=lose):
        twin = Commitment.objects.filter(
            track_id=commitment.track_id,
            party=keep,
            category=commitment.category,
            direction=commitment.direction,
            amount=commitment.amount,
            currency=commitment.currency,
        ).first()
        if twin is None:
            commitment.party = keep
            commitment.save()
        else:
            _merge_commitment_into(twin, commitment, dropped)
    Commitment.objects.filter(beneficiary=lose).update(beneficiary=keep)


@transaction.atomic
def party_merge(*, keep: Party, lose: Party, user) -> Party:
    """Merge ``lose`` into ``keep``: aliases, memberships, positions, places, track roles,
    statements and commitments move over."""
    keep, lose = _lock_pair(Party, keep, lose)
    dropped = _Dropped()
    _merge_aliases(keep, lose, field="party", dropped=dropped)
    _add_name_aliases(
        keep,
        [(lose.name, Alias.Kind.CANONICAL), (lose.short_name, Alias.Kind.ABBREVIATION)],
        field="party",
    )
    _merge_memberships(keep, lose, dropped)
    _merge_positions(
        {"party_id": keep.pk},
        list(Position.objects.filter(party=lose)),
        dropped,
        field="party",
        keep=keep,
    )
    _merge_participations(keep, lose, dropped)
    _merge_commitments(keep, lose, dropped)
    Statement.objects.filter(speaker_party=lose).update(speaker_party=keep)
    _move_rest(
        Party,
        keep,
        lose,
        {
            "negotiations.Alias.party",
            "negotiations.PartyMembership.group",
            "negotiations.PartyMembership.member",
            "negotiations.Position.party",
            "negotiations.TrackParticipant.party",
            "negotiations.Commitment.party",
        },
    )
    _record(model=Party, lose=lose, keep=keep, user=user, natural_key=lose.slug, dropped=dropped)
    _repoint_merge_records(Party, lose, keep)
    iso_code = lose.iso_code
    lose.delete()  # frees the unique ISO code before the winner takes it
    if not keep.iso_code:
        keep.iso_code = iso_code
    _fill_blanks(keep, lose, ["short_name", "wikidata_id"])
    _append_text(keep, lose, "description")
    keep.save()
    return keep


@transaction.atomic
def statement_merge(*, keep: Statement, lose: Statement, user) -> Statement:
    """Merge ``lose`` into ``keep``: every outlet's report and every track link move over."""
    keep, lose = _lock_pair(Statement, keep, lose)
    dropped = _Dropped()
    keep_articles = set(keep.reports.values_list("article_id", flat=True))
    for report in StatementReport.objects.filter(statement=lose):
        if report.article_id in keep_articles:
            twin = keep.reports.get(article_id=report.article_id)
            _fill_blanks(twin, report, ["char_start", "char_end"])
            _better_review(twin, report)
            twin.save()
            dropped.add(report)
        else:
            report.statement = keep
            report.save()
    keep_tracks = {link.track_id: link for link in keep.track_links.all()}
    for link in StatementTrack.objects.filter(statement=lose):
        same = keep_tracks.get(link.track_id)
        if same is None:
            link.statement = keep
            link.save()
        else:
            _better_review(same, link)
            same.save()
            dropped.add(link)
    _move_rest(
        Statement,
        keep,
        lose,
        {"negotiations.StatementReport.statement", "negotiations.StatementTrack.statement"},
    )
    _fill_blanks(
        keep,
        lose,
        [
            "speaker",
            "speaker_party",
            "speaker_position",
            "speaker_description",
            "said_phrase",
            "channel_detail",
        ],
    )
    if keep.said_on is None and lose.said_on is not None:
        keep.said_on, keep.said_precision = lose.said_on, lose.said_precision
    if keep.channel == Statement._meta.get_field("channel").default:
        keep.channel = lose.channel
    _better_review(keep, lose)
    _record(model=Statement, lose=lose, keep=keep, user=user, natural_key="", dropped=dropped)
    _repoint_merge_records(Statement, lose, keep)
    lose.delete()
    keep.save()
    return keep
