"""Merge two officials, two parties or two statements that turned out to be the same, and undo
a merge.

Everything that pointed at the loser is moved to the winner in one transaction. Where a move
would break a unique constraint (the same alias, report, position or commitment on both sides),
the two rows are combined instead: the winner's row stays, what the loser's row knew that the
winner's did not is copied over, and the dropped row is kept in the merge record's snapshot.
The loser's own names become aliases of the winner. A ``MergeRecord`` tells REST clients that the
old id (and slug) now means the new one.

Every row the merge writes (moved, re-pointed, combined, created or deleted) gets a history row
(django-simple-history) crediting the user, with the merge named as its change reason
(:func:`merge_reason`) and the merge's steps in a strict order. :func:`merge_undo` walks those
rows backwards: it recreates what was deleted, re-points what was moved back, takes back what was
copied (where nobody changed it since) and deletes what was created.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import to_historic
from simple_history.utils import bulk_update_with_history, get_history_manager_for_model

from negotiations.models import (
    Alias,
    Commitment,
    CommitmentCorrection,
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


def merge_reason(record: MergeRecord) -> str:
    """The change reason on every history row a merge writes: how its undo finds them."""
    return f"merge:{record.pk}"


def _historical(model: type[models.Model]) -> bool:
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


class _Merge:
    """One merge's (or undo's) writes. Each step saves, re-points or deletes rows with a history
    row crediting the user and naming the merge; the steps' history dates strictly increase, so
    the undo can replay them backwards."""

    def __init__(self, *, user, reason: str) -> None:
        self.user = user
        self.reason = reason
        self.dropped: list[dict[str, Any]] = []  # rows deleted, serialised (with many-to-many)
        self.m2m_added: list[dict[str, Any]] = []  # many-to-many links added to kept rows
        self.m2m_lost: list[dict[str, Any]] = []  # links to the loser its deletion removes
        self.plain_moves: list[dict[str, Any]] = []  # rows of models without history, moved
        self._last: dt.datetime | None = None

    def _tick(self) -> dt.datetime:
        now = timezone.now()
        if self._last is not None and now <= self._last:
            now = self._last + dt.timedelta(microseconds=1)
        self._last = now
        return now

    def _stamped(self, obj: models.Model, write) -> None:
        # django-simple-history's documented per-instance attributes, set for this write only
        obj._history_user = self.user  # type: ignore[attr-defined]
        obj._change_reason = self.reason  # type: ignore[attr-defined]
        obj._history_date = self._tick()  # type: ignore[attr-defined]
        try:
            write()
        finally:
            for name in ("_history_user", "_change_reason", "_history_date"):
                obj.__dict__.pop(name, None)

    def save(self, obj: models.Model, *, insert: bool = False) -> None:
        self._stamped(obj, lambda: obj.save(force_insert=insert))

    def delete(self, obj: models.Model) -> None:
        self._stamped(obj, obj.delete)

    def drop(self, obj: models.Model) -> None:
        """Delete a row the winner already has an equivalent of, keeping it in the snapshot."""
        self.dropped.extend(json.loads(serializers.serialize("json", [obj])))
        self.delete(obj)

    def create(self, model: type[M], **values: Any) -> M:
        obj = model(**values)
        self.save(obj, insert=True)
        return obj

    def repoint(self, model: type[models.Model], name: str, old: models.Model, new: models.Model):
        """Every ``model`` row whose ``name`` points at ``old`` points at ``new``, one history row
        each (in bulk: one query for the rows, one for the update, one for their history)."""
        attname = cast(models.Field, model._meta.get_field(name)).attname
        rows = list(model._default_manager.filter(**{name: old}))
        if not rows:
            return
        for row in rows:
            setattr(row, attname, new.pk)
        if _historical(model):
            bulk_update_with_history(
                rows,
                model,
                [name],
                default_user=self.user,
                default_change_reason=self.reason,
                default_date=self._tick(),
            )
        else:  # no history to replay: the undo reads what moved from the merge record
            model._default_manager.filter(pk__in=[r.pk for r in rows]).update(**{name: new})
            self.plain_moves.append(
                {"model": model._meta.label_lower, "field": name, "pks": [r.pk for r in rows]}
            )

    def add_m2m(self, obj: models.Model, name: str, ids: list[Any]) -> None:
        manager = getattr(obj, name)
        new = sorted(set(ids) - set(manager.values_list("pk", flat=True)))
        if new:
            manager.add(*new)
            self.m2m_added.append(
                {"model": obj._meta.label_lower, "pk": obj.pk, "field": name, "ids": new}
            )


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


def _move_rest(m: _Merge, model: type[models.Model], keep, lose, handled: set[str]) -> None:
    """Repoint every other foreign key to the loser (relations added by later modules too)."""
    for rel in model._meta.related_objects:
        if isinstance(rel, models.ManyToManyRel):
            # Explicit through models are moved as foreign keys (their own relations); a plain
            # many-to-many (a proposal's statements) gains the winner before the loser goes.
            if rel.through is not None and rel.through._meta.auto_created:
                _move_plain_m2m(m, rel, keep, lose)
            continue
        related = cast(type[models.Model], rel.related_model)  # resolved once apps are ready
        if f"{related._meta.label}.{rel.field.name}" in handled:
            continue
        m.repoint(related, rel.field.name, lose, keep)


def _move_plain_m2m(m: _Merge, rel, keep, lose) -> None:
    # The rows that held the loser gain the winner (their link to the loser goes with it).
    owner_model = rel.related_model
    for owner in owner_model._default_manager.filter(**{rel.field.name: lose}):
        m.add_m2m(owner, rel.field.name, [keep.pk])
        m.m2m_lost.append(
            {"model": owner._meta.label_lower, "pk": owner.pk, "field": rel.field.name}
        )


def _merge_aliases(m: _Merge, keep, lose, *, field: str) -> None:
    existing = {a.normalized: a for a in Alias.objects.filter(**{field: keep})}
    for alias in Alias.objects.filter(**{field: lose}).prefetch_related("outlets"):
        twin = existing.get(alias.normalized)
        if twin is None:
            setattr(alias, field, keep)
            m.save(alias)
            existing[alias.normalized] = alias
            continue
        m.add_m2m(twin, "outlets", [o.pk for o in alias.outlets.all()])
        _fill_blanks(twin, alias, ["language", "script", "valid_from", "valid_to"])
        _better_review(twin, alias)
        m.save(twin)
        m.drop(alias)


def _add_name_aliases(m: _Merge, keep, names: list[tuple[str, str]], *, field: str) -> None:
    """The loser's own names stay findable as aliases of the winner."""
    known = set(Alias.objects.filter(**{field: keep}).values_list("normalized", flat=True))
    for name, kind in names:
        normalized = normalize_name(name)
        if name and normalized and normalized not in known:
            m.create(
                Alias,
                name=name,
                kind=kind,
                origin=Origin.CURATED,
                review_state=ReviewState.APPROVED,
                **{field: keep},
            )
            known.add(normalized)


