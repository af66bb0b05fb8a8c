"""Factories for the workbench tests (the record's models, with realistic defaults)."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    Evidence,
    Official,
    Origin,
    Outlet,
    Party,
    Position,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Story,
    Track,
    TrackParticipant,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"analyst{n}")
    is_staff = True
    is_superuser = True
    password = factory.django.Password("correct horse battery")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.Sequence(lambda n: f"party-{n}")
    kind = Party.Kind.STATE


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    full_name = factory.Sequence(lambda n: f"Official {n}")
    slug = factory.Sequence(lambda n: f"official-{n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    official = factory.SubFactory(OfficialFactory)
    party = factory.SubFactory(PartyFactory)
    title = "Head of the Presidential Office"
    start_date = dt.date(2020, 2, 11)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")
    country_code = "GB"
    language = "en"


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story {n}")
    first_published_at = factory.LazyFunction(timezone.now)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Talks continue, day {n}")
    text = factory.Sequence(
        lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
    )
    published_at = factory.LazyFunction(timezone.now)
    source_kind = Article.SourceKind.SEED


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    kind = Track.Kind.BILATERAL


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    speaker = factory.SubFactory(OfficialFactory)
    text = factory.Sequence(lambda n: f"The talks were productive ({n}).")
    kind = Statement.Kind.DIRECT_QUOTE
    said_on = dt.date(2025, 3, 9)
    origin = Origin.MACHINE


def report_for(statement: Statement, article: Article, wording: str, **kwargs) -> StatementReport:
    """A report whose span points at ``wording`` inside the article text."""
    start = article.text.index(wording)
    return StatementReport.objects.create(
        statement=statement,
        article=article,
        wording=wording,
        kind=statement.kind,
        char_start=start,
        char_end=start + len(wording),
        **kwargs,
    )


def evidence_for(article: Article, excerpt: str, **targets) -> Evidence:
    start = article.text.index(excerpt)
    return Evidence.objects.create(
        article=article,
        excerpt=excerpt,
        char_start=start,
        char_end=start + len(excerpt),
        **targets,
    )


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    track = factory.SubFactory(TrackFactory)
    status = StatusChange.Status.TALKS_UNDER_WAY
    effective_date = dt.date(2025, 3, 9)
    origin = Origin.MACHINE


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    track = factory.SubFactory(TrackFactory)
    party = factory.SubFactory(PartyFactory)
    category = Commitment.Category.MILITARY_AID
    description = "Air defence systems"
    origin = Origin.MACHINE


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    name = factory.Sequence(lambda n: f"Ermak {n}")
    official = factory.SubFactory(OfficialFactory)
    origin = Origin.MACHINE


class StatementTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementTrack

    statement = factory.SubFactory(StatementFactory)
    track = factory.SubFactory(TrackFactory)
    origin = Origin.MACHINE


class TrackParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackParticipant

    track = factory.SubFactory(TrackFactory)
    party = factory.SubFactory(PartyFactory)
    role = TrackParticipant.Role.GUARANTOR


def role_user(username: str, role: str):
    """A staff member (not a superuser) holding one of the roles: viewer, analyst, reviewer."""
    from negotiations.roles import ensure_roles

    user = UserFactory(username=username, is_superuser=False)
    user.groups.add(ensure_roles()[role])
    return user
