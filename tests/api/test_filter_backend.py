"""The filter backend skips building a FilterSet only when the request cannot filter anything."""

from __future__ import annotations

import django_filters
import pytest
from django import forms
from django.core.management import call_command
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from negotiations.api import filters, ingestion, views
from negotiations.api.filters import (
    BaseFilterSet,
    SkippingDjangoFilterBackend,
    StrictOrderingFilter,
    filter_parameters,
)
from negotiations.models import Party
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "parties",
    "officials",
    "aliases",
    "outlets",
    "articles",
    "tracks",
    "status-changes",
    "statements",
    "commitments",
    "feeds",
    "ingestion-jobs",
]
FILTERSETS = [
    cls
    for module in (filters, ingestion)
    for cls in vars(module).values()
    if isinstance(cls, type) and issubclass(cls, BaseFilterSet) and cls._meta.model is not None
]


@pytest.fixture
def built(monkeypatch) -> list:
    """The FilterSets the backend builds (DjangoFilterBackend.get_filterset's results)."""
    made = []
    original = DjangoFilterBackend.get_filterset

    def spy(self, request, queryset, view):
        filterset = original(self, request, queryset, view)
        made.append(filterset)
        return filterset

    monkeypatch.setattr(DjangoFilterBackend, "get_filterset", spy)
    return made


def _plain_backend(monkeypatch) -> None:
    """Make the backend django-filter's own, to compare with."""
    monkeypatch.setattr(
        SkippingDjangoFilterBackend, "filter_queryset", DjangoFilterBackend.filter_queryset
    )


def _get(client, path, params):
    response = client.get(f"/api/v1/{path}/", params)
    return response.status_code, response.json()


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    "params",
    [{}, {"page_size": 2}, {"ordering": "-id"}, {"page_size": 1, "unknown": "ignored"}],
    ids=["none", "page_size", "ordering", "unknown"],
)
def test_without_filter_parameters_no_filterset_is_built(
    reviewer, sample, built, monkeypatch, path, params
) -> None:
    status, body = _get(reviewer, path, params)
    assert status == 200, body
    assert built == []
    _plain_backend(monkeypatch)
    assert _get(reviewer, path, params) == (status, body)
    assert len(built) == 1  # django-filter's own backend builds one, to the same effect


def test_next_page_cursor_builds_no_filterset(viewer, sample, built) -> None:
    """``?cursor=`` is the pagination's, not a filter: following pages skip the FilterSet too."""
    following = viewer.get("/api/v1/articles/", {"page_size": 1}).json()["next"]
    assert following  # the sample has two articles
    assert "cursor=" in following
    assert viewer.get(following).status_code == 200
    assert built == []


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("articles", {"outlet": "abc"}, 400),
        ("articles", {"outlet": "0"}, 400),
        ("articles", {"outlet": ""}, 200),  # present but empty: built, and filters nothing
        ("articles", {"date_from": "2023-13-01"}, 400),
        ("articles", {"state_affiliated": "maybe"}, 400),
        ("articles", {"updated_since": "yesterday"}, 400),
        ("articles", {"language": "en", "page_size": 5}, 200),
        ("statements", {"speaker": "9" * 30}, 400),
        ("statements", {"review_state": "approved"}, 200),
        ("statements", {"review_state": "bogus"}, 400),
        ("statements", {"kind": "rumour"}, 400),
        ("statements", {"q": "x" * 201}, 400),
        ("tracks", {"status": "announced"}, 200),
        ("ingestion-jobs", {"status": "nope"}, 400),
    ],
)
def test_filter_parameters_validate_and_filter_as_before(
    viewer, sample, built, monkeypatch, path, params, status
) -> None:
    ours = _get(viewer, path, params)
    assert ours[0] == status, ours
    # The view itself refuses an unknown review_state, before any filtering.
    assert len(built) == (0 if params == {"review_state": "bogus"} else 1)
    _plain_backend(monkeypatch)
    assert _get(viewer, path, params) == ours


def test_detail_views_skip_too_and_still_filter(viewer, sample, built) -> None:
    """A detail URL is filtered too (DRF's get_object); a filter there still applies."""
    pk = sample.statement.pk
    assert viewer.get(f"/api/v1/statements/{pk}/").status_code == 200
    assert built == []
    other = sample.statement.speaker_id + 1000
    assert viewer.get(f"/api/v1/statements/{pk}/", {"speaker": other}).status_code == 404
    assert len(built) == 1


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: cls.__name__)
def test_every_project_filterset_is_skippable_on_its_own_names(filterset_class) -> None:
    """Guard: each FilterSet reads exactly its filters' names.

    A new filter with a suffixed widget, a request-dependent queryset or its own ``__init__``
    fails here: check the backend's reasoning still holds for it, then update this test.
    """
    model = filterset_class._meta.model
    assert filter_parameters(filterset_class, model) == set(filterset_class.base_filters)


