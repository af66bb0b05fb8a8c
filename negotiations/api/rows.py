"""List pages rendered from ``values_list()`` rows: no model instances, no prefetch machinery.

Loaded the usual way, a page of 50 statements is ~550 model instances and ~100 related-manager
querysets (one per statement and prefetch), and that was most of the page's time. Rendered from
rows it is the same queries returning tuples, turned straight into the JSON's dicts.

The plan is derived from the output serializer (its fields, their sources, nested serializers and
nested lists), so the serializer stays the one definition of the JSON and of the OpenAPI schema.
Nested lists are fetched with the querysets the selector declares for them (``children``: the
relation's name -> a queryset, e.g. ``selectors.records.statement_children``; the selector's
list prefetches the same), so the selector stays the one definition of which rows belong and in
what order. Only public QuerySet API is used: ``values_list()`` and ``filter(<fk>__in=ids)``.
``tests/api/test_rows.py`` and ``tests/api/test_fast_path.py`` compare the output with DRF's
rendering of the same records.

Only what the plan can express exactly is rendered this way: serializers over model fields and
the queryset's annotations, to-one relations at any depth, reverse foreign keys at the top level.
For anything else :func:`plan_for` raises :class:`Unsupported`, and the start-up check
``negotiations.api.E001`` turns that into an error.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from negotiations.api.serializers import PlainRefSerializer

Row = dict[str, Any]


# The time zone datetimes render in, looked up once per rendered page or object: DRF looks it up
# for every value, through asgiref's Local, and that was a tenth of a list page's time.
_render_tz: ContextVar[dt.tzinfo | None] = ContextVar("render_tz", default=None)
_UTC = (dt.UTC, zoneinfo.ZoneInfo("UTC"))


def datetime_renderer(field):
    """A function rendering a datetime as ``field.to_representation`` does, without looking the
    time zone up for each value (within :func:`in_render_tz`)."""
    iso = getattr(field, "format", api_settings.DATETIME_FORMAT) == ISO_8601
    if not (iso and settings.USE_TZ) or hasattr(field, "timezone"):
        return field.to_representation

    def render(value):
        if isinstance(value, str):
            return field.to_representation(value)
        offset = value.utcoffset()
        if offset is None:  # naive: DRF's own path decides
            return field.to_representation(value)
        render_tz = _render_tz.get()
        # A UTC value rendered in UTC (the usual case: the database hands back UTC) needs no
        # conversion; its ISO form is already the converted one.
        if offset or render_tz not in _UTC:
            try:
                value = value.astimezone(render_tz)
            except OverflowError:
                return field.to_representation(value)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return render


def in_render_tz(render):
    """Runs ``render`` with the current time zone looked up once (the outermost call)."""

    def wrapped(*args):
        if _render_tz.get() is not None:
            return render(*args)
        token = _render_tz.set(timezone.get_current_timezone())
        try:
            return render(*args)
        finally:
            _render_tz.reset(token)

    return wrapped


class Unsupported(Exception):
    """The serializer uses something a row plan cannot render exactly."""


@dataclass(frozen=True)
class _Many:
    name: str
    accessor: str  # the reverse relation on the parent model, e.g. "reports"
    related_model: type[models.Model]
    group: Grouped


class RowPlan:
    """Columns to select and how to turn one row into the serializer's dict."""

    def __init__(
        self,
        serializer: serializers.Serializer,
        model: type[models.Model],
        prefix: str = "",
        *,
        top: bool = False,
        own_query: bool = False,
        aliases: dict[str, str] | None = None,
    ):
        self.model = model
        self.top = top
        # Rows of its own query (the page's, a nested list's): it may read the query's
        # annotations. A to-one child reads its parent's row.
        self.own_query = top or own_query
        self.columns: list[str] = []
        # Columns read through another with the same value: a related row's id is the foreign
        # key's value (``speaker__id`` is ``speaker``), so it is selected once.
        self.aliases = aliases or {}
        # The primary key's column (nested lists are grouped by it).
        self.pk = self._column(prefix + model._meta.pk.attname)
        # (name, kind, key, payload): kind "value" (payload = render), "one" (key = the foreign
        # key's column, payload = RowPlan over the same row) or "many" (payload = _Many).
        self.steps: list[tuple[str, str, str, Any]] = []
        self.many: list[_Many] = []
        # Top-level columns read from the queryset's annotations rather than model fields.
        self.annotations: list[str] = []
        self._compiled: Callable[[tuple, dict], Row] | None = None
        plain = isinstance(serializer, PlainRefSerializer)
        if isinstance(serializer, serializers.ListSerializer):
            raise Unsupported(type(serializer).__name__)
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            if plain and name not in serializer.Meta.fields:
                continue
            self._add(name, field, prefix, plain)

    def _column(self, key: str) -> str:
        key = self.aliases.get(key, key)
        if key not in self.columns:
            self.columns.append(key)
        return key

    def _add(self, name: str, field, prefix: str, plain: bool) -> None:
        source = field.source
        if source == "*" or isinstance(field, serializers.SerializerMethodField):
            raise Unsupported(name)
        path = source.split(".")
        target, last = _resolve(self.model, path[:-1]), path[-1]
        key = prefix + "__".join(path)
        if self.own_query and len(path) == 1 and not _is_model_field(self.model, last):
            # Not a model field: a column of the queryset's own annotations (``rank``). The
            # system check confirms the view's (or the nested list's) queryset has it.
            if isinstance(field, serializers.BaseSerializer):
                raise Unsupported(f"{name}: a nested serializer over an annotation")
            render = (
                datetime_renderer(field)
                if isinstance(field, serializers.DateTimeField)
                else field.to_representation
            )
            self.annotations.append(key)
            self.steps.append((name, "value", self._column(key), render))
            return
        if isinstance(field, serializers.ListSerializer):
            if not self.top or len(path) > 1:
                raise Unsupported(f"{name}: nested lists only at the top level")
            relation = _field(target, last)
            if not (relation.one_to_many and relation.auto_created):
                raise Unsupported(f"{name}: only reverse foreign keys")
            child = RowPlan(field.child, relation.related_model, own_query=True)
            group = Grouped(child, relation.field.attname)
            many = _Many(name, last, relation.related_model, group)
            self.many.append(many)
            self.steps.append((name, "many", "", many))
            return
        if isinstance(field, serializers.Serializer):
            relation = _field(target, last)
            if not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
                raise Unsupported(f"{name}: only forward to-one relations")
            foreign_key = self._column(key)
            aliases = dict(self.aliases)
            related_pk = relation.related_model._meta.pk
            if relation.target_field == related_pk:
                aliases[f"{key}__{related_pk.attname}"] = foreign_key
            child = RowPlan(field, relation.related_model, key + "__", aliases=aliases)
            self.columns += [column for column in child.columns if column not in self.columns]
            self.steps.append((name, "one", foreign_key, child))
            return
        model_field = _field(target, last)
        if model_field.is_relation:
            if plain or not isinstance(field, serializers.PrimaryKeyRelatedField):
                raise Unsupported(f"{name}: a relation rendered as {type(field).__name__}")
            render = int
        elif plain or _renders_as_is(field, model_field):
            render = _identity
        elif isinstance(field, serializers.DateTimeField):
            render = datetime_renderer(field)
        else:
            render = field.to_representation
        self.steps.append((name, "value", self._column(key), render))

    def compile(self, index: dict[str, int]) -> Callable[[tuple, dict], Row]:
        """A function turning one row (a tuple; ``index`` maps column names to positions) into
        the serializer's dict; nested lists are looked up in ``children[name][pk]``.

        The function is generated as one dict display per plan, the way dataclasses generate
        ``__init__``: a page renders ~200 rows of ~20 fields, and a loop over the steps calling a
        function per field was ten times slower than the display. The generated source holds
        only the serializer's field names (as string literals), column positions and references
        to the fields' own ``to_representation``; values the database already returns as the
        JSON's (strings, integers, booleans) are used as they are.
        """
        namespace: dict[str, Any] = {}
        source = f"def render(row, children):\n    return {self._display(index, namespace)}\n"
        exec(compile(source, f"<row plan of {self.model.__name__}>", "exec"), namespace)  # noqa: S102
        return namespace["render"]

    def _display(self, index: dict[str, int], namespace: dict[str, Any]) -> str:
        items = []
        for name, kind, key, payload in self.steps:
            if kind == "value":
                i = index[key]
                if payload is _identity:
                    value = f"row[{i}]"
                else:
                    function = f"render_{len(namespace)}"
                    namespace[function] = payload
                    value = f"(None if row[{i}] is None else {function}(row[{i}]))"
            elif kind == "one":
                i = index[key]
                value = f"(None if row[{i}] is None else {payload._display(index, namespace)})"
            else:
                value = f"children[{payload.name!r}].get(row[{index[self.pk]}], [])"
            items.append(f"{name!r}: {value}")
        return "{" + ", ".join(items) + "}"

    # --- Top level ------------------------------------------------------------------------------

    def values(self, queryset: QuerySet, *, extra: Iterable[str] = ()) -> QuerySet:
        """The page's rows as named tuples: the plan's columns, then ``extra`` ones (a cursor
        paginator reads its position, e.g. ``said_sort``, from each row)."""
        columns = [*self.columns, *dict.fromkeys(n for n in extra if n not in self.columns)]
        return queryset.prefetch_related(None).values_list(*columns, named=True)

    def render(self, rows: Iterable[tuple], children: Mapping[str, QuerySet]) -> list[Row]:
        """Render rows of :meth:`values`; one query per nested list, whatever the page size,
        each from the queryset ``children`` declares for its relation."""
        return in_render_tz(self._render)(list(rows), children)

    def check_children(self, children: Mapping[str, QuerySet]) -> None:
        """Raises :class:`Unsupported` unless ``children`` declares a queryset for each nested
        list that has the columns it reads (builds the queries; runs none)."""
        for many in self.many:
            try:
                many.group.query(_declared(children, many), [])
            except FieldError as error:
                raise Unsupported(f"{many.name}: {error}") from None

    def _render(self, rows: list[tuple], children: Mapping[str, QuerySet]) -> list[Row]:
        if self._compiled is None:
            self._compiled = self.compile({c: i for i, c in enumerate(self.columns)})
        nested: dict[str, dict[Any, list[Row]]] = {}
        pk = self.columns.index(self.pk)
        ids = [row[pk] for row in rows]
        for many in self.many:
            nested[many.name] = many.group.render(_declared(children, many), ids)
        render = self._compiled
        return [render(row, nested) for row in rows]


