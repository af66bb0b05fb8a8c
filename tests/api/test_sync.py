"""The sync contract: a client that keeps a copy with ``?changed_since=`` on every list and the
withdrawals feed stays equal to what the lists show, whatever the admin, the API and ingestion
change (negotiations.services.changes).

The changes are committed (``transaction=True``): on PostgreSQL a change is served once no
transaction that started before it is still running, which a test's own open transaction would
never allow.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection

from negotiations.models import (
    Article,
    Deletion,
    Official,
    ReviewState,
    Statement,
    StatementReport,
    StatusChange,
    Track,
)
from negotiations.selectors import changes as changes_read
from negotiations.services import analysis, changes, merge, review
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db(transaction=True)

LISTS = [
    "parties",
    "officials",
    "aliases",
    "outlets",
    "articles",
    "tracks",
    "status-changes",
    "statements",
    "commitments",
]


def _pages(client, url: str, params: dict) -> list[dict]:
    """Every page of a list, following the next links as a client does."""
    pages = []
    while url:
        response = client.get(url, params)
        assert response.status_code == 200, response.content[:2000]
        body = response.json()
        pages.append(body)
        url, params = body["next"], None
    return pages


class Mirror:
    """The client loop of the README, verbatim: one high-water mark per feed."""

    def __init__(self, client) -> None:
        self.client = client
        self.rows: dict[str, dict[int, dict]] = {name: {} for name in LISTS}
        self.seen: dict[str, int] = dict.fromkeys([*LISTS, "withdrawals"], 0)

    def sync(self) -> None:
        for name in LISTS:
            params = {"changed_since": self.seen[name], "page_size": 3}
            for page in _pages(self.client, f"/api/v1/{name}/", params):
                for row in page["results"]:
                    held = self.rows[name].get(row["id"])
                    if held is None or row["seq"] >= held["seq"]:
                        self.rows[name][row["id"]] = row
                if page["seq"] is not None:
                    self.seen[name] = max(self.seen[name], page["seq"])
        params = {"changed_since": self.seen["withdrawals"], "page_size": 3}
        for page in _pages(self.client, "/api/v1/withdrawals/", params):
            for gone in page["results"]:
                held = self.rows.get(gone["resource"], {}).get(gone["object_id"])
                if held is not None and held["seq"] < gone["seq"]:
                    del self.rows[gone["resource"]][gone["object_id"]]
            if page["seq"] is not None:
                self.seen["withdrawals"] = max(self.seen["withdrawals"], page["seq"])


def _server(client) -> dict[str, dict[int, dict]]:
    return {
        name: {
            row["id"]: row
            for page in _pages(client, f"/api/v1/{name}/", {"page_size": 100})
            for row in page["results"]
        }
        for name in LISTS
    }


def _settled(timeout: float = 120.0) -> None:
    """Wait until every marker written so far is served (PostgreSQL: until no transaction of this
    database that started before now still runs; the server answers, nothing is guessed)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
        (written_below,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while (changes_read.servable_below() or 0) < written_below:
        assert time.monotonic() < deadline, "a transaction of the test database never ended"
        time.sleep(0.05)


def _assert_mirrors(mirror: Mirror, viewer, step: str) -> None:
    _settled()
    mirror.sync()
    server = _server(viewer)
    for name in LISTS:
        assert mirror.rows[name] == server[name], f"{name} diverged after: {step}"


def test_a_mirror_stays_equal_through_every_kind_of_change(sample) -> None:
    viewer = _client_for("viewer")
    analyst = _client_for("analyst")
    reviewer = _client_for("reviewer")
    mirror = Mirror(viewer)
    _assert_mirrors(mirror, viewer, "the first copy")

    # API: create (pending, not listed), then approve.
    position = sample.statement.speaker.positions.get()
    created = analyst.post(
        "/api/v1/statements/",
        {
            "speaker_position": position.pk,
            "text": "Talks start soon.",
            "kind": "direct_quote",
            "said_on": "2023-07-31",
            "channel": "told_journalists",
            "tracks": [sample.track.pk],
            "reports": [
                {
                    "article": sample.reuters.articles.get().pk,
                    "wording": "will start talks",
                    "kind": "paraphrase",
                }
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    new_id = created.json()["id"]
    _assert_mirrors(mirror, viewer, "create")
    assert reviewer.post(f"/api/v1/statements/{new_id}/approve/").status_code == 200
    _assert_mirrors(mirror, viewer, "approve")
    assert new_id in mirror.rows["statements"]

    # API: an analyst's edit of an approved record sends it back to review (a withdrawal).
    edit = analyst.patch(f"/api/v1/statements/{new_id}/", {"text": "Edited."}, format="json")
    assert edit.status_code == 200, edit.content
    _assert_mirrors(mirror, viewer, "edit of an approved record")
    assert new_id not in mirror.rows["statements"]
    assert _reasons(new_id) == [Deletion.Reason.UNAPPROVED]
    assert reviewer.post(f"/api/v1/statements/{new_id}/approve/").status_code == 200
    _assert_mirrors(mirror, viewer, "approve again")

    # API: reject an approved record (a withdrawal).
    assert reviewer.post(f"/api/v1/statements/{new_id}/reject/").status_code == 200
    _assert_mirrors(mirror, viewer, "reject")
    assert new_id not in mirror.rows["statements"]
    assert _reasons(new_id) == [Deletion.Reason.UNAPPROVED, Deletion.Reason.REJECTED]

    # Admin: an official renamed (statements and aliases embed the speaker).
    official = sample.statement.speaker
    official.full_name = "Andrii Yermak"
    official.save()
    _assert_mirrors(mirror, viewer, "official rename")

    # Admin: an alias seen in one more outlet, then in none (many-to-many changes, both sides).
    alias = official.aliases.get()
    alias.outlets.add(sample.rt)
    _assert_mirrors(mirror, viewer, "an alias's outlets added")
    sample.rt.aliases_used.clear()
    _assert_mirrors(mirror, viewer, "an outlet's aliases cleared")

    # Admin: an official merged into another (statements move to the survivor).
    twin = f.OfficialFactory(full_name="A. Yermak", slug="a-yermak")
    f.StatementFactory(speaker=twin, text="Said by the twin.", said_on=dt.date(2023, 8, 2))
    _assert_mirrors(mirror, viewer, "a new official with a statement")
    merge.official_merge(keep=official, lose=twin, user=reviewer.user)
    _assert_mirrors(mirror, viewer, "official merge")

    # Admin: a statement merged into another.
    double = f.StatementFactory(speaker=official, text="Twice.", said_on=dt.date(2023, 8, 3))
    f.StatementReportFactory(
        statement=double, article=sample.reuters.articles.get(), wording="security guarantees"
    )
    _assert_mirrors(mirror, viewer, "a duplicate statement")
    merge.statement_merge(keep=sample.statement, lose=double, user=reviewer.user)
    _assert_mirrors(mirror, viewer, "statement merge")
    (gone,) = Deletion.objects.filter(resource="statements", object_id=double.pk)
    assert (gone.reason, gone.replaced_by) == (Deletion.Reason.MERGED, sample.statement.pk)

    rt_article = sample.rt.articles.get()

    # Ingestion: a new article analysed (pending machine output, reports of known statements).
    article = f.ArticleFactory(
        outlet=sample.rt,
        title="Yermak on the talks",
        text='Andriy Yermak said: "Talks with the US on security guarantees start next week."',
    )
    analysis.article_analyse(article=article)
    _assert_mirrors(mirror, viewer, "ingestion")

    # Admin queue: a report and a track link approved (they change a statement's JSON).
    report = f.StatementReportFactory(
        statement=sample.statement,
        article=article,
        wording="start next week",
        review_state=ReviewState.PENDING,
    )
    other_track = f.TrackFactory(name="Coalition of the willing", slug="coalition")
    link = f.StatementTrackFactory(
        statement=sample.statement, track=other_track, review_state=ReviewState.PENDING
    )
    _assert_mirrors(mirror, viewer, "a pending report and track link")
    review.review_approve(obj=StatementReport.objects.get(pk=report.pk), user=reviewer.user)
    _assert_mirrors(mirror, viewer, "report approval")
    review.review_approve(obj=link, user=reviewer.user)
    _assert_mirrors(mirror, viewer, "track-link approval")

    # API: a status change approved moves its track's current status.
    proposed = f.StatusChangeFactory(
        track=sample.track,
        status=StatusChange.Status.SIGNED,
        effective_date=dt.date(2024, 1, 12),
        review_state=ReviewState.PENDING,
    )
    _assert_mirrors(mirror, viewer, "a pending status change")
    before = mirror.rows["tracks"][sample.track.pk]["current_status"]
    assert reviewer.post(f"/api/v1/status-changes/{proposed.pk}/approve/").status_code == 200
    _assert_mirrors(mirror, viewer, "status-change approval")
    assert mirror.rows["tracks"][sample.track.pk]["current_status"] != before

    # Admin: deletes, with cascades (the article's reports leave their statements).
    Article.objects.filter(pk=rt_article.pk).delete()
    _assert_mirrors(mirror, viewer, "article delete")
    Statement.objects.filter(pk=sample.statement.pk).delete()
    Track.objects.filter(pk=other_track.pk).delete()
    _assert_mirrors(mirror, viewer, "statement and track delete")
    assert Official.objects.filter(pk=official.pk).exists()
    assert _reasons(sample.statement.pk) == [Deletion.Reason.DELETED]
    # Rejecting a pending record withdraws nothing: it was never listed.
    pending = sample.pending_statement
    assert reviewer.post(f"/api/v1/statements/{pending.pk}/reject/").status_code == 200
    assert _reasons(pending.pk) == []
    _assert_mirrors(mirror, viewer, "reject of a pending record")


def _reasons(statement_id: int) -> list[str]:
    withdrawals = Deletion.objects.filter(resource="statements", object_id=statement_id)
    return list(withdrawals.order_by("change_seq", "id").values_list("reason", flat=True))


def test_marker_moves_for_every_row_a_resource_shows(sample) -> None:
    """Every lookup in SHOWN_IN resolves, and touching a shown row moves its showers' markers."""
    for model, showers in changes.SHOWN_IN.items():
        for resource, _lookup in showers:
            assert resource in changes.RESOURCES, (model, resource)
        some = model._default_manager.first()
        if some is not None:
            changes.touch(model, [some.pk])  # raises FieldError on a lookup that does not resolve


def test_changed_since_pages_in_seq_order_and_refuses_another(sample) -> None:
    viewer = _client_for("viewer")
    response = viewer.get("/api/v1/statements/", {"changed_since": 0, "ordering": "-id"})
    assert response.status_code == 400
    assert "seq" in response.json()["errors"]["ordering"][0]
    assert viewer.get("/api/v1/statements/", {"changed_since": -1}).status_code == 400
    _settled()
    body = viewer.get("/api/v1/statements/", {"changed_since": 0}).json()
    seqs = [row["seq"] for row in body["results"]]
    assert seqs == sorted(seqs)
    assert body["seq"] == max(seqs)
    assert viewer.get("/api/v1/statements/", {"changed_since": body["seq"]}).json() == {
        "next": None,
        "previous": None,
        "results": [],
        "seq": None,
    }
