from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    """django.contrib.admin with the project's site (the workbench's URLs included)."""

    default_site = "tracker.admin_site.TrackerAdminSite"
