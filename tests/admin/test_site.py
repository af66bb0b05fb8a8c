"""The admin site is the project's own (AdminConfig.default_site), with the workbench's pages."""

from __future__ import annotations

from django.contrib import admin
from django.urls import resolve, reverse

from negotiations.models import Statement
from tracker.admin_site import TrackerAdminSite


def test_the_default_site_is_the_trackers_and_serves_the_workbench() -> None:
    assert isinstance(admin.site, TrackerAdminSite)
    assert admin.site.is_registered(Statement)
    assert resolve(reverse("admin:workbench_review")).url_name == "workbench_review"
    assert admin.site.site_header == "Negotiation tracker"
