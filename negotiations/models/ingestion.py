"""Ingestion: feeds, jobs, fetched bytes, near-duplicate signatures and the ingestion log."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from negotiations.models.base import Changeable, Reviewable, TimeStampedModel
from negotiations.models.record import Article, Outlet, Track


class Feed(Changeable, TimeStampedModel):
    """An RSS or Atom feed polled on a schedule; conditional-GET state kept between polls."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds"
    )
    active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(
        default=30, validators=[MinValueValidator(1)]
    )
    next_poll_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: poll at the next beat"
    )
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["url"]
        indexes = [
            # The beat task's "due feeds" query.
            models.Index(fields=["next_poll_at"], condition=Q(active=True), name="feed_due"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class IngestionJob(TimeStampedModel):
    """One item of work: a URL to fetch and analyse, a feed entry, a file, or a re-analysis."""

    class Kind(models.TextChoices):
        URL = "url", "Submitted URL"
        FEED_ENTRY = "feed_entry", "Feed entry"
        FILE = "file", "File"
        REPROCESS = "reprocess", "Re-analysis"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHING = "fetching", "Fetching"
        FETCHED = "fetched", "Fetched, waiting for analysis"
        ANALYSING = "analysing", "Analysing"
        DONE = "done", "Done"
        DUPLICATE = "duplicate", "Duplicate of a stored article"
        NOT_ARTICLE = "not_article", "Not an article"
        FAILED = "failed", "Failed"

    FINISHED = (Status.DONE, Status.DUPLICATE, Status.NOT_ARTICLE, Status.FAILED)

    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestion_jobs"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_ref = models.CharField(max_length=500, blank=True, help_text="File name or feed entry")
    attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="After a transient failure: when the fetch is tried again"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    error_kind = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True, help_text="Why it failed, in words an analyst can act on")
    analyser_version = models.CharField(max_length=32, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="What the analysis produced")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Polling a feed twice never queues the same entry twice.
            models.UniqueConstraint(
                fields=["feed", "canonical_url"],
                condition=Q(kind="feed_entry"),
                name="job_feed_entry_unique",
            ),
        ]
        indexes = [
            # Admin list and API polling: jobs by status, newest first.
            models.Index(fields=["status", "-created_at"], name="job_status_created"),
        ]

    def __str__(self) -> str:
        return f"job #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class FetchedDocument(TimeStampedModel):
    """The bytes fetched for a job, stored before analysis so a crash loses nothing."""

    job = models.OneToOneField(IngestionJob, on_delete=models.CASCADE, related_name="document")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    requested_url = models.URLField(max_length=2000)
    final_url = models.URLField(max_length=2000)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    declared_charset = models.CharField(max_length=40, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField()
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.final_url


class IngestionLog(models.Model):
    """A readable line about what happened to a job or a feed; failures carry the reason."""

    class Level(models.TextChoices):
        INFO = "info", "Info"
        WARNING = "warning", "Warning"
        ERROR = "error", "Error"

    created_at = models.DateTimeField(auto_now_add=True)
    level = models.CharField(max_length=8, choices=Level.choices, default=Level.INFO)
    event = models.CharField(max_length=40)
    message = models.TextField()
    job = models.ForeignKey(
        IngestionJob, null=True, blank=True, on_delete=models.CASCADE, related_name="logs"
    )
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.CASCADE, related_name="logs"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Admin log list, newest first, filtered by level.
            models.Index(fields=["level", "-created_at"], name="ingestlog_level_created"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.message[:60]}"


class ArticleSignature(models.Model):
    """MinHash signature of an article's text (near-duplicate detection)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="signature"
    )
    minhash = models.BinaryField(help_text="uint32 hash values")

    def __str__(self) -> str:
        return f"signature of article #{self.article_id}"


class ArticleBand(models.Model):
    """One LSH band of an article's signature; articles sharing a band key are candidates."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(help_text="Band number and band hash folded into 64 bits")

    class Meta:
        constraints = [
            # Also the index of the candidate lookup (WHERE key IN (...)).
            models.UniqueConstraint(fields=["key", "article"], name="article_band_key_unique"),
        ]

    def __str__(self) -> str:
        return f"band {self.key}"


class ArticleTrack(Reviewable, TimeStampedModel):
    """The classifier's assignment of an article to a track, with the phrases that matched."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="track_links")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="article_links")
    score = models.FloatField(default=0)
    matched = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "track"], name="article_track_unique"),
        ]

    def __str__(self) -> str:
        return f"article #{self.article_id} → track #{self.track_id}"


__all__ = [
    "ArticleBand",
    "ArticleSignature",
    "ArticleTrack",
    "Feed",
    "FetchedDocument",
    "IngestionJob",
    "IngestionLog",
]
