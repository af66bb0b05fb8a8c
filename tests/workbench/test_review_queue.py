from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from negotiations.models import Alias, ReviewState, Statement, StatementTrack, StatusChange
from negotiations.selectors.queue import QUEUE_PAGE_SIZE
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentCorrectionFactory,
    CommitmentFactory,
    CommitmentStageFactory,
    OutletFactory,
    StatementFactory,
    StatementTrackFactory,
    StatusChangeFactory,
    SuperuserFactory,
    evidence_for,
    report_for,
)

pytestmark = pytest.mark.django_db

QUEUE = "admin:workbench_review"
DECIDE = "admin:workbench_decide"


def _pending_items(n: int) -> None:
    outlet = OutletFactory(name="TASS", state_affiliated=True)
    for _ in range(n):
        statement = StatementFactory(machine=True)
        article = ArticleFactory(outlet=outlet)
        report_for(statement, article, "talks on security guarantees would continue")
        report_for(statement, ArticleFactory(), "talks on security guarantees would continue")
        status = StatusChangeFactory(machine=True)
        evidence_for(article, "talks on security guarantees", status_change=status)
        commitment = CommitmentFactory(machine=True)
        evidence_for(article, "guarantees", commitment=commitment)
        CommitmentStageFactory(machine=True, commitment=commitment)
        CommitmentCorrectionFactory(machine=True, commitment=commitment)
        AliasFactory(machine=True).outlets.add(outlet)
        StatementTrackFactory(machine=True, statement=statement)
        # A new report and track link of an approved statement are items of their own.
        approved = StatementFactory(machine=True, review_state=ReviewState.APPROVED)
        report_for(approved, article, "talks on security guarantees")
        StatementTrackFactory(machine=True, statement=approved)
        # So is a new stage of an approved commitment.
        decided = CommitmentFactory(machine=True, review_state=ReviewState.APPROVED)
        stage = CommitmentStageFactory(machine=True, commitment=decided)
        evidence_for(article, "guarantees", commitment=decided, commitment_stage=stage)


def test_queue_shows_evidence_with_the_sentence_highlighted_and_escaped(analyst_client) -> None:
    outlet = OutletFactory(name="RIA Novosti", state_affiliated=True)
    article = ArticleFactory(
        outlet=outlet,
        text="<script>alert(1)</script> Before. Ermak said <b>talks</b> went well. After.",
    )
    statement = StatementFactory(machine=True, text="Yermak said talks went well.")
    report_for(statement, article, "Ermak said <b>talks</b> went well.")

    response = analyst_client.get(reverse(QUEUE))

    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>Ermak said &lt;b&gt;talks&lt;/b&gt; went well.</mark>" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body
    assert "RIA Novosti" in body
    assert "state-affiliated" in body
    assert f'value="statement:{statement.pk}"' in body


def test_queue_query_count_does_not_grow_with_the_number_of_items(analyst_client) -> None:
    _pending_items(2)
    analyst_client.get(reverse(QUEUE))  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        assert analyst_client.get(reverse(QUEUE)).status_code == 200
    _pending_items(18)
    with CaptureQueriesContext(connection) as many:
        response = analyst_client.get(reverse(QUEUE))
    # Each round: a statement (its 2 reports and link inside), a status change, a commitment (its
    # stage and correction inside), an alias, the approved statement's report and link, and the
    # approved commitment's stage; one page of each kind is shown.
    body = response.content.decode()
    assert body.count('class="wb-item"') == QUEUE_PAGE_SIZE * 7
    assert body.count('class="wb-child"') == QUEUE_PAGE_SIZE * 5
    assert body.count('rel="next"') == 7
    assert len(many) == len(few)
    # Session, user and the analyst's time zone, the filters' choices (languages of articles and
    # of aliases, tracks, outlets), then per kind its pending count (8), its items (7),
    # evidence/outlet prefetches (6) and pending children (the statements' track links, the
    # commitments' stages and corrections).
    assert len(many) == 31


