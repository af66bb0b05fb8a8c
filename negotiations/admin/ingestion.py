"""Admin for ingestion: feeds, jobs (with their fetched bytes and log) and the ingestion log."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from negotiations.models import Feed, FetchedDocument, IngestionJob, IngestionLog
from negotiations.services import queue
from negotiations.services.ingest import articles_reprocess_enqueue, submit_url, url_validate


class IngestionLogInline(admin.TabularInline):
    model = IngestionLog
    fields = ["created_at", "level", "event", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-created_at"]
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class FeedForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="URL")

    class Meta:
        model = Feed
        fields = ["url", "title", "outlet", "active", "poll_interval_minutes", "next_poll_at"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = [
        "__str__",
        "outlet",
        "active",
        "poll_interval_minutes",
        "last_success_at",
        "consecutive_failures",
        "last_error",
    ]
    list_filter = ["active", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["url", "title"]
    raw_id_fields = ["outlet"]
    readonly_fields = [
        "etag",
        "last_modified",
        "last_polled_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
    ]
    actions = ["poll_now"]
    inlines = [IngestionLogInline]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queryset.update(next_poll_at=timezone.now())
        with queue.background():  # never fetch inside the request
            for feed_id in ids:
                queue.enqueue(queue.POLL_FEED, feed_id)
        self.message_user(request, f"{len(ids)} feeds queued for polling.", messages.SUCCESS)


class SubmitUrlForm(forms.ModelForm):
    # A plain text field: the service's check says which rule refused a URL.
    url = forms.CharField(max_length=2000, label="URL")

    class Meta:
        model = IngestionJob
        fields = ["url"]

    def clean_url(self):
        return url_validate(self.cleaned_data.get("url", ""))


@admin.register(IngestionJob)
class IngestionJobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "url_or_file", "article", "error", "created_at"]
    list_filter = ["status", "kind", "error_kind"]
    list_select_related = ["article", "feed"]
    search_fields = ["url", "source_ref", "error"]
    show_full_result_count = False
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind",
        "status",
        "url",
        "canonical_url",
        "feed",
        "article",
        "submitted_by",
        "source_ref",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "finished_at",
        "error_kind",
        "error",
        "analyser_version",
        "result",
        "document_summary",
    ]
    inlines = [IngestionLogInline]
    actions = ["reanalyse"]

    @admin.display(description="URL or file")
    def url_or_file(self, obj: IngestionJob) -> str:
        return obj.url or obj.source_ref

    @admin.display(description="Fetched document")
    def document_summary(self, obj: IngestionJob) -> str:
        doc = (
            FetchedDocument.objects.filter(job=obj)
            .only("final_url", "status_code", "content_type", "size")
            .first()
        )
        if doc is None:
            return "-"
        return f"HTTP {doc.status_code} {doc.content_type}, {doc.size} bytes from {doc.final_url}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SubmitUrlForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return ["url"] if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        with queue.background():  # never fetch inside the request
            job = submit_url(url=form.cleaned_data["url"], submitted_by=request.user)
        obj.pk = job.pk
        obj._state.adding = False
        obj.status = job.status

    @admin.action(description="Re-analyse the articles of the selected jobs")
    def reanalyse(self, request, queryset):
        ids = [pk for pk in queryset.values_list("article_id", flat=True) if pk]
        with queue.background():  # never analyse inside the request
            articles_reprocess_enqueue(article_ids=ids)
        self.message_user(
            request, f"Re-analysis of {len(set(ids))} articles queued.", messages.SUCCESS
        )


@admin.register(IngestionLog)
class IngestionLogAdmin(admin.ModelAdmin):
    """The pipeline writes the log; an analyst may add a note (e.g. why a feed was paused)."""

    list_display = ["created_at", "level", "event", "message", "job", "feed"]
    list_filter = ["level", "event"]
    list_select_related = ["job", "feed"]
    search_fields = ["message"]
    show_full_result_count = False
    raw_id_fields = ["job", "feed"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["created_at", "level", "event", "message", "job", "feed"]
