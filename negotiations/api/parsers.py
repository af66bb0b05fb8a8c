"""A JSON parser that refuses what no client sends on purpose, with a clear 400.

- A body over DATA_UPLOAD_MAX_MEMORY_SIZE: DRF's parsers read the request stream directly, so
  Django's own size check (which guards ``request.body`` and form parsing) never runs for JSON;
  this one enforces the same limit.
- Nesting deeper than ``MAX_DEPTH`` (no resource of the API is deeper than a few levels; a
  thousand-deep array exhausted the decoder's recursion and ended in a 500).
- A number too large for a float (``1e309`` parses as infinity, which no field can store).
"""

from __future__ import annotations

import math

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 16


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
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON nested too deeply: at most {MAX_DEPTH} levels.") from None
        check_shape(data)
        return data


def check_shape(data) -> None:
    """Raise ParseError for nesting deeper than MAX_DEPTH or a non-finite number (iterative:
    the check itself never recurses)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise ParseError("JSON number out of range: numbers must be finite.")
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise ParseError(f"JSON nested too deeply: at most {MAX_DEPTH} levels.")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
