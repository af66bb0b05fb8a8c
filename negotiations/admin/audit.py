"""Audit trail and data exchange for the curated record's admins.

``CuratedAdminMixin`` adds to a ModelAdmin:
- its history (django-simple-history): every change, who made it, a diff, and revert;
- export of the changelist or of the selected rows to CSV and XLSX, and import from them with
  validation (``full_clean`` on every row) and a dry run shown before anything is written
  (django-import-export's two-step import). Imported statements, status changes and commitments
  are saved by the record's services (``admin.writes``), under the same rules as the API's and
  the admin pages' writes.

Foreign keys travel as the target's slug (an article's fingerprint) where it has one, a plain
value in the cell, so a file exported here imports into another instance whose ids differ. An
import's errors name the line, the column and the value (``exports.import_problems``). The
curated claims export for reading instead (``exports.READABLE_EXPORTS``: names, the review states
asked for, a file name that says what it holds).
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from import_export import resources
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin
from tablib import Dataset

from negotiations.admin.exports import (
    READABLE_EXPORTS,
    WORDED_WIDGETS,
    NamedForeignKeyWidget,
    ReviewStateExportForm,
    export_filename,
    export_review_states,
    import_problems,
)
from negotiations.admin.review_actions import REVIEW_ACTIONS, review_readonly
from negotiations.admin.writes import REVIEW_FIELDS, SERVICES, record_write, split_values
from negotiations.api.export import neutralise_formula
from negotiations.models import Article, Reviewable
from negotiations.permissions import can_review
from negotiations.services.merge import is_old_version, merge_survivors

_RESOURCES: dict[tuple[type, bool], type[resources.ModelResource]] = {}


def _neutralised(dataset: Dataset) -> Dataset:
    safe = Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([neutralise_formula(cell) for cell in row])
    return safe


class CSV(base_formats.CSV):
    """CSV whose text cells a spreadsheet cannot run as formulas (``neutralise_formula``)."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


class XLSX(base_formats.XLSX):
    """XLSX whose text cells are never written as formulas."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


def lookup_field(model: type) -> str:
    """How a file names a row of ``model``: its slug, an article's fingerprint, else its id."""
    if model is Article:
        return "fingerprint"
    return "slug" if any(f.name == "slug" for f in model._meta.fields) else "pk"


class ImportResource(resources.ModelResource):
    """Foreign keys by slug, and errors that name the value: "no official 'emmanuel-macron'",
    "2025-02-30 is not a date (YYYY-MM-DD)"."""

    WIDGETS_MAP = {**resources.ModelResource.WIDGETS_MAP, **WORDED_WIDGETS}

    @classmethod
    def get_fk_widget(cls, field):
        return functools.partial(NamedForeignKeyWidget, model=field.related_model)

    def get_instance(self, instance_loader, row):
        # A row's identifying columns are read first, to find the row it updates: one that does
        # not parse is a problem of its column, as the other columns' are (not a crash).
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)
        return super().get_instance(instance_loader, row)


def resource_for(model: type, *, with_review: bool = True) -> type[resources.ModelResource]:
    """A ModelResource for ``model``: validated import, foreign keys by slug, slug as identity.

    ``with_review=False`` leaves a reviewable model's review fields out: new rows then start
    pending (the model's default) and existing rows keep their review, as when a non-reviewer
    edits them in the admin.
    """
    key = (model, with_review)
    if key in _RESOURCES:
        return _RESOURCES[key]
    field_names = {f.name for f in model._meta.concrete_fields}
    identity = ["slug"] if "slug" in field_names else ["id"]
    # Kept by the record itself, never imported: timestamps and the change marker.
    exclude = ["created_at", "updated_at", "change_seq"]
    if not with_review and issubclass(model, Reviewable):
        exclude += REVIEW_FIELDS
    # Related rows by their slug (a plain value in the cell); rows without one by their id.
    # Declared for every relation, so each column stands for the related row itself.
    lookups = {
        f.name: {"field": lookup_field(f.related_model)}
        for f in [*model._meta.fields, *model._meta.many_to_many]
        if f.is_relation
    }
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "import_id_fields": identity,
            "clean_model_instances": True,  # full_clean(): constraints and clean() on each row
            "widgets": lookups,
            "skip_unchanged": True,
            "report_skipped": True,
            "exclude": exclude,
        },
    )
    base = RecordResource if model in SERVICES else ImportResource
    resource = type(f"{model.__name__}Resource", (base,), {"Meta": meta})
    _RESOURCES[key] = resource
    return resource


