"""manage.py submit_url URL... : queue URLs for fetching and analysis."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from negotiations.services.ingest import submit_url


class Command(BaseCommand):
    help = "Queue URLs for fetching and analysis; prints the job ids to poll."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+")

    def handle(self, *args, urls, **options):
        for url in urls:
            try:
                job = submit_url(url=url)
            except ValidationError as exc:
                raise CommandError(f"{url}: {'; '.join(exc.messages)}") from exc
            job.refresh_from_db()
            self.stdout.write(f"job #{job.pk}: {job.status} {job.error}".rstrip())
