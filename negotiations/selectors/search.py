"""Search across articles and statements: PostgreSQL full-text search, a portable fallback
elsewhere (the embedded SQLite default)."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import ExpressionWrapper, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Length, Lower, Replace

from negotiations.models import Article, Statement
from negotiations.selectors.common import APPROVED
from negotiations.selectors.records import statement_list
from negotiations.selectors.reference import article_list

SEARCH_CONFIG = "english"


def _vector(model) -> RawSQL:
    # The stored generated column added by migration 0005_api_search (not a model field).
    # Fixed SQL built from model metadata, never from input.
    return RawSQL(  # noqa: S611
        f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField()
    )


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_filter(queryset: QuerySet, *, q: str, fields: tuple[str, ...]) -> QuerySet:
    """Keep rows matching ``q`` and annotate ``rank``.

    PostgreSQL: full-text search (web-search syntax, English stemming, ``ts_rank``). Other
    databases (the embedded SQLite default): every word of ``q`` must occur in one of the fields
    (as a substring, case folded), a word written ``-word`` must occur in none, and the rank is
    the number of times the words occur (see README, "Search").
    """
    if uses_full_text_search():
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        vector = _vector(queryset.model)
        return (
            queryset.alias(search_vector=vector)
            .filter(search_vector=query)
            .annotate(rank=SearchRank(vector, query))
        )
    words = [word.strip('"') for word in q.split()]
    wanted = [word for word in words if word and not word.startswith("-")]
    unwanted = [word[1:] for word in words if word.startswith("-") and len(word) > 1]
    for word in wanted:
        queryset = queryset.filter(_any_field_contains(fields, word))
    for word in unwanted:
        queryset = queryset.exclude(_any_field_contains(fields, word))
    rank: Any = Value(0.0, output_field=FloatField())
    for word in wanted:
        for field in fields:
            rank = rank + _occurrences(field, word)
    return queryset.annotate(rank=ExpressionWrapper(rank, output_field=FloatField()))


def _any_field_contains(fields: tuple[str, ...], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _occurrences(field: str, word: str):
    """How many times ``word`` occurs in ``field`` (case folded), in portable SQL."""
    folded = Lower(Coalesce(field, Value("")))
    without = Replace(folded, Value(word.lower()), Value(""))
    return Cast(Length(folded) - Length(without), FloatField()) / float(len(word))


ARTICLE_SEARCH_FIELDS = ("title", "text")
STATEMENT_SEARCH_FIELDS = ("text", "speaker_description")


def article_search(*, q: str) -> QuerySet[Article]:
    return search_filter(article_list(), q=q, fields=ARTICLE_SEARCH_FIELDS).order_by("-rank", "-id")


def statement_search(*, q: str, review_state: str = APPROVED) -> QuerySet[Statement]:
    return search_filter(
        statement_list(review_state=review_state), q=q, fields=STATEMENT_SEARCH_FIELDS
    ).order_by("-rank", "-id")
