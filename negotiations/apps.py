from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NegotiationsConfig(AppConfig):
    name = "negotiations"
    verbose_name = "Negotiations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the tasks by name: negotiations.services.queue runs and sends them by name.
        from negotiations import tasks  # noqa: F401
        from negotiations.api import checks  # noqa: F401  (the fast path's start-up check)
        from negotiations.schedules import schedules_install
        from tracker import sqlite

        sqlite.connect()  # Unicode-aware LIKE on the embedded default (SQLite)

        # The beat schedule is declared in code and stored in the database after migrate.
        post_migrate.connect(schedules_install, sender=self, dispatch_uid="negotiations_schedules")

        from negotiations.roles import ensure_roles_after_migrate
        from negotiations.services import changes

        changes.connect()  # the change markers and withdrawals REST clients sync from

        post_migrate.connect(
            ensure_roles_after_migrate, sender=self, dispatch_uid="negotiations_roles"
        )
