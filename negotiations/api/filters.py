"""FilterSets for every list, and an ordering filter that refuses unknown fields.

Conventions shared by all lists: ids for related records (``track=3``), ``date_from`` /
``date_to`` on the resource's main date, ``updated_since`` (ISO 8601 date-time) for clients that
keep a copy, and ``review_state`` on reviewable records (approved unless a reviewer asks).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django_filters.filters import QuerySetRequestMixin
from django_filters.filterset import BaseFilterSet as LibraryBaseFilterSet
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as RestFrameworkFilterSet
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentStage,
    Deletion,
    Evidence,
    Official,
    Outlet,
    Party,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatusChange,
    Track,
    TrackParticipant,
)
from negotiations.permissions import can_review
from negotiations.selectors import changes
from negotiations.selectors.records import statements_of_track
from negotiations.selectors.search import (
    ARTICLE_SEARCH_FIELDS,
    STATEMENT_SEARCH_FIELDS,
    search_filter,
)
from negotiations.services.changes import RESOURCES

DELETION_RESOURCES = sorted(RESOURCES.values())

MAX_ID = 2**63 - 1
REVIEW_STATE_CHOICES = [*ReviewState.choices, ("all", "All review states")]


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id of a related record: a whole number in the database's id range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.TypedChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.pop("empty_value", None)
        super().__init__(
            *args,
            choices=[(v, v) for v in ("true", "false", "True", "False", "1", "0")],
            coerce=lambda value: value in {"true", "True", "1"},
            empty_value=None,
            **kwargs,
        )
        self.error_messages["invalid_choice"] = "Enter true or false, not %(value)s."


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(django_filters.BooleanFilter):
    """true/false (or 1/0); anything else is a 400 rather than silently ignored."""

    field_class = StrictBooleanField


class SearchTextField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("strip", True)
        super().__init__(*args, **kwargs)


class TextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """ISO 8601 date-time, converted to UTC (the database refuses offsets beyond ±16 h)."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None or parsed.tzinfo is None:
            return parsed
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError("Date-time out of range.", code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


def has_request_dependent_filters(filterset_class) -> bool:
    """Whether a filter's field depends on the request: ``ModelChoiceFilter(queryset=callable)``."""
    return any(
        isinstance(filter_, QuerySetRequestMixin) and callable(filter_.queryset)
        for filter_ in filterset_class.base_filters.values()
    )


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only rows whose own columns changed at or after this ISO 8601 date-time",
    )


