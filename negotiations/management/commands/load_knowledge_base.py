"""Load the reference knowledge base (fixtures/knowledge/); safe to run again."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from negotiations.services.seed import (
    KNOWLEDGE_DIR,
    SeedRecordError,
    knowledge_base_load,
    knowledge_base_read,
)


class Command(BaseCommand):
    help = (
        "Load the knowledge base of fixtures/knowledge/: the people who speak in the talks with "
        "their dated positions and names in every script, parties, places and the reference "
        "tracks. Idempotent: rows are matched by natural identity and never deleted."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", type=Path, default=KNOWLEDGE_DIR, dest="knowledge_dir")
        parser.add_argument("--check", action="store_true", help="Only check; write nothing.")

    def handle(self, *args, knowledge_dir: Path, check: bool, **options) -> None:
        try:
            if check:
                record = knowledge_base_read(knowledge_dir=knowledge_dir)
                counts = ", ".join(f"{len(v)} {k}" for k, v in record.sections.items() if v)
                self.stdout.write(self.style.SUCCESS(f"The knowledge base is consistent: {counts}"))
                return
            result = knowledge_base_load(knowledge_dir=knowledge_dir)
        except SeedRecordError as exc:
            raise CommandError(str(exc)) from exc
        for line in result.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Knowledge base loaded: {result.total_created} created, "
                f"{result.total_updated} updated."
            )
        )
