"""The sync contract's writes: every change to what a resource's JSON shows moves that resource's
change marker (``change_seq``), and every record that leaves what a list shows is withdrawn.

The marker is the writing transaction's position in commit-safe order:

- On PostgreSQL it is the writing transaction's id (``pg_current_xact_id()``, 64-bit, never
  wraps). Ids are handed out in start order, not commit order, so the lists serve only markers
  below the lowest id the reading snapshot sees running in this database (its ``xmin``, leaving
  out transactions known to run in other databases: ``negotiations.selectors.changes``): every
  writer of ours with a smaller id has ended, and every one still running or started later has a
  larger one. A client that has seen marker ``S`` can therefore never later be shown a change
  below ``S``: a change committed after that read belongs to a transaction whose id was at least
  the bound then, which was above ``S``. (A plain sequence would not do: a transaction that took 5
  can commit after one that took 6, and a client that saw 6 would miss 5.)
- On SQLite writers are serialised, so a counter row bumped in the writing transaction
  (``ChangeCounter``) is already in commit order.

Who moves it: ``post_save`` and ``pre_delete`` handlers on every model whose rows some resource's
JSON shows (``SHOWN_IN``: the row itself, and the rows that embed it: a speaker in statements, a
status change in its track's ``current_status``, a report in its statement). ``pre_delete``, so
the joins from the embedding rows still find the row being deleted. Writes that bypass the
ORM's signals (``QuerySet.update()``) must call :func:`touch` or save a row that is
``SHOWN_IN`` the same resources (the merge services save the winner, which touches every row that
shows it). ``tests/api/test_sync.py`` drives a mirror through every kind of change and proves it.

Withdrawals (``Deletion``): a listed row that is deleted (or merged away: the ``MergeRecord``
names the winner), or a reviewable record that leaves the approved set (rejected, or sent back to
review by an edit), gets an entry with the reason and the same marker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connections, models
from django.db.models import Expression, F
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from negotiations.models import (
    Alias,
    Article,
    ChangeCounter,
    Commitment,
    CommitmentStage,
    Deletion,
    Evidence,
    Feed,
    MergeRecord,
    Official,
    Outlet,
    Party,
    Place,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
    TrackParticipant,
)

# Models whose rows the API lists, by the resource name in their URL.
RESOURCES: dict[type[models.Model], str] = {
    Party: "parties",
    Official: "officials",
    Alias: "aliases",
    Outlet: "outlets",
    Article: "articles",
    Track: "tracks",
    StatusChange: "status-changes",
    Statement: "statements",
    Commitment: "commitments",
    Feed: "feeds",
}

# For each model a resource's JSON shows: the resources showing it, each with the lookup from the
# resource's rows to it ("pk": the row itself). Read off the serializers in negotiations/api/.
SHOWN_IN: dict[type[models.Model], list[tuple[type[models.Model], str]]] = {
    Party: [
        (Party, "pk"),
        (Official, "positions__party"),
        (Alias, "party"),
        (Track, "participations__party"),
        (Statement, "speaker_party"),
        (Commitment, "party"),
        (Commitment, "beneficiary"),
    ],
    Official: [(Official, "pk"), (Alias, "official"), (Statement, "speaker")],
    Position: [(Official, "positions"), (Statement, "speaker_position")],
    Place: [(Alias, "place")],
    Outlet: [
        (Outlet, "pk"),
        (Alias, "outlets"),
        (Article, "outlet"),
        (Article, "wire_outlet"),
        (Statement, "reports__article__outlet"),
        (Statement, "reports__article__wire_outlet"),
        (StatusChange, "evidence__article__outlet"),
        (Commitment, "evidence__article__outlet"),
    ],
    Article: [
        (Article, "pk"),
        (Statement, "reports__article"),
        (StatusChange, "evidence__article"),
        (Commitment, "evidence__article"),
    ],
    Track: [
        (Track, "pk"),
        (Track, "parent"),
        (Track, "children"),  # a framework lists its children
        (StatusChange, "track"),
        (Statement, "track_links__track"),
        (Commitment, "track"),
    ],
    TrackParticipant: [(Track, "participations")],
    # A track's current_status is derived from its approved status changes.
    StatusChange: [
        (StatusChange, "pk"),
        (Track, "status_changes"),
        (Track, "children__status_changes"),  # a child's current status, in its framework's JSON
    ],
    Evidence: [(StatusChange, "evidence"), (Commitment, "evidence")],
    Statement: [(Statement, "pk")],
    StatementReport: [(Statement, "reports")],
    StatementTrack: [(Statement, "track_links")],
    Commitment: [(Commitment, "pk")],
    CommitmentStage: [(Commitment, "stages")],
    Alias: [(Alias, "pk")],
    Feed: [(Feed, "pk")],
}


def marker(using: str = "default") -> Expression | int:
    """The change marker of the current transaction on ``using``: a SQL expression on
    PostgreSQL, the bumped counter's value on SQLite (so call it inside the writing transaction)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return RawSQL("pg_current_xact_id()::text::bigint", [])
    counter = ChangeCounter.objects.using(using)
    # Writers are serialised on SQLite: the bump and the read are one writer's, in its transaction.
    if not counter.filter(pk=1).update(value=F("value") + 1):
        counter.create(pk=1, value=2)
    return counter.values_list("value", flat=True).get(pk=1)


