from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from negotiations.models import (
    Alias,
    Commitment,
    Evidence,
    MergeRecord,
    Official,
    Party,
    PartyMembership,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    TrackParticipant,
)
from negotiations.services.merge import official_merge, party_merge, statement_merge
from negotiations.services.review import review_approve
from tests import factories as f
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentFactory,
    OfficialFactory,
    OutletFactory,
    PartyFactory,
    PositionFactory,
    StatementFactory,
    StatementTrackFactory,
    TrackFactory,
    TrackParticipantFactory,
    evidence_for,
    report_for,
)

pytestmark = pytest.mark.django_db


def test_official_merge_moves_everything_and_combines_collisions(analyst) -> None:
    ukraine = PartyFactory(name="Ukraine")
    keep = OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    lose = OfficialFactory(
        full_name="Andrey Ermak",
        slug="andrey-ermak",
        native_name="Андрій Єрмак",
        notes="ru spelling",
    )
    # The same alias on both sides: the outlets that use it are combined.
    tass, rt = OutletFactory(name="TASS"), OutletFactory(name="RT")
    AliasFactory(machine=True, name="Yermak", official=keep).outlets.add(tass)
    AliasFactory(machine=True, name="YERMAK", official=lose).outlets.add(rt)
    AliasFactory(machine=True, name="Jermak", official=lose)
    # The same position on both sides; a statement points at the loser's copy.
    office = {"title": "Head of the Presidential Office", "start_date": dt.date(2020, 2, 11)}
    kept_position = PositionFactory(official=keep, party=ukraine, end_date=None, **office)
    lost_position = PositionFactory(
        official=lose, party=ukraine, end_date=dt.date(2025, 11, 28), **office
    )
    PositionFactory(official=lose, party=ukraine, title="Film producer", start_date=None)
    statement = StatementFactory(machine=True, speaker=lose, speaker_position=lost_position)

    merged = official_merge(keep=keep, lose=lose, user=analyst)

    assert not Official.objects.filter(pk=lose.pk).exists()
    assert merged.native_name == "Андрій Єрмак"
    assert "ru spelling" in merged.notes
    assert sorted(Alias.objects.filter(official=keep).values_list("name", flat=True)) == [
        "Andrey Ermak",
        "Jermak",
        "Yermak",
        "Андрій Єрмак",
    ]
    yermak = Alias.objects.get(official=keep, normalized="yermak")
    assert set(yermak.outlets.all()) == {tass, rt}
    kept_position.refresh_from_db()
    assert kept_position.end_date == dt.date(2025, 11, 28)
    assert Position.objects.filter(official=keep).count() == 2
    statement.refresh_from_db()
    assert (statement.speaker, statement.speaker_position) == (keep, kept_position)

    record = MergeRecord.objects.get()
    assert (record.model, record.old_id, record.new_id, record.old_natural_key) == (
        "negotiations.official",
        lose.pk,
        keep.pk,
        "andrey-ermak",
    )
    assert record.merged_by == analyst
    assert record.snapshot["object"]["fields"]["full_name"] == "Andrey Ermak"
    dropped_models = sorted(row["model"] for row in record.snapshot["dropped"])
    assert dropped_models == ["negotiations.alias", "negotiations.position"]


