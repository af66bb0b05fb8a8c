"""The analyst's workbench: review queue, track page, cross-outlet comparison, merges, and the
deletion log.

The views live under the admin site (``/admin/workbench/...``), behind ``admin_view`` (staff
login, CSRF, no caching). They are thin: they read through ``negotiations.selectors``, present
through ``presenters`` (the HTML and SVG) and write through the review and merge services.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import modelform_factory
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from negotiations.admin import presenters
from negotiations.models import (
    BASE_CURRENCY,
    AnalystProfile,
    Deletion,
    MergeRecord,
    ReviewState,
    Statement,
    Story,
    Track,
)
from negotiations.permissions import can_correct, can_review, require_review
from negotiations.selectors import comparison, queue, tracks
from negotiations.selectors import merge as merge_selectors
from negotiations.selectors.analysts import analyst_time_zone
from negotiations.services.merge import merge_undo, official_merge, party_merge, statement_merge
from negotiations.services.review import (
    review_approve,
    review_bulk_approve,
    review_bulk_reject,
    review_bulk_undo,
    review_correct_and_approve,
)

site = admin.site


def _context(request: HttpRequest, title: str, **extra) -> dict:
    return {**site.each_context(request), "title": title, **extra}


def _may_view(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


# --- Review queue -------------------------------------------------------------------------------


def review_queue_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = [
        key
        for key, kind in queue.QUEUE_KINDS.items()
        if can_review(user, kind.model) or _may_view(user, kind.model)
    ]
    if not visible:
        raise PermissionDenied("You may not see the review queue.")
    kinds = [k for k in request.GET.getlist("kind") if k in visible] or visible
    filter_form = QueueFilterForm(request.GET, choices=queue.queue_filter_choices())
    filters = filter_form.filters()
    sections = presenters.review_queue(kinds=kinds, filters=filters, query=request.GET)
    decidable = [k for k in visible if can_review(user, queue.QUEUE_KINDS[k].model)]
    correctable = [k for k in visible if can_correct(user, queue.QUEUE_KINDS[k].model)]
    return TemplateResponse(
        request,
        "admin/workbench/review_queue.html",
        _context(
            request,
            "Review queue",
            sections=sections,
            kinds=[queue.QUEUE_KINDS[k] for k in visible],
            chosen=kinds if len(kinds) < len(visible) else [],
            decidable=decidable,
            correctable=correctable,
            filter_form=filter_form,
            filtered=filters.active(),
        ),
    )


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string; a value not on offer is dropped."""

    track = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    outlet = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    language = forms.ChoiceField(required=False)
    confidence = forms.ChoiceField(
        required=False,
        label="Machine confidence",
        help_text="Of a track assignment: how many of the track's words the statement has.",
    )

    def __init__(self, data, *, choices: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__(data)
        for name, options in [*choices.items(), ("confidence", queue.CONFIDENCE_CHOICES)]:
            self.fields[name].choices = [("", "any"), *options]

    def filters(self) -> queue.QueueFilters:
        self.is_valid()  # cleaned_data keeps the valid values only
        valid = self.cleaned_data
        return queue.QueueFilters(
            track=valid.get("track"),
            outlet=valid.get("outlet"),
            language=valid.get("language") or "",
            confidence=valid.get("confidence") or "",
        )


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:workbench_review")
    return HttpResponseRedirect(target)


@require_POST
def review_decide_view(request: HttpRequest) -> HttpResponse:
    """Approve or reject the checked items, or the one item whose own button was pressed."""
    if request.POST.get("approve_one"):
        action, keys = "approve", [request.POST["approve_one"]]
    elif request.POST.get("reject_one"):
        action, keys = "reject", [request.POST["reject_one"]]
    else:
        action, keys = request.POST.get("action", ""), request.POST.getlist("item")
    if action not in {"approve", "reject"} or not keys:
        messages.warning(request, "Choose items and approve or reject them.")
        return _back(request)
    objs = queue.queue_objects(keys)
    require_review(request.user, [type(o) for o in objs])
    decide = review_bulk_approve if action == "approve" else review_bulk_reject
    decided = decide(objs=objs, user=request.user, note=request.POST.get("note", "").strip())
    if decided:
        state = ReviewState.APPROVED if action == "approve" else ReviewState.REJECTED
        verb = "Approved" if action == "approve" else "Rejected"
        messages.success(request, _decision_message(request, verb, state, decided))
    if len(decided) < len(keys):
        messages.warning(
            request,
            f"{len(keys) - len(decided)} item(s) were left undecided: no longer pending, or"
            " written by you (four eyes: another reviewer approves them).",
        )
    return _back(request)


def _decision_message(request: HttpRequest, verb: str, state: str, decided: list) -> str:
    """What was decided, naming each item, with an Undo button (a small form) in the message."""
    kinds = {kind.model: kind for kind in queue.QUEUE_KINDS.values()}
    items = [
        {
            "key": f"{kinds[type(obj)].key}:{obj.pk}",
            "label": type(obj)._meta.verbose_name,
            "pk": obj.pk,
            "text": str(obj),
        }
        for obj in decided
    ]
    context = {"verb": verb, "state": state, "items": items, "next": _back(request).url}
    return mark_safe(  # noqa: S308  (a template's output: every value in it is escaped)
        render_to_string("admin/workbench/_decision_message.html", context, request=request)
    )


@require_POST
def review_undo_view(request: HttpRequest) -> HttpResponse:
    """Take back the decision a flash message names (only the user's own, while it stands)."""
    state = request.POST.get("state", "")
    objs = queue.queue_objects(request.POST.getlist("item"))
    if state not in {ReviewState.APPROVED, ReviewState.REJECTED} or not objs:
        messages.warning(request, "Nothing to undo.")
        return _back(request)
    require_review(request.user, [type(o) for o in objs])
    reopened = review_bulk_undo(objs=objs, user=request.user, state=state)
    messages.success(request, f"Undone: {len(reopened)} item(s) are pending again.")
    if len(reopened) < len(objs):
        messages.warning(
            request,
            f"{len(objs) - len(reopened)} item(s) were decided again since and were left as "
            "they are.",
        )
    return _back(request)


def review_correct_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Correct the machine's proposal in a form, then approve it in one step."""
    queue_kind = queue.QUEUE_KINDS.get(kind)
    if queue_kind is None:
        raise PermissionDenied("Unknown review kind.")
    require_review(request.user, [queue_kind.model], correct=True)
    obj = get_object_or_404(queue_kind.model, pk=pk)
    form_class = modelform_factory(queue_kind.model, fields=queue_kind.correctable)
    form_class.base_fields["note"] = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Why (optional)"
    )
    if request.method == "POST":
        form = form_class(request.POST, instance=queue_kind.model.objects.get(pk=pk))
        if form.is_valid():
            changes = {
                name: form.cleaned_data[name] for name in form.changed_data if name != "note"
            }
            try:
                if changes:
                    review_correct_and_approve(
                        obj=obj, user=request.user, changes=changes, note=form.cleaned_data["note"]
                    )
                else:
                    review_approve(obj=obj, user=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Corrected and approved: {obj}")
                return HttpResponseRedirect(reverse("admin:workbench_review"))
    else:
        form = form_class(instance=obj)
    evidence = presenters.queue_item(kind, obj.pk)
    return TemplateResponse(
        request,
        "admin/workbench/correct.html",
        _context(request, f"Correct and approve: {obj}", form=form, obj=obj, item=evidence),
    )


# --- Track page and comparisons -----------------------------------------------------------------


def track_view(request: HttpRequest, pk: int) -> HttpResponse:
    track = get_object_or_404(Track, pk=pk)
    currency = request.GET.get("currency", BASE_CURRENCY).upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        currency = BASE_CURRENCY
    page = tracks.track_page(
        track, currency=currency, include_children=request.GET.get("include_children") == "1"
    )
    return TemplateResponse(
        request,
        "admin/workbench/track.html",
        _context(
            request,
            track.name,
            page=page,
            track=track,
            **presenters.track_charts(page),
            tracks=Track.objects.order_by("name").only("id", "name"),
        ),
    )


def track_index_view(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "admin/workbench/track_index.html",
        _context(request, "Tracks", tracks=Track.objects.order_by("name")),
    )


def statement_compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The outlets' wordings of a statement compared with one chosen as the reference."""
    statement = get_object_or_404(
        Statement.objects.select_related("speaker", "speaker_party"), pk=pk
    )
    reference = request.GET.get("reference", "")
    page = comparison.statement_comparison(
        statement, reference_id=int(reference) if reference.isdigit() else None
    )
    return TemplateResponse(
        request,
        "admin/workbench/compare.html",
        _context(request, "Cross-outlet comparison", subject=statement, page=page),
    )


def story_compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    reference, renderings = comparison.story_comparison(story)
    return TemplateResponse(
        request,
        "admin/workbench/compare.html",
        _context(
            request,
            "Cross-outlet comparison of a story",
            subject=story,
            reference=reference,
            renderings=renderings,
            story_view=True,
        ),
    )


# --- Merge --------------------------------------------------------------------------------------

_MERGES = {
    "official": official_merge,
    "party": party_merge,
    "statement": statement_merge,
}


def _merge_form_class(kind: merge_selectors.MergeKind) -> type[forms.Form]:
    """Two rows of one kind, each picked by name through the admin's autocomplete view."""
    source, name = kind.autocomplete_through
    relation = source._meta.get_field(name)

    def pick(label: str, help_text: str) -> forms.ModelChoiceField:
        return forms.ModelChoiceField(
            queryset=kind.model._default_manager.all(),
            label=label,
            help_text=help_text,
            widget=AutocompleteSelect(
                relation, site, attrs={"data-placeholder": "Type a name…", "style": "width: 100%"}
            ),
        )

    class MergeForm(forms.Form):
        keep = pick("Keep", "The row that stays")
        lose = pick("Merge away", "The row merged into it and removed")

        def clean(self) -> dict:
            data = super().clean()
            if data.get("keep") is not None and data.get("keep") == data.get("lose"):
                raise ValidationError("Choose two different rows.")
            return data

    return MergeForm


def _may_merge(user, model) -> bool:
    return user.has_perm(f"negotiations.delete_{model._meta.model_name}")


def merge_view(request: HttpRequest) -> HttpResponse:
    """Pick two rows by name, see both side by side with what would move, then confirm."""
    kind = merge_selectors.MERGE_KINDS.get(
        request.POST.get("kind") or request.GET.get("kind", ""),
        merge_selectors.MERGE_KINDS["official"],
    )
    form_class = _merge_form_class(kind)
    preview = None
    if request.method == "POST":
        if not _may_merge(request.user, kind.model):
            raise PermissionDenied("You may not merge these rows.")
        form = form_class(request.POST)
        if form.is_valid():
            keep, lose = form.cleaned_data["keep"], form.cleaned_data["lose"]
            lost_label = str(lose)
            try:
                merged = _MERGES[kind.key](keep=keep, lose=lose, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                record = MergeRecord.objects.get(model=kind.model._meta.label_lower, old_id=lose.pk)
                messages.success(request, _merge_message(request, record, lost_label, merged))
                return HttpResponseRedirect(f"{reverse('admin:workbench_merge')}?kind={kind.key}")
    elif {"keep", "lose"} <= set(request.GET):
        form = form_class(request.GET)
        if form.is_valid():
            preview = merge_selectors.merge_preview(
                kind=kind, keep=form.cleaned_data["keep"], lose=form.cleaned_data["lose"]
            )
    else:
        form = form_class(initial={k: request.GET[k] for k in ("keep", "lose") if k in request.GET})
    return TemplateResponse(
        request,
        "admin/workbench/merge.html",
        _context(
            request,
            f"Merge duplicate {kind.label.lower()}",
            form=form,
            kind=kind,
            kinds=merge_selectors.MERGE_KINDS.values(),
            preview=preview,
            may_merge=_may_merge(request.user, kind.model),
            recent=merge_selectors.recent_merges(),
        ),
    )


def _merge_message(request: HttpRequest, record: MergeRecord, lost: str, merged) -> str:
    context = {"record": record, "lost": lost, "merged": merged}
    return mark_safe(  # noqa: S308  (a template's output: every value in it is escaped)
        render_to_string("admin/workbench/_merge_message.html", context, request=request)
    )


@require_POST
def merge_undo_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a merge from its merge record: the removed row comes back with what it had."""
    record = get_object_or_404(MergeRecord, pk=pk)
    model = apps.get_model(record.model)
    if not _may_merge(request.user, model):
        raise PermissionDenied("You may not undo this merge.")
    try:
        undone = merge_undo(record=record, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Merge undone: “{undone.restored}” (#{undone.restored.pk}) is back with what it had.",
        )
        for line in undone.kept:
            messages.warning(request, f"Left as it is now: {line}.")
    return HttpResponseRedirect(reverse("admin:workbench_merge"))


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "old_natural_key", "merged_by", "merged_at"]
    list_filter = ["model"]
    list_select_related = ["merged_by"]
    readonly_fields = [f.name for f in MergeRecord._meta.fields]
    change_form_template = "admin/workbench/mergerecord_change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Deletion)
class DeletionAdmin(admin.ModelAdmin):
    """The withdrawals REST clients sync from. Only negotiations.services.changes writes them: an
    entry edited or removed here would make clients keep a row that is gone, or drop one that is
    not."""

    list_display = ["resource", "object_id", "reason", "replaced_by", "deleted_at", "change_seq"]
    list_filter = ["resource", "reason"]
    search_fields = ["=object_id"]
    date_hierarchy = "deleted_at"
    ordering = ["-deleted_at", "-id"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


# --- The analyst's time zone --------------------------------------------------------------------


def in_analyst_zone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a workbench view and render its page in the analyst's time zone (their profile's,
    UTC by default): every time the page shows is in that zone, and says so."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with timezone.override(analyst_time_zone(request.user)):
            response = view(request, *args, **kwargs)
            if isinstance(response, TemplateResponse):
                response.render()
        return response

    return wrapped


class AnalystProfileInline(admin.StackedInline):
    model = AnalystProfile
    can_delete = False
    verbose_name = verbose_name_plural = "Workbench settings"


@admin.register(AnalystProfile)
class AnalystProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]


# Each user's workbench settings on the user's own page too (Django's documented way to extend
# the User admin with a profile).
_User = get_user_model()
if admin.site.is_registered(_User):
    admin.site.unregister(_User)


@admin.register(_User)
class AnalystUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, AnalystProfileInline]


def workbench_urls(admin_site: admin.AdminSite) -> list:
    """The workbench's pages, each behind the admin's login and staff check, in the analyst's
    time zone."""

    def view(function: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return admin_site.admin_view(in_analyst_zone(function))

    return [
        path("workbench/review/", view(review_queue_view), name="workbench_review"),
        path("workbench/review/decide/", view(review_decide_view), name="workbench_decide"),
        path("workbench/review/undo/", view(review_undo_view), name="workbench_undo"),
        path(
            "workbench/review/<str:kind>/<int:pk>/correct/",
            view(review_correct_view),
            name="workbench_correct",
        ),
        path("workbench/tracks/", view(track_index_view), name="workbench_tracks"),
        path("workbench/tracks/<int:pk>/", view(track_view), name="workbench_track"),
        path(
            "workbench/statements/<int:pk>/compare/",
            view(statement_compare_view),
            name="workbench_statement_compare",
        ),
        path(
            "workbench/stories/<int:pk>/compare/",
            view(story_compare_view),
            name="workbench_story_compare",
        ),
        path("workbench/merge/", view(merge_view), name="workbench_merge"),
        path("workbench/merge/<int:pk>/undo/", view(merge_undo_view), name="workbench_merge_undo"),
    ]
