"""manage.py ingest PATH... : ingest .html, .txt and .json article files (or directories)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from negotiations.services.ingest import files_under, ingest_file


class Command(BaseCommand):
    help = "Ingest article files (.html, .txt, .json) or directories of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")

    def handle(self, *args, paths, **options):
        files = files_under(paths)
        if not files:
            raise CommandError("no .html, .txt or .json files found")
        counts: dict[str, int] = {}
        for path in files:
            job = ingest_file(path=path)
            counts[job.status] = counts.get(job.status, 0) + 1
            detail = job.error or ", ".join(
                f"{k}={v}" for k, v in job.result.items() if k != "tracks"
            )
            self.stdout.write(f"{path}: {job.status} (job #{job.pk}) {detail}")
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"{len(files)} files. {summary}"))
