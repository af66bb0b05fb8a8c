"""The reference data: parties, officials with their positions, aliases, outlets, articles."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce

from negotiations.models import Alias, Article, Official, Outlet, Party, Position
from negotiations.selectors.common import EARLIEST_DATETIME, SortDefault


def party_list() -> QuerySet[Party]:
    return Party.objects.all()


def official_list() -> QuerySet[Official]:
    return Official.objects.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("party").order_by("-start_date", "id"),
        )
    )


def alias_list() -> QuerySet[Alias]:
    return Alias.objects.select_related("party", "official", "place").prefetch_related(
        Prefetch("outlets", queryset=Outlet.objects.only("id", "slug", "name", "state_affiliated"))
    )


def outlet_list() -> QuerySet[Outlet]:
    return Outlet.objects.all()


def article_list() -> QuerySet[Article]:
    """Articles with their outlets, without their text, with a non-null publication sort key."""
    return (
        Article.objects.select_related("outlet", "wire_outlet")
        .defer("text")
        .annotate(published_sort=Coalesce("published_at", SortDefault(EARLIEST_DATETIME)))
    )
