"""Admin for the curated record: what an analyst needs to read, find and correct every row.

Changelists make a fixed number of queries whatever their length: related rows shown in a column
come from ``list_select_related``, counts from subquery annotations and narrow prefetches
(``negotiations.selectors``).
Machine bookkeeping (origin, analyser version, who reviewed and when, fingerprints) is read-only.
Review decisions (approve/reject) go through the review service: the workbench's queue, or the
actions its mixin (``audit.CuratedAdminMixin``: history, export/import) adds here, and so does a
reviewer's change of ``review_state`` on a form or an inline. Statements, status changes,
commitments and their child rows (their own pages, inlines, imports) are saved by the record's
services (``admin.writes``), under the same rules as the API's writes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from negotiations.admin.audit import CuratedAdminMixin, ExportAdminMixin
from negotiations.admin.review_actions import (
    ReviewStateReadonlyMixin,
    reject_selected,
    review_readonly,
)
from negotiations.admin.writes import RecordWritesAdminMixin
from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    Official,
    OfficialProposal,
    Outlet,
    OutletDomain,
    Party,
    PartyMembership,
    Place,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Story,
    Track,
    TrackParticipant,
    TrackProposal,
)
from negotiations.permissions import can_review
from negotiations.selectors.coverage import independent_outlets_count, statement_list_with_coverage
from negotiations.selectors.tracks import track_list_with_current_status
from negotiations.services.proposals import (
    official_proposal_approve,
    official_proposal_link,
    track_proposal_approve,
    track_proposal_link,
)
from negotiations.text.normalize import normalize_name

# Fields a machine or the review workbench fills in; analysts see them but do not type them.
REVIEW_READONLY = ("origin", "analyser_version", "reviewed_by", "reviewed_at")
REVIEW_FIELDSET = (
    "Review",
    {"fields": ("review_state", "review_note", *REVIEW_READONLY)},
)
TIMESTAMPS = ("created_at", "updated_at")
# A correction as the log shows it (its commitment's inline, its own page): machine output and
# its source, never typed in (an analyst's new amount on the commitment logs one by itself).
CORRECTION_AMOUNTS = ("old_amount", "old_currency", "old_amount_low", "new_amount", "new_currency")
CORRECTION_FIELDS = ("stage", *CORRECTION_AMOUNTS, "reported_on", "article", "excerpt")


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Inlines ------------------------------------------------------------------------------------


class UniquePerParentFormSet(BaseInlineFormSet):
    """Refuses two rows with the same key under one parent, as a form error.

    Django's formsets check only unconditional unique constraints, and an inline form skips every
    constraint naming its parent; the conditional ones (an alias per target, evidence per article)
    would otherwise end in an IntegrityError. The inline shows all of the parent's rows, so a
    check within the formset is a check against the database.
    """

    message = "Two rows here are the same."

    def row_key(self, cleaned_data: dict) -> object | None:
        raise NotImplementedError

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            key = self.row_key(data)
            if key is None:
                continue
            if key in seen:
                raise ValidationError(self.message)
            seen.add(key)


class AliasFormSet(UniquePerParentFormSet):
    message = "The same name variant is entered twice (case, accents and spacing do not count)."

    def row_key(self, cleaned_data: dict) -> object | None:
        return normalize_name(cleaned_data.get("name") or "") or None


class EvidenceFormSet(UniquePerParentFormSet):
    message = "The same article is cited twice: put both excerpts in one row or pick another."

    def row_key(self, cleaned_data: dict) -> object | None:
        article = cleaned_data.get("article")
        return article.pk if article else None


class MembershipFormSet(BaseInlineFormSet):
    """Refuses making a party a member of itself (its check constraint names the inline's parent,
    which inline forms do not validate)."""

    def clean(self) -> None:
        super().clean()
        other_side = "member" if self.fk.name == "group" else "group"
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if data and not data.get("DELETE") and data.get(other_side) == self.instance:
                raise ValidationError("A party cannot be a member of itself.")


class AliasInline(admin.TabularInline):
    model = Alias
    formset = AliasFormSet
    extra = 0
    fields = ("name", "kind", "language", "script", "outlets", "valid_from", "valid_to")
    autocomplete_fields = ("outlets",)


class PartyAliasInline(AliasInline):
    fk_name = "party"


class OfficialAliasInline(AliasInline):
    fk_name = "official"


class PlaceAliasInline(AliasInline):
    fk_name = "place"


class _MembershipInline(admin.TabularInline):
    """A party's memberships, seen from one side (``fk_name``): the party on the ``other`` side
    is picked by name, the rows in its name's order."""

    model = PartyMembership
    formset = MembershipFormSet
    extra = 0
    other: str

    def get_fields(self, request, obj=None):
        return (self.other, "joined_on", "joined_precision", "left_on", "note")

    def get_ordering(self, request):
        return (f"{self.other}__name",)

    def get_autocomplete_fields(self, request):
        return (self.other,)


