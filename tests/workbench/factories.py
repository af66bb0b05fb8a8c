"""Workbench variants of the shared factories (tests/factories.py): machine output, pending review.

Only what differs from the shared factories is declared here; the rest is re-exported.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from negotiations.models import Article, Channel, Origin, ReviewState, StatusChange
from tests import factories as f
from tests.factories import (  # noqa: F401  (re-exported for the workbench tests)
    OfficialFactory,
    TrackFactory,
    TrackParticipantFactory,
    evidence_for,
    report_for,
)
from tests.factories import SuperuserFactory as UserFactory


class PartyFactory(f.PartyFactory):
    class Meta:
        django_get_or_create = ("name",)


class PositionFactory(f.PositionFactory):
    title = "Head of the Presidential Office"
    start_date = dt.date(2020, 2, 11)


class OutletFactory(f.OutletFactory):
    class Meta:
        django_get_or_create = ("name",)


class StoryFactory(f.StoryFactory):
    first_published_at = factory.LazyFunction(timezone.now)


class ArticleFactory(f.ArticleFactory):
    title = factory.Sequence(lambda n: f"Talks continue, day {n}")
    canonical_url = ""
    url = ""
    wire_outlet = None
    story = None
    language = ""
    text = factory.Sequence(
        lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
    )
    published_at = factory.LazyFunction(timezone.now)
    source_kind = Article.SourceKind.SEED


class StatementFactory(f.StatementFactory):
    speaker_party = None
    text = factory.Sequence(lambda n: f"The talks were productive ({n}).")
    said_on = dt.date(2025, 3, 9)
    channel = Channel.UNKNOWN
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class StatusChangeFactory(f.StatusChangeFactory):
    status = StatusChange.Status.TALKS_UNDER_WAY
    effective_date = dt.date(2025, 3, 9)
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class CommitmentFactory(f.CommitmentFactory):
    beneficiary = None
    description = "Air defence systems"
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class AliasFactory(f.AliasFactory):
    name = factory.Sequence(lambda n: f"Ermak {n}")
    language = ""
    script = ""
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class StatementTrackFactory(f.StatementTrackFactory):
    statement = factory.SubFactory(StatementFactory)
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class StatementReportFactory(f.StatementReportFactory):
    statement = factory.SubFactory(StatementFactory)
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class CommitmentStageFactory(f.CommitmentStageFactory):
    commitment = factory.SubFactory(CommitmentFactory)
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


class CommitmentCorrectionFactory(f.CommitmentCorrectionFactory):
    commitment = factory.SubFactory(CommitmentFactory)
    origin = Origin.MACHINE
    review_state = ReviewState.PENDING


def role_user(username: str, role: str):
    """A staff member (not a superuser) holding one of the roles: viewer, analyst, reviewer."""
    from negotiations.roles import ensure_roles

    user = UserFactory(username=username, is_superuser=False)
    user.groups.add(ensure_roles()[role])
    return user
