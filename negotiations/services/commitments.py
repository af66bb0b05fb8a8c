"""Commitments read from an analysed article: proposed, moved a stage on, or corrected.

A sentence that reports a commitment (``negotiations.text.commitments``) becomes, in order:

1. a new stage of the commitment it reports, when the record has one of the same party, kind
   and beneficiary whose amount agrees within ``AMOUNT_TOLERANCE`` (or where either side has no
   amount): its stages move, they are never duplicated. A stage already recorded gains the
   article's words as evidence, its date as it was;
2. a correction of that commitment, when the record already has it at this stage and the report
   gives a lower amount ("a lower amount reported later"): logged with its source, pending
   review, the amount untouched;
3. otherwise a new commitment (another package of the same kind is its own commitment).

Everything the analyser writes waits for review, through the analysts' own write path
(``services.record``).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from negotiations.models import (
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    DatePrecision,
    Evidence,
    Origin,
    Party,
    ReviewState,
    Track,
    TrackParticipant,
)
from negotiations.services import record
from negotiations.text.amounts import Amount
from negotiations.text.commitments import CommitmentCandidate, find_commitments
from negotiations.text.lang import pack_for

logger = logging.getLogger(__name__)

# Two reports of one commitment may round its amount differently ("€7bn", "€7.1 billion").
AMOUNT_TOLERANCE = Decimal("0.05")

# What a track's beneficiary commits to under it (Ukraine's reforms); the rest it receives.
_OWN_KINDS = frozenset({Commitment.Category.REFORMS})

_PENDING_MACHINE = {"origin": Origin.MACHINE, "review_state": ReviewState.PENDING}


def amounts_agree(a: Decimal | None, b: Decimal | None) -> bool:
    """Whether two amounts are the same commitment's (within the tolerance); an unknown amount
    agrees with any."""
    if a is None or b is None:
        return True
    if a == b:
        return True
    return abs(a - b) <= AMOUNT_TOLERANCE * max(abs(a), abs(b))


def _years_agree(commitment: Commitment, first_year: int | None) -> bool:
    """Whether a report's year may be the commitment's: "£2.3bn in 2022" and "another £2.3bn
    in 2023" are two commitments; a report or a record without a year agrees with any."""
    start = commitment.period_start_year
    return first_year is None or start is None or start == first_year


def _amount_fields(amount: Amount | None, published: dt.date | None) -> dict:
    if amount is None:
        return {}
    first, last = amount.first_year, amount.last_year
    if first is None and amount.years and published is not None:
        first, last = published.year, published.year + amount.years - 1
    return {
        "amount": amount.value,
        "amount_low": amount.low,
        "amount_up_to": amount.up_to,
        "currency": amount.currency,
        "per_year": amount.per_year,
        "period_start_year": first,
        "period_end_year": last,
        "period_phrase": amount.period_phrase[:100],
    }


def _beneficiary_of(track_id: int) -> int | None:
    """The track's beneficiary; for a track that names none (a peace process), the one party
    the record's tracks benefit, when there is exactly one (Ukraine)."""
    beneficiaries = TrackParticipant.objects.filter(role=TrackParticipant.Role.BENEFICIARY)
    own = beneficiaries.filter(track_id=track_id).values_list("party_id", flat=True).first()
    if own is not None:
        return own
    every = set(beneficiaries.order_by().values_list("party_id", flat=True).distinct()[:2])
    return every.pop() if len(every) == 1 else None


def _same(candidate: CommitmentCandidate, party: int, beneficiary: int | None):
    """The record's commitments of this party and kind (to this beneficiary, or to none named),
    not rejected, latest first."""
    return (
        Commitment.objects.filter(
            party_id=party,
            category=candidate.kind,
            direction=Commitment.Direction.OFFER,
        )
        .filter(Q(beneficiary_id=beneficiary) | Q(beneficiary__isnull=True))
        .exclude(review_state=ReviewState.REJECTED)
        .prefetch_related("stages")
        .order_by("-updated_at", "-id")
    )


def _record_twin(
    track_id: int,
    candidate: CommitmentCandidate,
    party: int,
    value,
    currency: str,
    first_year: int | None,
):
    """The commitment the record's unique key makes this one (same track, party, kind, amount
    and first year, or both without an amount), whatever its beneficiary or review."""
    same = Commitment.objects.filter(
        track_id=track_id,
        party_id=party,
        category=candidate.kind,
        direction=Commitment.Direction.OFFER,
    )
    if value is None:
        return same.filter(amount__isnull=True).first()
    return same.filter(amount=value, currency=currency, period_start_year=first_year).first()


