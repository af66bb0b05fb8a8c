from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from negotiations.models import ReviewState, Statement
from negotiations.roles import ANALYST, REVIEWER, VIEWER, ensure_roles
from tests.api.conftest import ids
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_STATEMENT = {
    "speaker_description": "a senior official",
    "text": "We agree.",
    "kind": "paraphrase",
}


def test_anonymous_is_refused_by_default(anonymous, sample) -> None:
    response = anonymous.get("/api/v1/statements/")
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == 401
    assert body["code"] == "not_authenticated"
    assert "credentials" in body["detail"]
    assert anonymous.get("/api/v1/search/", {"q": "talks"}).status_code == 401


def test_anonymous_may_read_when_switched_on(anonymous, sample, settings) -> None:
    settings.API_ANONYMOUS_READ = True
    assert ids(anonymous.get("/api/v1/statements/")) == [sample.statement.pk]
    assert anonymous.get(f"/api/v1/tracks/{sample.track.pk}/timeline/").status_code == 200
    assert anonymous.get("/api/v1/search/", {"q": "talks"}).status_code == 200
    # Reading only: writes and review actions still need an account.
    assert anonymous.post("/api/v1/statements/", NEW_STATEMENT).status_code == 401
    approve = anonymous.post(f"/api/v1/statements/{sample.pending_statement.pk}/approve/")
    assert approve.status_code == 401
    # And no peeking at the review queue.
    assert anonymous.get("/api/v1/statements/", {"review_state": "pending"}).status_code == 403


def test_viewer_reads_but_cannot_write_or_review(viewer, sample) -> None:
    assert ids(viewer.get("/api/v1/statements/")) == [sample.statement.pk]
    response = viewer.post("/api/v1/statements/", NEW_STATEMENT)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    response = viewer.post(f"/api/v1/statements/{sample.pending_statement.pk}/approve/")
    assert response.status_code == 403
    assert "reviewer" in response.json()["detail"]
    assert Statement.objects.get(pk=sample.pending_statement.pk).review_state == "pending"


def test_user_without_role_cannot_read(sample) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(UserFactory())
    assert client.get("/api/v1/statements/").status_code == 403


def test_pending_is_for_reviewers_only(viewer, analyst, reviewer, sample) -> None:
    for client in (viewer, analyst):
        response = client.get("/api/v1/statements/", {"review_state": "pending"})
        assert response.status_code == 403
        assert "Only reviewers" in response.json()["detail"]
        # A pending record is invisible to them, not just unlisted.
        assert client.get(f"/api/v1/statements/{sample.pending_statement.pk}/").status_code == 404
    assert ids(reviewer.get("/api/v1/statements/", {"review_state": "pending"})) == [
        sample.pending_statement.pk
    ]
    everything = ids(reviewer.get("/api/v1/statements/", {"review_state": "all"}))
    assert sorted(everything) == sorted([sample.statement.pk, sample.pending_statement.pk])
    detail = reviewer.get(
        f"/api/v1/statements/{sample.pending_statement.pk}/", {"review_state": "pending"}
    )
    assert detail.status_code == 200


def test_analyst_writes_pending_records_and_cannot_review(analyst, sample) -> None:
    response = analyst.post("/api/v1/statements/", NEW_STATEMENT, format="json")
    assert response.status_code == 201, response.content
    created = Statement.objects.get(pk=response.json()["id"])
    assert created.review_state == ReviewState.PENDING
    assert created.origin == "curated"
    assert response.json()["review_state"] == "pending"
    response = analyst.post(f"/api/v1/statements/{created.pk}/approve/")
    assert response.status_code == 403


def test_analyst_is_refused_every_decision_and_nothing_changes(analyst, sample) -> None:
    pending, change = sample.pending_statement, sample.change
    before = [(o.review_state, o.reviewed_by_id) for o in (pending, change)]
    for url in (
        f"/api/v1/statements/{pending.pk}/approve/",
        f"/api/v1/statements/{pending.pk}/reject/",
        f"/api/v1/status-changes/{change.pk}/reject/",
    ):
        response = analyst.post(url, {"note": "mine"}, format="json")
        assert response.status_code == 403
        assert "reviewer" in response.json()["detail"]
    for obj in (pending, change):
        obj.refresh_from_db()
    assert [(o.review_state, o.reviewed_by_id) for o in (pending, change)] == before
    assert pending.review_note != "mine"