def _merge_positions(m: _Merge, keep_filter: dict, lose_positions, *, field: str, keep) -> None:
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
            m.save(position)
            continue
        m.repoint(Statement, "speaker_position", position, twin)
        _fill_blanks(twin, position, ["end_date"])
        m.save(twin)
        m.drop(position)


def _start(*, model: type[models.Model], lose, keep, user, natural_key: str) -> tuple:
    """The merge record, written first so every history row can name it."""
    record = MergeRecord.objects.create(
        model=model._meta.label_lower,
        old_id=lose.pk,
        new_id=keep.pk,
        old_natural_key=natural_key,
        merged_by=user,
        snapshot={
            "object": json.loads(serializers.serialize("json", [lose]))[0],
            "keep_id": keep.pk,
        },
    )
    return record, _Merge(user=user, reason=merge_reason(record))


def _finish(m: _Merge, record: MergeRecord, model: type[models.Model], lose, keep) -> None:
    # Earlier merges into the loser now point at the winner (clients follow one hop).
    earlier = MergeRecord.objects.filter(model=model._meta.label_lower, new_id=lose.pk)
    repointed = list(earlier.values_list("pk", flat=True))
    earlier.update(new_id=keep.pk)
    record.snapshot.update(
        dropped=m.dropped,
        m2m_added=m.m2m_added,
        m2m_lost=m.m2m_lost,
        plain_moves=m.plain_moves,
        repointed=repointed,
    )
    record.save(update_fields=["snapshot"])
    m.delete(lose)
    m.save(keep)


