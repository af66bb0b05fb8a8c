"""One JSON error shape for every failure the API reports.

    {"status": 400, "code": "invalid", "detail": "Invalid input.", "errors": {"field": ["..."]}}

``errors`` maps field names (or ``non_field_errors``) to messages; it is empty when the error is
not about fields. Django's ValidationError (from a service's full_clean) and IntegrityError (a
constraint the database enforced) are translated here, so views never catch them.
"""

from __future__ import annotations

import logging

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change conflicts with a record that already exists."
    default_code = "conflict"


class QueryTimeout(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = (
        "The request took longer than the database allows a web request "
        "(WEB_STATEMENT_TIMEOUT); narrow it (filters, a smaller page) and try again."
    )
    default_code = "timeout"


def _statement_timeout(exc: BaseException) -> bool:
    """PostgreSQL cancelled the statement (SQLSTATE 57014: statement_timeout)."""
    return isinstance(exc, OperationalError) and (
        getattr(getattr(exc, "__cause__", None), "pgcode", None) == "57014"
    )


def _flatten(detail) -> tuple[str, dict]:
    """Split DRF's error detail into a summary message and field-level messages."""
    if isinstance(detail, dict):
        fields = {
            ("non_field_errors" if key == NON_FIELD_ERRORS else str(key)): _as_messages(value)
            for key, value in detail.items()
        }
        return "Invalid input.", fields
    if isinstance(detail, list):
        messages = _as_messages(detail)
        return (messages[0] if len(messages) == 1 else "Invalid input."), (
            {"non_field_errors": messages} if len(messages) > 1 else {}
        )
    return str(detail), {}


def _as_messages(value) -> list[str] | dict:
    if isinstance(value, dict):
        return {str(k): _as_messages(v) for k, v in value.items()}
    if isinstance(value, list):
        out: list = []
        for item in value:
            out.append(_as_messages(item) if isinstance(item, dict | list) else str(item))
        return out
    return [str(value)]


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return exc.default_code


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, IntegrityError):
        logger.info("Constraint refused a write: %s", exc)
        exc = Conflict(_constraint_message(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif _statement_timeout(exc):
        logger.warning("A web request hit the statement timeout: %s", exc)
        exc = QueryTimeout()

    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: let Django log it and answer 500

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    message, fields = _flatten(exc.detail)
    code = _code(exc)
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
    body = {"status": exc.status_code, "code": code, "detail": message, "errors": fields}
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


def _constraint_message(exc: IntegrityError) -> str:
    cause = getattr(exc, "__cause__", None)
    diag = getattr(cause, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return f"The change conflicts with an existing record (constraint {name})."
    return Conflict.default_detail
