"""Commitments read from analysed articles: proposed pending, moved a stage on by a later report,
corrected by a lower amount, never duplicated; an analyst's new amount is logged too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from negotiations.models import (
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    Origin,
    ReviewState,
)
from negotiations.services import record as writes
from negotiations.services.analysis import ANALYSER_VERSION, article_analyse
from negotiations.services.commitments import amounts_agree
from tests.factories import (
    ArticleFactory,
    CommitmentFactory,
    CommitmentStageFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Each report names the track twice (its keywords: "Kyiv and Washington", "security
# guarantees"), as a report on the bilateral agreement does.
TALKS = "Kyiv and Washington continue their talks on security guarantees."


def _article(text: str, day: dt.date, n: int) -> Article:
    return ArticleFactory(
        bare=True,
        title=f"Report {n}",
        canonical_url=f"https://news.example.org/commitments/{n}",
        language="en",
        text=f"{text} {TALKS} Kyiv and Washington met again on Friday.",
        published_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        source_kind=Article.SourceKind.API,
    )


def _analyse(text: str, day: dt.date, n: int) -> Article:
    article = _article(text, day, n)
    article_analyse(article=article)
    return article


def test_a_pledge_is_proposed_pending_with_its_amount_stage_and_evidence(record):
    article = _analyse(
        "The United States pledged up to $1.5 billion in military aid to Ukraine over ten years.",
        dt.date(2024, 6, 13),
        1,
    )
    commitment = Commitment.objects.get()
    assert commitment.party == record["usa"]
    assert commitment.beneficiary == record["ukraine"]
    assert commitment.track == record["track"]
    assert commitment.category == Commitment.Category.MILITARY_AID
    assert (commitment.amount, commitment.currency, commitment.amount_up_to) == (
        Decimal("1500000000"),
        "USD",
        True,
    )
    assert (commitment.period_start_year, commitment.period_end_year) == (2024, 2033)
    assert commitment.period_phrase == "over ten years"
    assert (commitment.origin, commitment.review_state) == (Origin.MACHINE, ReviewState.PENDING)
    assert commitment.analyser_version == ANALYSER_VERSION
    stage = commitment.stages.get()
    assert (stage.stage, stage.effective_date) == ("announced", dt.date(2024, 6, 13))
    assert stage.review_state == ReviewState.PENDING
    evidence = stage.evidence.get()
    assert evidence.commitment == commitment
    assert evidence.article == article
    assert evidence.excerpt.startswith("The United States pledged up to $1.5 billion")
    assert article.text[evidence.char_start : evidence.char_end] == evidence.excerpt


def test_a_later_report_adds_a_stage_to_the_same_commitment(record):
    _analyse(
        "The United States pledged $2 billion in military aid to Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    first = Commitment.objects.get()
    first.review_state = ReviewState.APPROVED
    first.save()
    later = _analyse(
        "The United States has delivered $2.05 billion in weapons to Ukraine, the Pentagon said.",
        dt.date(2024, 9, 2),
        2,
    )
    commitment = Commitment.objects.get()  # the same one: within the tolerance
    assert commitment.pk == first.pk
    assert commitment.review_state == ReviewState.APPROVED  # its review stands
    assert commitment.amount == Decimal("2000000000")  # the amount as the record holds it
    stages = {s.stage: s for s in commitment.stages.all()}
    assert set(stages) == {"announced", "delivered"}
    delivered = stages["delivered"]
    assert delivered.effective_date == dt.date(2024, 9, 2)
    assert (delivered.origin, delivered.review_state) == (Origin.MACHINE, ReviewState.PENDING)
    assert [e.article for e in delivered.evidence.all()] == [later]
    assert not CommitmentCorrection.objects.exists()


def test_re_analysis_neither_duplicates_nor_drops_an_approved_stage(record):
    article = _analyse(
        "The United States pledged $2 billion in military aid to Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    article_analyse(article=article)
    assert Commitment.objects.count() == 1
    assert CommitmentStage.objects.count() == 1
    assert Evidence.objects.filter(commitment__isnull=False).count() == 1
    Commitment.objects.update(review_state=ReviewState.APPROVED)
    CommitmentStage.objects.update(review_state=ReviewState.APPROVED)
    article_analyse(article=article)
    assert CommitmentStage.objects.get().review_state == ReviewState.APPROVED
    assert Evidence.objects.filter(commitment__isnull=False).count() == 1


def test_a_lower_amount_at_the_same_stage_is_a_correction_never_an_overwrite(record):
    _analyse(
        "The United States pledged $2 billion in military aid to Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    source = _analyse(
        "The United States pledged $1.8 billion in military aid to Ukraine, the Pentagon said.",
        dt.date(2024, 6, 20),
        2,
    )
    commitment = Commitment.objects.get()
    assert commitment.amount == Decimal("2000000000")  # untouched until an analyst applies it
    correction = commitment.corrections.get()
    assert (correction.old_amount, correction.new_amount) == (
        Decimal("2000000000"),
        Decimal("1800000000"),
    )
    assert (correction.old_currency, correction.new_currency, correction.stage) == (
        "USD",
        "USD",
        "announced",
    )
    assert correction.article == source
    assert correction.reported_on == dt.date(2024, 6, 20)
    assert correction.excerpt in source.text
    assert (correction.origin, correction.review_state) == (Origin.MACHINE, ReviewState.PENDING)

    viewer = UserFactory()
    with pytest.raises(PermissionDenied):
        writes.commitment_correction_apply(correction=correction, user=viewer)
    reviewer = UserFactory(roles=["reviewer"])
    writes.commitment_correction_apply(correction=correction, user=reviewer, note="Pentagon")
    commitment.refresh_from_db()
    correction.refresh_from_db()
    assert commitment.amount == Decimal("1800000000")
    assert correction.review_state == ReviewState.APPROVED
    assert correction.reviewed_by == reviewer


def test_another_package_of_the_same_kind_is_its_own_commitment(record):
    _analyse(
        "The United States pledged $2 billion in military aid to Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    _analyse(
        "The United States pledged a further $5 billion in military aid to Ukraine.",
        dt.date(2024, 12, 2),
        2,
    )
    amounts = sorted(Commitment.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("2000000000"), Decimal("5000000000")]
    assert not CommitmentCorrection.objects.exists()


def test_equal_amounts_in_different_years_are_two_commitments(record):
    # Constructed after the UK-Ukraine agreement's summary: two equal yearly packages.
    _analyse(
        "The United States provided $2 billion in military aid to Ukraine in 2022.",
        dt.date(2024, 6, 13),
        1,
    )
    _analyse(
        "The United States provided $2 billion in military aid to Ukraine in 2023.",
        dt.date(2024, 6, 14),
        2,
    )
    _analyse(
        "The United States delivered $2 billion in military aid to Ukraine in 2023.",
        dt.date(2024, 6, 15),
        3,
    )
    years = sorted(Commitment.objects.values_list("amount", "period_start_year", "period_end_year"))
    assert years == [
        (Decimal("2000000000"), 2022, 2022),
        (Decimal("2000000000"), 2023, 2023),
    ]
    assert CommitmentStage.objects.count() == 2  # the third report is the second's stage


def test_a_negated_stage_proposes_nothing(record):
    _analyse(
        "The United States has not delivered the $2 billion in military aid to Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    assert not Commitment.objects.exists()


def test_an_analysts_new_amount_is_logged_as_a_correction(record):
    analyst = UserFactory(roles=["analyst"])
    commitment = _curated_commitment(record, analyst)
    updated = _update_amount(commitment, analyst, Decimal("2600000000"))
    assert updated.amount == Decimal("2600000000")
    correction = updated.corrections.get()
    assert (correction.old_amount, correction.new_amount) == (
        Decimal("2500000000"),
        Decimal("2600000000"),
    )
    assert correction.origin == Origin.CURATED
    assert correction.review_state == ReviewState.PENDING  # an analyst is no reviewer


def _curated_commitment(fixture, user) -> Commitment:
    return writes.commitment_create(
        user=user,
        track=fixture["track"],
        party=fixture["usa"],
        beneficiary=fixture["ukraine"],
        category=Commitment.Category.MILITARY_AID,
        description="Military aid for 2024",
        amount=Decimal("2500000000"),
        currency="USD",
        stages=[{"stage": "announced", "effective_date": dt.date(2024, 1, 12)}],
    )


def _update_amount(commitment: Commitment, user, amount: Decimal) -> Commitment:
    return writes.commitment_update(commitment=commitment, user=user, amount=amount)


def test_amounts_agree_within_the_tolerance():
    assert amounts_agree(Decimal("7000000000"), Decimal("7100000000"))
    assert not amounts_agree(Decimal("2000000000"), Decimal("1800000000"))
    assert amounts_agree(None, Decimal("1"))


def test_a_report_of_a_curated_commitment_without_amount_moves_it_on(record):
    curated = CommitmentFactory(
        track=record["track"],
        party=record["usa"],
        # recorded for another beneficiary: still the same commitment by the record's own key
        beneficiary=PartyFactory(name="Moldova", slug="moldova"),
        category=Commitment.Category.SECURITY_GUARANTEE,
        description="Security guarantees under the G7 declaration",
    )
    CommitmentStageFactory(
        commitment=curated,
        stage="announced",
        effective_date=None,
        review_state=ReviewState.APPROVED,
    )
    _analyse(
        "The United States signed the security guarantees for Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    assert Commitment.objects.get() == curated  # the record's own key: no twin proposed
    assert set(curated.stages.values_list("stage", "review_state")) == {
        ("announced", ReviewState.APPROVED),
        ("agreed", ReviewState.PENDING),
    }


def test_a_rejected_commitment_is_not_proposed_again(record):
    _analyse(
        "The United States pledged $2 billion in military aid to Ukraine.",
        dt.date(2024, 6, 13),
        1,
    )
    Commitment.objects.update(review_state=ReviewState.REJECTED)
    _analyse(
        "The United States pledged $2 billion in military aid to Ukraine, officials said.",
        dt.date(2024, 6, 14),
        2,
    )
    assert Commitment.objects.count() == 1
    assert CommitmentStage.objects.count() == 1


def test_the_tracks_beneficiary_is_not_proposed_as_committing_what_it_receives(record):
    from negotiations.models import TrackParticipant

    TrackParticipant.objects.create(
        track=record["track"], party=record["ukraine"], role=TrackParticipant.Role.BENEFICIARY
    )
    # Ukraine receives the guarantees it signs for (its own reforms would be its commitment);
    # the other side of the agreement ("with the United States") gives them.
    _analyse(
        "Ukraine signed the agreement on security guarantees with the United States.",
        dt.date(2024, 6, 13),
        1,
    )
    assert list(Commitment.objects.values_list("party__slug", "beneficiary__slug", "category")) == [
        ("usa", "ukraine", "security_guarantee")
    ]
    _analyse(
        "The United States pledged $2 billion in military aid to Ukraine.", dt.date(2024, 6, 14), 2
    )
    assert sorted(Commitment.objects.values_list("party__slug", "category")) == [
        ("usa", "military_aid"),
        ("usa", "security_guarantee"),
    ]
