"""manage.py submit_url URL... : queue URLs for fetching and analysis."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from negotiations.services.ingest import jobs_requeue_stale, submit_url


class Command(BaseCommand):
    help = (
        "Queue URLs for fetching and analysis; prints each job's id and state. Without a broker "
        "the work runs here, and retries that have come due from earlier runs run first."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+")

    def handle(self, *args, urls, **options):
        jobs_requeue_stale()  # in-process, this run is the sweep that retries what is due
        refused = 0
        for url in urls:
            try:
                job = submit_url(url=url)
            except ValidationError as exc:
                refused += 1
                self.stderr.write(f"{url}: {'; '.join(exc.messages)}")
                continue
            job.refresh_from_db()
            self.stdout.write(f"job #{job.pk}: {job.status} {job.error}".rstrip())
        if refused:
            raise CommandError(f"{refused} of {len(urls)} URLs refused (see above)")
