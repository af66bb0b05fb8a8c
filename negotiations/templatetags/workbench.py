"""Template tags for the workbench: the dashboard shown on the admin index, and its dates."""

from __future__ import annotations

from django import template

from negotiations.admin import presenters
from negotiations.selectors.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/workbench/_dashboard.html", takes_context=True)
def workbench_dashboard(context) -> dict:
    """Review backlog and ingestion health (a fixed number of queries)."""
    return {**dashboard(), "request": context.get("request")}


@register.filter
def dated(value, precision: str | None = None) -> str:
    """``{{ s.said_on|dated:s.said_precision }}``, ``{{ obj.created_at|dated }}``: see
    ``presenters.dated``."""
    return presenters.dated(value, precision or None)


@register.filter
def published(article) -> str:
    """``{{ article|published }}``: see ``presenters.published``."""
    return presenters.published(article) if article is not None else "date unknown"
