"""Four eyes (issue 13): nobody approves a record they wrote, superusers included, on any path
(the API, the admin's form, an import, the workbench, bulk actions), unless
``REVIEW_ALLOW_SELF_APPROVAL`` says a one-person team may."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from negotiations import models as m
from negotiations.roles import ANALYST, REVIEWER
from negotiations.services import four_eyes, record
from negotiations.services.review import review_approve, review_bulk_approve, review_reject
from tests import factories as f
from tests.admin.test_write_paths import PATHS

pytestmark = pytest.mark.django_db


def _author():
    return f.UserFactory(is_staff=True, roles=[ANALYST, REVIEWER])


def _written_by(user) -> m.Statement:
    return record.statement_create(
        user=user,
        speaker=f.OfficialFactory(),
        text="We will sign the agreement next month.",
        kind=m.Statement.Kind.DIRECT_QUOTE,
    )


@pytest.mark.parametrize("path", ["admin form", "import"])
def test_the_author_cannot_write_a_record_already_approved(path: str) -> None:
    author = _author()
    official = f.OfficialFactory()
    before = m.Statement.objects.count()
    ok, body = PATHS[path](
        author,
        None,
        {
            "speaker": official.pk,
            "text": "Talks begin.",
            "kind": "paraphrase",
            "review_state": "approved",
        },
    )
    assert not ok
    assert "Four eyes" in body
    assert m.Statement.objects.count() == before


def test_the_author_cannot_approve_their_record_and_another_reviewer_can() -> None:
    author, colleague = _author(), _author()
    statement = _written_by(author)
    with pytest.raises(Exception, match="Four eyes"):
        review_approve(obj=statement, user=author)
    statement.refresh_from_db()
    assert statement.review_state == m.ReviewState.PENDING
    review_approve(obj=statement, user=colleague)
    statement.refresh_from_db()
    assert (statement.review_state, statement.reviewed_by) == (m.ReviewState.APPROVED, colleague)


def test_superusers_are_held_to_it_too_over_the_api() -> None:
    author = f.UserFactory(is_superuser=True, is_staff=True)
    statement = _written_by(author)
    client = APIClient()
    client.force_authenticate(author)
    response = client.post(f"/api/v1/statements/{statement.pk}/approve/", {}, format="json")
    assert response.status_code == 400
    assert "Four eyes" in str(response.json()["errors"])
    statement.refresh_from_db()
    assert statement.review_state == m.ReviewState.PENDING


def test_a_bulk_approval_skips_the_users_own_records_and_decides_the_rest() -> None:
    author = _author()
    own = _written_by(author)
    machine = f.StatementFactory(
        review_state=m.ReviewState.PENDING, origin=m.Origin.MACHINE, analyser_version="t"
    )
    decided = review_bulk_approve(objs=[own, machine], user=author)
    assert [obj.pk for obj in decided] == [machine.pk]
    own.refresh_from_db()
    assert own.review_state == m.ReviewState.PENDING


def test_the_workbench_says_why_and_approves_nothing() -> None:
    author = _author()
    statement = _written_by(author)
    client = Client()
    client.force_login(author)
    response = client.post(
        reverse("admin:workbench_decide"), {"approve_one": f"statement:{statement.pk}"}, follow=True
    )
    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.review_state == m.ReviewState.PENDING
    assert "left undecided" in response.content.decode()


def test_machine_output_is_anyones_to_approve() -> None:
    reviewer = _author()
    machine = f.StatementFactory(
        review_state=m.ReviewState.PENDING, origin=m.Origin.MACHINE, analyser_version="t"
    )
    review_approve(obj=machine, user=reviewer)
    assert machine.review_state == m.ReviewState.APPROVED


def test_a_one_person_team_may_approve_its_own(settings) -> None:
    settings.REVIEW_ALLOW_SELF_APPROVAL = True
    author = _author()
    statement = _written_by(author)
    review_approve(obj=statement, user=author)
    assert statement.review_state == m.ReviewState.APPROVED
    assert four_eyes.own_records(m.Statement, [statement.pk], author) == set()


def test_whoever_edits_a_record_is_one_of_its_authors() -> None:
    author, editor, third = _author(), _author(), _author()
    statement = _written_by(author)
    record.statement_update(statement=statement, user=editor, text="We will sign it in May.")
    with pytest.raises(Exception, match="Four eyes"):
        review_approve(obj=statement, user=editor)
    review_approve(obj=statement, user=third)
    statement.refresh_from_db()
    assert statement.review_state == m.ReviewState.APPROVED


def test_a_review_decision_is_no_writing() -> None:
    author, reviewer = _author(), _author()
    statement = _written_by(author)
    review_reject(obj=statement, user=reviewer, note="Check the date.")
    assert four_eyes.own_records(m.Statement, [statement.pk], reviewer) == set()
    review_approve(obj=statement, user=reviewer)  # the rejection made them no author
    statement.refresh_from_db()
    assert statement.review_state == m.ReviewState.APPROVED


def test_the_api_lets_a_non_reviewer_write_exactly_the_pending_rows_four_eyes_calls_theirs() -> (
    None
):
    """One rule of authorship: the rows a non-reviewer may write back through the API are the
    approved record and the rows four eyes counts as theirs (a creation or an edit, not a review
    decision); before, the API counted every history row and four eyes the creating one only."""
    analyst = f.UserFactory(is_staff=True, roles=[ANALYST])
    reviewer = _author()
    created = _written_by(analyst)
    edited = _written_by(reviewer)
    review_approve(obj=edited, user=_author())
    record.statement_update(statement=edited, user=analyst, text="We will sign it in May.")
    decided_only = _written_by(_author())
    review_reject(obj=decided_only, user=reviewer)
    client = APIClient()
    client.force_authenticate(analyst)
    writable = {
        statement.pk
        for statement in (created, edited, decided_only)
        if client.patch(f"/api/v1/statements/{statement.pk}/", {}, format="json").status_code == 200
    }
    assert writable == {created.pk, edited.pk}
    assert set(four_eyes.written_by(m.Statement, analyst).values_list("id", flat=True)) == writable
    assert set(four_eyes.written_by(m.Statement, reviewer).values_list("id", flat=True)) == {
        edited.pk
    }
