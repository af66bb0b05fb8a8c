"""drf-spectacular additions: the shared error shape on every operation, and what an empty query
value means."""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error response has this shape.",
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status code"},
        "code": {"type": "string", "description": "Machine-readable error code"},
        "detail": {"type": "string", "description": "What was wrong, in words"},
        "errors": {
            "type": "object",
            "description": "Field name (or non_field_errors) to its messages",
            "additionalProperties": {},
        },
    },
    "required": ["status", "code", "detail", "errors"],
}

_ERRORS = {
    "400": (
        "Invalid input: a malformed filter, ordering, page size, cursor, date or body, a body"
        " larger than DATA_UPLOAD_MAX_MEMORY_SIZE, a nested list longer than API_MAX_NESTED_ITEMS"
    ),
    "401": "Not signed in (no or bad token)",
    "403": "Signed in but not allowed",
    "404": "No such record",
    "405": "Method not allowed",
    "406": "Cannot produce the requested content type",
    "409": "Conflicts with an existing record",
    "415": "Unsupported media type",
    "429": "Too many requests; retry after the Retry-After header's seconds",
    "503": "A web request's database statement ran past WEB_STATEMENT_TIMEOUT; narrow it",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete", "head", "options"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, text in _ERRORS.items():
                responses.setdefault(
                    code, {"description": text, "content": {"application/json": {"schema": ref}}}
                )
    return result


def mark_empty_query_values(result, generator, request, public):
    """An optional query parameter sent empty (``?kind=``) is the same as one left out, on every
    operation: django-filter and DRF read a blank query value as absent. The schema says so with
    ``allowEmptyValue``, so clients and schemathesis know ``?kind=`` is valid and filters nothing.
    Required parameters (the search's ``q``) keep refusing an empty value."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result


class SchemaFormatNegotiation(DefaultContentNegotiation):
    """``/api/schema/?format=json`` (or ``yaml``) picks the schema's format. The API turns DRF's
    ``?format=`` override off globally (its exports read ``?format=csv|jsonl``), so the schema
    view reads it here."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get("format")
        return super().select_renderer(request, renderers, format_suffix or wanted or None)
