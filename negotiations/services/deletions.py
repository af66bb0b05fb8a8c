"""The deletion log REST clients sync from: one ``Deletion`` per deleted row of an API resource.

``updated_since`` tells a client what changed; this tells it what is gone. Connected in
``NegotiationsConfig.ready()``. The entry is written in the deleting transaction (a rolled-back
delete leaves none); a merge's loser names the winner from its ``MergeRecord``, which the merge
services write before they delete. Deletes that bypass the ORM (raw SQL) are not seen.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import post_delete

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    Deletion,
    Feed,
    MergeRecord,
    Official,
    Outlet,
    Party,
    Statement,
    StatusChange,
    Track,
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


def record_deletion(sender, instance, using, **kwargs) -> None:
    merged_into = (
        MergeRecord.objects.using(using)
        .filter(model=sender._meta.label_lower, old_id=instance.pk)
        .values_list("new_id", flat=True)
        .first()
    )
    Deletion.objects.using(using).create(
        resource=RESOURCES[sender], object_id=instance.pk, replaced_by=merged_into
    )


def connect() -> None:
    for model in RESOURCES:
        post_delete.connect(
            record_deletion, sender=model, dispatch_uid=f"deletion_log_{model._meta.label_lower}"
        )