class MemberInline(_MembershipInline):
    """The members of a coalition, bloc or organisation."""

    fk_name, other = "group", "member"
    verbose_name = "member"
    verbose_name_plural = "members"


class MemberOfInline(_MembershipInline):
    """The groups a party belongs to."""

    fk_name, other = "member", "group"
    verbose_name = "membership of a group"
    verbose_name_plural = "member of"


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ("party", "title", "start_date", "start_precision", "end_date", "end_precision")
    autocomplete_fields = ("party",)


class OutletDomainInline(admin.TabularInline):
    model = OutletDomain
    extra = 0


class TrackParticipantInline(admin.TabularInline):
    model = TrackParticipant
    extra = 0
    fields = ("party", "role", "joined_on", "note")
    ordering = ("role", "party__name")
    autocomplete_fields = ("party",)


class StatusChangeInline(ReviewStateReadonlyMixin, admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ("status", "effective_date", "date_precision", "date_phrase", "review_state")
    ordering = ("effective_date", "id")
    show_change_link = True  # evidence is edited on the status change's own page


class CommitmentInline(ReviewStateReadonlyMixin, admin.TabularInline):
    model = Commitment
    fk_name = "track"
    extra = 0
    fields = ("party", "beneficiary", "category", "direction", "description", "review_state")
    autocomplete_fields = ("party", "beneficiary")
    show_change_link = True  # stages and evidence are edited on the commitment's own page


class StatementReportInline(ReviewStateReadonlyMixin, admin.StackedInline):
    model = StatementReport
    extra = 0
    fields = (("article", "kind", "review_state"), "wording", ("char_start", "char_end"))
    ordering = ("article__published_at", "id")
    autocomplete_fields = ("article",)


class StatementTrackInline(ReviewStateReadonlyMixin, admin.TabularInline):
    model = StatementTrack
    extra = 0
    fields = ("track", "review_state", "origin")
    readonly_fields = ("origin",)
    autocomplete_fields = ("track",)
    verbose_name = "track"
    verbose_name_plural = "tracks"


class EvidenceInline(admin.StackedInline):
    model = Evidence
    formset = EvidenceFormSet
    extra = 0
    fields = ("article", "excerpt", ("char_start", "char_end"))
    autocomplete_fields = ("article",)


class StatusChangeEvidenceInline(EvidenceInline):
    fk_name = "status_change"


class CommitmentEvidenceInline(EvidenceInline):
    fk_name = "commitment"


class CommitmentStageInline(ReviewStateReadonlyMixin, admin.TabularInline):
    model = CommitmentStage
    extra = 0
    fields = ("stage", "effective_date", "date_precision", "review_state", "origin")
    readonly_fields = ("origin",)


class CommitmentCorrectionInline(admin.TabularInline):
    """The corrections log: machine output and its source, read-only here (an analyst's new
    amount on the commitment logs one by itself)."""

    model = CommitmentCorrection
    extra = 0
    can_delete = False
    fields = (*CORRECTION_FIELDS, "note", "review_state")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


# --- Parties and people -------------------------------------------------------------------------


@admin.register(Party)
class PartyAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "iso_code", "wikidata_id")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "iso_code", "slug", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS
    inlines = (PartyAliasInline, MemberInline, MemberOfInline)


