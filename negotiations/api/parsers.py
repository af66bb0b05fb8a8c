"""A JSON parser that refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE with a clear 400.

DRF's parsers read the request stream directly, so Django's own size check (which guards
``request.body`` and form parsing) never runs for JSON; this one enforces the same limit.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        if limit is not None and request is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise ParseError(
                    f"Request body too large: {length} bytes; the limit is {limit} bytes."
                )
        return super().parse(stream, media_type, parser_context)