class RecordResource(ImportResource):
    """Imports statements, status changes and commitments through the record's services (the
    dry run too: it runs them inside the transaction the library rolls back)."""

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            # The row's own columns; many-to-many ones are the library's to save afterwards.
            columns = {field.attribute for field in self.get_import_fields()}
            names = [f.name for f in instance._meta.concrete_fields if f.name in columns]
            values = {name: getattr(instance, name) for name in names}
            fields, review = split_values(type(instance), values)
            record_write(instance, user=kwargs.get("user"), fields=fields, review=review)
        self.after_save_instance(instance, row, **kwargs)


class ExportAdminMixin(ExportActionMixin):
    """Export of the changelist or of the selected rows to CSV and XLSX: the curated claims with
    names (``READABLE_EXPORTS``); a reviewable model's rows in the review states asked for,
    approved by default; a file name that says what the file holds."""

    formats = [CSV, XLSX]

    def get_resource_classes(self, request=None):
        return [resource_for(self.model)]

    def get_export_resource_classes(self, request):
        readable = READABLE_EXPORTS.get(self.model)
        return [readable] if readable else self.get_resource_classes(request)

    def _reviewable(self) -> bool:
        return issubclass(self.model, Reviewable)

    def get_export_form_class(self):
        return ReviewStateExportForm if self._reviewable() else super().get_export_form_class()

    def get_export_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_export_resource_kwargs(request, **kwargs)
        if self.model in READABLE_EXPORTS:
            kwargs["review_states"] = export_review_states(request)
        return kwargs

    def get_export_queryset(self, request):
        queryset = super().get_export_queryset(request)
        if self._reviewable():
            queryset = queryset.filter(review_state__in=export_review_states(request))
        return queryset

    def get_export_filename(self, request, queryset, file_format):
        states = export_review_states(request) if self._reviewable() else None
        return export_filename(
            self.model, states=states, rows=queryset.count(), extension=file_format.get_extension()
        )

    def get_valid_export_item_pks(self, request):
        # The library's default lists every id in the table (and warns it is deprecated); only
        # the posted selection needs checking, against the rows this admin may show.
        wanted = [pk for pk in request.POST.getlist("export_items") if pk.isdigit()]
        return self.get_queryset(request).filter(pk__in=wanted).values_list("pk", flat=True)


class NamedErrorsImportMixin(ImportMixin):
    """Import with the library's dry run; its errors name the line, the column and the value."""

    def import_action(self, request, **kwargs):
        """The library's dry run, with each rejected line named as the file numbers it (the
        column and the value) above a preview of the rows that would import."""
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if isinstance(response, TemplateResponse) and result is not None:
            resource = self.get_import_resource_classes(request)[0]()
            columns = {f.attribute: f.column_name for f in resource.get_import_fields()}
            response.context_data["import_problems"] = import_problems(result, columns)
        return response


class CuratedAdminMixin(NamedErrorsImportMixin, ExportAdminMixin, SimpleHistoryAdmin):
    """Mix into a curated model's ModelAdmin: history with revert, CSV/XLSX export and import
    (validated, with a dry run), and for reviewable models the approve/reject actions."""

    def get_import_resource_classes(self, request):
        # Imports follow the review rule too: a file cannot approve what its importer may not.
        return [resource_for(self.model, with_review=self.has_review_permission(request))]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # An old version about to be reverted may name a row since merged away: the form would
        # show (and save) it empty. It names the merge's survivor instead, and says so.
        if obj is not None and is_old_version(obj):
            for name, survivor in merge_survivors(obj):
                if request.method == "GET":
                    label = obj._meta.get_field(name).verbose_name
                    messages.info(
                        request,
                        f"{label.capitalize()}: the row this version named was merged into "
                        f"“{survivor}”; reverting points to it.",
                    )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if issubclass(self.model, Reviewable):
            fields = review_readonly(request, self.model, fields)
        return fields

    def has_review_permission(self, request) -> bool:
        return issubclass(self.model, Reviewable) and can_review(request.user, self.model)

    def response_action(self, request, queryset):
        # A review action posted by someone without the review permission is refused outright
        # (403), not silently dropped as an unknown action.
        names = {action.__name__ for action in REVIEW_ACTIONS}
        if request.POST.get("action") in names and not self.has_review_permission(request):
            raise PermissionDenied("Approving or rejecting needs the reviewer role.")
        return super().response_action(request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if issubclass(self.model, Reviewable):
            for action in REVIEW_ACTIONS:
                if self.has_review_permission(request):
                    actions[action.__name__] = (
                        action,
                        action.__name__,
                        action.short_description,
                    )
        return actions
