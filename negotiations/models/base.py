"""Abstract bases and vocabularies shared by the domain models."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Who the next history row credits, outside a request: django-simple-history's documented
    # way to attach a user to a change (an attribute set before ``save()``).
    _history_user: Any
    _change_reason: Any  # likewise the next history row's change reason

    class Meta:
        abstract = True


class Changeable(models.Model):
    """A row an API resource lists, with the change marker clients sync on (``?changed_since=``).

    The marker moves whenever what the resource's JSON shows changes, related rows included;
    ``negotiations.services.changes`` moves it and explains why a client can never miss a change.
    """

    # Indexed for "changed since N" (every list's sync query). The database default lets bulk
    # loads (COPY, bench/api_latency.py) leave it out; the first change moves it.
    change_seq = models.BigIntegerField(
        default=1,
        db_default=1,
        editable=False,
        db_index=True,
        help_text="Change marker (see changes.py)",
    )

    class Meta:
        abstract = True


class DatePrecision(models.TextChoices):
    """How much of a stored date is known. The date holds the first day of the period."""

    DAY = "day", "Day"
    WEEK = "week", "Week"
    PART_OF_MONTH = "part_of_month", "Part of month (early/mid/late)"
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"


def precision_field() -> models.CharField:
    """How much of the date beside it is known (``DatePrecision``): the whole day unless said."""
    return models.CharField(max_length=16, choices=DatePrecision.choices, default=DatePrecision.DAY)


def amount_field(**options: Any) -> models.DecimalField:
    """A sum of money in units of its currency (2.5 billion is 2500000000), to the cent."""
    return models.DecimalField(max_digits=20, decimal_places=2, **options)


class ReviewState(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Origin(models.TextChoices):
    CURATED = "curated", "Curated by an analyst"
    MACHINE = "machine", "Proposed by the analyser"


def pending_queue_index(name: str) -> models.Index:
    """A reviewable model's review queue: its pending rows, oldest first (a partial index)."""
    return models.Index(fields=["created_at"], condition=Q(review_state="pending"), name=name)


class Reviewable(models.Model):
    """Anything the machine can propose carries its review state and who decided it.

    Curated records are approved; machine output starts pending, with the analyser version that
    produced it so that a re-run can find and replace its own earlier output.
    """

    review_state = models.CharField(
        max_length=16, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.CURATED)
    analyser_version = models.CharField(max_length=32, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    _history_user: Any  # as on TimeStampedModel: the reviewer a decision's history row credits
    _change_reason: Any  # and the reason it gives (``four_eyes.DECISION``)
    _loaded_review_state: str  # set by from_db: the state the row was read in

    # The foreign key to a reviewable parent whose decision decides this row too while it is
    # still pending (a statement's reports); "" for rows decided only on their own. The review
    # service builds its registry of parents and children from these.
    review_parent: ClassVar[str] = ""
    # The parent's decisions that this row follows (a child with side effects on approval
    # follows its parent's rejection only).
    review_follows: ClassVar[frozenset[str]] = frozenset(
        {ReviewState.APPROVED, ReviewState.REJECTED}
    )

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        # The state the row was loaded in: a save that takes an approved record out of the
        # approved set is a withdrawal clients must hear of (negotiations.services.changes).
        instance = super().from_db(db, field_names, values)
        if "review_state" in field_names:
            instance._loaded_review_state = values[field_names.index("review_state")]
        return instance

    @property
    def is_approved(self) -> bool:
        return self.review_state == ReviewState.APPROVED


def machine_made(analyser_version: str) -> dict[str, Any]:
    """The review fields of a row the analyser proposes: machine origin, pending review, and the
    version that made it (a re-run finds its own earlier output by it)."""
    return {
        "origin": Origin.MACHINE,
        "review_state": ReviewState.PENDING,
        "analyser_version": analyser_version,
    }
