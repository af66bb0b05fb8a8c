"""The admin site: Django's, with the analysts' workbench pages in front of its own URLs.

Installed through ``tracker.apps.TrackerAdminConfig`` (``default_site``), so
``django.contrib.admin.site`` is this site and every ``@admin.register`` lands on it. It lives
outside ``negotiations.admin``: importing that package registers models on the site, which must
exist by then.
"""

from __future__ import annotations

from django.contrib import admin


class TrackerAdminSite(admin.AdminSite):
    site_header = "Negotiation tracker"
    site_title = "Negotiation tracker"
    index_title = "Curated record and review"

    def get_urls(self) -> list:
        # Imported when the URLs are built: the workbench imports the app's admin modules.
        from negotiations.admin.workbench import workbench_urls

        return workbench_urls(self) + super().get_urls()
