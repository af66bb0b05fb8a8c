"""factory_boy factories for every model of ``negotiations.models`` (and users, API tokens): the
one way tests build the rows they need. A test that needs other values passes them, or a trait
(``ArticleFactory(bare=True)``); a seed load is for tests about the seed; ``objects.create`` is
for tests whose subject is the model's own save (``tests/models``).

Names carry a zero-padded sequence number ("Party 00012") so that a search for one row's name
never matches another row. Nullable relations that list pages show (an article's wire outlet and
story, a statement's party, a place's party...) are filled, so that a missing ``select_related``
shows up as extra queries in the tests. Reviewable rows are approved (curated) unless told
otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from negotiations import models as m
from negotiations.roles import ensure_roles

# Every article body contains this sentence, so reports and evidence can quote it verbatim.
QUOTE = "Officials said talks on security guarantees would continue next week."


def _machine(**parent) -> factory.Trait:
    """``machine=True``: the analyser's output waiting for review (machine-made, pending); a
    child's ``parent`` (``statement__machine=True``) is made so too."""
    return factory.Trait(origin=m.Origin.MACHINE, review_state=m.ReviewState.PENDING, **parent)


class ReviewableFactory(factory.django.DjangoModelFactory):
    """A row that passes through review: as its factory declares it or, with ``machine=True``,
    the analyser's output waiting for review."""

    class Meta:
        abstract = True

    class Params:
        machine = _machine()


