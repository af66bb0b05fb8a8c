from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from negotiations.admin.review_actions import approve_selected, reject_selected
from negotiations.models import ReviewState, Statement
from negotiations.services.review import review_reject
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().post("/admin/negotiations/statement/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_changelist_actions_decide_pending_items_only(analyst, reviewer) -> None:
    modeladmin = admin.ModelAdmin(Statement, admin.AdminSite(name="test"))
    statements = StatementFactory.create_batch(3, machine=True)
    review_reject(obj=statements[0], user=reviewer)
    request = _request(analyst)

    approve_selected(modeladmin, request, Statement.objects.all())

    states = dict(Statement.objects.values_list("pk", "review_state"))
    assert states == {
        statements[0].pk: ReviewState.REJECTED,
        statements[1].pk: ReviewState.APPROVED,
        statements[2].pk: ReviewState.APPROVED,
    }
    assert [str(m) for m in get_messages(request)] == [
        "Approved 2 item(s).",
        "1 selected item(s) were left undecided: not pending, or (when approving) written by"
        " you (four eyes: another reviewer approves them).",
    ]
    other = StatementFactory(machine=True)
    reject_selected(modeladmin, _request(analyst), Statement.objects.filter(pk=other.pk))
    assert Statement.objects.get(pk=other.pk).reviewed_by == analyst