@admin.register(PartyMembership)
class PartyMembershipAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("group", "member", "joined_on", "joined_precision", "left_on")
    list_filter = ("group__kind", "joined_on", "left_on")
    list_select_related = ("group", "member")
    ordering = ("group__name", "member__name")
    search_fields = ("group__name", "member__name")
    autocomplete_fields = ("group", "member")
    date_hierarchy = "joined_on"
    readonly_fields = TIMESTAMPS


@admin.register(Official)
class OfficialAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "native_name", "slug", "wikidata_id")
    list_filter = (("positions__party", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("full_name", "native_name", "slug", "aliases__name")
    prepopulated_fields = {"slug": ("full_name",)}
    readonly_fields = TIMESTAMPS
    inlines = (PositionInline, OfficialAliasInline)


@admin.register(Position)
class PositionAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "official", "party", "start_date", "end_date")
    list_filter = ("party", "start_date", "end_date")
    list_select_related = ("official", "party")
    ordering = ("official__full_name", "-start_date")
    search_fields = ("title", "official__full_name", "party__name")
    autocomplete_fields = ("official", "party")
    date_hierarchy = "start_date"
    readonly_fields = TIMESTAMPS


@admin.register(Place)
class PlaceAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "party")
    list_filter = ("kind",)
    list_select_related = ("party",)
    search_fields = ("name", "slug", "aliases__name")
    autocomplete_fields = ("party",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS
    inlines = (PlaceAliasInline,)


class AliasTargetFilter(admin.SimpleListFilter):
    title = "names a"
    parameter_name = "target"

    def lookups(self, request, model_admin):
        return (("party", "Party"), ("official", "Official"), ("place", "Place"))

    def queryset(self, request, queryset):
        if self.value() in {"party", "official", "place"}:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(Alias)
class AliasAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "target", "kind", "language", "script", "review_state", "origin")
    list_filter = (AliasTargetFilter, "review_state", "origin", "kind", "language", "script")
    list_select_related = ("party", "official", "place")
    search_fields = ("name", "normalized", "party__name", "official__full_name", "place__name")
    autocomplete_fields = ("party", "official", "place", "outlets")
    readonly_fields = ("normalized", *REVIEW_READONLY, *TIMESTAMPS)
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("name", "normalized", "kind", "language", "script")}),
        ("Names exactly one of", {"fields": ("party", "official", "place")}),
        ("Usage", {"fields": ("outlets", "valid_from", "valid_to")}),
        REVIEW_FIELDSET,
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )

    @admin.display(description="names")
    def target(self, obj: Alias) -> str:
        return str(obj.target)


def _approve_as_new(service, noun: str):
    """The list action approving pending proposals as new rows, one by one through ``service``
    (which creates the official or the track)."""

    @admin.action(description=f"Approve as new {noun} (pending only)", permissions=["review"])
    def approve(modeladmin, request, queryset) -> None:
        approved = 0
        for proposal in queryset.filter(review_state=ReviewState.PENDING).order_by("pk"):
            try:
                service(proposal=proposal, user=request.user)
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{proposal.name}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                approved += 1
        modeladmin.message_user(request, f"Approved {approved} new {noun}(s).", messages.SUCCESS)

    approve.__name__ = approve.__qualname__ = f"approve_as_new_{noun}"  # the action's key
    return approve


approve_as_new_official = _approve_as_new(official_proposal_approve, "official")
approve_as_new_track = _approve_as_new(track_proposal_approve, "track")


