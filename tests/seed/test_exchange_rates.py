"""The shipped ECB reference rates and their loader."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from negotiations.models import ExchangeRate
from negotiations.services.rates import COLUMNS, ECB_SOURCE, RATES_FILE, exchange_rates_load

SHIPPED = ["USD", "GBP", "JPY", "CAD", "CHF", "PLN", "SEK", "NOK", "DKK", "CZK"]


def test_the_shipped_file_covers_2022_to_2026_for_each_currency() -> None:
    with RATES_FILE.open(newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        days: dict[str, list[str]] = {}
        for row in reader:
            days.setdefault(row["currency"], []).append(row["date"])
            assert Decimal(row["rate"]) > 0
    for currency in SHIPPED:
        assert min(days[currency]) == "2022-01-03", currency  # the first TARGET day of 2022
        assert max(days[currency]) >= "2026-10-30", currency
    assert "UAH" not in days  # the ECB publishes no reference rate for the hryvnia


@pytest.mark.django_db
def test_load_is_idempotent_and_all_or_nothing(tmp_path) -> None:
    good = tmp_path / "rates.csv"
    good.write_text("currency,date,rate\nUSD,2024-02-12,1.0773\nGBP,2024-02-12,0.85391\n")
    assert exchange_rates_load(path=good).created == 2
    assert exchange_rates_load(path=good).created == 0
    rate = ExchangeRate.objects.get(currency="USD", date=dt.date(2024, 2, 12))
    assert (rate.rate, rate.source) == (Decimal("1.0773"), ECB_SOURCE)

    bad = tmp_path / "bad.csv"
    bad.write_text("currency,date,rate\nJPY,2024-02-12,160.5\nEUR,2024-02-12,1\n")
    with pytest.raises(ValidationError):
        exchange_rates_load(path=bad)
    assert not ExchangeRate.objects.filter(currency="JPY").exists()
    bad.write_text("currency,date,rate\nJPY,12/02/2024,160.5\n")
    with pytest.raises(ValidationError, match="line 2"):
        exchange_rates_load(path=bad)