class Grouped:
    """Rows of one queryset rendered by a plan and grouped by their parent's id (a nested list,
    or the evidence beside a timeline entry): one query for all the parents of a page."""

    def __init__(self, plan: RowPlan, fk: str):
        self.plan = plan
        self.fk = fk  # the child's column holding the parent's id, e.g. "statement_id"
        self.columns = [*plan.columns, fk]
        self._compiled: Callable[[tuple, dict], Row] | None = None

    def query(self, queryset: QuerySet, ids: list) -> QuerySet:
        return queryset.filter(**{f"{self.fk}__in": ids}).values_list(*self.columns)

    def render(self, queryset: QuerySet, ids: list) -> dict[Any, list[Row]]:
        grouped: dict[Any, list[Row]] = defaultdict(list)
        if not ids:
            return grouped
        if self._compiled is None:
            self._compiled = self.plan.compile({c: i for i, c in enumerate(self.columns)})
        render = self._compiled
        for child in self.query(queryset, ids):
            grouped[child[-1]].append(render(child, {}))
        return grouped


def _declared(children: Mapping[str, QuerySet], many: _Many) -> QuerySet:
    try:
        return children[many.accessor]
    except KeyError:
        raise Unsupported(
            f"{many.name}: no queryset declared for {many.related_model.__name__} "
            f"({many.accessor!r})"
        ) from None


