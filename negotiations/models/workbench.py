"""Records kept by the analyst's workbench."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone

from negotiations.models.base import Changeable


class MergeRecord(models.Model):
    """Two rows found to be the same were merged: the loser's id now means the winner's.

    REST clients that keep copies read these to repoint their own references; ``snapshot`` keeps
    the loser and any duplicate rows the merge dropped, so nothing is lost.
    """

    model = models.CharField(
        max_length=100, help_text="App label and model, e.g. negotiations.official"
    )
    old_id = models.BigIntegerField()
    new_id = models.BigIntegerField()
    old_natural_key = models.CharField(
        max_length=200, blank=True, help_text="The loser's slug, where it had one"
    )
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "old_id"], name="merge_record_old_unique"),
            models.CheckConstraint(
                condition=~models.Q(old_id=models.F("new_id")), name="merge_record_not_self"
            ),
        ]
        indexes = [
            # Client sync: "merges since T", optionally of one model.
            models.Index(fields=["merged_at"], name="merge_record_merged_at"),
        ]

    def __str__(self) -> str:
        return f"{self.model} #{self.old_id} → #{self.new_id}"


class Deletion(Changeable):
    """A row left what an API resource lists (a withdrawal): clients that keep copies drop it.

    Deleted, merged (``replaced_by`` names the winner), rejected after approval, or sent back to
    review by an edit. Written in the withdrawing transaction by ``negotiations.services.changes``
    (a rolled-back change leaves no entry), with the same change marker the lists carry. Read
    through ``GET /api/v1/withdrawals/?changed_since=`` (``deletions/`` is its documented alias).
    """

    class Reason(models.TextChoices):
        DELETED = "deleted", "Deleted"
        MERGED = "merged", "Merged into another record"
        REJECTED = "rejected", "Rejected after approval"
        UNAPPROVED = "unapproved", "Sent back to review"

    resource = models.CharField(
        max_length=32, help_text="The API resource, as in its URL: statements, status-changes, ..."
    )
    object_id = models.BigIntegerField()
    replaced_by = models.BigIntegerField(
        null=True, blank=True, help_text="The record that absorbed this one in a merge"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices, default=Reason.DELETED)
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deleted_at", "id"]
        indexes = [
            # Client sync: "deletions since T", optionally of one resource.
            models.Index(fields=["deleted_at", "id"], name="deletion_deleted_at"),
            models.Index(fields=["resource", "deleted_at"], name="deletion_resource_at"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} #{self.object_id} deleted"


class ChangeCounter(models.Model):
    """The change marker on SQLite, one row: writers are serialised there, so a counter bumped in
    the writing transaction is already in commit order (PostgreSQL uses transaction ids)."""

    value = models.BigIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.value)


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone the system knows, by name (a callable: migrations keep no copy)."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class AnalystProfile(models.Model):
    """An analyst's own settings for the workbench: the time zone its times are shown in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="analyst_profile"
    )
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="UTC",
        help_text="The workbench shows times in this zone (the outlet's local time beside it)",
    )

    def __str__(self) -> str:
        return f"Profile of user #{self.user_id}"
