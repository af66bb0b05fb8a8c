"""A merge writes history on every row it re-points, can be undone from its merge record, and an
old version that names a merged-away row reverts to the survivor."""

from __future__ import annotations

import datetime as dt

import factory
import pytest
from django.core.exceptions import ValidationError
from simple_history.utils import get_history_manager_for_model

from negotiations.models import (
    Alias,
    Commitment,
    Evidence,
    MergeRecord,
    Official,
    Party,
    Position,
    Statement,
    StatementReport,
)
from negotiations.services.merge import (
    merge_reason,
    merge_survivors,
    merge_undo,
    official_merge,
    party_merge,
    statement_merge,
)
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentFactory,
    OfficialFactory,
    OfficialProposalFactory,
    OutletFactory,
    PartyFactory,
    PositionFactory,
    StatementFactory,
    TrackFactory,
    evidence_for,
    report_for,
)

# The text the statements of these tests quote from.
JEDDAH = factory.Sequence(
    lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
)

pytestmark = pytest.mark.django_db


def _yermak_pair():
    ukraine = PartyFactory(name="Ukraine")
    keep = OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak", native_name="")
    lose = OfficialFactory(
        full_name="Andrey Ermak", slug="andrey-ermak", native_name="Андрій Єрмак", notes="ru"
    )
    tass, rt = OutletFactory(name="TASS"), OutletFactory(name="RT")
    AliasFactory(machine=True, name="Yermak", official=keep).outlets.add(tass)
    AliasFactory(machine=True, name="YERMAK", official=lose).outlets.add(rt)
    jermak = AliasFactory(machine=True, name="Jermak", official=lose)
    # One office under two names of one person: the merge combines the two positions.
    title, start = "Head of the Presidential Office", dt.date(2020, 2, 11)
    kept_position = PositionFactory(
        official=keep, party=ukraine, title=title, start_date=start, end_date=None
    )
    lost_position = PositionFactory(
        official=lose, party=ukraine, title=title, start_date=start, end_date=dt.date(2025, 11, 28)
    )
    statements = [
        StatementFactory(machine=True, speaker=lose, speaker_position=lost_position),
        StatementFactory(machine=True, speaker=lose),
    ]
    return keep, lose, jermak, kept_position, lost_position, statements


