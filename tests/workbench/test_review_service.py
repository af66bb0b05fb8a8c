from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from negotiations.models import Alias, ReviewState, Statement, StatusChange
from negotiations.services.review import (
    review_approve,
    review_bulk_approve,
    review_bulk_reject,
    review_correct_and_approve,
    review_reject,
)
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentFactory,
    OfficialFactory,
    OutletFactory,
    StatementFactory,
    StatementTrackFactory,
    StatusChangeFactory,
    report_for,
)

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC)


def _every_reviewable():
    statement = StatementFactory(machine=True)
    article = ArticleFactory()
    return [
        statement,
        report_for(statement, article, "talks on security guarantees would continue"),
        StatementTrackFactory(machine=True, statement=statement),
        StatusChangeFactory(machine=True),
        AliasFactory(machine=True),
        CommitmentFactory(machine=True),
    ]


@time_machine.travel(NOON, tick=False)
def test_approve_records_who_when_and_why_for_every_reviewable_model(analyst) -> None:
    for obj in _every_reviewable():
        review_approve(obj=obj, user=analyst, note="checked against the article")
        stored = type(obj).objects.get(pk=obj.pk)
        assert stored.review_state == ReviewState.APPROVED, type(obj).__name__
        assert stored.reviewed_by == analyst
        assert stored.reviewed_at == NOON
        assert stored.review_note == "checked against the article"
        # The caller's instance is refreshed too.
        assert obj.review_state == ReviewState.APPROVED


def test_reject_then_change_of_mind(analyst, reviewer) -> None:
    status = StatusChangeFactory(machine=True)
    review_reject(obj=status, user=analyst, note="wrong track")
    assert StatusChange.objects.get(pk=status.pk).review_state == ReviewState.REJECTED
    review_approve(obj=status, user=reviewer)
    stored = StatusChange.objects.get(pk=status.pk)
    assert (stored.review_state, stored.reviewed_by, stored.review_note) == (
        ReviewState.APPROVED,
        reviewer,
        "",
    )


def test_non_reviewable_objects_are_refused(analyst) -> None:
    with pytest.raises(TypeError):
        review_approve(obj=OutletFactory(), user=analyst)


def test_correct_and_approve_validates_and_notes_the_correction(analyst) -> None:
    statement = StatementFactory(machine=True, text="The talks were productiv.")
    old_speaker = statement.speaker_id
    speaker = OfficialFactory(full_name="Andriy Yermak")
    review_correct_and_approve(
        obj=statement,
        user=analyst,
        changes={"text": "The talks were productive.", "speaker": speaker.pk},
        note="typo",
    )
    stored = Statement.objects.get(pk=statement.pk)
    assert stored.text == "The talks were productive."
    assert stored.speaker == speaker
    assert stored.review_state == ReviewState.APPROVED
    assert stored.reviewed_by == analyst
    assert stored.review_note.startswith("typo\nCorrected: text: The talks were productiv.")
    assert f"speaker: #{old_speaker} → #{speaker.pk}" in stored.review_note


def test_correct_and_approve_refuses_invalid_corrections_and_writes_nothing(analyst) -> None:
    alias = AliasFactory(machine=True, name="Ermak")
    AliasFactory(machine=True, name="Yermak", official=alias.official)
    with pytest.raises(ValidationError, match="already has this name variant"):
        review_correct_and_approve(obj=alias, user=analyst, changes={"name": "YERMAK"})
    with pytest.raises(ValidationError):
        review_correct_and_approve(obj=alias, user=analyst, changes={"review_state": "approved"})
    with pytest.raises(ValidationError):
        review_correct_and_approve(obj=alias, user=analyst, changes={"nonsense": 1})
    stored = Alias.objects.get(pk=alias.pk)
    assert (stored.name, stored.review_state) == ("Ermak", ReviewState.PENDING)


def test_report_correction_must_stay_verbatim(analyst) -> None:
    statement = StatementFactory(machine=True)
    article = ArticleFactory()
    report = report_for(statement, article, "talks on security guarantees would continue")
    with pytest.raises(ValidationError, match="verbatim"):
        review_correct_and_approve(
            obj=report, user=analyst, changes={"wording": "the talks were a failure"}
        )


def test_bulk_decisions_skip_items_decided_meanwhile(analyst, reviewer) -> None:
    statements = StatementFactory.create_batch(3, machine=True)
    alias = AliasFactory(machine=True)
    review_reject(obj=statements[0], user=reviewer)
    decided = review_bulk_approve(objs=[*statements, alias], user=analyst, note="batch")
    assert {(type(o).__name__, o.pk) for o in decided} == {
        ("Statement", statements[1].pk),
        ("Statement", statements[2].pk),
        ("Alias", alias.pk),
    }
    assert Statement.objects.get(pk=statements[0].pk).reviewed_by == reviewer
    assert Statement.objects.filter(review_state=ReviewState.APPROVED).count() == 2
    assert review_bulk_reject(objs=statements, user=analyst) == []
    assert Alias.objects.get(pk=alias.pk).review_note == "batch"
