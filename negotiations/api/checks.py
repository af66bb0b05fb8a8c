"""Start-up check of the API's fast path: every serializer rendered from rows can be planned.

A view opts in with ``list_from_rows = True`` and declares the querysets of its serializer's
nested lists (``get_row_children``); the timeline and search name theirs in
``views.ROW_SERIALIZERS`` and ``views.timeline_evidence_group``. A serializer a row plan cannot
render exactly (a method field, a nested list below the top level or without a declared
queryset, a source that is neither a model field nor an annotation of its queryset) is an error
here, so the service does not start, rather than failing or falling back on a request.
"""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import FieldError


def list_queryset(view):
    # Reviewable views build their queryset with a selector (the default review state); the
    # others declare it. Neither runs a query.
    selector = getattr(view, "selector", None)
    return selector() if selector is not None else view.get_queryset()


@checks.register(checks.Tags.compatibility)
def check_row_plans(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from negotiations.api import rows, views
    from negotiations.api.urls import router
    from negotiations.selectors import timeline

    errors: list[checks.CheckMessage] = []

    def fail(obj, why: str) -> None:
        errors.append(
            checks.Error(
                f"{obj} cannot be rendered from rows: {why}",
                hint="Change the serializer, or drop list_from_rows from the view.",
                obj=obj,
                id="negotiations.api.E001",
            )
        )

    for _prefix, viewset, _basename in router.registry:
        if not getattr(viewset, "list_from_rows", False):
            continue
        view = viewset(action="list", request=None, format_kwarg=None, kwargs={})
        serializer_class = view.get_serializer_class()
        try:
            plan = rows.plan_for(serializer_class)
            # Selecting the plan's columns from the view's queryset builds the query (no SQL is
            # run): a column that is neither a field nor one of its annotations fails here.
            plan.values(list_queryset(view), extra=viewset.ordering_fields.values())
            plan.check_children(view.get_row_children())
        except (rows.Unsupported, FieldError) as error:
            fail(f"{viewset.__name__} ({serializer_class.__name__})", str(error))
    for serializer_class in views.ROW_SERIALIZERS:
        try:
            rows.plan_for(serializer_class)
        except rows.Unsupported as error:
            fail(serializer_class.__name__, str(error))
    for kind in timeline.KINDS:
        try:
            group, queryset = views.timeline_evidence_group(kind)
            group.query(queryset, [])
        except (rows.Unsupported, FieldError) as error:
            fail(f"The timeline's {kind} evidence", str(error))
    return errors
