"""Load the shipped exchange rates (fixtures/rates/); safe to run again."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from negotiations.services.rates import ECB_SOURCE, RATES_FILE, exchange_rates_load


class Command(BaseCommand):
    help = (
        "Load exchange rates from a currency,date,rate CSV file (1 EUR = rate units), by default "
        "the ECB reference rates the project ships. Idempotent: rows are found by currency and "
        "date."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=RATES_FILE)
        parser.add_argument("--source", default=ECB_SOURCE)

    def handle(self, *args, file: Path, source: str, **options) -> None:
        try:
            result = exchange_rates_load(path=file, source=source)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Exchange rates: {result.read} read, {result.created} new.")
        )
