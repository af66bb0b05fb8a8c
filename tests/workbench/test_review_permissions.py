"""One rule for review decisions in the admin: ``review_<model>`` (the reviewer role) decides;
correct-and-approve also needs ``change_<model>``. An analyst (view+add+change) may read the queue
but every decision it posts is refused with 403 and changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from negotiations.models import ReviewState, Statement, StatusChange
from negotiations.permissions import can_correct, can_review
from negotiations.roles import VIEWER
from tests.factories import StatementFactory, StatusChangeFactory, role_user

pytestmark = pytest.mark.django_db

QUEUE = "admin:workbench_review"
DECIDE = "admin:workbench_decide"
CHANGELIST = "admin:negotiations_statement_changelist"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _states(*objs) -> list[str]:
    return [type(o).objects.get(pk=o.pk).review_state for o in objs]


def test_the_rule_per_role(staff_analyst, staff_reviewer) -> None:
    viewer = role_user("role-viewer", VIEWER)
    for model in (Statement, StatusChange):
        assert not can_review(viewer, model)
        assert not can_review(staff_analyst, model)
        assert not can_correct(staff_analyst, model)
        assert can_review(staff_reviewer, model)
        assert can_correct(staff_reviewer, model)


def test_analyst_sees_the_queue_read_only(staff_analyst) -> None:
    statement = StatementFactory(machine=True)
    page = _client(staff_analyst).get(reverse(QUEUE)).content.decode()
    assert f'id="item-statement-{statement.pk}"' in page
    assert "You may read this queue but not decide reviews." in page
    assert 'name="approve_one"' not in page
    assert 'name="reject_one"' not in page
    assert 'name="item"' not in page
    assert "wb-bulk-approve" not in page
    assert reverse("admin:workbench_correct", args=["statement", statement.pk]) not in page


def test_reviewer_sees_the_decision_buttons(staff_reviewer) -> None:
    statement = StatementFactory(machine=True)
    page = _client(staff_reviewer).get(reverse(QUEUE)).content.decode()
    assert f'name="approve_one" value="statement:{statement.pk}"' in page
    assert "wb-bulk-approve" in page
    assert reverse("admin:workbench_correct", args=["statement", statement.pk]) in page


def test_analyst_is_refused_in_the_queue_and_nothing_changes(staff_analyst) -> None:
    statement, change = StatementFactory(machine=True), StatusChangeFactory(machine=True)
    client = _client(staff_analyst)
    for data in (
        {"approve_one": f"statement:{statement.pk}"},
        {"reject_one": f"status:{change.pk}"},
        {"action": "approve", "item": [f"statement:{statement.pk}", f"status:{change.pk}"]},
    ):
        assert client.post(reverse(DECIDE), data).status_code == 403
    correct = reverse("admin:workbench_correct", args=["statement", statement.pk])
    assert client.get(correct).status_code == 403
    assert client.post(correct, {"text": "Rewritten", "note": ""}).status_code == 403
    assert _states(statement, change) == [ReviewState.PENDING, ReviewState.PENDING]
    assert Statement.objects.get(pk=statement.pk).text == statement.text


def test_reviewer_decides_in_the_queue(staff_reviewer) -> None:
    approve, reject = StatementFactory.create_batch(2, machine=True)
    client = _client(staff_reviewer)
    response = client.post(reverse(DECIDE), {"approve_one": f"statement:{approve.pk}"})
    assert response.status_code == 302
    response = client.post(reverse(DECIDE), {"action": "reject", "item": f"statement:{reject.pk}"})
    assert response.status_code == 302
    assert _states(approve, reject) == [ReviewState.APPROVED, ReviewState.REJECTED]
    assert Statement.objects.get(pk=approve.pk).reviewed_by == staff_reviewer
    correct = reverse("admin:workbench_correct", args=["statement", approve.pk])
    assert client.get(correct).status_code == 200


def test_analyst_is_refused_the_changelist_actions(staff_analyst) -> None:
    statements = StatementFactory.create_batch(2, machine=True)
    client = _client(staff_analyst)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert 'value="approve_selected"' not in page
    assert 'value="reject_selected"' not in page
    for action in ("approve_selected", "reject_selected"):
        response = client.post(
            reverse(CHANGELIST),
            {"action": action, "index": "0", "_selected_action": [s.pk for s in statements]},
        )
        assert response.status_code == 403
    assert _states(*statements) == [ReviewState.PENDING, ReviewState.PENDING]


def test_reviewer_uses_the_changelist_actions(staff_reviewer) -> None:
    statements = StatementFactory.create_batch(2, machine=True)
    client = _client(staff_reviewer)
    assert 'value="approve_selected"' in client.get(reverse(CHANGELIST)).content.decode()
    response = client.post(
        reverse(CHANGELIST),
        {
            "action": "approve_selected",
            "index": "0",
            "_selected_action": [s.pk for s in statements],
        },
    )
    assert response.status_code == 302
    assert set(Statement.objects.values_list("review_state", "reviewed_by")) == {
        (ReviewState.APPROVED, staff_reviewer.pk)
    }


def test_editing_a_row_cannot_decide_its_review_without_the_permission(
    staff_analyst, staff_reviewer, rf
) -> None:
    from django.contrib import admin

    from negotiations.admin.record import StatusChangeInline

    model_admin = admin.site._registry[Statement]
    inline = StatusChangeInline(StatusChange, admin.site)
    for user, readonly in ((staff_analyst, True), (staff_reviewer, False)):
        request = rf.get("/")
        request.user = user
        assert ("review_state" in model_admin.get_readonly_fields(request)) is readonly
        assert ("review_note" in model_admin.get_readonly_fields(request)) is readonly
        assert ("review_state" in inline.get_readonly_fields(request)) is readonly
