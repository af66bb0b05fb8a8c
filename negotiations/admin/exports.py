"""Exports an analyst can read, and imports whose errors an analyst can act on.

- The curated claims (statements, status changes, commitments) export with names, not ids or
  keys: the speaker's name, the party, the position's title, the tracks' names, each report's
  outlet and link, the evidence's outlet, date and words (``READABLE_EXPORTS``). Only the rows
  and child rows in the review states the analyst asks for are exported, approved by default
  (``export_review_states``), in a file whose name says what it holds (``export_filename``).
  The columns are the record's fields as the API reads and writes them (``api.serializers``),
  so a field added to a record reaches its export (``readable_columns``).
- An import's problems are named as the file numbers its lines, with the column and the value:
  "line 4, speaker: no official 'emmanuel-macron'; said_on: 2025-02-30 is not a date"
  (``import_problems``; the widgets below word the messages).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import (
    ImproperlyConfigured,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
)
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from import_export import fields, resources, widgets
from import_export.forms import SelectableFieldsExportForm
from import_export.results import Result

from negotiations.api.serializers import COMMITMENT_FIELDS, STATEMENT_FIELDS, STATUS_CHANGE_FIELDS
from negotiations.models import Article, Commitment, Evidence, ReviewState, Statement, StatusChange

# --- Which rows: the review states asked for ----------------------------------------------------


class ReviewStateExportForm(SelectableFieldsExportForm):
    """The export form of a reviewable model: which review states to export."""

    # Not "review_state": the form's column checkboxes are read back under their column's name.
    review_states = forms.MultipleChoiceField(
        choices=ReviewState.choices,
        initial=[ReviewState.APPROVED],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Review states",
        help_text="Rows (and their reports, links and stages) in these states; approved when "
        "none is ticked.",
    )


_STATES_ORDER = [ReviewState.APPROVED, ReviewState.PENDING, ReviewState.REJECTED]


def export_review_states(request: HttpRequest) -> list[str]:
    """The review states an export asked for (its form's ticks), approved when none is."""
    asked = request.POST.getlist("review_states")
    return [s for s in _STATES_ORDER if s in asked] or [ReviewState.APPROVED]


def export_filename(model: type, *, states: Iterable[str] | None, rows: int, extension: str) -> str:
    """A file name that says what the file holds: "statements-approved-12-rows-2026-12-02.csv"."""
    parts = [slugify(str(model._meta.verbose_name_plural))]
    if states is not None:
        parts += list(states)
    parts += [f"{rows}-row{'s' if rows != 1 else ''}", timezone.localdate().isoformat()]
    return f"{'-'.join(parts)}.{extension}"


# --- What each row says: names -------------------------------------------------------------------


def _link(article) -> str:
    return article.url or article.canonical_url or f"article #{article.pk} (no link)"


def _outlet(article) -> str:
    return article.outlet.name if article.outlet else "unknown outlet"


def _published(article) -> str:
    return article.published_at.date().isoformat() if article.published_at else "undated"


def _computed(name: str) -> fields.Field:
    """A column computed by the resource's ``dehydrate_<name>``."""
    return fields.Field(column_name=name, readonly=True)


def readable_columns(
    record_fields: Iterable[str], *, sources: str, named: dict[str, str | None] | None = None
) -> tuple[str, ...]:
    """A record's export columns, from its fields as the API reads and writes them (one list per
    record, ``api.serializers``): its id, those fields (``named`` renames one, or folds it into
    another with None), the outlets just before the ``sources`` they come from, and the review."""
    named = named or {}
    columns = ["id"]
    for field in record_fields:
        name = named.get(field, field)
        if name == sources:
            columns.append("outlets")
        if name:
            columns.append(name)
    return (*columns, "review_state", "reviewed_by", "reviewed_at")


class ReadableResource(resources.ModelResource):
    """An export for reading: names instead of ids, labels instead of codes, and only the child
    rows in the review states asked for (``review_states``).

    A column that is a model field reads as the analyst reads it (a choice's label, a related
    row's name, from ``field_from_django_field``); any other column is computed by the
    resource's ``dehydrate_<column>``; the outlets are those of the ``source_articles``."""

    def __init__(self, review_states: Iterable[str] = (ReviewState.APPROVED,), **kwargs) -> None:
        super().__init__(**kwargs)
        self.review_states = list(review_states)
        for name in self._meta.fields:
            if name in self.fields:
                continue
            if not hasattr(self, f"dehydrate_{name}"):
                # a field added to the record's serializer that is no model column: say so,
                # rather than export an empty column
                raise ImproperlyConfigured(
                    f"{type(self).__name__}: column {name!r} is neither a field of "
                    f"{self._meta.model.__name__} nor computed by dehydrate_{name}()."
                )
            self.fields[name] = _computed(name)

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """A model column as an analyst reads it: a choice by its label, a related row by its
        ``str()`` (a name, a title, a username), anything else as the library writes it."""
        if django_field.choices:
            return fields.Field(f"get_{field_name}_display", field_name, readonly=True)
        if django_field.many_to_one:
            return fields.Field(field_name, field_name, readonly=True)
        return super().field_from_django_field(field_name, django_field, readonly)

    def exported(self, relation: str, *order_by: str, joins: Iterable[str] = ()) -> Prefetch:
        """The prefetch of a child ``relation``'s rows in the review states asked for, in
        ``order_by``, as ``exported_<relation>``."""
        model = self._meta.model._meta.get_field(relation).related_model
        rows = model.objects.filter(review_state__in=self.review_states)
        return Prefetch(
            relation,
            queryset=rows.select_related(*joins).order_by(*order_by),
            to_attr=f"exported_{relation}",
        )

    def source_articles(self, obj) -> Iterable[Article]:
        raise NotImplementedError

    def dehydrate_outlets(self, obj) -> str:
        return "; ".join(dict.fromkeys(_outlet(article) for article in self.source_articles(obj)))


_EVIDENCE = Prefetch(
    "evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("id")
)


class StatementExport(ReadableResource):
    class Meta:
        model = Statement
        # The speaker by name (or as described), the party and the position they spoke for.
        fields = export_order = readable_columns(
            STATEMENT_FIELDS,
            sources="reports",
            named={
                "speaker_party": "party",
                "speaker_position": "position",
                "speaker_description": None,
            },
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "speaker", "speaker_party", "speaker_position__party", "reviewed_by"
        ).prefetch_related(
            self.exported("reports", "id", joins=["article__outlet"]),
            self.exported("track_links", "id", joins=["track"]),
        )

    def source_articles(self, s: Statement) -> Iterable[Article]:
        return (r.article for r in s.exported_reports)

    def dehydrate_speaker(self, s: Statement) -> str:
        return s.speaker.full_name if s.speaker else s.speaker_description

    def dehydrate_party(self, s: Statement) -> str:
        party = s.speaker_party or (s.speaker_position.party if s.speaker_position else None)
        return party.name if party else ""

    def dehydrate_position(self, s: Statement) -> str:
        return s.speaker_position.title if s.speaker_position else ""

    def dehydrate_tracks(self, s: Statement) -> str:
        return "; ".join(link.track.name for link in s.exported_track_links)

    def dehydrate_reports(self, s: Statement) -> str:
        return "\n".join(
            f"{_outlet(r.article)}, {_published(r.article)}: {_link(r.article)}"
            for r in s.exported_reports
        )


class EvidencedExport(ReadableResource):
    """A record whose sources are its evidence: excerpts of articles."""

    def source_articles(self, obj) -> Iterable[Article]:
        return (e.article for e in obj.evidence.all())

    def dehydrate_evidence(self, obj) -> str:
        return "\n".join(
            f"{_outlet(e.article)}, {_published(e.article)}: “{e.excerpt}” {_link(e.article)}"
            for e in obj.evidence.all()
        )


class StatusChangeExport(EvidencedExport):
    class Meta:
        model = StatusChange
        fields = export_order = readable_columns(
            [*STATUS_CHANGE_FIELDS, "evidence"], sources="evidence"
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("track", "reviewed_by").prefetch_related(_EVIDENCE)


class CommitmentExport(EvidencedExport):
    class Meta:
        model = Commitment
        fields = export_order = readable_columns(COMMITMENT_FIELDS, sources="evidence")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "track", "party", "beneficiary", "reviewed_by"
        ).prefetch_related(_EVIDENCE, self.exported("stages", "effective_date", "id"))

    def dehydrate_stages(self, c: Commitment) -> str:
        return "; ".join(
            f"{s.get_stage_display()} {s.effective_date or 'undated'}" for s in c.exported_stages
        )


READABLE_EXPORTS: dict[type, type[ReadableResource]] = {
    Statement: StatementExport,
    StatusChange: StatusChangeExport,
    Commitment: CommitmentExport,
}


# --- Imports: messages that name the column and the value ----------------------------------------


class NamedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by its slug (or id): an unknown one is "no official 'emmanuel-macron'"."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ObjectDoesNotExist, MultipleObjectsReturned, ValueError) as error:
            noun = self.model._meta.verbose_name
            raise ValueError(f"no {noun} {str(value).strip()!r}") from error


class _Worded:
    """A widget whose parse error names the value and what it should be."""

    expected = ""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)  # type: ignore[misc]
        except (ValueError, ArithmeticError) as error:
            raise ValueError(f"{value} is not {self.expected}") from error


