"""Default orderings stay on a model's own columns: an ordering through a relation, or by a
foreign key (which sorts by the related model's own ordering), makes every query that does not
order itself join another table."""

from __future__ import annotations

import pytest
from django.apps import apps

MODELS = [m for m in apps.get_app_config("negotiations").get_models() if m._meta.ordering]


def crossing(model) -> list[str]:
    """The names of the model's default ordering that reach another table."""
    names = []
    for name in model._meta.ordering:
        if not isinstance(name, str):
            continue  # an expression names its own joins
        column = name.lstrip("-")
        if column in {"pk", "?"}:
            continue
        if "__" in column:
            names.append(name)
            continue
        field = model._meta.get_field(column)
        # "track_id" (the column) sorts on this table; "track" (the relation) joins Track.
        if field.is_relation and column != field.attname:
            names.append(name)
    return names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_default_ordering_stays_on_the_table(model) -> None:
    assert crossing(model) == []