class ProposalAdminMixin:
    """What the pages of the machine's proposals (a new official, a new track) share: newest
    first with their article count, the machine's evidence read-only, and the decision: choose
    the existing row in ``decision_field`` and save, and ``link`` (the proposal service) files
    the proposal under it. Approving as a new row is the list's action."""

    decision_field: str  # "official" or "track"
    evidence_fields: tuple[str, ...]  # the machine's evidence, never typed in
    link: Callable[..., object]  # the proposal service that links it to a chosen row

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Grouped queries ignore Meta.ordering; autocomplete and list pages need an order.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles", distinct=True))
            .order_by("-created_at", "-pk")
        )

    def get_readonly_fields(self, request, obj=None):
        # The review state changes only through the services (an approval creates the row).
        fields = ("normalized", *self.evidence_fields, "review_state")
        fields = review_readonly(request, self.model, (*fields, *REVIEW_READONLY, *TIMESTAMPS))
        if not self.has_review_permission(request) or (obj is not None and obj.is_approved):
            fields += (self.decision_field,)
        return fields

    def has_review_permission(self, request) -> bool:
        return can_review(getattr(request, "user", None), self.model)

    def save_model(self, request, obj, form, change) -> None:
        field = self.decision_field
        chosen = form.cleaned_data.get(field) if field in form.changed_data else None
        if chosen is not None:
            setattr(obj, f"{field}_id", form.initial.get(field))  # set by the link, not the form
        super().save_model(request, obj, form, change)
        if chosen is None:
            return
        try:
            self.link(proposal=obj, user=request.user, **{field: chosen})
        except ValidationError as error:
            self.message_user(request, f"Not linked: {' '.join(error.messages)}", messages.ERROR)
        else:
            self.message_user(request, f"Linked “{obj}” to {chosen}.", messages.SUCCESS)

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj) -> int:
        return obj.article_count

    @admin.display(description="articles")
    def articles_list(self, obj):
        return _article_links(obj.articles.all())


@admin.register(OfficialProposal)
class OfficialProposalAdmin(ProposalAdminMixin, admin.ModelAdmin):
    """People the news quotes who are not in the knowledge base. Approving one as a new official
    (an action) or linking it to an existing official (choose the official and save) goes
    through the proposal services, which attribute the person's statements."""

    decision_field = "official"
    evidence_fields = ("articles", "statements", "articles_list", "statements_list")
    link = staticmethod(official_proposal_link)

    list_display = ("name", "role", "party", "article_count", "review_state", "created_at")
    list_filter = ("review_state", "party")
    list_select_related = ("party",)
    search_fields = ("name", "normalized")
    autocomplete_fields = ("party", "official")
    actions = (approve_as_new_official, reject_selected)
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("name", "normalized", "role", "party")}),
        ("Seen in the news", {"fields": ("statements_list", "articles_list")}),
        (
            "Decision",
            {
                "fields": ("official",),
                "description": "The same person as an official already on record under "
                "another spelling? Choose that official and save: the name becomes their alias "
                "and the statements theirs. A new person: use the list's action “Approve as "
                "new official”.",
            },
        ),
        REVIEW_FIELDSET,
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )

    @admin.display(description="statements (as written)")
    def statements_list(self, obj: OfficialProposal):
        rows = obj.statements.select_related("speaker", "speaker_party").order_by("said_on", "id")
        return format_html_join(
            "",
            '<p><a href="{}">{}</a> <small>({})</small></p>',
            (
                (
                    reverse("admin:negotiations_statement_change", args=[s.pk]),
                    _shorten(s.text, 300),
                    s.speaker_label() or "—",
                )
                for s in rows
            ),
        ) or format_html("{}", "—")


def _article_links(articles: QuerySet[Article]):
    """A proposal's articles, each linked to its page, with outlet and date (one query)."""
    rows = articles.select_related("outlet").order_by("published_at", "id")
    return format_html_join(
        "",
        '<p><a href="{}">{}</a> <small>{} {}</small></p>',
        (
            (
                reverse("admin:negotiations_article_change", args=[a.pk]),
                str(a),
                a.outlet or "",
                f"{a.published_at:%Y-%m-%d}" if a.published_at else "",
            )
            for a in rows
        ),
    ) or format_html("{}", "—")