@transaction.atomic
def official_merge(*, keep: Official, lose: Official, user) -> Official:
    """Merge ``lose`` into ``keep``: aliases, positions and statements move over."""
    keep, lose = _lock_pair(Official, keep, lose)
    record, m = _start(model=Official, lose=lose, keep=keep, user=user, natural_key=lose.slug)
    _merge_aliases(m, keep, lose, field="official")
    _add_name_aliases(
        m,
        keep,
        [
            (lose.full_name, Alias.Kind.TRANSLITERATION),
            (lose.native_name, Alias.Kind.NATIVE),
        ],
        field="official",
    )
    _merge_positions(
        m,
        {"official_id": keep.pk},
        list(Position.objects.filter(official=lose)),
        field="official",
        keep=keep,
    )
    m.repoint(Statement, "speaker", lose, keep)
    _move_rest(
        m,
        Official,
        keep,
        lose,
        {
            "negotiations.Alias.official",
            "negotiations.Position.official",
            "negotiations.Statement.speaker",
        },
    )
    _fill_blanks(keep, lose, ["native_name", "wikidata_id"])
    _append_text(keep, lose, "notes")
    _finish(m, record, Official, lose, keep)
    return keep


def _merge_memberships(m: _Merge, keep: Party, lose: Party) -> None:
    # The loser's memberships on either side (as the group, as the member) move to the keeper,
    # unless the keeper already has the same one (or would be its own group): those are dropped.
    for side, other in (("group", "member"), ("member", "group")):
        for membership in PartyMembership.objects.filter(**{side: lose}):
            other_id = getattr(membership, f"{other}_id")
            twin = PartyMembership.objects.filter(
                **{side: keep, f"{other}_id": other_id, "joined_on": membership.joined_on}
            )
            if other_id == keep.pk or twin.exists():
                m.drop(membership)
            else:
                setattr(membership, side, keep)
                m.save(membership)


def _merge_participations(m: _Merge, keep: Party, lose: Party) -> None:
    for participation in TrackParticipant.objects.filter(party=lose):
        twin = TrackParticipant.objects.filter(
            track_id=participation.track_id, party=keep, role=participation.role
        ).first()
        if twin is None:
            participation.party = keep
            m.save(participation)
            continue
        _fill_blanks(twin, participation, ["joined_on"])
        _append_text(twin, participation, "note")
        m.save(twin)
        m.drop(participation)


def _merge_commitment_into(m: _Merge, twin: Commitment, commitment: Commitment) -> None:
    for evidence in commitment.evidence.all():
        if twin.evidence.filter(article_id=evidence.article_id).exists():
            m.drop(evidence)
        else:
            evidence.commitment = twin
            m.save(evidence)
    for stage in commitment.stages.all():
        same = twin.stages.filter(stage=stage.stage).first()
        if same is None:
            stage.commitment = twin
            m.save(stage)
        else:
            _fill_blanks(same, stage, ["effective_date"])
            m.save(same)
            # the stage's own words go with it to the twin's stage (the evidence loop above
            # already pointed them at the twin; a duplicate article was dropped there)
            m.repoint(Evidence, "commitment_stage", stage, same)
            m.drop(stage)
    m.repoint(CommitmentCorrection, "commitment", commitment, twin)
    _append_text(twin, commitment, "description")
    _fill_blanks(twin, commitment, ["beneficiary"])
    _better_review(twin, commitment)
    m.save(twin)
    m.drop(commitment)


