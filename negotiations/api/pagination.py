"""Cursor pagination with a page size the client may choose, up to a documented maximum."""

from __future__ import annotations

from django.conf import settings
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

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the next/previous links as given."]}
            ) from None

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
