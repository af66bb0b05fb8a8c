"""Exchange rates: what turns commitments in many currencies into totals in one."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from negotiations.models.base import TimeStampedModel

# The currency every rate is quoted against: the ECB's reference rates are "1 EUR = x units".
BASE_CURRENCY = "EUR"


class ExchangeRate(TimeStampedModel):
    """Units of ``currency`` for one unit of the base currency (EUR) on ``date``.

    The project ships the ECB's euro foreign exchange reference rates (fixtures/rates/); an analyst
    adds or corrects rows by import in the admin. A conversion uses the latest rate on or before
    the date it needs.
    """

    currency = models.CharField(max_length=3, help_text="ISO 4217 (USD, GBP)")
    date = models.DateField()
    rate = models.DecimalField(
        max_digits=18, decimal_places=6, help_text="Units of the currency for 1 EUR"
    )
    source = models.CharField(
        max_length=200, help_text="e.g. ECB euro foreign exchange reference rates"
    )

    class Meta:
        ordering = ["currency", "date"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="exchange_rate_unique"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$") & ~Q(currency=BASE_CURRENCY),
                name="exchange_rate_currency_iso",
                violation_error_message=(
                    "Give the currency as its ISO 4217 code, other than the base currency (EUR)."
                ),
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
        ]
        # The unique constraint's index serves "the latest rate on or before a date" (currency
        # equal, date descending).

    def __str__(self) -> str:
        return f"1 {BASE_CURRENCY} = {self.rate} {self.currency} ({self.date})"