def test_approve_one_records_the_decision_and_returns_to_the_queue(analyst_client, analyst) -> None:
    statement = StatementFactory(machine=True)
    response = analyst_client.post(
        reverse(DECIDE), {"approve_one": f"statement:{statement.pk}", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    statement.refresh_from_db()
    assert (statement.review_state, statement.reviewed_by) == (ReviewState.APPROVED, analyst)
    assert statement.reviewed_at is not None


def test_bulk_reject_with_a_note_across_kinds(analyst_client, analyst) -> None:
    statement, alias, link = (
        StatementFactory(machine=True),
        AliasFactory(machine=True),
        StatementTrackFactory(machine=True),
    )
    untouched = StatusChangeFactory(machine=True)
    response = analyst_client.post(
        reverse(DECIDE),
        {
            "action": "reject",
            "item": [f"statement:{statement.pk}", f"alias:{alias.pk}", f"track_link:{link.pk}"],
            "note": "wrong speaker",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse(QUEUE)  # no open redirect
    assert Statement.objects.get(pk=statement.pk).review_note == "wrong speaker"
    assert Alias.objects.get(pk=alias.pk).review_state == ReviewState.REJECTED
    assert StatementTrack.objects.get(pk=link.pk).reviewed_by == analyst
    assert StatusChange.objects.get(pk=untouched.pk).review_state == ReviewState.PENDING


def test_decide_is_post_only_and_needs_csrf(analyst) -> None:
    statement = StatementFactory(machine=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    assert client.get(reverse(DECIDE)).status_code == 405
    response = client.post(reverse(DECIDE), {"approve_one": f"statement:{statement.pk}"})
    assert response.status_code == 403
    assert Statement.objects.get(pk=statement.pk).review_state == ReviewState.PENDING


def test_queue_needs_staff(client) -> None:
    user = SuperuserFactory(username="viewer", is_staff=False, is_superuser=False)
    client.force_login(user)
    response = client.get(reverse(QUEUE))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_review_permission_cannot_decide(client) -> None:
    user = SuperuserFactory(username="reader", is_staff=True, is_superuser=False)
    client.force_login(user)
    statement = StatementFactory(machine=True)
    response = client.post(reverse(DECIDE), {"approve_one": f"statement:{statement.pk}"})
    assert response.status_code == 403
    assert Statement.objects.get(pk=statement.pk).review_state == ReviewState.PENDING


def test_correct_and_approve_form(analyst_client, analyst) -> None:
    statement = StatementFactory(machine=True, text="The talks wre productive.")
    url = reverse("admin:workbench_correct", args=["statement", statement.pk])
    page = analyst_client.get(url)
    assert page.status_code == 200
    assert "The talks wre productive." in page.content.decode()
    data = {
        "speaker": statement.speaker_id,
        "speaker_party": statement.speaker_party_id,
        "speaker_description": "",
        "text": "The talks were productive.",
        "kind": statement.kind,
        "said_on": statement.said_on.isoformat(),
        "said_precision": "day",
        "channel": statement.channel,
        "channel_detail": "",
        "note": "typo",
    }
    response = analyst_client.post(url, data)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text == "The talks were productive."
    assert statement.review_state == ReviewState.APPROVED
    assert statement.reviewed_by == analyst
    assert "Corrected: text: The talks wre productive. → The talks were productive." in (
        statement.review_note
    )


def test_correction_that_breaks_a_constraint_is_shown_not_saved(analyst_client) -> None:
    alias = AliasFactory(machine=True, name="Ermak")
    AliasFactory(machine=True, name="Yermak", official=alias.official)
    url = reverse("admin:workbench_correct", args=["alias", alias.pk])
    response = analyst_client.post(
        url,
        {"name": "Yermak", "kind": "transliteration", "official": alias.official_id, "note": ""},
    )
    assert response.status_code == 200
    assert "already has this name variant" in response.content.decode()
    assert Alias.objects.get(pk=alias.pk).name == "Ermak"