@admin.register(TrackProposal)
class TrackProposalAdmin(ProposalAdminMixin, admin.ModelAdmin):
    """Agreements and formats the news describes that are not on record. Approving one as a new
    track (an action) or linking it to an existing track (choose the track and save) goes
    through the proposal services."""

    decision_field = "track"
    evidence_fields = ("articles", "articles_list", "evidence")
    link = staticmethod(track_proposal_link)

    list_display = (
        "name",
        "kind",
        "parent",
        "partner",
        "article_count",
        "review_state",
        "created_at",
    )
    list_filter = ("review_state", "kind", "parent", "partner")
    list_select_related = ("parent", "partner")
    search_fields = ("name", "normalized", "evidence")
    autocomplete_fields = ("parent", "partner", "track")
    actions = (approve_as_new_track, reject_selected)
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("name", "normalized", "kind", "parent", "partner")}),
        ("Seen in the news", {"fields": ("evidence", "articles_list")}),
        (
            "Decision",
            {
                "fields": ("track",),
                "description": "The same agreement or format as a track already on record under "
                "another name? Choose that track and save. A new one: use the list's action "
                "“Approve as new track”.",
            },
        ),
        REVIEW_FIELDSET,
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )


# --- Outlets and articles -----------------------------------------------------------------------


@admin.register(Outlet)
class OutletAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "country_code",
        "language",
        "state_affiliated",
        "first_followed_on",
        "review_state",
    )
    list_filter = ("review_state", "kind", "state_affiliated", "country_code", "language")
    search_fields = ("name", "slug", "domains__domain")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS
    inlines = (OutletDomainInline,)


@admin.register(OutletDomain)
class OutletDomainAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("domain", "outlet")
    list_filter = ("outlet__state_affiliated",)
    list_select_related = ("outlet",)
    search_fields = ("domain", "outlet__name")
    autocomplete_fields = ("outlet",)


@admin.register(Story)
class StoryAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "first_published_at", "article_count")
    list_filter = ("first_published_at", ("articles__outlet", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title",)
    date_hierarchy = "first_published_at"
    readonly_fields = TIMESTAMPS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        # Grouped queries ignore Meta.ordering; autocomplete pages need an explicit order.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles"))
            .order_by("-first_published_at", "-pk")
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj: Story) -> int:
        return obj.article_count


@admin.register(Article)
class ArticleAdmin(ExportAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "outlet",
        "wire_outlet",
        "published_at",
        "language",
        "source_kind",
        "story",
    )
    list_filter = (
        "source_kind",
        "outlet__state_affiliated",
        "language",
        "published_at",
        "outlet",
    )
    list_select_related = ("outlet", "wire_outlet", "story")
    search_fields = ("title", "canonical_url", "url", "byline", "=fingerprint", "outlet__name")
    autocomplete_fields = ("outlet", "wire_outlet", "story")
    date_hierarchy = "published_at"
    show_full_result_count = False
    readonly_fields = ("fingerprint", *TIMESTAMPS)
    # A pasted address without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("title", "byline", "outlet", "wire_outlet", "story")}),
        ("Publication", {"fields": ("published_at", "published_precision", "language")}),
        ("Where it came from", {"fields": ("url", "canonical_url", "source_kind", "source_ref")}),
        ("Text", {"fields": ("text", "fingerprint")}),
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )


# --- Tracks -------------------------------------------------------------------------------------


class CurrentStatusFilter(admin.SimpleListFilter):
    """Filter on the derived current status (the latest approved status change)."""

    title = "current status"
    parameter_name = "current_status"

    def lookups(self, request, model_admin):
        return (("none", "No approved status"), *StatusChange.Status.choices)

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(current_status__isnull=True)
        if self.value() in StatusChange.Status.values:
            return queryset.filter(current_status=self.value())
        return queryset


@admin.register(Track)
class TrackAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "current_status", "current_status_date")
    list_filter = ("kind", CurrentStatusFilter, "parent")
    list_select_related = ("parent",)
    search_fields = ("name", "slug", "keywords")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS
    inlines = (TrackParticipantInline, StatusChangeInline, CommitmentInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Track]:
        queryset = track_list_with_current_status()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    @admin.display(description="current status", ordering="current_status")
    def current_status(self, obj: Track) -> str | None:
        if obj.current_status is None:
            return None
        return StatusChange.Status(obj.current_status).label

    @admin.display(description="since", ordering="current_status_date")
    def current_status_date(self, obj: Track):
        return obj.current_status_date


