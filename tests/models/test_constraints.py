from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from negotiations.models import Alias, Article, Official, Party, Position, Statement
from tests.factories import CommitmentFactory, OfficialFactory, PartyFactory

pytestmark = pytest.mark.django_db

# The rows a test needs come from the factories; what a test is about (the model's own save
# meeting its constraints) is written with the model's API.


@pytest.fixture
def ukraine() -> Party:
    return PartyFactory(name="Ukraine", slug="ukraine", iso_code="UKR")


@pytest.fixture
def yermak() -> Official:
    return OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")


def test_alias_is_normalised_and_unique_per_target(yermak: Official) -> None:
    Alias.objects.create(name="Andriy Yermak", official=yermak)
    # Case, diacritics and spacing do not make a new variant.
    duplicate = Alias(name="  ANDRIY  yermak ", official=yermak)
    with pytest.raises(ValidationError, match="already has this name variant"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    # A real transliteration variant is a new alias of the same person.
    Alias.objects.create(name="Andrey Ermak", official=yermak)
    assert sorted(yermak.aliases.values_list("normalized", flat=True)) == [
        "andrey ermak",
        "andriy yermak",
    ]


def test_same_variant_may_name_two_targets(yermak: Official, ukraine: Party) -> None:
    Alias.objects.create(name="Ukraine", party=ukraine)
    other = OfficialFactory(full_name="Someone Ukraine", slug="someone")
    Alias.objects.create(name="Ukraine", official=other)


def test_alias_needs_exactly_one_target(yermak: Official, ukraine: Party) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="Ermak", official=yermak, party=ukraine)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="Ermak")


def test_duplicate_canonical_url_rejected() -> None:
    Article.objects.create(
        text="one", canonical_url="https://example.org/a", source_kind=Article.SourceKind.URL
    )
    duplicate = Article(
        text="two", canonical_url="https://example.org/a", source_kind=Article.SourceKind.URL
    )
    with pytest.raises(ValidationError, match="canonical"):
        duplicate.full_clean(exclude=["fingerprint"])
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    # Articles without a known URL do not collide with each other.
    Article.objects.create(text="three", source_kind=Article.SourceKind.SEED)
    Article.objects.create(text="four", source_kind=Article.SourceKind.SEED)


def test_duplicate_fingerprint_rejected_even_when_bytes_differ() -> None:
    Article.objects.create(text="Kyiv and  Washington “agreed”.", source_kind="seed")
    with pytest.raises(IntegrityError, match="fingerprint"), transaction.atomic():
        Article.objects.create(text='kyiv and Washington "agreed". ', source_kind="seed")


def test_position_dates_must_be_ordered(yermak: Official, ukraine: Party) -> None:
    import datetime as dt

    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            official=yermak,
            party=ukraine,
            title="Head of the Office of the President",
            start_date=dt.date(2020, 2, 11),
            end_date=dt.date(2019, 1, 1),
        )


def test_statement_needs_a_speaker() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.create(text="We are starting talks.", kind=Statement.Kind.DIRECT_QUOTE)


def test_a_commitment_amount_is_unique_per_first_year() -> None:
    """Equal packages of one kind in different years are two commitments; the same year, or two
    without a year, are one."""
    first = CommitmentFactory(amount=Decimal("2300000000"), currency="GBP", period_start_year=2022)
    same = {"track": first.track, "party": first.party, "beneficiary": first.beneficiary}
    CommitmentFactory(amount=first.amount, currency="GBP", period_start_year=2023, **same)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(amount=first.amount, currency="GBP", period_start_year=2022, **same)
    CommitmentFactory(amount=first.amount, currency="GBP", **same)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(amount=first.amount, currency="GBP", **same)
