"""JSON answers for /api/ URLs that no view handled (unknown paths, crashes)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views import defaults


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None):
    """A request Django refused before any view (a Host not in ALLOWED_HOSTS, a suspicious
    operation): JSON under /api/, Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            {"status": 400, "code": "bad_request", "detail": "Bad request.", "errors": {}},
            status=400,
        )
    return defaults.bad_request(request, exception)


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
