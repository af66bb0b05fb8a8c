from __future__ import annotations

from django.core.management.base import BaseCommand

from negotiations.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or complete the viewer, analyst and reviewer groups (idempotent)."

    def handle(self, *args, **options) -> None:
        groups = ensure_roles()
        for name, group in groups.items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
