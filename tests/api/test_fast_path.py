"""Every view that opts in to rendering its list from rows (``list_from_rows``), checked against
DRF: each row of the list is what the view's serializer makes of the same record, the list's
queries do not grow with the page, and the detail view agrees with the list."""

from __future__ import annotations

import json

import pytest
from django.core import checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from negotiations.api import checks as api_checks
from negotiations.api import views
from negotiations.api.urls import router
from negotiations.models import Statement, StatusChange
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]  # query counts pinned

OPTED_IN = [(prefix, viewset) for prefix, viewset, _ in router.registry if viewset.list_from_rows]
# Queries of one detail page: DRF's token query, Django's two permission queries, the record and
# its prefetched relations.
DETAIL_QUERIES = {
    "articles": 4,
    "status-changes": 5,
    "statements": 6,
    "commitments": 7,
    "deletions": 4,
    "withdrawals": 4,
}


def test_the_opted_in_views_are_the_pinned_ones() -> None:
    assert {prefix for prefix, _ in OPTED_IN} == set(DETAIL_QUERIES)


def _drf(viewset, action: str, pk: int) -> dict:
    """What the view's serializer makes of the record, through DRF's own rendering."""
    view = viewset(action=action, request=None, format_kwarg=None, kwargs={})
    record = api_checks.list_queryset(view).get(pk=pk)
    return json.loads(JSONRenderer().render(view.get_serializer_class()(record).data))


def _get(client, url: str) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:2000]
    return response.json(), len(queries)


@pytest.mark.parametrize(("prefix", "viewset"), OPTED_IN, ids=[p for p, _ in OPTED_IN])
def test_rows_render_as_drf_would_in_fixed_queries(viewer, sample, prefix, viewset) -> None:
    # A second record of each kind, with the null branches: no outlet, no speaker, no date.
    f.DeletionFactory(resource="statements", object_id=10**6)
    f.DeletionFactory(resource="articles", object_id=10**6)
    orphan = f.ArticleFactory(outlet=None, published_at=None, title="No outlet", text="Words.")
    undated = f.StatementFactory(speaker=None, speaker_description="An aide", said_on=None)
    f.StatementReportFactory(statement=undated, article=orphan, wording="Words")
    f.StatementReportFactory(statement=sample.statement, article=orphan, wording="Words")
    f.StatusChangeFactory(
        track=sample.track,
        status=StatusChange.Status.TALKS_UNDER_WAY,
        effective_date=sample.change.effective_date,
    )
    f.CommitmentFactory(track=sample.track, party=sample.ukraine, beneficiary=None)
    small, small_count = _get(viewer, f"/api/v1/{prefix}/?page_size=1")
    page, count = _get(viewer, f"/api/v1/{prefix}/?page_size=50")
    assert len(page["results"]) >= 2, prefix
    assert small_count == count, "a query per row"
    for row in page["results"]:
        assert row == _drf(viewset, "list", row["id"])
        detail, detail_count = _get(viewer, f"/api/v1/{prefix}/{row['id']}/")
        assert detail_count == DETAIL_QUERIES[prefix]
        assert detail == _drf(viewset, "retrieve", row["id"])
        assert {key: detail[key] for key in row if key in detail} == row


def test_the_start_up_check_passes() -> None:
    assert api_checks.check_row_plans() == []
    assert "negotiations.api.E001" not in {m.id for m in checks.run_checks()}


def test_the_start_up_check_fails_for_a_serializer_rows_cannot_render(monkeypatch) -> None:
    class Shouting(serializers.ModelSerializer):
        shout = serializers.SerializerMethodField()

        class Meta:
            model = Statement
            fields = ["id", "shout"]

        def get_shout(self, obj):
            return obj.text.upper()

    monkeypatch.setattr(views.StatementViewSet, "serializer_class", Shouting)
    (error,) = api_checks.check_row_plans()
    assert error.id == "negotiations.api.E001"
    assert "StatementViewSet (Shouting)" in error.msg
    assert "shout" in error.msg


def test_the_start_up_check_fails_for_an_undeclared_nested_list(monkeypatch) -> None:
    monkeypatch.setattr(views.StatementViewSet, "get_row_children", lambda self: {})
    (error,) = api_checks.check_row_plans()
    assert "StatementViewSet (StatementSerializer)" in error.msg
    assert "no queryset declared" in error.msg


def test_the_start_up_check_fails_for_a_missing_annotation(monkeypatch) -> None:
    class Ranked(serializers.ModelSerializer):
        rank = serializers.FloatField()

        class Meta:
            model = Statement
            fields = ["id", "rank"]

    monkeypatch.setattr(views.StatementViewSet, "serializer_class", Ranked)
    (error,) = api_checks.check_row_plans()
    assert "rank" in error.msg


def test_annotations_render_as_drf_would(sample) -> None:
    from django.db.models.functions import Upper

    from negotiations.api import rows

    class Shouted(serializers.ModelSerializer):
        shouted = serializers.CharField()

        class Meta:
            model = Statement
            fields = ["id", "shouted"]

    queryset = Statement.objects.annotate(shouted=Upper("text")).order_by("id")
    plan = rows.plan_for(Shouted)
    assert plan.annotations == ["shouted"]
    from_rows = plan.render(plan.values(queryset), {})
    assert from_rows == Shouted(list(queryset), many=True).data
    assert from_rows[0]["shouted"] == from_rows[0]["shouted"].upper()
