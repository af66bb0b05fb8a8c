"""Commitment totals: committed, allocated and delivered amounts per party, track and kind, in
their original currencies and in one chosen currency at the rate of each stage's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from negotiations.models import BASE_CURRENCY, Commitment, CommitmentStage, ExchangeRate
from negotiations.selectors.common import APPROVED, review_filter

Stage = CommitmentStage.Stage
# The totals, and the stages each counts: a commitment counts once in each total it reached, at
# the date of the earliest of those stages. A withdrawn commitment counts in none.
TOTALS: dict[str, tuple[str, ...]] = {
    "committed": (Stage.ANNOUNCED, Stage.AGREED),
    "allocated": (Stage.ALLOCATED,),
    "delivered": (Stage.DELIVERED,),
}
DIMENSIONS = ("party", "track", "kind")
CENT = Decimal("0.01")


@dataclass
class Total:
    """One total: the sums per original currency, and in the chosen currency (None if none was
    chosen or a rate was missing for one of its amounts; the missing ones are listed beside)."""

    original: dict[str, Decimal] = field(default_factory=dict)
    converted: Decimal | None = None
    commitments: int = 0

    def add(self, *, currency: str, amount: Decimal, converted: Decimal | None) -> None:
        self.original[currency] = self.original.get(currency, Decimal(0)) + amount
        self.commitments += 1
        if self.converted is not None:
            self.converted = None if converted is None else self.converted + converted


@dataclass
class SummaryRow:
    party: object | None
    track: object | None
    kind: str | None
    totals: dict[str, Total]


@dataclass
class MissingRate:
    commitment_id: int
    stage: str
    currency: str
    date: dt.date | None


@dataclass
class CommitmentSummary:
    currency: str | None
    group_by: tuple[str, ...]
    rows: list[SummaryRow]
    totals: dict[str, Total]
    missing_rates: list[MissingRate]
    withdrawn: int
    unquantified: int


def _rate_at(currency, date_ref) -> Subquery:
    """The latest rate of ``currency`` on or before ``date_ref`` (NULL if there is none)."""
    return Subquery(
        ExchangeRate.objects.filter(currency=currency, date__lte=date_ref)
        .order_by("-date")
        .values("rate")[:1]
    )


def _stages(*, review_state: str, currency: str | None) -> QuerySet[CommitmentStage]:
    stages = (
        CommitmentStage.objects.filter(review_filter(review_state))
        .only("id", "commitment", "stage", "effective_date")
        .order_by("effective_date", "id")
    )
    if currency is None:
        return stages
    return stages.annotate(
        from_rate=_rate_at(OuterRef("commitment__currency"), OuterRef("effective_date")),
        to_rate=_rate_at(currency, OuterRef("effective_date")),
    )


def _convert(stage: CommitmentStage, amount: Decimal, source: str, target: str) -> Decimal | None:
    """``amount`` in ``source`` as ``target`` at the stage's date; None if a rate is missing."""
    if source == target:
        return amount
    if stage.effective_date is None:
        return None
    # the rates on the stage's date, annotated by the summary's query
    from_rate = Decimal(1) if source == BASE_CURRENCY else getattr(stage, "from_rate", None)
    to_rate = Decimal(1) if target == BASE_CURRENCY else getattr(stage, "to_rate", None)
    if from_rate is None or to_rate is None:
        return None
    return (amount / from_rate * to_rate).quantize(CENT)


def commitment_summary(
    *,
    review_state: str = APPROVED,
    track_id: int | None = None,
    party_id: int | None = None,
    kind: str | None = None,
    currency: str | None = None,
    group_by: Sequence[str] = DIMENSIONS,
) -> CommitmentSummary:
    """Totals of the commitments that match (offers only: a demand is not money committed).

    The review state applies to the commitments and to their stages alike (approved ones only
    for clients that are not reviewers). Queries: two (the commitments, their stages with the
    rates annotated), whatever the number of rows.
    """
    group_by = tuple(name for name in DIMENSIONS if name in group_by)
    filters = Q(direction=Commitment.Direction.OFFER)
    if track_id is not None:
        filters &= Q(track_id=track_id)
    if party_id is not None:
        filters &= Q(party_id=party_id)
    if kind:
        filters &= Q(category=kind)
    commitments = (
        Commitment.objects.filter(review_filter(review_state), filters)
        .select_related("party", "track")
        .only(
            *("id", "party", "track", "category", "currency", "amount"),
            *("per_year", "period_start_year", "period_end_year"),
            *(f"party__{name}" for name in ("id", "slug", "name", "short_name")),
            *(f"track__{name}" for name in ("id", "slug", "name")),
        )
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=_stages(review_state=review_state, currency=currency),
                to_attr="counted_stages",
            )
        )
        .order_by("party__name", "track__name", "category", "id")
    )
    rows: dict[tuple, SummaryRow] = {}
    overall = {name: Total(converted=_zero(currency)) for name in TOTALS}
    missing: list[MissingRate] = []
    withdrawn = unquantified = 0
    for commitment in commitments:
        stages = commitment.counted_stages
        if any(stage.stage == Stage.WITHDRAWN for stage in stages):
            withdrawn += 1
            continue
        amount = commitment.total_amount()
        if amount is None:
            unquantified += 1
            continue
        key_parts: dict[str, Any] = {
            "party": commitment.party,
            "track": commitment.track,
            "kind": commitment.category,
        }
        key = tuple(getattr(key_parts[name], "pk", key_parts[name]) for name in group_by)
        row = rows.get(key)
        if row is None:
            row = rows[key] = SummaryRow(
                party=key_parts["party"] if "party" in group_by else None,
                track=key_parts["track"] if "track" in group_by else None,
                kind=key_parts["kind"] if "kind" in group_by else None,
                totals={name: Total(converted=_zero(currency)) for name in TOTALS},
            )
        for name, counted in TOTALS.items():
            reached = [stage for stage in stages if stage.stage in counted]
            if not reached:
                continue
            stage = reached[0]  # the earliest: the stages come in date order
            converted = None
            if currency is not None:
                converted = _convert(stage, amount, commitment.currency, currency)
                if converted is None:
                    missing.append(
                        MissingRate(
                            commitment_id=commitment.pk,
                            stage=stage.stage,
                            currency=(
                                commitment.currency
                                if commitment.currency != BASE_CURRENCY
                                and getattr(stage, "from_rate", None) is None
                                else currency
                            ),
                            date=stage.effective_date,
                        )
                    )
            for total in (row.totals[name], overall[name]):
                total.add(currency=commitment.currency, amount=amount, converted=converted)
    return CommitmentSummary(
        currency=currency,
        group_by=group_by,
        rows=list(rows.values()),
        totals=overall,
        missing_rates=missing,
        withdrawn=withdrawn,
        unquantified=unquantified,
    )


def _zero(currency: str | None) -> Decimal | None:
    return Decimal(0) if currency is not None else None
