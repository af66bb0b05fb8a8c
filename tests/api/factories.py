"""API variants of the shared factories (tests/factories.py): dates spread from July 2023.

Only what differs from the shared factories is declared here; the rest is re-exported.
"""

from __future__ import annotations

import datetime as dt

import factory

from negotiations.models import Article, Channel, Statement
from tests import factories as f
from tests.factories import (  # noqa: F401  (re-exported for the API tests)
    OfficialFactory,
    PartyFactory,
    TrackFactory,
    TrackParticipantFactory,
    UserFactory,
)


def _day(n: int) -> dt.date:
    return dt.date(2023, 7, 1) + dt.timedelta(days=n % 300)


class PositionFactory(f.PositionFactory):
    title = "Minister"
    start_date = dt.date(2022, 1, 1)


class OutletFactory(f.OutletFactory):
    country_code = ""


class StoryFactory(f.StoryFactory):
    first_published_at = None


class ArticleFactory(f.ArticleFactory):
    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    canonical_url = ""
    url = factory.Sequence(lambda n: f"https://news.example.org/a/{n}")
    wire_outlet = None
    story = None
    text = factory.Sequence(lambda n: f"Article body number {n}. Talks continue in Kyiv.")
    published_at = factory.Sequence(
        lambda n: dt.datetime.combine(_day(n), dt.time(12), tzinfo=dt.UTC)
    )
    source_kind = Article.SourceKind.URL


class StatusChangeFactory(f.StatusChangeFactory):
    effective_date = factory.Sequence(lambda n: dt.date(2023, 7, 1) + dt.timedelta(days=n))


class EvidenceFactory(f.EvidenceFactory):
    article = factory.SubFactory(ArticleFactory)
    excerpt = factory.LazyAttribute(lambda e: e.article.text[:20])
    status_change = None


class StatementFactory(f.StatementFactory):
    speaker_party = None
    text = factory.Sequence(lambda n: f"We will keep talking, statement {n}.")
    said_on = factory.Sequence(_day)
    channel = Channel.UNKNOWN


class StatementTrackFactory(f.StatementTrackFactory):
    statement = factory.SubFactory(StatementFactory)


class StatementReportFactory(f.StatementReportFactory):
    statement = factory.SubFactory(StatementFactory)
    article = factory.SubFactory(ArticleFactory)
    wording = factory.LazyAttribute(lambda r: r.article.text[:25])
    kind = Statement.Kind.DIRECT_QUOTE


class CommitmentFactory(f.CommitmentFactory):
    beneficiary = None
    description = "Air defence systems"


class CommitmentStageFactory(f.CommitmentStageFactory):
    commitment = factory.SubFactory(CommitmentFactory)
    effective_date = dt.date(2023, 8, 1)


class AliasFactory(f.AliasFactory):
    name = factory.Sequence(lambda n: f"Variant {n}")
    language = ""
    script = ""


class CommitmentCorrectionFactory(f.CommitmentCorrectionFactory):
    commitment = factory.SubFactory(CommitmentFactory)
    reported_on = factory.Sequence(_day)