def commitment_from_candidate(
    *,
    article: Article,
    candidate: CommitmentCandidate,
    track_id: int,
    analyser_version: str,
) -> Commitment | CommitmentCorrection | None:
    """Write one candidate: a stage of the commitment it reports, a correction, or a new
    commitment (see the module's docstring). Returns what was written (None: nothing, the
    record's twin of it was rejected)."""
    party = candidate.party
    if party is None:
        return None  # no party, no commitment (commitments_propose skips these)
    published = article.published_at.date() if article.published_at else None
    beneficiary = candidate.beneficiary or _beneficiary_of(track_id)
    amount = candidate.amount
    value = amount.value if amount is not None else None
    currency = amount.currency if amount is not None else ""
    evidence: dict[str, Any] = {
        "article": article,
        "excerpt": candidate.text,
        "char_start": candidate.start,
        "char_end": candidate.end,
    }
    amount_fields = _amount_fields(amount, published)
    first_year = amount_fields.get("period_start_year")
    known = [c for c in _same(candidate, party, beneficiary) if _years_agree(c, first_year)]
    for commitment in known:
        if value is not None and commitment.amount is not None and commitment.currency != currency:
            continue
        if amounts_agree(commitment.amount, value):
            record.commitment_stage_propose(
                commitment=commitment,
                stage=candidate.stage,
                effective_date=published,
                date_precision=DatePrecision.DAY,
                evidence=evidence,
                analyser_version=analyser_version,
            )
            return commitment
    for commitment in known:
        at_stage = any(s.stage == candidate.stage for s in commitment.stages.all())
        lower = (
            value is not None
            and commitment.amount is not None
            and commitment.currency == currency
            and value < commitment.amount
        )
        if at_stage and lower:
            return record.commitment_correction_record(
                commitment=commitment,
                stage=candidate.stage,
                new_amount=value,
                new_currency=currency,
                reported_on=published,
                note=f"Reported by the analyser: {candidate.reason}",
                analyser_version=analyser_version,
                **evidence,
            )
    twin = _record_twin(track_id, candidate, party, value, currency, first_year)
    if twin is not None:
        if twin.review_state == ReviewState.REJECTED:
            return None  # an analyst rejected this commitment: not proposed again
        record.commitment_stage_propose(
            commitment=twin,
            stage=candidate.stage,
            effective_date=published,
            date_precision=DatePrecision.DAY,
            evidence=evidence,
            analyser_version=analyser_version,
        )
        return twin
    return record.commitment_create(
        user=None,
        track=Track.objects.get(pk=track_id),
        party=Party.objects.get(pk=party),
        beneficiary=Party.objects.get(pk=beneficiary) if beneficiary else None,
        category=candidate.kind,
        direction=Commitment.Direction.OFFER,
        description=candidate.text[:1000],
        **amount_fields,
        stages=[
            {
                "stage": candidate.stage,
                "effective_date": published,
                "date_precision": DatePrecision.DAY,
                "evidence": [evidence],
            }
        ],
        analyser_version=analyser_version,
    )


def commitments_propose(
    *,
    article: Article,
    mentions,
    parties_of,
    matcher,
    article_tracks: list[int],
    analyser_version: str,
) -> list[Commitment | CommitmentCorrection]:
    """Propose the commitments the article reports (one per sentence), each under the track
    its sentence names (the article's first otherwise); nothing for an article without a
    track: a commitment belongs to one."""
    if not article_tracks:
        return []
    pack = pack_for(article.language)
    day = article.published_at.date() if article.published_at else None
    written = []
    for candidate in find_commitments(article.text, pack, mentions, parties_of, day):
        if candidate.party is None or candidate.party == candidate.beneficiary:
            continue  # who commits is not named (or only who receives is)
        track_id = matcher.best(candidate.text, pack.code, among=article_tracks)
        track_id = track_id or article_tracks[0]
        if candidate.party == _beneficiary_of(track_id) and candidate.kind not in _OWN_KINDS:
            # The track's beneficiary receives its guarantees and aid ("Zelensky said the
            # declaration offers guarantees"): what it commits itself are its reforms.
            continue
        try:
            with transaction.atomic():  # a proposal the record refuses never fails the article
                item = commitment_from_candidate(
                    article=article,
                    candidate=candidate,
                    track_id=track_id,
                    analyser_version=analyser_version,
                )
        except (ValidationError, IntegrityError) as exc:
            logger.warning(
                "commitment not proposed from article %s (%s): %s", article.pk, candidate.text, exc
            )
            continue
        if item is not None:
            written.append(item)
    return written


def article_commitments_clear(*, article: Article) -> None:
    """Remove this article's pending machine output about commitments: its corrections, the
    evidence it gave, and the stages and commitments left without evidence."""
    CommitmentCorrection.objects.filter(article=article, **_PENDING_MACHINE).delete()
    evidence = Evidence.objects.filter(article=article, commitment__isnull=False).filter(
        Q(
            commitment_stage__origin=Origin.MACHINE,
            commitment_stage__review_state=ReviewState.PENDING,
        )
        | Q(commitment__origin=Origin.MACHINE, commitment__review_state=ReviewState.PENDING)
    )
    stage_ids = set(evidence.values_list("commitment_stage_id", flat=True)) - {None}
    commitment_ids = set(evidence.values_list("commitment_id", flat=True))
    evidence.delete()
    CommitmentStage.objects.filter(
        pk__in=stage_ids, evidence__isnull=True, **_PENDING_MACHINE
    ).delete()
    Commitment.objects.filter(
        pk__in=commitment_ids, evidence__isnull=True, corrections__isnull=True, **_PENDING_MACHINE
    ).delete()