def _identity(value):
    return value


# Serializer fields whose to_representation returns the database's value unchanged, for the
# model fields whose values the database returns as that JSON type (exact classes: a subclass may
# render differently). ChoiceField maps a stored choice to itself.
_TEXT = {"CharField", "TextField", "SlugField", "URLField", "EmailField"}
_AS_IS: dict[type, set[str]] = {
    serializers.CharField: _TEXT,
    serializers.ChoiceField: _TEXT,
    serializers.IntegerField: {
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
    },
    serializers.BooleanField: {"BooleanField"},
}


def _renders_as_is(field, model_field) -> bool:
    return model_field.get_internal_type() in _AS_IS.get(type(field), ())


def _is_model_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _field(model: type[models.Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        raise Unsupported(f"{model.__name__}.{name} is not a model field") from None


def _resolve(model: type[models.Model], path: list[str]) -> type[models.Model]:
    for part in path:
        relation = _field(model, part)
        if not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
            raise Unsupported(f"{model.__name__}.{part}: only forward to-one relations in sources")
        model = relation.related_model
    return model


_plans: dict[type, RowPlan] = {}


def plan_for(serializer_class: type[serializers.Serializer]) -> RowPlan:
    """The row plan of a model serializer, built once per class.

    Raises :class:`Unsupported` (with the reason) for a serializer a plan cannot render exactly;
    the system check ``negotiations.api.E001`` runs this for every view that opts in, so a
    serializer that cannot be planned stops the service at start-up rather than on a request.
    """
    plan = _plans.get(serializer_class)
    if plan is None:
        if not issubclass(serializer_class, serializers.ModelSerializer):
            raise Unsupported(f"{serializer_class.__name__} is not a ModelSerializer")
        plan = RowPlan(serializer_class(), serializer_class.Meta.model, top=True)
        _plans[serializer_class] = plan
    return plan


_grouped: dict[tuple, Grouped] = {}


def grouped_for(
    serializer_class: type[serializers.Serializer], model: type[models.Model], parent: str
) -> Grouped:
    """Rows of ``model`` rendered by ``serializer_class`` (model fields, to-one relations and
    the queryset's annotations) and grouped by the foreign key ``parent``; built once."""
    key = (serializer_class, model, parent)
    group = _grouped.get(key)
    if group is None:
        plan = RowPlan(serializer_class(), model, own_query=True)
        group = Grouped(plan, _field(model, parent).attname)
        _grouped[key] = group
    return group
