from __future__ import annotations

import pytest

from tests import factories as f
from tests.api.conftest import ids

pytestmark = pytest.mark.django_db


def test_better_article_match_ranks_first(viewer) -> None:
    passing = f.ArticleFactory(
        title="Budget debate", text="Among other things, the ceasefire was mentioned once."
    )
    strong = f.ArticleFactory(
        title="Ceasefire talks: ceasefire terms agreed",
        text="The ceasefire will hold. Ceasefire monitors arrive on Monday.",
    )
    f.ArticleFactory(title="Unrelated", text="Grain exports rose.")
    body = viewer.get("/api/v1/search/", {"q": "ceasefire", "kind": "articles"}).json()
    assert [hit["id"] for hit in body["results"]] == [strong.pk, passing.pk]
    assert body["results"][0]["rank"] > body["results"][1]["rank"] > 0
    assert body["results"][0]["article"]["title"] == strong.title


def test_search_across_statements_and_articles(viewer) -> None:
    statement = f.StatementFactory(text="Security guarantees must be legally binding.")
    weaker = f.StatementFactory(text="We discussed many things including guarantees.")
    f.StatementFactory(text="Nothing to see.")
    article = f.ArticleFactory(title="Binding guarantees", text="Legally binding guarantees.")
    body = viewer.get("/api/v1/search/", {"q": "legally binding guarantees"}).json()
    found = [(hit["kind"], hit["id"]) for hit in body["results"]]
    assert set(found) == {("statement", statement.pk), ("article", article.pk)}
    # Stemming: "guarantee" finds "guarantees"; web-search syntax excludes with "-".
    body = viewer.get("/api/v1/search/", {"q": "guarantee -binding", "kind": "statements"}).json()
    assert [hit["id"] for hit in body["results"]] == [weaker.pk]


def test_pending_statements_are_not_searchable(viewer) -> None:
    f.StatementFactory(text="Secret pending words.", review_state="pending")
    body = viewer.get("/api/v1/search/", {"q": "secret", "kind": "statements"}).json()
    assert body["results"] == []


def test_q_filter_on_lists_uses_full_text(viewer) -> None:
    match = f.StatementFactory(text="Negotiations resumed in Jeddah.")
    f.StatementFactory(text="Nothing to report.")
    assert ids(viewer.get("/api/v1/statements/", {"q": "negotiation"})) == [match.pk]
    article = f.ArticleFactory(title="Jeddah meeting", text="Delegations met.")
    assert ids(viewer.get("/api/v1/articles/", {"q": "jeddah"})) == [article.pk]


@pytest.mark.postgresql_only  # its GIN index
def test_search_uses_the_gin_index(db) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN "
            "('article_search_vector_gin', 'statement_search_vector_gin') ORDER BY 1"
        )
        assert [row[0] for row in cursor.fetchall()] == [
            "article_search_vector_gin",
            "statement_search_vector_gin",
        ]
        cursor.execute("SET enable_seqscan = off")
        from negotiations.selectors.search import article_search

        sql, params = article_search(q="ceasefire").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "article_search_vector_gin" in plan
