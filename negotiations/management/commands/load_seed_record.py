"""Load the curated seed record (seeds/ and fixtures/); safe to run again."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from negotiations.services.seed import (
    FIXTURES_DIR,
    SEEDS_DIR,
    SeedRecordError,
    seed_record_load,
    seed_record_read,
)


class Command(BaseCommand):
    help = (
        "Store the seed articles of seeds/ (per seeds/manifest.json) and load the curated record "
        "of fixtures/. Idempotent: rows are matched by natural identity and never deleted."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR)
        parser.add_argument("--fixtures-dir", type=Path, default=FIXTURES_DIR)
        parser.add_argument(
            "--check", action="store_true", help="Only check the record; write nothing."
        )

    def handle(self, *args, seeds_dir: Path, fixtures_dir: Path, check: bool, **options) -> None:
        try:
            if check:
                record = seed_record_read(seeds_dir=seeds_dir, fixtures_dir=fixtures_dir)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"The seed record is consistent: {len(record.articles)} articles, "
                        + ", ".join(f"{len(v)} {k}" for k, v in record.sections.items())
                    )
                )
                return
            result = seed_record_load(seeds_dir=seeds_dir, fixtures_dir=fixtures_dir)
        except SeedRecordError as exc:
            raise CommandError(str(exc)) from exc
        for line in result.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed record loaded: {result.total_created} created, "
                f"{result.total_updated} updated."
            )
        )