def test_every_row_the_merge_repoints_gets_a_history_row(analyst) -> None:
    keep, lose, jermak, kept_position, lost_position, statements = _yermak_pair()

    official_merge(keep=keep, lose=lose, user=analyst)

    record = MergeRecord.objects.get()
    reason = merge_reason(record)
    for statement in statements:
        latest = statement.history.order_by("-history_date").first()
        assert (latest.speaker_id, latest.history_user, latest.history_change_reason) == (
            keep.pk,
            analyst,
            reason,
        )
    first = Statement.history.filter(id=statements[0].pk).order_by("-history_date").first()
    assert first.speaker_position_id == kept_position.pk
    moved_alias = jermak.history.order_by("-history_date").first()
    assert (moved_alias.official_id, moved_alias.history_change_reason) == (keep.pk, reason)
    deleted = Official.history.get(id=lose.pk, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (analyst, reason)
    created = Alias.history.filter(history_type="+", history_change_reason=reason)
    assert sorted(created.values_list("name", flat=True)) == ["Andrey Ermak", "Андрій Єрмак"]


def test_undo_brings_the_official_back_with_everything_it_had(analyst, reviewer) -> None:
    keep, lose, jermak, kept_position, lost_position, statements = _yermak_pair()
    official_merge(keep=keep, lose=lose, user=analyst)
    record = MergeRecord.objects.get().pk

    undone = merge_undo(record=MergeRecord.objects.get(), user=reviewer)

    assert undone.kept == []
    restored = Official.objects.get(pk=lose.pk)
    assert (restored.full_name, restored.slug, restored.native_name) == (
        "Andrey Ermak",
        "andrey-ermak",
        "Андрій Єрмак",
    )
    keep.refresh_from_db()
    assert (keep.native_name, keep.notes) == ("", "")
    assert sorted(Alias.objects.filter(official=keep).values_list("name", flat=True)) == ["Yermak"]
    assert sorted(Alias.objects.filter(official=lose).values_list("name", flat=True)) == [
        "Jermak",
        "YERMAK",
    ]
    assert list(Alias.objects.get(official=keep).outlets.values_list("name", flat=True)) == ["TASS"]
    assert list(Alias.objects.get(name="YERMAK").outlets.values_list("name", flat=True)) == ["RT"]
    kept_position.refresh_from_db()
    assert kept_position.end_date is None
    assert Position.objects.get(pk=lost_position.pk).end_date == dt.date(2025, 11, 28)
    for statement in statements:
        statement.refresh_from_db()
        assert statement.speaker_id == lose.pk
    statements[0].refresh_from_db()
    assert statements[0].speaker_position_id == lost_position.pk
    assert not MergeRecord.objects.exists()
    # The undo is history too, credited to whoever undid it.
    back = Official.history.filter(id=lose.pk, history_type="+").latest("history_date")
    assert (back.history_user, back.history_change_reason) == (reviewer, f"undo merge:{record}")


def test_undo_keeps_a_value_changed_after_the_merge(analyst) -> None:
    keep, lose, *_ = _yermak_pair()
    official_merge(keep=keep, lose=lose, user=analyst)
    keep.refresh_from_db()
    keep.notes = "edited after the merge"
    keep.save()

    undone = merge_undo(record=MergeRecord.objects.get(), user=analyst)

    keep.refresh_from_db()
    assert keep.notes == "edited after the merge"
    assert keep.native_name == ""  # the merge's other copied value is taken back
    assert undone.kept == [f"official #{keep.pk}: notes was changed since"]


def test_undo_of_a_party_merge_gives_back_the_iso_code_and_the_commitment(analyst) -> None:
    keep = PartyFactory(name="United Kingdom", slug="uk", short_name="", iso_code="")
    lose = PartyFactory(name="Great Britain", slug="gb", short_name="UK", iso_code="GBR")
    track = TrackFactory()
    article_a, article_b = ArticleFactory(text=JEDDAH), ArticleFactory(text=JEDDAH)
    kept = CommitmentFactory(machine=True, track=track, party=keep, description="Air defence")
    lost = CommitmentFactory(
        machine=True, track=track, party=lose, description="Storm Shadow missiles"
    )
    evidence_for(article_a, "the talks in Jeddah were productive", commitment=kept)
    evidence_for(article_a, "the talks in Jeddah were productive", commitment=lost)
    moved = evidence_for(article_b, "the talks in Jeddah were productive", commitment=lost)
    party_merge(keep=keep, lose=lose, user=analyst)
    assert Party.objects.get(pk=keep.pk).iso_code == "GBR"

    merge_undo(record=MergeRecord.objects.get(), user=analyst)

    keep.refresh_from_db()
    restored = Party.objects.get(pk=lose.pk)
    assert (keep.iso_code, keep.short_name) == ("", "")
    assert (restored.iso_code, restored.short_name) == ("GBR", "UK")
    kept.refresh_from_db()
    assert kept.description == "Air defence"
    assert Commitment.objects.get(pk=lost.pk).party_id == lose.pk
    assert sorted(
        Evidence.objects.filter(commitment=lost).values_list("article_id", flat=True)
    ) == (sorted([article_a.pk, article_b.pk]))
    assert Evidence.objects.get(pk=moved.pk).commitment_id == lost.pk
    assert not Alias.objects.filter(party=keep).exists()


def test_undo_of_a_statement_merge_gives_its_reports_back(analyst) -> None:
    keep, lose = (
        StatementFactory(machine=True, said_on=None),
        StatementFactory(machine=True, said_on=dt.date(2025, 3, 9)),
    )
    shared, only_lost = ArticleFactory(text=JEDDAH), ArticleFactory(text=JEDDAH)
    report_for(keep, shared, "the talks in Jeddah were productive")
    dropped = report_for(lose, shared, "the talks in Jeddah were productive")
    moved = report_for(lose, only_lost, "talks in Jeddah")
    statement_merge(keep=keep, lose=lose, user=analyst)

    merge_undo(record=MergeRecord.objects.get(), user=analyst)

    keep.refresh_from_db()
    assert keep.said_on is None
    assert sorted(StatementReport.objects.filter(statement=lose).values_list("pk", flat=True)) == (
        sorted([dropped.pk, moved.pk])
    )


def test_undo_waits_for_a_later_merge_into_another_row(analyst) -> None:
    a, b, c = OfficialFactory(), OfficialFactory(), OfficialFactory()
    official_merge(keep=b, lose=a, user=analyst)
    official_merge(keep=c, lose=b, user=analyst)
    first = MergeRecord.objects.get(old_id=a.pk)
    with pytest.raises(ValidationError, match="undo that merge first"):
        merge_undo(record=first, user=analyst)

    merge_undo(record=MergeRecord.objects.get(old_id=b.pk), user=analyst)
    first.refresh_from_db()
    assert first.new_id == b.pk  # the earlier merge points at its own survivor again
    merge_undo(record=first, user=analyst)
    assert Official.objects.filter(pk__in=[a.pk, b.pk, c.pk]).count() == 3


def test_an_old_version_naming_a_merged_away_speaker_points_to_the_survivor(analyst) -> None:
    keep, lose = OfficialFactory(full_name="Andriy Yermak"), OfficialFactory(full_name="A. Ermak")
    statement = StatementFactory(machine=True, speaker=lose)
    old_version = statement.history.earliest("history_date")
    official_merge(keep=keep, lose=lose, user=analyst)

    obj = old_version.instance
    moved = merge_survivors(obj)

    assert obj.speaker_id == keep.pk
    assert [(name, survivor.pk) for name, survivor in moved] == [("speaker", keep.pk)]


def test_history_manager_names_the_merge_on_bulk_repointed_rows(analyst) -> None:
    keep, lose = PartyFactory(), PartyFactory()
    statements = StatementFactory.create_batch(3, speaker_party=lose)
    party_merge(keep=keep, lose=lose, user=analyst)
    history = get_history_manager_for_model(Statement).filter(
        id__in=[s.pk for s in statements], history_type="~"
    )
    assert {(h.speaker_party_id, h.history_user_id) for h in history} == {(keep.pk, analyst.pk)}


def test_undo_moves_back_rows_of_models_without_history(analyst) -> None:
    keep, lose = OfficialFactory(), OfficialFactory()
    proposal = OfficialProposalFactory(official=lose)
    official_merge(keep=keep, lose=lose, user=analyst)
    proposal.refresh_from_db()
    assert proposal.official_id == keep.pk

    merge_undo(record=MergeRecord.objects.get(), user=analyst)

    proposal.refresh_from_db()
    assert proposal.official_id == lose.pk