def _merge_commitments(m: _Merge, keep: Party, lose: Party) -> None:
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
            m.save(commitment)
        else:
            _merge_commitment_into(m, twin, commitment)
    m.repoint(Commitment, "beneficiary", lose, keep)


@transaction.atomic
def party_merge(*, keep: Party, lose: Party, user) -> Party:
    """Merge ``lose`` into ``keep``: aliases, memberships, positions, places, track roles,
    statements and commitments move over."""
    keep, lose = _lock_pair(Party, keep, lose)
    record, m = _start(model=Party, lose=lose, keep=keep, user=user, natural_key=lose.slug)
    _merge_aliases(m, keep, lose, field="party")
    _add_name_aliases(
        m,
        keep,
        [(lose.name, Alias.Kind.CANONICAL), (lose.short_name, Alias.Kind.ABBREVIATION)],
        field="party",
    )
    _merge_memberships(m, keep, lose)
    _merge_positions(
        m,
        {"party_id": keep.pk},
        list(Position.objects.filter(party=lose)),
        field="party",
        keep=keep,
    )
    _merge_participations(m, keep, lose)
    _merge_commitments(m, keep, lose)
    m.repoint(Statement, "speaker_party", lose, keep)
    _move_rest(
        m,
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
            "negotiations.Commitment.beneficiary",
            "negotiations.Statement.speaker_party",
        },
    )
    iso_code = lose.iso_code
    # The loser goes before the winner takes its unique ISO code (_finish deletes, then saves).
    if not keep.iso_code:
        keep.iso_code = iso_code
    _fill_blanks(keep, lose, ["short_name", "wikidata_id"])
    _append_text(keep, lose, "description")
    _finish(m, record, Party, lose, keep)
    return keep


@transaction.atomic
def statement_merge(*, keep: Statement, lose: Statement, user) -> Statement:
    """Merge ``lose`` into ``keep``: every outlet's report and every track link move over."""
    keep, lose = _lock_pair(Statement, keep, lose)
    record, m = _start(model=Statement, lose=lose, keep=keep, user=user, natural_key="")
    keep_articles = set(keep.reports.values_list("article_id", flat=True))
    for report in StatementReport.objects.filter(statement=lose):
        if report.article_id in keep_articles:
            twin = keep.reports.get(article_id=report.article_id)
            _fill_blanks(twin, report, ["char_start", "char_end"])
            _better_review(twin, report)
            m.save(twin)
            m.drop(report)
        else:
            report.statement = keep
            m.save(report)
    keep_tracks = {link.track_id: link for link in keep.track_links.all()}
    for link in StatementTrack.objects.filter(statement=lose):
        same = keep_tracks.get(link.track_id)
        if same is None:
            link.statement = keep
            m.save(link)
        else:
            _better_review(same, link)
            m.save(same)
            m.drop(link)
    _move_rest(
        m,
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
    _finish(m, record, Statement, lose, keep)
    return keep


# --- Undo ---------------------------------------------------------------------------------------


@dataclass
class MergeUndo:
    restored: models.Model  # the row merged away, back under its old id
    # Values the merge wrote that were changed since: left as they are now, one line each
    kept: list[str] = field(default_factory=list)


def _m2m_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.many_to_many]


def _recreate(undo: _Merge, historical, snapshots: dict[tuple[str, Any], dict]) -> None:
    obj = historical.instance
    obj._state.adding = True
    undo.save(obj, insert=True)
    fields = snapshots.get((obj._meta.label_lower, obj.pk), {})
    for name in _m2m_names(type(obj)):
        if fields.get(name):
            getattr(obj, name).set(fields[name])


def _revert(undo: _Merge, historical, kept: list[str]) -> None:
    """Take back what one history row of the merge changed, field by field, where the row
    still holds the merge's value."""
    model = type(historical.instance)
    previous = historical.prev_record
    live = model._default_manager.filter(pk=historical.instance.pk).first()
    if previous is None or live is None:
        return
    skip = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    changed = False
    for change in historical.diff_against(previous, excluded_fields=skip).changes:
        attname = model._meta.get_field(change.field).attname
        if getattr(live, attname) == change.new:
            setattr(live, attname, change.old)
            changed = True
        else:
            kept.append(f"{model._meta.verbose_name} #{live.pk}: {change.field} was changed since")
    if changed:
        undo.save(live)


