"""Exports an analyst can read, and imports whose errors an analyst can act on.

- The curated claims (statements, status changes, commitments) export with names, not ids or
  keys: the speaker's name, the party, the position's title, the tracks' names, each report's
  outlet and link, the evidence's outlet, date and words (``READABLE_EXPORTS``). Only the rows
  and child rows in the review states the analyst asks for are exported, approved by default
  (``export_review_states``), in a file whose name says what it holds (``export_filename``).
- An import's problems are named as the file numbers its lines, with the column and the value:
  "line 4, speaker: no official 'emmanuel-macron'; said_on: 2025-02-30 is not a date"
  (``import_problems``; the widgets below word the messages).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from import_export import fields, resources, widgets
from import_export.forms import SelectableFieldsExportForm
from import_export.results import Result

from negotiations.models import (
    Commitment,
    CommitmentStage,
    Evidence,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
)

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


def _evidence_lines(items: Iterable[Evidence]) -> str:
    return "\n".join(
        f"{_outlet(e.article)}, {_published(e.article)}: “{e.excerpt}” {_link(e.article)}"
        for e in items
    )


def _published(article) -> str:
    return article.published_at.date().isoformat() if article.published_at else "undated"


def _text(value) -> fields.Field:
    """A column computed by the resource's ``dehydrate_<name>``."""
    return fields.Field(column_name=value, readonly=True)


class ReadableResource(resources.ModelResource):
    """An export for reading: names instead of ids, labels instead of codes, and only the child
    rows in the review states asked for (``review_states``)."""

    review_state = _text("review_state")
    reviewed_by = _text("reviewed_by")

    def __init__(self, review_states: Iterable[str] = (ReviewState.APPROVED,), **kwargs) -> None:
        super().__init__(**kwargs)
        self.review_states = list(review_states)

    def dehydrate_review_state(self, obj) -> str:
        return obj.get_review_state_display()

    def dehydrate_reviewed_by(self, obj) -> str:
        return obj.reviewed_by.get_username() if obj.reviewed_by else ""

    def _children(self, model: type) -> QuerySet:
        return model.objects.filter(review_state__in=self.review_states)


_EVIDENCE = Prefetch(
    "evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("id")
)


class StatementExport(ReadableResource):
    speaker = _text("speaker")
    party = _text("party")
    position = _text("position")
    kind = _text("kind")
    said_precision = _text("said_precision")
    channel = _text("channel")
    tracks = _text("tracks")
    outlets = _text("outlets")
    reports = _text("reports")

    class Meta:
        model = Statement
        fields = export_order = (
            "id",
            "said_on",
            "said_precision",
            "said_phrase",
            "speaker",
            "party",
            "position",
            "text",
            "kind",
            "channel",
            "channel_detail",
            "tracks",
            "outlets",
            "reports",
            "review_state",
            "reviewed_by",
            "reviewed_at",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "speaker", "speaker_party", "speaker_position__party", "reviewed_by"
        ).prefetch_related(
            Prefetch(
                "reports",
                queryset=self._children(StatementReport)
                .select_related("article__outlet")
                .order_by("id"),
                to_attr="exported_reports",
            ),
            Prefetch(
                "track_links",
                queryset=self._children(StatementTrack).select_related("track").order_by("id"),
                to_attr="exported_links",
            ),
        )

    def dehydrate_speaker(self, s: Statement) -> str:
        return s.speaker.full_name if s.speaker else s.speaker_description

    def dehydrate_party(self, s: Statement) -> str:
        party = s.speaker_party or (s.speaker_position.party if s.speaker_position else None)
        return party.name if party else ""

    def dehydrate_position(self, s: Statement) -> str:
        return s.speaker_position.title if s.speaker_position else ""

    def dehydrate_kind(self, s: Statement) -> str:
        return s.get_kind_display()

    def dehydrate_said_precision(self, s: Statement) -> str:
        return s.get_said_precision_display()

    def dehydrate_channel(self, s: Statement) -> str:
        return s.get_channel_display()

    def dehydrate_tracks(self, s: Statement) -> str:
        return "; ".join(link.track.name for link in s.exported_links)

    def dehydrate_outlets(self, s: Statement) -> str:
        return "; ".join(dict.fromkeys(_outlet(r.article) for r in s.exported_reports))

    def dehydrate_reports(self, s: Statement) -> str:
        return "\n".join(
            f"{_outlet(r.article)}, {_published(r.article)}: {_link(r.article)}"
            for r in s.exported_reports
        )


class StatusChangeExport(ReadableResource):
    track = _text("track")
    status = _text("status")
    date_precision = _text("date_precision")
    outlets = _text("outlets")
    evidence = _text("evidence")

    class Meta:
        model = StatusChange
        fields = export_order = (
            "id",
            "track",
            "status",
            "effective_date",
            "date_precision",
            "date_phrase",
            "summary",
            "outlets",
            "evidence",
            "review_state",
            "reviewed_by",
            "reviewed_at",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("track", "reviewed_by").prefetch_related(_EVIDENCE)

    def dehydrate_track(self, c: StatusChange) -> str:
        return c.track.name

    def dehydrate_status(self, c: StatusChange) -> str:
        return c.get_status_display()

    def dehydrate_date_precision(self, c: StatusChange) -> str:
        return c.get_date_precision_display()

    def dehydrate_outlets(self, c: StatusChange) -> str:
        return "; ".join(dict.fromkeys(_outlet(e.article) for e in c.evidence.all()))

    def dehydrate_evidence(self, c: StatusChange) -> str:
        return _evidence_lines(c.evidence.all())


class CommitmentExport(ReadableResource):
    track = _text("track")
    party = _text("party")
    beneficiary = _text("beneficiary")
    category = _text("category")
    direction = _text("direction")
    stages = _text("stages")
    outlets = _text("outlets")
    evidence = _text("evidence")

    class Meta:
        model = Commitment
        fields = export_order = (
            "id",
            "track",
            "party",
            "beneficiary",
            "category",
            "direction",
            "description",
            "amount",
            "amount_low",
            "amount_up_to",
            "currency",
            "per_year",
            "period_start_year",
            "period_end_year",
            "stages",
            "outlets",
            "evidence",
            "review_state",
            "reviewed_by",
            "reviewed_at",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "track", "party", "beneficiary", "reviewed_by"
        ).prefetch_related(
            _EVIDENCE,
            Prefetch(
                "stages",
                queryset=self._children(CommitmentStage).order_by("effective_date", "id"),
                to_attr="exported_stages",
            ),
        )

    def dehydrate_track(self, c: Commitment) -> str:
        return c.track.name

    def dehydrate_party(self, c: Commitment) -> str:
        return c.party.name

    def dehydrate_beneficiary(self, c: Commitment) -> str:
        return c.beneficiary.name if c.beneficiary else ""

    def dehydrate_category(self, c: Commitment) -> str:
        return c.get_category_display()

    def dehydrate_direction(self, c: Commitment) -> str:
        return c.get_direction_display()

    def dehydrate_stages(self, c: Commitment) -> str:
        return "; ".join(
            f"{s.get_stage_display()} {s.effective_date or 'undated'}" for s in c.exported_stages
        )

    def dehydrate_outlets(self, c: Commitment) -> str:
        return "; ".join(dict.fromkeys(_outlet(e.article) for e in c.evidence.all()))

    def dehydrate_evidence(self, c: Commitment) -> str:
        return _evidence_lines(c.evidence.all())


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