def test_party_merge_moves_relations_and_merges_commitments(analyst) -> None:
    keep = PartyFactory(name="United Kingdom", slug="uk", short_name="")
    lose = PartyFactory(name="Great Britain", slug="gb", short_name="UK", iso_code="GBR")
    coalition = PartyFactory(name="Coalition of the willing", kind=Party.Kind.COALITION)
    f.PartyMembershipFactory(group=coalition, member=keep, joined_on=dt.date(2025, 3, 2))
    f.PartyMembershipFactory(group=coalition, member=lose, joined_on=dt.date(2025, 3, 2))
    g7 = PartyFactory(name="G7", kind=Party.Kind.BLOC)
    f.PartyMembershipFactory(group=g7, member=lose, joined_on=None)
    place = f.PlaceFactory(name="London", slug="london", party=lose)
    track = TrackFactory()
    TrackParticipantFactory(track=track, party=keep, role=TrackParticipant.Role.GUARANTOR)
    TrackParticipantFactory(
        track=track, party=lose, role=TrackParticipant.Role.GUARANTOR, note="co-lead"
    )
    TrackParticipantFactory(track=track, party=lose, role=TrackParticipant.Role.CONVENOR)
    article_a, article_b = ArticleFactory(), ArticleFactory()
    kept = CommitmentFactory(machine=True, track=track, party=keep, description="Air defence")
    lost = CommitmentFactory(
        machine=True, track=track, party=lose, description="Storm Shadow missiles"
    )
    evidence_for(article_a, "talks on security guarantees would continue", commitment=kept)
    evidence_for(article_a, "talks on security guarantees would continue", commitment=lost)
    evidence_for(article_b, "talks on security guarantees would continue", commitment=lost)
    f.CommitmentStageFactory(
        commitment=lost,
        stage="delivered",
        effective_date=dt.date(2025, 5, 1),
        review_state=ReviewState.PENDING,
    )
    statement = StatementFactory(machine=True, speaker_party=lose)
    beneficiary = CommitmentFactory(machine=True, track=track, party=coalition, beneficiary=lose)

    party_merge(keep=keep, lose=lose, user=analyst)

    keep.refresh_from_db()
    assert (keep.iso_code, keep.short_name) == ("GBR", "UK")
    assert not Party.objects.filter(pk=lose.pk).exists()
    assert set(Alias.objects.filter(party=keep).values_list("name", flat=True)) == {
        "Great Britain",
        "UK",
    }
    # The duplicate coalition membership is dropped, the G7 one moves over.
    assert sorted(
        PartyMembership.objects.filter(member=keep).values_list("group__name", flat=True)
    ) == [
        "Coalition of the willing",
        "G7",
    ]
    place.refresh_from_db()
    assert place.party == keep
    roles = TrackParticipant.objects.filter(track=track, party=keep)
    assert sorted(roles.values_list("role", flat=True)) == ["convenor", "guarantor"]
    assert roles.get(role="guarantor").note == "co-lead"
    # The two commitments became one: evidence (minus the duplicate article) and stages moved.
    assert list(Commitment.objects.filter(party=keep)) == [kept]
    kept.refresh_from_db()
    assert kept.description == "Air defence\n\nStorm Shadow missiles"
    assert sorted(
        Evidence.objects.filter(commitment=kept).values_list("article_id", flat=True)
    ) == sorted([article_a.pk, article_b.pk])
    assert list(kept.stages.values_list("stage", flat=True)) == ["delivered"]
    statement.refresh_from_db()
    beneficiary.refresh_from_db()
    assert statement.speaker_party == keep
    assert beneficiary.beneficiary == keep
    record = MergeRecord.objects.get(model="negotiations.party")
    assert record.old_natural_key == "gb"
    dropped = sorted(row["model"] for row in record.snapshot["dropped"])
    assert dropped == [
        "negotiations.commitment",
        "negotiations.evidence",
        "negotiations.partymembership",
        "negotiations.trackparticipant",
    ]


def test_statement_merge_combines_reports_and_track_links(analyst) -> None:
    keep = StatementFactory(machine=True, said_on=None, channel="unknown")
    lose = StatementFactory(
        machine=True, said_on=dt.date(2025, 3, 9), channel="telegram", said_phrase="on Sunday"
    )
    shared, only_lost = ArticleFactory(), ArticleFactory()
    kept_report = report_for(keep, shared, "talks on security guarantees would continue")
    report_for(lose, shared, "talks on security guarantees would continue")
    moved = report_for(lose, only_lost, "talks on security guarantees")
    track, other_track = TrackFactory(), TrackFactory()
    kept_link = StatementTrackFactory(machine=True, statement=keep, track=track)
    lost_link = StatementTrackFactory(machine=True, statement=lose, track=track)
    review_approve(obj=lost_link, user=analyst)
    StatementTrackFactory(machine=True, statement=lose, track=other_track)

    merged = statement_merge(keep=keep, lose=lose, user=analyst)

    assert not Statement.objects.filter(pk=lose.pk).exists()
    assert (merged.said_on, merged.channel, merged.said_phrase) == (
        dt.date(2025, 3, 9),
        "telegram",
        "on Sunday",
    )
    assert sorted(
        StatementReport.objects.filter(statement=keep).values_list("pk", flat=True)
    ) == sorted([kept_report.pk, moved.pk])
    links = StatementTrack.objects.filter(statement=keep)
    assert sorted(links.values_list("track_id", flat=True)) == sorted([track.pk, other_track.pk])
    kept_link.refresh_from_db()
    # The analyst's approval of the dropped duplicate link survives on the kept one.
    assert (kept_link.review_state, kept_link.reviewed_by) == (ReviewState.APPROVED, analyst)
    record = MergeRecord.objects.get(model="negotiations.statement")
    assert record.snapshot["object"]["fields"]["said_phrase"] == "on Sunday"


def test_merging_again_repoints_earlier_merge_records(analyst) -> None:
    a, b, c = OfficialFactory(), OfficialFactory(), OfficialFactory()
    official_merge(keep=b, lose=a, user=analyst)
    official_merge(keep=c, lose=b, user=analyst)
    assert set(MergeRecord.objects.values_list("old_id", "new_id")) == {(a.pk, c.pk), (b.pk, c.pk)}


def test_merge_refuses_self_and_mixed_models(analyst) -> None:
    official = OfficialFactory()
    with pytest.raises(ValidationError):
        official_merge(keep=official, lose=official, user=analyst)
    with pytest.raises(ValidationError):
        official_merge(keep=official, lose=PartyFactory(), user=analyst)
    assert MergeRecord.objects.count() == 0