class ChangedSinceFilter(django_filters.NumberFilter):
    """``?changed_since=<seq>``: the sync contract's filter (``negotiations.selectors.changes``).
    The list is then ordered by ``seq`` (the only ordering allowed with it)."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Only rows whose change marker (seq) is above this one, in seq order: pass the "
            "highest seq you hold (0 for a first copy) and follow the next links to the end.",
        )
        super().__init__(min_value=0, max_value=2**63 - 1, **kwargs)
        # An integer (django-filter's NumberFilter reads as a number), with this help text.
        schema = {"type": "integer", "format": "int64", "minimum": 0}
        extend_schema_field({**schema, "description": kwargs["help_text"]})(self)

    def filter(self, qs, value):
        return qs if value is None else changes.changed_since(qs, value)


class BaseFilterSet(UpdatedSinceFilterSet):
    """Filters every list of a resource shares."""

    changed_since = ChangedSinceFilter()


class ReviewableFilterSet(BaseFilterSet):
    # Applied by the view (it decides who may see what); declared here to validate and document.
    review_state = django_filters.ChoiceFilter(
        choices=REVIEW_STATE_CHOICES,
        method="filter_noop",
        help_text="approved (default) for everyone; pending, rejected or all for reviewers only",
    )

    def filter_noop(self, queryset, name, value):
        return queryset


def _exists(model, **lookups) -> Exists:
    return Exists(model.objects.filter(**lookups))


class PartyFilter(BaseFilterSet):
    q = TextFilter(method="filter_q", help_text="Name contains (case-insensitive)")
    member_of = IdFilter(field_name="group_memberships__group", distinct=True)

    class Meta:
        model = Party
        fields = ["kind", "iso_code", "slug"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class OfficialFilter(BaseFilterSet):
    q = TextFilter(method="filter_q", help_text="Name or any of its variants contains")
    party = IdFilter(method="filter_party", help_text="Has held a position for this party")

    class Meta:
        model = Official
        fields = ["slug"]

    def filter_q(self, queryset, name, value):
        # A pending or rejected alias is not part of the record: only reviewers match on it.
        aliases = Alias.objects.filter(official=OuterRef("pk"), name__icontains=value)
        if not can_review(getattr(self.request, "user", None), Alias):
            aliases = aliases.filter(review_state=ReviewState.APPROVED)
        return queryset.filter(
            Q(full_name__icontains=value) | Q(native_name__icontains=value) | Q(Exists(aliases))
        )

    def filter_party(self, queryset, name, value):
        return queryset.filter(_exists(Position, official=OuterRef("pk"), party_id=value))


class AliasFilter(ReviewableFilterSet):
    q = TextFilter(field_name="normalized", lookup_expr="icontains")
    party = IdFilter(field_name="party_id")
    official = IdFilter(field_name="official_id")
    place = IdFilter(field_name="place_id")
    outlet = IdFilter(method="filter_outlet", help_text="Seen in use by this outlet")

    class Meta:
        model = Alias
        fields = ["kind", "language", "script"]

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(
            _exists(Alias.outlets.through, alias_id=OuterRef("pk"), outlet_id=value)
        )


class OutletFilter(BaseFilterSet):
    q = TextFilter(method="filter_q", help_text="Name contains")
    state_affiliated = StrictBooleanFilter()

    class Meta:
        model = Outlet
        fields = ["kind", "country_code", "language", "slug"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=value)


class ArticleFilter(BaseFilterSet):
    q = TextFilter(method="filter_q", help_text="Full-text search (web-search syntax)")
    outlet = IdFilter(field_name="outlet_id")
    wire_outlet = IdFilter(field_name="wire_outlet_id")
    story = IdFilter(field_name="story_id")
    state_affiliated = StrictBooleanFilter(field_name="outlet__state_affiliated")
    track = IdFilter(
        method="filter_track",
        help_text=(
            "Reports an approved statement of the track (approved report and link) or evidences"
            " one of its approved status changes"
        ),
    )
    date_from = django_filters.DateFilter(
        method="filter_date_from", help_text="Published on or after (UTC day)"
    )
    date_to = django_filters.DateFilter(
        method="filter_date_to", help_text="Published on or before (UTC day)"
    )

    class Meta:
        model = Article
        fields = ["language", "source_kind"]

    def filter_q(self, queryset, name, value):
        return search_filter(queryset, q=value, fields=ARTICLE_SEARCH_FIELDS)

    # On the sort key (non-null published_at), so the range is a scan of the ordering's index.
    def filter_date_from(self, queryset, name, value):
        start = dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)
        return queryset.filter(published_sort__gte=start)

    def filter_date_to(self, queryset, name, value):
        end = dt.datetime.combine(value, dt.time.max, tzinfo=dt.UTC)  # 9999-12-31 too
        return queryset.filter(published_sort__lte=end, published_at__isnull=False)

    def filter_track(self, queryset, name, value):
        # Approved evidence only, for everyone: the list's counts are the record's, not the queue's.
        approved = ReviewState.APPROVED
        reported = _exists(
            StatementReport,
            article=OuterRef("pk"),
            review_state=approved,
            statement__review_state=approved,
            statement__track_links__track_id=value,
            statement__track_links__review_state=approved,
        )
        evidenced = _exists(
            Evidence,
            article=OuterRef("pk"),
            status_change__track_id=value,
            status_change__review_state=approved,
        )
        return queryset.filter(Q(reported) | Q(evidenced))


class TrackFilter(BaseFilterSet):
    q = TextFilter(method="filter_q", help_text="Name contains")
    parent = IdFilter(field_name="parent_id")
    party = IdFilter(method="filter_party", help_text="The party takes part in the track")
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        choices=StatusChange.Status.choices,
        help_text="Current status (the latest approved status change)",
    )

    class Meta:
        model = Track
        fields = ["kind", "slug"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=value)

    def filter_party(self, queryset, name, value):
        return queryset.filter(_exists(TrackParticipant, track=OuterRef("pk"), party_id=value))


class StatusChangeFilter(ReviewableFilterSet):
    track = IdFilter(field_name="track_id")
    party = IdFilter(method="filter_party", help_text="The party takes part in the track")
    outlet = IdFilter(method="filter_outlet", help_text="Evidenced by an article of this outlet")
    date_from = django_filters.DateFilter(field_name="effective_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="effective_date", lookup_expr="lte")
    q = TextFilter(field_name="summary", lookup_expr="icontains")

    class Meta:
        model = StatusChange
        fields = ["status", "origin", "date_precision"]

    def filter_party(self, queryset, name, value):
        return queryset.filter(
            _exists(TrackParticipant, track_id=OuterRef("track_id"), party_id=value)
        )

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(
            _exists(Evidence, status_change=OuterRef("pk"), article__outlet_id=value)
        )


class StatementFilter(ReviewableFilterSet):
    q = TextFilter(method="filter_q", help_text="Full-text search (web-search syntax)")
    track = IdFilter(method="filter_track", help_text="Assigned to the track (approved link)")
    # Read by filter_track; declared here to validate and document.
    include_children = StrictBooleanFilter(
        method="filter_noop",
        help_text="true: with track, also the statements of the tracks under it",
    )
    speaker = IdFilter(field_name="speaker_id")
    party = IdFilter(field_name="speaker_party_id", help_text="The party the speaker spoke for")
    outlet = IdFilter(method="filter_outlet", help_text="Reported by this outlet")
    state_affiliated = StrictBooleanFilter(
        method="filter_state_affiliated",
        help_text="true: reported by a state-affiliated outlet; false: by an independent one",
    )
    language = django_filters.CharFilter(
        method="filter_language", max_length=8, help_text="Reported in an article in this language"
    )
    # On the sort key (non-null said_on), so the range is a scan of the ordering's index.
    date_from = django_filters.DateFilter(field_name="said_sort", lookup_expr="gte")
    date_to = django_filters.DateFilter(method="filter_date_to")

    class Meta:
        model = Statement
        fields = ["kind", "channel", "origin"]

    def filter_q(self, queryset, name, value):
        return search_filter(queryset, q=value, fields=STATEMENT_SEARCH_FIELDS)

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(said_sort__lte=value, said_on__isnull=False)

    def filter_track(self, queryset, name, value):
        include_children = bool(self.form.cleaned_data.get("include_children"))
        return queryset.filter(statements_of_track(value, include_children=include_children))

    def _reported(self, queryset, **lookups):
        return queryset.filter(
            _exists(
                StatementReport,
                statement=OuterRef("pk"),
                review_state=ReviewState.APPROVED,
                **lookups,
            )
        )

    def filter_outlet(self, queryset, name, value):
        return self._reported(queryset, article__outlet_id=value)

    def filter_state_affiliated(self, queryset, name, value):
        return self._reported(queryset, article__outlet__state_affiliated=value)

    def filter_language(self, queryset, name, value):
        return self._reported(queryset, article__language=value)


class CommitmentFilter(ReviewableFilterSet):
    track = IdFilter(field_name="track_id")
    party = IdFilter(field_name="party_id")
    beneficiary = IdFilter(field_name="beneficiary_id")
    stage = django_filters.ChoiceFilter(
        method="filter_stage",
        choices=CommitmentStage.Stage.choices,
        help_text="Has reached this stage",
    )
    q = TextFilter(field_name="description", lookup_expr="icontains")

    class Meta:
        model = Commitment
        fields = ["category", "direction", "origin"]

    def filter_stage(self, queryset, name, value):
        return queryset.filter(_exists(CommitmentStage, commitment=OuterRef("pk"), stage=value))


# --- Filter backend -----------------------------------------------------------------------------


class _KeyRecordingQueryDict(QueryDict):
    """Empty query parameters that note each key looked up, and whether all were enumerated."""

    def __init__(self):
        super().__init__()
        self.keys_read: set[str] = set()
        self.enumerated = False

    def __getitem__(self, key):
        self.keys_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.keys_read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.keys_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.keys_read.add(key)
        return super().getlist(key, default)


def _noting_enumeration(name: str):
    def method(self, *args, **kwargs):
        self.enumerated = True
        return getattr(QueryDict, name)(self, *args, **kwargs)

    method.__name__ = name
    return method


# Whatever lists the parameters rather than looking one up could read any of them.
for _name in (
    "__iter__",
    "__len__",
    "__eq__",
    "__copy__",
    "__deepcopy__",
    "keys",
    "items",
    "values",
    "lists",
    "dict",
    "copy",
    "urlencode",
):
    setattr(_KeyRecordingQueryDict, _name, _noting_enumeration(_name))
del _name


# What a FilterSet may inherit and still be skipped: django-filter's own implementations.
_TRUSTED = {
    name: {inspect.getattr_static(LibraryBaseFilterSet, name)}
    for name in (
        "__init__",
        "is_valid",
        "errors",
        "form",
        "qs",
        "filter_queryset",
        "get_form_class",
    )
}
_TRUSTED["form"].add(inspect.getattr_static(RestFrameworkFilterSet, "form"))


@functools.cache
def filter_parameters(filterset_class, model) -> frozenset[str] | None:
    """The query parameters ``filterset_class`` reads, when it provably ignores all others.

    Returns ``None`` (always build the FilterSet) unless all of these hold:

    - the class uses django-filter's own ``__init__``, form, validation and filtering (see
      ``_TRUSTED``), and no filter depends on the request (the probe below has none);
    - bound to no parameters at all, it is valid and leaves the queryset untouched (every filter
      passes an empty value through, returning the very queryset it was given);
    - its form, bound to no parameters, looks up keys one by one (a widget that enumerates the
      parameters could read any of them).

    The keys returned are those the form looked up, suffixed names included (``price_min`` and
    ``price_max`` for a range filter, ``tags[]`` for a query-array widget). A request with none of
    them gets what the empty probe got: the queryset unchanged, no error. Computed once per
    (class, model); nothing of a request is involved.
    """
    for name, trusted in _TRUSTED.items():
        if inspect.getattr_static(filterset_class, name) not in trusted:
            return None
    if has_request_dependent_filters(filterset_class):
        return None
    unfiltered = model._default_manager.none()
    recorder = _KeyRecordingQueryDict()
    try:
        filterset = filterset_class(data=QueryDict(), queryset=unfiltered)
        if not filterset.is_valid() or filterset.filter_queryset(unfiltered) is not unfiltered:
            return None
        form = filterset.get_form_class()(recorder, prefix=filterset.form_prefix)
        if not form.is_valid():
            return None
    except Exception:
        return None  # whatever went wrong here, the FilterSet is built and reports it
    if recorder.enumerated:
        return None
    return frozenset(recorder.keys_read)


class SkippingDjangoFilterBackend(DjangoFilterBackend):
    """``DjangoFilterBackend`` that does not build the FilterSet for a request without filters.

    Building a FilterSet deep-copies its filters and validates a form even when the query string
    names none of them (a plain page or ``?cursor=...``); the result is then the queryset as it
    was. When the view's ``filterset_class`` provably ignores every parameter the request has (see
    ``filter_parameters``), the queryset is returned as it is. Any filter parameter present, even
    empty or invalid, builds the FilterSet as before, so validation and its 400s are unchanged.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        # Only a declared class: one generated from ``filterset_fields`` is new on every call.
        if filterset_class is not None and filterset_class is self.get_filterset_class(
            view, queryset
        ):
            keys = filter_parameters(filterset_class, queryset.model)
            if keys is not None and keys.isdisjoint(request.query_params.keys()):
                return queryset
        return super().filter_queryset(request, queryset, view)


