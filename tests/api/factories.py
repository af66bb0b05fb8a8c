"""factory_boy factories for the API tests (the lead will merge them with tests/factories.py)."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentStage,
    Evidence,
    Official,
    Outlet,
    Party,
    Position,
    ReviewState,
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
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

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
    title = "Minister"
    start_date = dt.date(2022, 1, 1)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")
    language = "en"


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/a/{n}")
    text = factory.Sequence(lambda n: f"Article body number {n}. Talks continue in Kyiv.")
    language = "en"
    published_at = factory.Sequence(
        lambda n: dt.datetime(2023, 7, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=n % 300)
    )
    source_kind = Article.SourceKind.URL


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    kind = Track.Kind.BILATERAL


class TrackParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackParticipant

    track = factory.SubFactory(TrackFactory)
    party = factory.SubFactory(PartyFactory)
    role = TrackParticipant.Role.GUARANTOR


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    track = factory.SubFactory(TrackFactory)
    status = StatusChange.Status.ANNOUNCED
    effective_date = factory.Sequence(lambda n: dt.date(2023, 7, 1) + dt.timedelta(days=n))
    review_state = ReviewState.APPROVED


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    article = factory.SubFactory(ArticleFactory)
    excerpt = factory.LazyAttribute(lambda e: e.article.text[:20])


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    speaker = factory.SubFactory(OfficialFactory)
    text = factory.Sequence(lambda n: f"We will keep talking, statement {n}.")
    kind = Statement.Kind.DIRECT_QUOTE
    said_on = factory.Sequence(lambda n: dt.date(2023, 7, 1) + dt.timedelta(days=n % 300))
    review_state = ReviewState.APPROVED


class StatementTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementTrack

    statement = factory.SubFactory(StatementFactory)
    track = factory.SubFactory(TrackFactory)
    review_state = ReviewState.APPROVED


class StatementReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementReport

    statement = factory.SubFactory(StatementFactory)
    article = factory.SubFactory(ArticleFactory)
    wording = factory.LazyAttribute(lambda r: r.article.text[:25])
    kind = Statement.Kind.DIRECT_QUOTE
    review_state = ReviewState.APPROVED


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    track = factory.SubFactory(TrackFactory)
    party = factory.SubFactory(PartyFactory)
    category = Commitment.Category.MILITARY_AID
    description = "Air defence systems"
    review_state = ReviewState.APPROVED


class CommitmentStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentStage

    commitment = factory.SubFactory(CommitmentFactory)
    stage = CommitmentStage.Stage.ANNOUNCED
    effective_date = dt.date(2023, 8, 1)


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    name = factory.Sequence(lambda n: f"Variant {n}")
    official = factory.SubFactory(OfficialFactory)
    review_state = ReviewState.APPROVED
