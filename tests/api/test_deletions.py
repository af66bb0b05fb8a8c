"""The deletion log: what a client that keeps a copy needs besides ``updated_since``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from negotiations.models import Article, Deletion, Statement
from negotiations.services.merge import statement_merge
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_deleted_rows_are_listed_oldest_first_with_their_resource(viewer, sample) -> None:
    before = timezone.now()
    statement_id, article_id = sample.statement.pk, f.ArticleFactory().pk
    sample.statement.delete()
    Article.objects.filter(pk=article_id).delete()  # a queryset delete is logged too
    rows = viewer.get("/api/v1/deletions/").json()["results"]
    assert [(row["resource"], row["object_id"]) for row in rows] == [
        ("statements", statement_id),
        ("articles", article_id),
    ]
    assert all(row["replaced_by"] is None for row in rows)
    assert dt.datetime.fromisoformat(rows[0]["deleted_at"].replace("Z", "+00:00")) >= before
    only = viewer.get("/api/v1/deletions/?resource=articles").json()["results"]
    assert [row["object_id"] for row in only] == [article_id]
    later = (timezone.now() + dt.timedelta(seconds=1)).isoformat()
    assert viewer.get("/api/v1/deletions/", {"since": later}).json()["results"] == []
    assert (
        len(viewer.get("/api/v1/deletions/", {"since": before.isoformat()}).json()["results"]) == 2
    )


def test_a_merged_record_names_the_record_that_absorbed_it(viewer, sample, reviewer) -> None:
    twin = f.StatementFactory(
        speaker=sample.statement.speaker, text="Talks will start next week.", said_on=None
    )
    statement_merge(keep=sample.statement, lose=twin, user=reviewer.user)
    (row,) = viewer.get("/api/v1/deletions/?resource=statements").json()["results"]
    assert (row["object_id"], row["replaced_by"]) == (twin.pk, sample.statement.pk)


def test_a_rolled_back_delete_leaves_no_entry(sample) -> None:
    pk = sample.pending_statement.pk

    def delete_then_fail() -> None:
        with transaction.atomic():
            Statement.objects.get(pk=pk).delete()
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        delete_then_fail()
    assert Statement.objects.filter(pk=pk).exists()
    assert not Deletion.objects.exists()


def test_bad_parameters_are_400s_and_anonymous_clients_are_refused(viewer, anonymous) -> None:
    response = viewer.get("/api/v1/deletions/?since=yesterday")
    assert response.status_code == 400
    assert "since" in response.json()["errors"]
    response = viewer.get("/api/v1/deletions/?resource=planets")
    assert response.status_code == 400
    assert "resource" in response.json()["errors"]
    assert anonymous.get("/api/v1/deletions/").status_code in {401, 403}


@pytest.mark.postgresql_only  # query counts pinned for PostgreSQL
def test_a_page_of_deletions_costs_the_same_queries_at_any_size(viewer) -> None:
    Deletion.objects.bulk_create(Deletion(resource="statements", object_id=i) for i in range(1, 31))

    def count(size: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = viewer.get(f"/api/v1/deletions/?page_size={size}")
        assert len(response.json()["results"]) == size
        return len(queries)

    count(2)
    assert count(2) == count(20) == 4  # the token, two permission queries, then the page
