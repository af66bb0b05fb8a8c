"""One rule, every write path: the API, the admin's pages (a record's own page and a track's
inlines) and the admin's import write statements, status changes and commitments through
``services/record.py``, so each rule holds on each of them (issue 15, point 1: before, the admin
and imports saved rows themselves and skipped both rules below)."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from negotiations import models as m
from negotiations.admin.writes import SERVICES, split_values
from negotiations.roles import ANALYST, REVIEWER
from negotiations.services import record
from tests import factories as f

pytestmark = pytest.mark.django_db


def _user(role: str):
    return f.UserFactory(is_staff=True, roles=[role])


def _hidden_inputs(page: str) -> dict[str, str]:
    found = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            found[name.group(1)] = value.group(1) if value else ""
    return found


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


# --- The three paths, each writing one statement (``pk=None`` creates) -------------------------


def _via_api(user, pk: int | None, values: dict) -> tuple[bool, str]:
    client = APIClient()
    client.force_authenticate(user)
    if pk is None:
        response = client.post("/api/v1/statements/", values, format="json")
    else:
        response = client.patch(f"/api/v1/statements/{pk}/", values, format="json")
    return response.status_code in (200, 201), response.content.decode()


def _via_admin_form(user, pk: int | None, values: dict) -> tuple[bool, str]:
    client = Client()
    client.force_login(user)
    if pk is None:
        url = reverse("admin:negotiations_statement_add")
        form = {"said_precision": "day", "channel": "unknown"}
    else:
        url = reverse("admin:negotiations_statement_change", args=[pk])
        statement = m.Statement.objects.get(pk=pk)
        form = {
            name: "" if getattr(statement, name) is None else getattr(statement, name)
            for name in (
                "text",
                "kind",
                "speaker_description",
                "said_on",
                "said_precision",
                "said_phrase",
                "channel",
                "channel_detail",
                # Posted as the page shows them; read-only (so ignored) for a non-reviewer.
                "review_state",
                "review_note",
            )
        }
        form |= {
            name: getattr(statement, f"{name}_id") or ""
            for name in ("speaker", "speaker_party", "speaker_position")
        }
    for prefix in ("track_links", "reports"):
        form |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    page = client.get(url).content.decode()
    for prefix in set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page)):
        form.setdefault(f"{prefix}-TOTAL_FORMS", 0)
        form.setdefault(f"{prefix}-INITIAL_FORMS", 0)
    response = client.post(url, form | values)
    return response.status_code == 302, _text(response.content.decode())


def _via_import(user, pk: int | None, values: dict) -> tuple[bool, str]:
    """The admin's two-step import of a one-row CSV (foreign keys as the export writes them)."""
    client = Client()
    client.force_login(user)
    row = {"id": "" if pk is None else pk}
    for name, value in values.items():
        if name == "speaker" and value:  # officials travel as their natural key (slug)
            value = json.dumps(m.Official.objects.get(pk=value).natural_key())
        row[name] = value
    csv = (
        ",".join(row)
        + "\n"
        + ",".join(f'"{str(v).replace(chr(34), 2 * chr(34))}"' for v in row.values())
        + "\n"
    )
    formats = [fmt.__name__ for fmt in type(admin.site._registry[m.Statement]).formats]
    response = client.post(
        reverse("admin:negotiations_statement_import"),
        {
            "format": str(formats.index("CSV")),
            "resource": "0",
            "import_file": SimpleUploadedFile("statements.csv", csv.encode(), "text/csv"),
        },
    )
    page = response.content.decode()
    confirm = {
        name: value
        for name, value in _hidden_inputs(page).items()
        if name in {"import_file_name", "original_file_name", "format", "resource"}
    }
    if not confirm.get("import_file_name"):  # the dry run found errors: nothing to confirm
        return False, _text(page)
    response = client.post(reverse("admin:negotiations_statement_process_import"), confirm)
    return response.status_code == 302, _text(response.content.decode())


PATHS: dict[str, Callable[..., tuple[bool, str]]] = {
    "api": _via_api,
    "admin form": _via_admin_form,
    "import": _via_import,
}


# --- The rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_a_speakers_position_must_be_the_speakers(path: str) -> None:
    position = f.PositionFactory()
    other = f.OfficialFactory()
    ok, body = PATHS[path](
        _user(ANALYST),
        None,
        {
            "speaker": other.pk,
            "speaker_position": position.pk,
            "text": "Talks start soon.",
            "kind": m.Statement.Kind.PARAPHRASE,
        },
    )
    assert not ok
    assert "belongs to another official" in body
    assert not m.Statement.objects.exists()


