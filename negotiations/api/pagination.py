"""Cursor pagination with a page size the client may choose, up to a documented maximum."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class CappedCursorPagination(CursorPagination):
    """DRF's cursor pagination; ``?page_size`` above ``API_MAX_PAGE_SIZE`` is a 400, not capped.

    A silent cap would make a client that asked for 1,000 rows believe a 500-row page was the end
    of a short list; an error that names the limit is easier to act on.
    """

    page_size_query_param = "page_size"
    ordering = "-id"

    @property
    def max_page_size(self) -> int:  # read at request time so tests can override settings
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return settings.API_PAGE_SIZE
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError(
                {self.page_size_query_param: [f"Enter a whole number, not {raw[:40]!r}."]}
            ) from None
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"page_size must be between 1 and {self.max_page_size}; got {size}."
                    ]
                }
            )
        return size

    model: type[models.Model] | None = None

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model  # the cursor's position is checked against its field
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise self._invalid() from None
        if cursor is not None and cursor.position is not None:
            self._check_position(cursor.position)
        return cursor

    def _check_position(self, position: str) -> None:
        """A position the ordering field cannot hold ("abc" for an id, a NUL byte anywhere) is
        the client's error, a 400, not a database error."""
        if "\x00" in position:
            raise self._invalid()
        name = self.ordering[0].lstrip("-") if self.ordering else ""
        try:
            field = self.model._meta.get_field(name) if self.model else None
        except FieldDoesNotExist:
            field = None  # an annotation: the database compares it
        if isinstance(field, models.Field):
            try:
                field.to_python(position)
            except DjangoValidationError:
                raise self._invalid() from None

    def _invalid(self) -> ValidationError:
        return ValidationError(
            {self.cursor_query_param: ["Invalid cursor: use the next/previous links as given."]}
        )

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        # The highest change marker on the page: the sync contract's high-water mark.
        response.data["seq"] = max((row.get("seq") or 0 for row in data), default=None)
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["seq"] = {
            "type": "integer",
            "nullable": True,
            "description": "The highest change marker (seq) among this page's rows; null when "
            "the page is empty. With ?changed_since=, keep the highest seen as your next one.",
        }
        return paginated

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
                param["description"] = (
                    f"Rows per page (default {settings.API_PAGE_SIZE}, at most "
                    f"{self.max_page_size}; a larger value is a 400)."
                )
        return params
