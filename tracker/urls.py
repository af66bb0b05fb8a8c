from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import path


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness probe for load balancers and the compose health check."""
    return JsonResponse({"status": "ok"})


admin.site.site_header = "Negotiation tracker"
admin.site.site_title = "Negotiation tracker"
admin.site.index_title = "Curated record and review"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
