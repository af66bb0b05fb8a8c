"""Template tags for the workbench: the dashboard shown on the admin index."""

from __future__ import annotations

from django import template

from negotiations.selectors.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/workbench/_dashboard.html", takes_context=True)
def workbench_dashboard(context) -> dict:
    """Review backlog and ingestion health (a fixed number of queries)."""
    return {**dashboard(), "request": context.get("request")}
