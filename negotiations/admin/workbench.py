"""The analyst's workbench: review queue, track page, cross-outlet comparison, merges, and the
deletion log.

The views live under the admin site (``/admin/workbench/...``), behind ``admin_view`` (staff
login, CSRF, no caching). They are thin: they read through ``negotiations.selectors``, present
through ``presenters`` (the HTML and SVG) and write through the review and merge services.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import modelform_factory
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from negotiations.admin import presenters
from negotiations.models import (
    BASE_CURRENCY,
    Deletion,
    MergeRecord,
    Official,
    Party,
    ReviewState,
    Statement,
    Story,
    Track,
)
from negotiations.permissions import can_correct, can_review, require_review
from negotiations.selectors import comparison, queue, tracks
from negotiations.services.merge import official_merge, party_merge, statement_merge
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
    statement = get_object_or_404(Statement.objects.select_related("speaker"), pk=pk)
    return TemplateResponse(
        request,
        "admin/workbench/compare.html",
        _context(
            request,
            "Cross-outlet comparison",
            subject=statement,
            base_label="Canonical wording",
            base=statement.text,
            renderings=comparison.statement_comparison(statement),
        ),
    )


def story_compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    base, renderings = comparison.story_comparison(story)
    return TemplateResponse(
        request,
        "admin/workbench/compare.html",
        _context(
            request,
            "Cross-outlet comparison of a story",
            subject=story,
            base_label="Earliest article (title and lead)",
            base=base,
            renderings=renderings,
            story_view=True,
        ),
    )


# --- Merge --------------------------------------------------------------------------------------

_MERGES = {
    "official": (Official, official_merge),
    "party": (Party, party_merge),
    "statement": (Statement, statement_merge),
}


class MergeForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k.title()) for k in _MERGES])
    keep = forms.IntegerField(min_value=1, help_text="Id of the row that stays")
    lose = forms.IntegerField(min_value=1, help_text="Id of the row merged into it and removed")


def merge_view(request: HttpRequest) -> HttpResponse:
    form = MergeForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        model, merge = _MERGES[form.cleaned_data["kind"]]
        if not request.user.has_perm(f"negotiations.delete_{model._meta.model_name}"):
            raise PermissionDenied("You may not merge these rows.")
        keep = model.objects.filter(pk=form.cleaned_data["keep"]).first()
        lose = model.objects.filter(pk=form.cleaned_data["lose"]).first()
        if keep is None or lose is None:
            form.add_error(None, "No such row.")
        else:
            try:
                merged = merge(keep=keep, lose=lose, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Merged #{lose.pk} into #{merged.pk} ({merged}).")
                return HttpResponseRedirect(reverse("admin:workbench_merge"))
    return TemplateResponse(
        request,
        "admin/workbench/merge.html",
        _context(
            request,
            "Merge duplicates",
            form=form,
            recent=MergeRecord.objects.select_related("merged_by")[:20],
        ),
    )


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "old_natural_key", "merged_by", "merged_at"]
    list_filter = ["model"]
    list_select_related = ["merged_by"]
    readonly_fields = [f.name for f in MergeRecord._meta.fields]

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


def workbench_urls(admin_site: admin.AdminSite) -> list:
    """The workbench's pages, each behind the admin's login and staff check."""
    view = admin_site.admin_view
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
    ]
