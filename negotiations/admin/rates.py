"""Exchange rates in the admin: browse them, and add or correct rates by import (CSV/XLSX with
the columns currency, date, rate, source), with the library's dry run before anything is written.
"""

from __future__ import annotations

from django.contrib import admin

from negotiations.admin.audit import ExportAdminMixin, ImportResource, NamedErrorsImportMixin
from negotiations.models import ExchangeRate


class ExchangeRateResource(ImportResource):
    class Meta:
        model = ExchangeRate
        fields = ("currency", "date", "rate", "source")
        import_id_fields = ("currency", "date")  # a day's rate of a currency is replaced
        clean_model_instances = True  # full_clean(): the ISO code and a positive rate
        skip_unchanged = True
        report_skipped = True


@admin.register(ExchangeRate)
class ExchangeRateAdmin(NamedErrorsImportMixin, ExportAdminMixin, admin.ModelAdmin):
    list_display = ("currency", "date", "rate", "source")
    list_filter = ("currency", "source")
    search_fields = ("currency",)
    date_hierarchy = "date"
    ordering = ("currency", "-date")
    show_full_result_count = False
    readonly_fields = ("created_at", "updated_at")

    def get_import_resource_classes(self, request):
        return [ExchangeRateResource]

    def get_resource_classes(self, request=None):
        return [ExchangeRateResource]