class DeletionFilter(django_filters.FilterSet):
    changed_since = ChangedSinceFilter(
        help_text="Only withdrawals whose change marker (seq) is above this one, in seq order: "
        "pass the highest seq you hold from this feed (0 for the first call)."
    )
    since = UtcIsoDateTimeFilter(
        field_name="deleted_at",
        lookup_expr="gte",
        help_text="Only withdrawals at or after this ISO 8601 date-time (prefer changed_since)",
    )
    resource = django_filters.ChoiceFilter(
        choices=[(name, name) for name in DELETION_RESOURCES],
        help_text="Only withdrawals of this resource",
    )
    reason = django_filters.ChoiceFilter(
        choices=Deletion.Reason.choices, help_text="Only withdrawals for this reason"
    )

    class Meta:
        model = Deletion
        fields = []


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=[-]field`` from the view's ``ordering_fields`` map; anything else is a 400.

    The view maps public names to sortable expressions (``published_at`` sorts on a non-null
    annotation, so cursor pagination works on undated rows too). One field is allowed: cursor
    pagination pages on the first field, with the id as tie-breaker.
    """

    def get_ordering(self, request, queryset, view):
        allowed: dict[str, str] = dict(getattr(view, "ordering_fields", {}))
        raw = request.query_params.get(self.ordering_param)
        term = raw.strip() if raw else getattr(view, "ordering", "-id")
        if _has_field(queryset.model, "change_seq"):
            allowed["seq"] = "change_seq"
            if "changed_since" in request.query_params:
                # Paging a changed set in any other order could skip a row that changed again
                # behind the cursor while a later page raised the client's high-water mark.
                if raw and term != "seq":
                    raise ValidationError(
                        {self.ordering_param: ["With changed_since the order is seq."]}
                    )
                term = "seq"
        if "," in term:
            raise ValidationError({self.ordering_param: ["Order by one field only."]})
        descending = term.startswith("-")
        name = term.removeprefix("-")
        if name not in allowed:
            choices = ", ".join(sorted(allowed))
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by {name[:40]!r}; choose one of: {choices} "
                        "(prefix - for descending)."
                    ]
                }
            )
        field = allowed[name]
        sign = "-" if descending else ""
        return [f"{sign}{field}"] if field == "id" else [f"{sign}{field}", f"{sign}id"]

    def filter_queryset(self, request, queryset: QuerySet, view):
        return queryset.order_by(*self.get_ordering(request, queryset, view))

    def get_schema_operation_parameters(self, view):
        allowed = sorted(getattr(view, "ordering_fields", {}))
        model = getattr(getattr(view, "queryset", None), "model", None) or _view_model(view)
        if model is not None and _has_field(model, "change_seq"):
            allowed = sorted([*allowed, "seq"])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"Sort by one field (default {getattr(view, 'ordering', '-id')}).",
                "schema": {
                    "type": "string",
                    "enum": [value for name in allowed for value in (name, f"-{name}")],
                },
            }
        ]


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _view_model(view):
    serializer = getattr(view, "serializer_class", None)
    meta = getattr(serializer, "Meta", None)
    return getattr(meta, "model", None)