def test_reviewer_approves_and_rejects(reviewer, sample) -> None:
    pending = sample.pending_statement
    response = reviewer.post(
        f"/api/v1/statements/{pending.pk}/approve/", {"note": "checked"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "approved"
    pending.refresh_from_db()
    assert pending.review_state == ReviewState.APPROVED
    assert pending.reviewed_by == reviewer.user
    assert pending.reviewed_at is not None
    assert pending.review_note == "checked"
    # A reviewer may revisit a decision (negotiations.services.review allows corrections).
    again = reviewer.post(f"/api/v1/statements/{pending.pk}/reject/", {"note": "duplicate"})
    assert again.status_code == 200
    assert again.json()["review_state"] == "rejected"
    pending.refresh_from_db()
    assert pending.review_note == "duplicate"

    response = reviewer.post(f"/api/v1/status-changes/{sample.change.pk}/reject/")
    assert response.status_code == 200
    sample.change.refresh_from_db()
    assert sample.change.review_state == ReviewState.REJECTED
    assert sample.change.reviewed_by == reviewer.user
    # Rejected history no longer counts toward the current status.
    track = reviewer.get(f"/api/v1/tracks/{sample.track.pk}/").json()
    assert track["current_status"] is None


def test_reviewer_cannot_write_without_analyst_role(reviewer, sample) -> None:
    assert reviewer.post("/api/v1/statements/", NEW_STATEMENT).status_code == 403


def test_session_authentication_works(sample) -> None:
    from rest_framework.test import APIClient

    user = UserFactory(roles=[VIEWER])
    user.set_password("a-long-test-password")
    user.save()
    client = APIClient()
    assert client.login(username=user.username, password="a-long-test-password")
    assert ids(client.get("/api/v1/statements/")) == [sample.statement.pk]


def test_roles_are_created_idempotently_with_the_right_permissions() -> None:
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert set(before) >= {VIEWER, ANALYST, REVIEWER}
    ensure_roles()
    call_command("setup_roles", verbosity=0)
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert before == after
    assert "view_statement" in after[VIEWER]
    assert not any(p.startswith(("add_", "change_", "review_")) for p in after[VIEWER])
    assert {"add_statement", "change_statement", "add_statuschange"} <= after[ANALYST]
    assert not any(p.startswith("review_") for p in after[ANALYST])
    assert {"review_statement", "review_statuschange", "review_commitment"} <= after[REVIEWER]
    # Reviewers correct what they review (correct-and-approve needs change_); nothing may be added.
    assert {"change_statement", "change_statuschange"} <= after[REVIEWER]
    assert not any(p.startswith("add_") for p in after[REVIEWER])
    assert not any(p.startswith("delete_") for group in after.values() for p in group)


def test_throttling_per_user_and_per_anonymous_client(viewer, anonymous, settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute", "export": "1/minute"},
    }
    settings.API_ANONYMOUS_READ = True
    for _ in range(3):
        assert viewer.get("/api/v1/parties/").status_code == 200
    response = viewer.get("/api/v1/parties/")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    # Exports have their own, smaller budget on top (scoped throttle).
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "100/minute", "export": "1/minute"},
    }
    assert viewer.get("/api/v1/statements/export/").status_code == 200
    assert viewer.get("/api/v1/statements/export/").status_code == 429
    assert viewer.get("/api/v1/statements/").status_code == 200
    # The anonymous budget is separate (keyed by client address).
    assert anonymous.get("/api/v1/parties/").status_code == 200
    assert anonymous.get("/api/v1/parties/").status_code == 200
    assert anonymous.get("/api/v1/parties/").status_code == 429


def _anonymous_from(peer: str, forwarded_for: str | None = None):
    from rest_framework.test import APIClient

    headers = {"REMOTE_ADDR": peer}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return lambda: APIClient().get("/api/v1/parties/", **headers).status_code


def test_anonymous_clients_cannot_dodge_the_throttle_with_a_forged_header(db, settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
    }
    settings.API_ANONYMOUS_READ = True
    # No trusted proxy (the default): X-Forwarded-For is ignored, the peer address counts.
    assert [_anonymous_from("10.0.0.7", f"192.0.2.{i}")() for i in range(3)] == [200, 200, 429]
    assert _anonymous_from("10.0.0.8", "192.0.2.1")() == 200


def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(db, settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
        "NUM_PROXIES": 1,
    }
    settings.API_ANONYMOUS_READ = True
    proxy = "10.0.0.1"
    # Each client behind the proxy has its own budget; what a client prepends is not trusted.
    first = [
        _anonymous_from(proxy, f"{forged}, 198.51.100.5")()
        for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3")
    ]
    assert first == [200, 200, 429]
    assert _anonymous_from(proxy, "198.51.100.6")() == 200
