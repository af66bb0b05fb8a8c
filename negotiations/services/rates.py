"""Exchange rates: loading the shipped ECB reference rates (fixtures/rates/), idempotently."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from negotiations.models import ExchangeRate

RATES_FILE = Path(settings.BASE_DIR) / "fixtures" / "rates" / "ecb-eurofxref.csv"
ECB_SOURCE = "ECB euro foreign exchange reference rates"
COLUMNS = ["currency", "date", "rate"]


@dataclass(frozen=True)
class RatesLoadResult:
    read: int
    created: int


def exchange_rates_load(*, path: Path = RATES_FILE, source: str = ECB_SOURCE) -> RatesLoadResult:
    """Write the rates of a ``currency,date,rate`` CSV file (1 EUR = rate units of currency).

    Rows are found by (currency, date): loading again changes nothing, and a rate an analyst
    imported for a day the file also has is replaced by the file's (the ECB's) value. All or
    nothing: a bad line raises ``ValidationError`` naming it and writes nothing.
    """
    now = timezone.now()
    rates = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise ValidationError(f"{path.name}: the columns must be {','.join(COLUMNS)}.")
        for line, row in enumerate(reader, start=2):
            try:
                rate = ExchangeRate(
                    currency=row["currency"],
                    date=dt.date.fromisoformat(row["date"]),
                    rate=Decimal(row["rate"]),
                    source=source,
                    created_at=now,
                    updated_at=now,
                )
                rate.clean_fields()  # no queries; the table's constraints check the rest
            except (ValueError, InvalidOperation, ValidationError) as exc:
                raise ValidationError(f"{path.name}, line {line}: {exc}") from exc
            rates.append(rate)
    try:
        with transaction.atomic():
            before = ExchangeRate.objects.count()
            ExchangeRate.objects.bulk_create(
                rates,
                batch_size=2000,
                update_conflicts=True,
                unique_fields=["currency", "date"],
                update_fields=["rate", "source"],
            )
            created = ExchangeRate.objects.count() - before
    except IntegrityError as exc:  # a check constraint: not an ISO code, EUR, a rate <= 0
        raise ValidationError(f"{path.name}: {exc}") from exc
    return RatesLoadResult(read=len(rates), created=created)