@transaction.atomic
def merge_undo(*, record: MergeRecord, user) -> MergeUndo:
    """Undo a merge: the merged-away row comes back under its old id with everything the merge
    moved, combined or created taken back, each step with its own history row. A value changed
    after the merge stays as it is now (and is named in ``kept``)."""
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    model = apps.get_model(record.model)
    snapshot = record.snapshot
    if "keep_id" not in snapshot:
        raise ValidationError("This merge predates undo: its steps were not recorded.")
    if record.new_id != snapshot["keep_id"]:
        raise ValidationError(
            f"#{snapshot['keep_id']} was merged into #{record.new_id} since: undo that merge first."
        )
    if model._default_manager.filter(pk=record.old_id).exists():
        raise ValidationError(f"#{record.old_id} exists again.")
    reason = merge_reason(record)
    undo = _Merge(user=user, reason=f"undo {reason}")
    snapshots = {
        (row["model"], row["pk"]): row["fields"]
        for row in [snapshot["object"], *snapshot.get("dropped", [])]
    }
    steps = sorted(
        (
            historical
            for tracked in apps.get_models()
            if _historical(tracked)
            for historical in get_history_manager_for_model(tracked).filter(
                history_change_reason=reason
            )
        ),
        key=lambda h: h.history_date,
        reverse=True,
    )
    kept: list[str] = []
    for historical in steps:
        if historical.history_type == "-":
            _recreate(undo, historical, snapshots)
        elif historical.history_type == "~":
            _revert(undo, historical, kept)
        else:
            created = type(historical.instance)._default_manager.filter(pk=historical.instance.pk)
            for row in created:
                undo.delete(row)
    for link in reversed(snapshot.get("m2m_added", [])):
        owner = apps.get_model(link["model"])._default_manager.filter(pk=link["pk"]).first()
        if owner is not None:
            getattr(owner, link["field"]).remove(*link["ids"])
    for move in snapshot.get("plain_moves", []):
        moved = apps.get_model(move["model"])._default_manager.filter(
            pk__in=move["pks"], **{f"{move['field']}_id": record.new_id}
        )
        moved.update(**{f"{move['field']}_id": record.old_id})
    for link in snapshot.get("m2m_lost", []):
        owner = apps.get_model(link["model"])._default_manager.filter(pk=link["pk"]).first()
        if owner is not None:
            getattr(owner, link["field"]).add(record.old_id)
    MergeRecord.objects.filter(pk__in=snapshot.get("repointed", [])).update(new_id=record.old_id)
    record.delete()
    return MergeUndo(restored=model._default_manager.get(pk=record.old_id), kept=kept)


# --- Reverting an old version -------------------------------------------------------------------


def merge_survivors(obj: models.Model) -> list[tuple[str, models.Model]]:
    """Point ``obj``'s foreign keys whose target was merged away at the survivor of the merge.

    For an old version about to be reverted: it may name a row a merge has since removed, which a
    form would show (and save) as empty. Returns each re-pointed field's name and its survivor.
    """
    moved: list[tuple[str, models.Model]] = []
    for fk in obj._meta.concrete_fields:
        if not fk.is_relation or fk.remote_field is None:
            continue
        target_id = getattr(obj, fk.attname)
        target = cast(type[models.Model], fk.related_model)
        if target_id is None or target._default_manager.filter(pk=target_id).exists():
            continue
        record = MergeRecord.objects.filter(
            model=target._meta.label_lower, old_id=target_id
        ).first()
        survivor = record and target._default_manager.filter(pk=record.new_id).first()
        if survivor:
            setattr(obj, fk.attname, survivor.pk)
            moved.append((fk.name, survivor))
    return moved


def is_old_version(obj: models.Model) -> bool:
    """Whether ``obj`` was built from a history row (an old version), not read live."""
    return to_historic(obj) is not None