def test_every_list_view_uses_the_backend() -> None:
    assert GenericAPIView.filter_backends[0] is SkippingDjangoFilterBackend
    assert views.ArticleViewSet.filter_backends == [
        SkippingDjangoFilterBackend,
        StrictOrderingFilter,
    ]


# --- filter_parameters: the keys, and when it refuses ---------------------------------------------


class SuffixedFilter(django_filters.FilterSet):
    ids = django_filters.RangeFilter(field_name="id")
    made = django_filters.DateFromToRangeFilter(field_name="created_at")
    kinds = django_filters.MultipleChoiceFilter(
        field_name="kind",
        choices=[("state", "state")],
        widget=django_filters.widgets.QueryArrayWidget,
    )
    name = django_filters.LookupChoiceFilter(field_name="name", lookup_choices=["exact"])
    o = django_filters.OrderingFilter(fields=["id"])

    class Meta:
        model = Party
        fields = ["slug"]


def test_suffixed_widgets_report_the_names_they_read() -> None:
    assert filter_parameters(SuffixedFilter, Party) == {
        "ids_min",
        "ids_max",
        "made_after",
        "made_before",
        "kinds",
        "kinds[]",
        "name",
        "name_lookup",
        "o",
        "slug",
    }


def test_suffixed_names_build_the_filterset(rf) -> None:
    """``?ids_min=`` alone is a filter parameter although no filter is called ``ids_min``."""
    party = PartyFactory(name="A", slug="a", kind=Party.Kind.OTHER)  # not a state (kinds[] below)

    class View:
        filterset_class = SuffixedFilter

    def run(query):
        request = Request(rf.get("/", query))
        return list(
            SkippingDjangoFilterBackend().filter_queryset(request, Party.objects.all(), View())
        )

    assert run({"ids_min": party.pk + 1}) == []
    assert run({"kinds[]": "state"}) == []
    with pytest.raises(ValidationError) as invalid:
        run({"made_after": "not a date"})
    assert "made" in invalid.value.detail
    assert run({"unrelated": "1"}) == [party]


class OwnInit(django_filters.FilterSet):
    class Meta:
        model = Party
        fields = ["slug"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data else {}
        data.setdefault("slug", "default")  # a default filter: must not be skipped
        super().__init__(data, *args, **kwargs)


class Required(django_filters.FilterSet):
    slug = django_filters.CharFilter(required=True)

    class Meta:
        model = Party
        fields = []


class FiltersOnEmpty(django_filters.FilterSet):
    class NullIsFilter(django_filters.CharFilter):
        def filter(self, qs, value):
            return qs.filter(slug__isnull=False) if not value else qs.filter(slug=value)

    slug = NullIsFilter()

    class Meta:
        model = Party
        fields = []


class EmptyIsNull(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=[("state", "state")], null_value="")

    class Meta:
        model = Party
        fields = []


class ReadsEveryKey(django_filters.FilterSet):
    class AnyKeyWidget(forms.TextInput):
        def value_from_datadict(self, data, files, name):
            return next((data[key] for key in data if key.startswith(name)), None)

    slug = django_filters.CharFilter(widget=AnyKeyWidget)

    class Meta:
        model = Party
        fields = []


class OwnFiltering(django_filters.FilterSet):
    class Meta:
        model = Party
        fields = ["slug"]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).filter(~Q(kind="coalition"))


class RequestQueryset(django_filters.FilterSet):
    parent = django_filters.ModelChoiceFilter(
        field_name="group_memberships__group", queryset=lambda request: Party.objects.all()
    )

    class Meta:
        model = Party
        fields = []


@pytest.mark.parametrize(
    "filterset_class",
    [OwnInit, Required, FiltersOnEmpty, EmptyIsNull, ReadsEveryKey, OwnFiltering],
    ids=lambda cls: cls.__name__,
)
def test_filtersets_that_may_act_without_parameters_are_always_built(filterset_class) -> None:
    assert filter_parameters(filterset_class, Party) is None


def test_request_dependent_querysets_are_never_skipped() -> None:
    assert filter_parameters(RequestQueryset, Party) is None


# --- the schema -----------------------------------------------------------------------------------


def test_schema_is_the_same_as_with_django_filters_backend(tmp_path, monkeypatch) -> None:
    ours = tmp_path / "ours.yaml"
    call_command("spectacular", "--file", str(ours))
    monkeypatch.setattr(
        GenericAPIView, "filter_backends", [DjangoFilterBackend, StrictOrderingFilter]
    )
    plain = tmp_path / "plain.yaml"
    call_command("spectacular", "--file", str(plain))
    assert "name: updated_since" in ours.read_text()
    assert ours.read_text() == plain.read_text()