@admin.register(TrackParticipant)
class TrackParticipantAdmin(CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("track", "party", "role", "joined_on")
    list_filter = ("role", "track", "party")
    list_select_related = ("track", "party")
    ordering = ("track__name", "role", "party__name")
    search_fields = ("track__name", "party__name")
    autocomplete_fields = ("track", "party")
    readonly_fields = TIMESTAMPS


@admin.register(StatusChange)
class StatusChangeAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = (
        "track",
        "status",
        "effective_date",
        "date_precision",
        "date_phrase",
        "review_state",
        "origin",
    )
    list_filter = ("review_state", "status", "origin", "date_precision", "effective_date", "track")
    list_select_related = ("track",)
    ordering = ("track__name", "effective_date", "id")
    search_fields = ("track__name", "summary", "date_phrase")
    autocomplete_fields = ("track",)
    date_hierarchy = "effective_date"
    readonly_fields = (*REVIEW_READONLY, *TIMESTAMPS)
    fieldsets = (
        (None, {"fields": ("track", "status", "summary")}),
        ("When", {"fields": ("effective_date", "date_precision", "date_phrase")}),
        REVIEW_FIELDSET,
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )
    inlines = (StatusChangeEvidenceInline,)


# --- Statements ---------------------------------------------------------------------------------


@admin.register(Statement)
class StatementAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "speaker_display",
        "speaker_party",
        "said_on",
        "channel",
        "kind",
        "report_count",
        "outlet_count",
        "review_state",
    )
    list_filter = (
        "review_state",
        "origin",
        "channel",
        "kind",
        "said_on",
        "tracks",
        "speaker_party",
        ("reports__article__outlet", admin.RelatedOnlyFieldListFilter),
        "reports__article__outlet__state_affiliated",
    )
    list_select_related = ("speaker", "speaker_party")
    search_fields = ("text", "speaker__full_name", "speaker_description", "channel_detail")
    autocomplete_fields = ("speaker", "speaker_party", "speaker_position")
    date_hierarchy = "said_on"
    show_full_result_count = False
    readonly_fields = (*REVIEW_READONLY, *TIMESTAMPS)
    fieldsets = (
        (None, {"fields": ("text", "kind")}),
        (
            "Speaker",
            {"fields": ("speaker", "speaker_party", "speaker_position", "speaker_description")},
        ),
        ("When", {"fields": ("said_on", "said_precision", "said_phrase")}),
        ("Channel", {"fields": ("channel", "channel_detail")}),
        REVIEW_FIELDSET,
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )
    inlines = (StatementTrackInline, StatementReportInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        queryset = statement_list_with_coverage(include_unreviewed=True)
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    @admin.display(description="speaker", ordering="speaker__full_name")
    def speaker_display(self, obj: Statement) -> str:
        return obj.speaker_label()

    @admin.display(description="reports", ordering="report_count")
    def report_count(self, obj: Statement) -> int:
        return obj.report_count

    # Counted by the coverage selector's one rule, on the page's rows (not a column to sort by).
    @admin.display(description="independent outlets")
    def outlet_count(self, obj: Statement) -> int:
        return independent_outlets_count(obj)


@admin.register(StatementTrack)
class StatementTrackAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("statement", "track", "review_state", "origin")
    list_filter = ("review_state", "origin", "track")
    list_select_related = ("statement", "track")
    search_fields = ("statement__text", "track__name")
    autocomplete_fields = ("statement", "track")
    # Why the machine assigned the track (its matched words and their count): its evidence, shown.
    readonly_fields = ("matched", "score", *REVIEW_READONLY, *TIMESTAMPS)
    show_full_result_count = False


@admin.register(StatementReport)
class StatementReportAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("wording_short", "statement", "article", "outlet", "kind", "review_state")
    list_filter = (
        "review_state",
        "origin",
        "kind",
        "article__outlet__state_affiliated",
        "article__outlet",
        "statement__tracks",
    )
    list_select_related = ("statement", "article", "article__outlet")
    ordering = ("article__published_at", "id")
    search_fields = ("wording", "statement__text", "article__title", "article__outlet__name")
    autocomplete_fields = ("statement", "article")
    date_hierarchy = "article__published_at"
    show_full_result_count = False
    readonly_fields = (*REVIEW_READONLY, *TIMESTAMPS)

    @admin.display(description="wording")
    def wording_short(self, obj: StatementReport) -> str:
        return _shorten(obj.wording)

    @admin.display(description="outlet", ordering="article__outlet__name")
    def outlet(self, obj: StatementReport):
        return obj.article.outlet


# --- Commitments and evidence -------------------------------------------------------------------


@admin.register(Commitment)
class CommitmentAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("category", "track", "party", "beneficiary", "direction", "review_state")
    list_filter = ("review_state", "origin", "category", "direction", "track", "party")
    list_select_related = ("track", "party", "beneficiary")
    ordering = ("track__name", "category")
    search_fields = ("description", "party__name", "beneficiary__name", "track__name")
    autocomplete_fields = ("track", "party", "beneficiary")
    readonly_fields = (*REVIEW_READONLY, *TIMESTAMPS)
    fieldsets = (
        (None, {"fields": ("track", "party", "beneficiary", "category", "direction")}),
        (None, {"fields": ("description",)}),
        (
            "Amount and period",
            {
                "fields": (
                    ("amount", "currency", "amount_up_to"),
                    "amount_low",
                    ("per_year", "period_start_year", "period_end_year"),
                    "period_phrase",
                )
            },
        ),
        REVIEW_FIELDSET,
        ("Timestamps", {"fields": TIMESTAMPS, "classes": ("collapse",)}),
    )
    inlines = (CommitmentStageInline, CommitmentEvidenceInline, CommitmentCorrectionInline)


@admin.register(CommitmentStage)
class CommitmentStageAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("stage", "commitment", "track", "party", "effective_date", "date_precision")
    list_filter = ("stage", "effective_date", "commitment__category")
    list_select_related = ("commitment", "commitment__track", "commitment__party")
    ordering = ("commitment__track__name", "commitment__category", "effective_date")
    search_fields = ("commitment__description", "commitment__party__name")
    autocomplete_fields = ("commitment",)
    date_hierarchy = "effective_date"
    readonly_fields = TIMESTAMPS

    @admin.display(description="track", ordering="commitment__track__name")
    def track(self, obj: CommitmentStage):
        return obj.commitment.track

    @admin.display(description="party", ordering="commitment__party__name")
    def party(self, obj: CommitmentStage):
        return obj.commitment.party


@admin.register(CommitmentCorrection)
class CommitmentCorrectionAdmin(CuratedAdminMixin, admin.ModelAdmin):
    """The corrections log: a reviewer applies one (``services.record``) from its commitment."""

    list_display = ("commitment", "old_amount", "new_amount", "new_currency", "reported_on")
    list_filter = ("review_state", "origin", "stage")
    list_select_related = ("commitment", "commitment__track")
    search_fields = ("commitment__description", "excerpt", "note")
    autocomplete_fields = ("commitment", "article")
    readonly_fields = (
        "commitment",
        *CORRECTION_FIELDS,
        "char_start",
        "char_end",
        *REVIEW_READONLY,
        *TIMESTAMPS,
    )
    show_full_result_count = False


@admin.register(Evidence)
class EvidenceAdmin(RecordWritesAdminMixin, CuratedAdminMixin, admin.ModelAdmin):
    list_display = ("excerpt_short", "supports", "article", "outlet")
    list_filter = (
        "article__outlet__state_affiliated",
        "article__outlet",
        "status_change__track",
        "commitment__track",
    )
    list_select_related = (
        "article",
        "article__outlet",
        "status_change__track",
        "commitment__track",
    )
    search_fields = ("excerpt", "article__title", "article__outlet__name")
    autocomplete_fields = ("article", "status_change", "commitment")
    show_full_result_count = False
    readonly_fields = TIMESTAMPS

    @admin.display(description="excerpt")
    def excerpt_short(self, obj: Evidence) -> str:
        return _shorten(obj.excerpt)

    @admin.display(description="supports")
    def supports(self, obj: Evidence) -> str:
        if obj.status_change is not None:
            return f"{obj.status_change.track}: {obj.status_change}"
        return f"{obj.commitment.track}: {obj.commitment}"

    @admin.display(description="outlet", ordering="article__outlet__name")
    def outlet(self, obj: Evidence):
        return obj.article.outlet