@pytest.mark.parametrize("path", PATHS)
def test_a_position_alone_names_the_speaker_and_the_party(path: str) -> None:
    position = f.PositionFactory()
    ok, body = PATHS[path](
        _user(ANALYST),
        None,
        {
            "speaker_position": position.pk,
            "text": "Talks start soon.",
            "kind": m.Statement.Kind.PARAPHRASE,
        },
    )
    assert ok, body
    statement = m.Statement.objects.get()
    assert (statement.speaker_id, statement.speaker_party_id) == (
        position.official_id,
        position.party_id,
    )
    assert (statement.origin, statement.review_state) == (m.Origin.CURATED, m.ReviewState.PENDING)


@pytest.mark.parametrize("path", PATHS)
def test_an_analysts_edit_sends_an_approved_statement_back_to_review(path: str) -> None:
    reviewer = f.UserFactory()
    statement = f.StatementFactory(review_state=m.ReviewState.APPROVED, reviewed_by=reviewer)
    analyst = _user(ANALYST)
    ok, body = PATHS[path](analyst, statement.pk, {"said_phrase": "on Sunday"})
    assert ok, body
    statement.refresh_from_db()
    assert statement.said_phrase == "on Sunday"
    assert (statement.review_state, statement.reviewed_by) == (m.ReviewState.PENDING, None)
    # The audit trail still gets one row for the edit, credited to the analyst.
    latest = statement.history.latest("history_date")
    assert (latest.history_user, latest.said_phrase, latest.review_state) == (
        analyst,
        "on Sunday",
        m.ReviewState.PENDING,
    )
    assert statement.history.count() == 2


@pytest.mark.parametrize("path", PATHS)
def test_a_reviewers_edit_keeps_the_approval(path: str) -> None:
    statement = f.StatementFactory(review_state=m.ReviewState.APPROVED)
    ok, body = PATHS[path](_user(REVIEWER), statement.pk, {"said_phrase": "on Sunday"})
    assert ok, body
    statement.refresh_from_db()
    assert (statement.said_phrase, statement.review_state) == ("on Sunday", m.ReviewState.APPROVED)


def test_an_analysts_edit_on_a_tracks_page_sends_its_status_change_back_to_review() -> None:
    """A track's inline rows go through the service too (``save_formset``)."""
    change = f.StatusChangeFactory(review_state=m.ReviewState.APPROVED)
    track = change.track
    analyst = _user(ANALYST)  # and, to open a track's page, the permission to change tracks
    analyst.user_permissions.add(Permission.objects.get(codename="change_track"))
    client = Client()
    client.force_login(analyst)
    url = reverse("admin:negotiations_track_change", args=[track.pk])
    page = client.get(url).content.decode()
    form = {
        "name": track.name,
        "slug": track.slug,
        "kind": track.kind,
        "keywords": track.keywords if isinstance(track.keywords, str) else "",
        "parent": "",
    }
    for prefix in set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page)):
        form |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    form |= {
        "status_changes-TOTAL_FORMS": 2,
        "status_changes-INITIAL_FORMS": 1,
        "status_changes-0-id": change.pk,
        "status_changes-0-track": track.pk,
        "status_changes-0-status": m.StatusChange.Status.SIGNED,
        "status_changes-0-effective_date": change.effective_date.isoformat(),
        "status_changes-0-date_precision": change.date_precision,
        "status_changes-0-date_phrase": "",
        "status_changes-1-track": track.pk,
        "status_changes-1-status": m.StatusChange.Status.SUSPENDED,
        "status_changes-1-effective_date": "2025-03-03",
        "status_changes-1-date_precision": "day",
        "status_changes-1-date_phrase": "",
    }
    response = client.post(url, form)
    assert response.status_code == 302, _text(response.content.decode())[-3000:]
    change.refresh_from_db()
    assert (change.status, change.review_state) == (
        m.StatusChange.Status.SIGNED,
        m.ReviewState.PENDING,
    )
    added = track.status_changes.exclude(pk=change.pk).get()
    assert (added.status, added.origin, added.review_state) == (
        m.StatusChange.Status.SUSPENDED,
        m.Origin.CURATED,
        m.ReviewState.PENDING,
    )


@pytest.mark.parametrize(
    ("model", "services"),
    [
        (m.Statement, (record.statement_create, record.statement_update)),
        (m.StatusChange, (record.status_change_create, record.status_change_update)),
        (m.Commitment, (record.commitment_create, record.commitment_update)),
    ],
    ids=["statement", "status change", "commitment"],
)
def test_every_field_the_admin_writes_is_a_keyword_of_the_services(model, services) -> None:
    """A form's or an import row's values reach the services as keyword arguments: a field the
    model gains is a keyword the services gain too."""
    assert set(SERVICES) == {m.Statement, m.StatusChange, m.Commitment}
    fields, _ = split_values(model, {field.name: None for field in model._meta.concrete_fields})
    for service in services:
        assert set(fields) <= set(inspect.signature(service).parameters), service.__name__