def _day(n: int) -> dt.date:
    # Spread rows over several years so date hierarchies and date filters have something to do.
    return dt.date(2022, 1, 1) + dt.timedelta(days=41 * n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n:05d}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a-long-test-password-42")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=[ANALYST])`` puts the user in those role groups (made again if a
        transactional test flushed them)."""
        for name in extracted or ():
            self.groups.add(ensure_roles()[name])


class SuperuserFactory(UserFactory):
    """A staff superuser; asking twice for one username returns the same user."""

    class Meta:
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"analyst{n}")
    email = ""
    is_staff = True
    is_superuser = True
    password = factory.django.Password("correct horse battery")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Party
        django_get_or_create = ("name",)  # asking twice for one name gives the one row

    name = factory.Sequence(lambda n: f"Party {n:05d}")
    slug = factory.Sequence(lambda n: f"party-{n:05d}")
    kind = m.Party.Kind.STATE


class CoalitionFactory(PartyFactory):
    name = factory.Sequence(lambda n: f"Coalition {n:05d}")
    slug = factory.Sequence(lambda n: f"coalition-{n:05d}")
    kind = m.Party.Kind.COALITION


class PartyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PartyMembership

    group = factory.SubFactory(CoalitionFactory)
    member = factory.SubFactory(PartyFactory)
    joined_on = factory.Sequence(_day)


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Official

    full_name = factory.Sequence(lambda n: f"Official {n:05d}")
    slug = factory.Sequence(lambda n: f"official-{n:05d}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Position

    official = factory.SubFactory(OfficialFactory)
    party = factory.SubFactory(PartyFactory)
    title = factory.Sequence(lambda n: f"Minister {n:05d}")
    start_date = factory.Sequence(_day)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Place

    name = factory.Sequence(lambda n: f"Place {n:05d}")
    slug = factory.Sequence(lambda n: f"place-{n:05d}")
    party = factory.SubFactory(PartyFactory)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Outlet
        django_get_or_create = ("name",)  # asking twice for one name gives the one row

    name = factory.Sequence(lambda n: f"Outlet {n:05d}")
    slug = factory.Sequence(lambda n: f"outlet-{n:05d}")
    country_code = "GB"
    language = "en"


class OutletDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.OutletDomain

    outlet = factory.SubFactory(OutletFactory)
    domain = factory.Sequence(lambda n: f"outlet{n:05d}.example.org")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Story

    title = factory.Sequence(lambda n: f"Story {n:05d}")
    first_published_at = factory.Sequence(
        lambda n: dt.datetime.combine(_day(n), dt.time(9), tzinfo=dt.UTC)
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    """A feed article with its outlet, wire outlet and story; ``bare=True`` gives a row with
    only what is passed (no outlet, wire, story, title, URLs, language or date), as an upload,
    a seed file or a submitted text starts."""

    class Meta:
        model = m.Article

    class Params:
        bare = factory.Trait(
            title="",
            canonical_url="",
            url="",
            outlet=None,
            wire_outlet=None,
            story=None,
            published_at=None,
            language="",
        )

    title = factory.Sequence(lambda n: f"Article {n:05d}")
    canonical_url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n:05d}")
    url = factory.LazyAttribute(lambda o: f"{o.canonical_url}?utm_source=feed")
    outlet = factory.SubFactory(OutletFactory)
    wire_outlet = factory.SubFactory(OutletFactory, kind=m.Outlet.Kind.AGENCY)
    story = factory.SubFactory(StoryFactory)
    published_at = factory.Sequence(
        lambda n: dt.datetime.combine(_day(n), dt.time(12), tzinfo=dt.UTC)
    )
    language = "en"
    text = factory.Sequence(lambda n: f"Body of article {n:05d}. {QUOTE} More text follows.")
    source_kind = m.Article.SourceKind.FEED


class AliasFactory(ReviewableFactory):
    """An alias of an official by default; pass ``party=`` or ``place=`` with ``official=None``."""

    class Meta:
        model = m.Alias
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Alias {n:05d}")
    official = factory.SubFactory(OfficialFactory)
    language = "en"
    script = "Latn"
    review_state = m.ReviewState.APPROVED

    @factory.post_generation
    def outlets(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.outlets.add(*extracted)


class OfficialProposalFactory(factory.django.DjangoModelFactory):
    """A machine's pending proposal of a new official (approving one needs the service, which
    creates the official). ``articles=[...]`` and ``statements=[...]`` attach sightings."""

    class Meta:
        model = m.OfficialProposal
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Newcomer {n:05d}")
    role = factory.Sequence(lambda n: f"Deputy minister {n:05d}")
    party = factory.SubFactory(PartyFactory)
    origin = m.Origin.MACHINE
    review_state = m.ReviewState.PENDING
    analyser_version = "test"

    @factory.post_generation
    def articles(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.articles.add(*extracted)

    @factory.post_generation
    def statements(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.statements.add(*extracted)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Track

    class Params:
        with_parent = factory.Trait(
            parent=factory.SubFactory("tests.factories.TrackFactory", kind=m.Track.Kind.FRAMEWORK)
        )

    name = factory.Sequence(lambda n: f"Track {n:05d}")
    slug = factory.Sequence(lambda n: f"track-{n:05d}")
    kind = m.Track.Kind.BILATERAL


class TrackProposalFactory(factory.django.DjangoModelFactory):
    """A machine's pending proposal of a new track under a framework (approving one needs the
    service, which creates the track). ``articles=[...]`` attaches the articles."""

    class Meta:
        model = m.TrackProposal
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Proposed agreement {n:05d}")
    kind = m.Track.Kind.BILATERAL
    parent = factory.SubFactory(TrackFactory, kind=m.Track.Kind.FRAMEWORK)
    partner = factory.SubFactory(PartyFactory)
    evidence = factory.Sequence(lambda n: f"Sentence {n:05d} describing a new security agreement.")
    origin = m.Origin.MACHINE
    review_state = m.ReviewState.PENDING
    analyser_version = "test"

    @factory.post_generation
    def articles(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.articles.add(*extracted)


class TrackParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrackParticipant

    track = factory.SubFactory(TrackFactory)
    party = factory.SubFactory(PartyFactory)
    role = m.TrackParticipant.Role.GUARANTOR


class StatusChangeFactory(ReviewableFactory):
    class Meta:
        model = m.StatusChange

    track = factory.SubFactory(TrackFactory)
    status = m.StatusChange.Status.ANNOUNCED
    effective_date = factory.Sequence(_day)
    review_state = m.ReviewState.APPROVED


class StatementFactory(ReviewableFactory):
    class Meta:
        model = m.Statement

    speaker = factory.SubFactory(OfficialFactory)
    speaker_party = factory.SubFactory(PartyFactory)
    text = factory.Sequence(lambda n: f"Statement {n:05d}: the guarantees must be binding.")
    kind = m.Statement.Kind.DIRECT_QUOTE
    said_on = factory.Sequence(_day)
    channel = m.Channel.INTERVIEW
    review_state = m.ReviewState.APPROVED


class StatementTrackFactory(ReviewableFactory):
    class Meta:
        model = m.StatementTrack

    class Params:
        machine = _machine(statement__machine=True)

    statement = factory.SubFactory(StatementFactory)
    track = factory.SubFactory(TrackFactory)
    review_state = m.ReviewState.APPROVED


class StatementReportFactory(ReviewableFactory):
    class Meta:
        model = m.StatementReport

    class Params:
        machine = _machine(statement__machine=True)

    statement = factory.SubFactory(StatementFactory)
    article = factory.SubFactory(ArticleFactory)
    wording = QUOTE
    kind = m.Statement.Kind.PARAPHRASE
    review_state = m.ReviewState.APPROVED


class CommitmentFactory(ReviewableFactory):
    class Meta:
        model = m.Commitment

    track = factory.SubFactory(TrackFactory)
    party = factory.SubFactory(PartyFactory)
    beneficiary = factory.SubFactory(PartyFactory)
    category = m.Commitment.Category.MILITARY_AID
    description = factory.Sequence(lambda n: f"Commitment {n:05d}: air defence systems")
    review_state = m.ReviewState.APPROVED


class CommitmentStageFactory(ReviewableFactory):
    class Meta:
        model = m.CommitmentStage

    class Params:
        machine = _machine(commitment__machine=True)

    commitment = factory.SubFactory(CommitmentFactory)
    stage = m.CommitmentStage.Stage.ANNOUNCED
    effective_date = factory.Sequence(_day)


class CommitmentCorrectionFactory(ReviewableFactory):
    class Meta:
        model = m.CommitmentCorrection

    class Params:
        machine = _machine(commitment__machine=True)

    commitment = factory.SubFactory(CommitmentFactory, amount=Decimal("2000000000"), currency="EUR")
    stage = m.CommitmentStage.Stage.ANNOUNCED
    old_amount = Decimal("2000000000")
    old_currency = "EUR"
    new_amount = Decimal("1800000000")
    new_currency = "EUR"
    reported_on = factory.Sequence(_day)
    note = "A lower amount reported later"


class EvidenceFactory(factory.django.DjangoModelFactory):
    """Evidence for a status change by default; ``for_commitment=True`` targets a commitment."""

    class Meta:
        model = m.Evidence

    class Params:
        for_commitment = factory.Trait(
            status_change=None, commitment=factory.SubFactory(CommitmentFactory)
        )

    article = factory.SubFactory(ArticleFactory)
    excerpt = QUOTE
    commitment = None
    # Evidence supports one record: a status change unless a commitment is given.
    status_change = factory.Maybe(
        "commitment", yes_declaration=None, no_declaration=factory.SubFactory(StatusChangeFactory)
    )


class FeedFactory(factory.django.DjangoModelFactory):
    """A followed feed; no outlet unless given (the poller then names the outlet from the feed)."""

    class Meta:
        model = m.Feed

    url = factory.Sequence(lambda n: f"https://feeds.example.org/{n:05d}.xml")


class IngestionJobFactory(factory.django.DjangoModelFactory):
    """A queued job for one URL (``kind="feed_entry", feed=...`` for a feed's entry)."""

    class Meta:
        model = m.IngestionJob

    kind = m.IngestionJob.Kind.URL
    url = factory.Sequence(lambda n: f"https://news.example.org/submitted/{n:05d}")


class FetchedDocumentFactory(factory.django.DjangoModelFactory):
    """The page a job fetched (an HTML 200 at the job's URL unless told otherwise)."""

    class Meta:
        model = m.FetchedDocument

    job = factory.SubFactory(IngestionJobFactory)
    requested_url = factory.SelfAttribute("job.url")
    final_url = factory.SelfAttribute("requested_url")
    status_code = 200
    content_type = "text/html"
    body = b"<html><body><p>A fetched page.</p></body></html>"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    """Units of a currency for one euro on a day (the project's base currency is EUR)."""

    class Meta:
        model = m.ExchangeRate

    currency = "USD"
    date = factory.Sequence(_day)
    rate = Decimal("1.1")
    source = "test rates"


class DeletionFactory(factory.django.DjangoModelFactory):
    """A withdrawal entry (normally written by ``services.changes`` in the withdrawing
    transaction); for tests of the feed and its admin page."""

    class Meta:
        model = m.Deletion

    resource = "statements"
    object_id = factory.Sequence(lambda n: n + 1)


class TokenFactory(factory.django.DjangoModelFactory):
    """An API token (DRF's) for a user."""

    class Meta:
        model = Token

    user = factory.SubFactory(UserFactory)


def role_user(username: str, role: str):
    """A staff member (not a superuser) holding one of the roles: viewer, analyst, reviewer."""
    return SuperuserFactory(username=username, is_superuser=False, roles=[role])


def report_for(
    statement: m.Statement, article: m.Article, wording: str, **kwargs
) -> m.StatementReport:
    """A report whose span points at ``wording`` inside the article text."""
    start = article.text.index(wording)
    return m.StatementReport.objects.create(
        statement=statement,
        article=article,
        wording=wording,
        kind=statement.kind,
        char_start=start,
        char_end=start + len(wording),
        **kwargs,
    )


def evidence_for(article: m.Article, excerpt: str, **targets) -> m.Evidence:
    """Evidence whose span points at ``excerpt`` inside the article text."""
    start = article.text.index(excerpt)
    return m.Evidence.objects.create(
        article=article,
        excerpt=excerpt,
        char_start=start,
        char_end=start + len(excerpt),
        **targets,
    )


@dataclass
class Sample:
    ukraine: object
    usa: object
    track: object
    reuters: object
    rt: object
    statement: object
    pending_statement: object
    change: object


def sample_record() -> Sample:
    """A small, connected record for tests that need every API endpoint to return real rows: a
    track with participants, a statement reported by two outlets (one state-affiliated), a
    pending statement, a status change and a commitment with their evidence."""
    ukraine = PartyFactory(name="Ukraine", slug="ukraine", iso_code="UKR")
    usa = PartyFactory(name="United States", slug="usa", iso_code="USA")
    yermak = OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    PositionFactory(official=yermak, party=ukraine, title="Head of the Presidential Office")
    AliasFactory(name="Andrey Ermak", official=yermak)
    track = TrackFactory(name="US–Ukraine security agreement", slug="us-ukraine")
    TrackParticipantFactory(track=track, party=usa, role=m.TrackParticipant.Role.GUARANTOR)
    TrackParticipantFactory(track=track, party=ukraine, role=m.TrackParticipant.Role.BENEFICIARY)
    reuters = OutletFactory(name="Reuters", slug="reuters", kind="agency")
    rt = OutletFactory(name="RT", slug="rt", state_affiliated=True)
    story = StoryFactory()
    original = ArticleFactory(
        outlet=reuters,
        story=story,
        title="Ukraine to start talks with US on security guarantees",
        text="Ukraine will start talks with the US on security guarantees, Yermak said.",
    )
    change = StatusChangeFactory(
        track=track, status=m.StatusChange.Status.ANNOUNCED, effective_date=dt.date(2023, 7, 30)
    )
    EvidenceFactory(status_change=change, article=original, excerpt="will start talks")
    statement = StatementFactory(
        speaker=yermak,
        speaker_party=ukraine,
        text="Talks will start next week.",
        said_on=dt.date(2023, 7, 30),
    )
    StatementTrackFactory(statement=statement, track=track)
    StatementReportFactory(statement=statement, article=original, wording="will start talks")
    rt_article = ArticleFactory(
        outlet=rt, title="Kiev to talk with Washington", text="Ermak said talks start soon."
    )
    StatementReportFactory(statement=statement, article=rt_article, wording="talks start soon")
    pending = StatementFactory(
        speaker=yermak, text="A pending machine statement.", review_state=m.ReviewState.PENDING
    )
    StatementTrackFactory(statement=pending, track=track)
    commitment = CommitmentFactory(
        track=track,
        party=usa,
        beneficiary=ukraine,
        amount=Decimal("1800000000"),
        amount_low=Decimal("1500000000"),
        currency="USD",
        per_year=True,
        period_start_year=2024,
        period_end_year=2025,
        period_phrase="a year in 2024-2025",
    )
    stage = CommitmentStageFactory(commitment=commitment, review_state=m.ReviewState.APPROVED)
    EvidenceFactory(commitment=commitment, article=original, excerpt="security guarantees")
    EvidenceFactory(
        commitment=commitment, commitment_stage=stage, article=original, excerpt="talks"
    )
    CommitmentStageFactory(commitment=commitment, stage="delivered")  # pending: not shown
    CommitmentCorrectionFactory(
        commitment=commitment,
        old_amount=Decimal("2000000000"),
        old_currency="USD",
        new_amount=Decimal("1800000000"),
        new_currency="USD",
        article=original,
        excerpt="security guarantees",
        review_state=m.ReviewState.APPROVED,
    )
    assert m.Track.objects.count() == 1
    return Sample(ukraine, usa, track, reuters, rt, statement, pending, change)
