"""One fact, one decision (issue 14 §2): deciding a statement or a commitment decides its pending
reports, track links, stages (and, on rejection, corrections) with it; nothing is left behind."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from negotiations.admin.review_actions import approve_selected, reject_selected
from negotiations.models import (
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Reviewable,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
)
from negotiations.services.review import (
    review_approve,
    review_bulk_approve,
    review_bulk_reject,
    review_bulk_undo,
    review_children,
    review_correct_and_approve,
    review_reject,
)
from tests.factories import (
    CommitmentCorrectionFactory,
    CommitmentFactory,
    CommitmentStageFactory,
    StatementFactory,
    StatementReportFactory,
    StatementTrackFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

APPROVED, REJECTED, PENDING = ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.PENDING

# A pending child of each kind in the registry, made under a fresh pending parent.
CHILD_FACTORIES = {
    StatementReport: StatementReportFactory,
    StatementTrack: StatementTrackFactory,
    CommitmentStage: CommitmentStageFactory,
    CommitmentCorrection: CommitmentCorrectionFactory,
}
REGISTRY = [
    (parent, child, fk) for parent, children in review_children().items() for child, fk in children
]


def _ids(entry) -> str:
    parent, child, _ = entry
    return f"{parent.__name__}-{child.__name__}"


def _family(child_model: type[Reviewable]) -> tuple[Reviewable, Reviewable]:
    child = CHILD_FACTORIES[child_model](machine=True)
    return getattr(child, child_model.review_parent), child


def _state(obj: Reviewable) -> tuple[str, object, str]:
    obj.refresh_from_db()
    return obj.review_state, obj.reviewed_by, obj.review_note


def test_the_registry_holds_the_parents_and_children() -> None:
    assert {(p, c) for p, c, _ in REGISTRY} == {
        (Statement, StatementReport),
        (Statement, StatementTrack),
        (Commitment, CommitmentStage),
        (Commitment, CommitmentCorrection),
    }
    assert set(CHILD_FACTORIES) == {c for _, c, _ in REGISTRY}


def _decide_single(parent, state, user):
    decide = review_approve if state == APPROVED else review_reject
    decide(obj=parent, user=user, note="checked")


def _decide_bulk(parent, state, user):
    decide = review_bulk_approve if state == APPROVED else review_bulk_reject
    assert decide(objs=[parent], user=user, note="checked") == [parent]


def _decide_queue(parent, state, user, client):
    kind = {Statement: "statement", Commitment: "commitment"}[type(parent)]
    button = "approve_one" if state == APPROVED else "reject_one"
    client.force_login(user)
    response = client.post(
        reverse("admin:workbench_decide"), {button: f"{kind}:{parent.pk}", "note": "checked"}
    )
    assert response.status_code == 302


def _decide_action(parent, state, user):
    modeladmin = admin.ModelAdmin(type(parent), admin.AdminSite(name="test"))
    request = RequestFactory().post("/admin/")
    request.user, request.session = user, {}
    request._messages = FallbackStorage(request)
    action = approve_selected if state == APPROVED else reject_selected
    action(modeladmin, request, type(parent).objects.filter(pk=parent.pk))


@pytest.mark.parametrize("entry", REGISTRY, ids=_ids)
@pytest.mark.parametrize("state", [APPROVED, REJECTED])
@pytest.mark.parametrize("how", ["single", "bulk", "queue", "action"])
def test_no_orphans(entry, state, how, client) -> None:
    _, child_model, _ = entry
    user = SuperuserFactory(username="decider")
    parent, child = _family(child_model)
    if how == "single":
        _decide_single(parent, state, user)
    elif how == "bulk":
        _decide_bulk(parent, state, user)
    elif how == "queue":
        _decide_queue(parent, state, user, client)
    else:
        _decide_action(parent, state, user)

    assert _state(parent)[:2] == (state, user)
    if state in child_model.review_follows:
        assert _state(child)[:2] == (state, user)
        assert not child_model.objects.filter(
            **{child_model.review_parent: parent}, review_state=PENDING
        ).exists()
    else:
        # A correction waits for its own approval, which applies its amount; its commitment is
        # approved, so it is decided on its own, not left behind a pending parent.
        assert (child_model, state) == (CommitmentCorrection, APPROVED)
        assert _state(child)[0] == PENDING


def test_children_get_the_same_user_time_note_and_history(analyst) -> None:
    statement = StatementFactory(machine=True)
    report = StatementReportFactory(machine=True, statement=statement)
    link = StatementTrackFactory(machine=True, statement=statement)

    review_reject(obj=statement, user=analyst, note="not said")

    for child in (report, link):
        child.refresh_from_db()
        assert (child.review_state, child.reviewed_by, child.review_note) == (
            REJECTED,
            analyst,
            "not said",
        )
        assert child.reviewed_at == statement.reviewed_at
        latest = child.history.first()
        assert (latest.review_state, latest.history_user) == (REJECTED, analyst)


def test_a_child_decided_before_is_left_as_it_is(analyst, reviewer) -> None:
    statement = StatementFactory(machine=True)
    kept = StatementReportFactory(machine=True, statement=statement)
    review_reject(obj=kept, user=reviewer, note="another statement")
    pending = StatementReportFactory(machine=True, statement=statement)

    review_bulk_approve(objs=[statement], user=analyst)

    assert _state(kept) == (REJECTED, reviewer, "another statement")
    assert _state(pending)[:2] == (APPROVED, analyst)


def test_correct_and_approve_approves_the_children(analyst) -> None:
    statement = StatementFactory(machine=True, text="Talks went well.")
    link = StatementTrackFactory(machine=True, statement=statement)
    review_correct_and_approve(
        obj=statement, user=analyst, changes={"text": "The talks went well."}, note="typo"
    )
    assert _state(link) == (APPROVED, analyst, "typo")


@pytest.mark.parametrize("state", [APPROVED, REJECTED])
def test_undo_restores_the_parent_and_the_children_it_decided(analyst, reviewer, state) -> None:
    commitment = CommitmentFactory(machine=True)
    stage = CommitmentStageFactory(machine=True, commitment=commitment)
    correction = CommitmentCorrectionFactory(machine=True, commitment=commitment)
    earlier = CommitmentStageFactory(
        machine=True, commitment=commitment, stage=CommitmentStage.Stage.AGREED
    )
    review_reject(obj=earlier, user=analyst, note="no such stage")
    other = CommitmentStageFactory(machine=True)  # another commitment's stage, pending
    decide = review_bulk_approve if state == APPROVED else review_bulk_reject
    decide(objs=[commitment], user=analyst)

    assert review_bulk_undo(objs=[commitment], user=reviewer, state=state) == []  # not theirs
    assert _state(stage)[0] == state
    reopened = review_bulk_undo(objs=[commitment], user=analyst, state=state)

    assert reopened == [commitment]
    for item in (commitment, stage, correction):
        assert _state(item) == (PENDING, None, "")
    assert _state(earlier) == (REJECTED, analyst, "no such stage")  # decided on its own
    assert _state(other)[0] == PENDING


def test_undo_from_the_queue_message_restores_the_children(analyst_client, analyst) -> None:
    statement = StatementFactory(machine=True)
    report = StatementReportFactory(machine=True, statement=statement)
    key = f"statement:{statement.pk}"
    analyst_client.post(reverse("admin:workbench_decide"), {"reject_one": key})
    assert _state(report)[0] == REJECTED

    analyst_client.post(reverse("admin:workbench_undo"), {"state": REJECTED, "item": [key]})

    assert _state(statement)[0] == PENDING
    assert _state(report) == (PENDING, None, "")


def test_a_child_chosen_with_its_parent_is_decided_as_itself(analyst) -> None:
    statement = StatementFactory(machine=True)
    report = StatementReportFactory(machine=True, statement=statement)
    decided = review_bulk_reject(objs=[statement, report], user=analyst, note="dup")
    assert set(decided) == {statement, report}
    assert review_bulk_undo(objs=[statement, report], user=analyst, state=REJECTED) == [
        report,
        statement,
    ]
    assert _state(report)[0] == PENDING


def test_the_queue_shows_children_inside_their_parents_card(analyst_client) -> None:
    statement = StatementFactory(machine=True)
    report = StatementReportFactory(machine=True, statement=statement, wording="productive talks")
    link = StatementTrackFactory(machine=True, statement=statement)
    commitment = CommitmentFactory(machine=True)
    stage = CommitmentStageFactory(machine=True, commitment=commitment)
    correction = CommitmentCorrectionFactory(machine=True, commitment=commitment)
    approved = StatementFactory(machine=True, review_state=APPROVED)
    new_report = StatementReportFactory(machine=True, statement=approved, wording="a new outlet")
    new_link = StatementTrackFactory(machine=True, statement=approved)

    body = analyst_client.get(reverse("admin:workbench_review")).content.decode()

    card = body.split(f'id="item-statement-{statement.pk}"')[1].split("</article>")[0]
    assert "productive talks" in card
    assert reverse("admin:workbench_correct", args=["report", report.pk]) in card
    assert reverse("admin:workbench_correct", args=["track_link", link.pk]) in card
    assert f'value="report:{report.pk}"' not in body
    assert f'value="track_link:{link.pk}"' not in body
    card = body.split(f'id="item-commitment-{commitment.pk}"')[1].split("</article>")[0]
    assert reverse("admin:workbench_correct", args=["stage", stage.pk]) in card
    assert f'value="stage:{stage.pk}"' not in body
    # A correction's link is the workbench's correction form (approving there applies it).
    assert reverse("admin:workbench_correct", args=["correction", correction.pk]) in card
    # The children of an approved statement wait on their own.
    assert f'value="report:{new_report.pk}"' in body
    assert f'value="track_link:{new_link.pk}"' in body