def touch(model: type[models.Model], pks: Iterable[Any], *, using: str = "default") -> int:
    """Move the marker of every resource row that shows one of ``model``'s rows ``pks``.

    Returns the number of resource rows updated (a row reached twice counts twice)."""
    pks = list(pks)
    if not pks:
        return 0
    value = marker(using)
    touched = 0
    for resource, lookup in SHOWN_IN.get(model, []):
        rows = resource._default_manager.using(using).filter(**{f"{lookup}__in": pks})
        if lookup != "pk":
            rows = resource._default_manager.using(using).filter(pk__in=rows.values("pk"))
        touched += rows.update(change_seq=value)
    return touched


def _withdraw(
    model: type[models.Model], pk: Any, reason: str, using: str, replaced_by: Any = None
) -> None:
    Deletion.objects.using(using).create(
        resource=RESOURCES[model],
        object_id=pk,
        replaced_by=replaced_by,
        reason=reason,
        change_seq=marker(using),
    )


def _on_save(sender, instance, created, raw, using, **kwargs) -> None:
    if raw:  # fixtures
        return
    touch(sender, [instance.pk], using=using)
    loaded = getattr(instance, "_loaded_review_state", None)
    state = getattr(instance, "review_state", None)
    if sender in RESOURCES and loaded == ReviewState.APPROVED and state != loaded:
        reason = (
            Deletion.Reason.REJECTED
            if state == ReviewState.REJECTED
            else Deletion.Reason.UNAPPROVED
        )
        _withdraw(sender, instance.pk, reason, using)
    if state is not None:
        instance._loaded_review_state = state


def _on_pre_delete(sender, instance, using, **kwargs) -> None:
    touch(sender, [instance.pk], using=using)


def _on_delete(sender, instance, using, **kwargs) -> None:
    # Only what a client could have copied is withdrawn: a row that was never approved was never
    # shown to it (and naming it would leak the review queue). A row approved once and later sent
    # back or rejected was withdrawn at that change.
    state = getattr(instance, "review_state", None)
    if state is not None and state != ReviewState.APPROVED:
        return
    merged_into = (
        MergeRecord.objects.using(using)
        .filter(model=sender._meta.label_lower, old_id=instance.pk)
        .values_list("new_id", flat=True)
        .first()
    )
    reason = Deletion.Reason.MERGED if merged_into is not None else Deletion.Reason.DELETED
    _withdraw(sender, instance.pk, reason, using, replaced_by=merged_into)


def _on_m2m(sender, instance, action, reverse, model, pk_set, using, **kwargs) -> None:
    """A plain many-to-many (an alias's outlets) changed: ``instance``'s side shows it."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:
        touch(type(instance), [instance.pk], using=using)
    elif pk_set:
        touch(model, pk_set, using=using)
    else:  # a reverse clear names no rows: every row linked to ``instance``
        field = next(f for f in model._meta.many_to_many if f.remote_field.through is sender)
        linked = model._default_manager.using(using).filter(**{field.name: instance})
        touch(model, linked.values_list("pk", flat=True), using=using)


def connect() -> None:
    """Connected in ``NegotiationsConfig.ready()``."""
    for model in SHOWN_IN:
        label = model._meta.label_lower
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created:
                m2m_changed.connect(
                    _on_m2m,
                    sender=field.remote_field.through,
                    dispatch_uid=f"changes_m2m_{label}_{field.name}",
                )
        post_save.connect(_on_save, sender=model, dispatch_uid=f"changes_save_{label}")
        pre_delete.connect(_on_pre_delete, sender=model, dispatch_uid=f"changes_touch_{label}")
    for model in RESOURCES:
        label = model._meta.label_lower
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"changes_withdraw_{label}")
