"""A small, connected record for tests that need every endpoint to return real rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from negotiations.models import ReviewState, StatusChange, Track, TrackParticipant
from tests.api import factories as f


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


def make_sample() -> Sample:
    ukraine = f.PartyFactory(name="Ukraine", slug="ukraine", iso_code="UKR")
    usa = f.PartyFactory(name="United States", slug="usa", iso_code="USA")
    yermak = f.OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    f.PositionFactory(official=yermak, party=ukraine, title="Head of the Presidential Office")
    f.AliasFactory(name="Andrey Ermak", official=yermak)
    track = f.TrackFactory(name="US–Ukraine security agreement", slug="us-ukraine")
    f.TrackParticipantFactory(track=track, party=usa, role=TrackParticipant.Role.GUARANTOR)
    f.TrackParticipantFactory(track=track, party=ukraine, role=TrackParticipant.Role.BENEFICIARY)
    reuters = f.OutletFactory(name="Reuters", slug="reuters", kind="agency")
    rt = f.OutletFactory(name="RT", slug="rt", state_affiliated=True)
    story = f.StoryFactory()
    original = f.ArticleFactory(
        outlet=reuters,
        story=story,
        title="Ukraine to start talks with US on security guarantees",
        text="Ukraine will start talks with the US on security guarantees, Yermak said.",
    )
    change = f.StatusChangeFactory(
        track=track, status=StatusChange.Status.ANNOUNCED, effective_date=dt.date(2023, 7, 30)
    )
    f.EvidenceFactory(status_change=change, article=original, excerpt="will start talks")
    statement = f.StatementFactory(
        speaker=yermak,
        speaker_party=ukraine,
        text="Talks will start next week.",
        said_on=dt.date(2023, 7, 30),
    )
    f.StatementTrackFactory(statement=statement, track=track)
    f.StatementReportFactory(statement=statement, article=original, wording="will start talks")
    rt_article = f.ArticleFactory(
        outlet=rt, title="Kiev to talk with Washington", text="Ermak said talks start soon."
    )
    f.StatementReportFactory(statement=statement, article=rt_article, wording="talks start soon")
    pending = f.StatementFactory(
        speaker=yermak, text="A pending machine statement.", review_state=ReviewState.PENDING
    )
    f.StatementTrackFactory(statement=pending, track=track)
    commitment = f.CommitmentFactory(
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
    stage = f.CommitmentStageFactory(commitment=commitment, review_state=ReviewState.APPROVED)
    f.EvidenceFactory(commitment=commitment, article=original, excerpt="security guarantees")
    f.EvidenceFactory(
        commitment=commitment, commitment_stage=stage, article=original, excerpt="talks"
    )
    f.CommitmentStageFactory(commitment=commitment, stage="delivered")  # pending: not shown
    f.CommitmentCorrectionFactory(
        commitment=commitment,
        old_amount=Decimal("2000000000"),
        old_currency="USD",
        new_amount=Decimal("1800000000"),
        new_currency="USD",
        article=original,
        excerpt="security guarantees",
        review_state=ReviewState.APPROVED,
    )
    assert Track.objects.count() == 1
    return Sample(ukraine, usa, track, reuters, rt, statement, pending, change)
