"""Every queue decision, single or bulk, names what it decided and can be taken back from the
flash message it leaves (issue 14 §1)."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from negotiations.models import Alias, ReviewState, Statement
from negotiations.services.review import review_approve, review_bulk_undo
from tests.factories import AliasFactory, StatementFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

DECIDE = "admin:workbench_decide"
UNDO = "admin:workbench_undo"


def _message(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_message_names_the_item_and_carries_an_undo_form(analyst_client) -> None:
    statement = StatementFactory(
        machine=True, text="We have agreed on the text of the security agreement."
    )
    response = analyst_client.post(reverse(DECIDE), {"approve_one": f"statement:{statement.pk}"})
    message = _message(response)
    assert f"Approved 1 item(s): statement #{statement.pk} “We have agreed on the text" in message
    assert f'action="{reverse(UNDO)}"' in message
    assert f'name="item" value="statement:{statement.pk}"' in message
    assert 'name="state" value="approved"' in message
    assert "csrfmiddlewaretoken" in message


def test_the_item_text_in_the_message_is_escaped(analyst_client) -> None:
    statement = StatementFactory(machine=True, text="<script>alert(1)</script> said")
    response = analyst_client.post(reverse(DECIDE), {"reject_one": f"statement:{statement.pk}"})
    message = _message(response)
    assert "<script>alert(1)" not in message
    assert "&lt;script&gt;" in message


def test_undo_a_bulk_decision_from_its_message(analyst_client, analyst) -> None:
    statement, alias = StatementFactory(machine=True), AliasFactory(machine=True)
    keys = [f"statement:{statement.pk}", f"alias:{alias.pk}"]
    response = analyst_client.post(
        reverse(DECIDE), {"action": "reject", "item": keys, "note": "wrong speaker"}
    )
    form = _message(response)
    posted = {
        "state": re.search(r'name="state" value="(\w+)"', form).group(1),
        "item": re.findall(r'name="item" value="([\w:]+)"', form),
        "next": "/admin/",
    }
    assert posted["item"] == keys

    response = analyst_client.post(reverse(UNDO), posted)

    assert response.status_code == 302
    assert "Undone: 2 item(s) are pending again." in _message(response)
    statement.refresh_from_db()
    assert (statement.review_state, statement.reviewed_by, statement.review_note) == (
        ReviewState.PENDING,
        None,
        "",
    )
    assert Alias.objects.get(pk=alias.pk).review_state == ReviewState.PENDING
    # The history keeps the decision and its undoing, both credited to the analyst.
    states = list(statement.history.order_by("history_id").values_list("review_state", flat=True))
    assert states[-2:] == [ReviewState.REJECTED, ReviewState.PENDING]
    assert statement.history.latest().history_user == analyst


def test_undo_leaves_a_decision_taken_since_by_someone_else(analyst_client, analyst) -> None:
    statement = StatementFactory(machine=True)
    analyst_client.post(reverse(DECIDE), {"reject_one": f"statement:{statement.pk}"})
    colleague = SuperuserFactory()
    review_approve(obj=Statement.objects.get(pk=statement.pk), user=colleague)

    response = analyst_client.post(
        reverse(UNDO), {"state": "rejected", "item": [f"statement:{statement.pk}"]}
    )

    assert "1 item(s) were decided again since" in _message(response)
    statement.refresh_from_db()
    assert (statement.review_state, statement.reviewed_by) == (ReviewState.APPROVED, colleague)


def test_undo_is_post_only_and_checks_its_input(analyst_client) -> None:
    assert analyst_client.get(reverse(UNDO)).status_code == 405
    response = analyst_client.post(reverse(UNDO), {"state": "pending", "item": ["statement:1"]})
    assert "Nothing to undo." in _message(response)


def test_undo_service_refuses_other_states(analyst) -> None:
    with pytest.raises(ValueError, match="Only approvals and rejections"):
        review_bulk_undo(
            objs=[StatementFactory(machine=True)], user=analyst, state=ReviewState.PENDING
        )
