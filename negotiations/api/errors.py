"""JSON answers for /api/ URLs that no view handled (unknown paths, crashes)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views import defaults


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None):
    if _is_api(request):
        return JsonResponse(
            {"status": 404, "code": "not_found", "detail": "No such URL.", "errors": {}},
            status=404,
        )
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest):
    if _is_api(request):
        return JsonResponse(
            {"status": 500, "code": "error", "detail": "Internal server error.", "errors": {}},
            status=500,
        )
    return defaults.server_error(request)