class DateWidget(_Worded, widgets.DateWidget):
    expected = "a date (YYYY-MM-DD)"


class DateTimeWidget(_Worded, widgets.DateTimeWidget):
    expected = "a date and time (YYYY-MM-DD HH:MM)"


class DecimalWidget(_Worded, widgets.DecimalWidget):
    expected = "a number"


class IntegerWidget(_Worded, widgets.IntegerWidget):
    expected = "a whole number"


WORDED_WIDGETS = {
    "DateField": DateWidget,
    "DateTimeField": DateTimeWidget,
    "DecimalField": DecimalWidget,
    "IntegerField": IntegerWidget,
    "PositiveIntegerField": IntegerWidget,
    "PositiveSmallIntegerField": IntegerWidget,
    "SmallIntegerField": IntegerWidget,
    "BigIntegerField": IntegerWidget,
}


def import_problems(result: Result, columns: dict[str, str]) -> list[str]:
    """Each rejected line of an imported file, as the file numbers it (its header is line 1):
    "line 4, speaker: no official 'emmanuel-macron'; said_on: 2025-02-30 is not a date".
    ``columns`` maps the resource's attributes to the file's column names."""
    problems: list[tuple[int, str]] = []
    for row in result.invalid_rows:
        parts = [
            f"{columns.get(name, name)}: {' '.join(messages)}"
            for name, messages in row.field_specific_errors.items()
        ]
        parts += list(row.non_field_specific_errors)
        problems.append((row.number, "; ".join(parts)))
    for number, errors in result.row_errors():
        problems += [(number, str(error.error)) for error in errors]
    return [f"line {number + 1}, {text}" for number, text in sorted(problems)]
