"""One rule, every write path: the API, the admin's pages (a record's own page and its inlines)
and the admin's import write statements, status changes, commitments and their child rows
(reports, track links, evidence, stages) through ``services/record.py``, and a reviewer's
``review_state`` saved on a form or in a file is decided by ``services/review.py`` as the approve
action decides it, so each rule holds on each of them (issue 15, point 1: before, the admin and
imports saved rows themselves and skipped the rules below)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from negotiations import models as m
from negotiations.admin.audit import resource_for
from negotiations.admin.writes import REVIEW_FIELDS, SERVICES, split_values
from negotiations.permissions import can_review
from negotiations.roles import ANALYST, REVIEWER
from negotiations.services import record
from tests import factories as f
from tests.factories import QUOTE

pytestmark = pytest.mark.django_db


def _user(*roles: str):
    return f.UserFactory(is_staff=True, roles=list(roles))


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


def _statement_form(statement: m.Statement) -> dict:
    """The statement's admin form as its page shows it."""
    form: dict = {
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
    return form | {
        name: getattr(statement, f"{name}_id") or ""
        for name in ("speaker", "speaker_party", "speaker_position")
    }


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
        form = _statement_form(m.Statement.objects.get(pk=pk))
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
        if name == "speaker" and value:  # officials travel as their slug
            value = m.Official.objects.get(pk=value).slug
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


# --- Child rows: reports, track links, evidence, stages ----------------------------------------


def _statement_page(user, statement, *, reports: list[dict], values: dict | None = None):
    """Post the statement's admin page as shown, with its reports inline as ``reports`` (an ``id``
    for a row shown, none for a new one) and the statement's fields changed by ``values``."""
    client = Client()
    client.force_login(user)
    url = reverse("admin:negotiations_statement_change", args=[statement.pk])
    page = client.get(url).content.decode()
    form = _statement_form(statement)
    for prefix in set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page)):
        form |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    shown = [row for row in reports if row.get("id")]
    form |= {"reports-TOTAL_FORMS": len(reports), "reports-INITIAL_FORMS": len(shown)}
    for index, row in enumerate(reports):
        form |= {f"reports-{index}-statement": statement.pk}
        form |= {f"reports-{index}-{name}": value for name, value in row.items()}
    response = client.post(url, form | (values or {}))
    return response.status_code == 302, _text(response.content.decode())


def _report_row(report: m.StatementReport, **changes) -> dict:
    row = {
        "id": report.pk,
        "article": report.article_id,
        "kind": report.kind,
        "review_state": report.review_state,
        "wording": report.wording,
        "char_start": "" if report.char_start is None else report.char_start,
        "char_end": "" if report.char_end is None else report.char_end,
    }
    return row | changes


def _import_rows(user, model, rows: list[dict]) -> tuple[bool, str]:
    """The admin's two-step import of ``rows`` (dicts of the export's columns) into ``model``."""
    client = Client()
    client.force_login(user)
    columns = list(dict.fromkeys(name for row in rows for name in row))
    lines = [",".join(columns)]
    for row in rows:
        cells = ("" if row.get(c) is None else str(row[c]) for c in columns)
        lines.append(",".join(f'"{cell.replace(chr(34), 2 * chr(34))}"' for cell in cells))
    info = model._meta
    formats = [fmt.__name__ for fmt in type(admin.site._registry[model]).formats]
    response = client.post(
        reverse(f"admin:{info.app_label}_{info.model_name}_import"),
        {
            "format": str(formats.index("CSV")),
            "resource": "0",
            "import_file": SimpleUploadedFile(
                "rows.csv", ("\n".join(lines) + "\n").encode(), "text/csv"
            ),
        },
    )
    page = response.content.decode()
    confirm = {
        name: value
        for name, value in _hidden_inputs(page).items()
        if name in {"import_file_name", "original_file_name", "format", "resource"}
    }
    if not confirm.get("import_file_name"):
        return False, _text(page)
    response = client.post(
        reverse(f"admin:{info.app_label}_{info.model_name}_process_import"), confirm
    )
    return response.status_code == 302, _text(response.content.decode())


def _exported(model, obj, *, with_review: bool) -> dict:
    """The row the admin's export writes for ``obj`` (slugs for foreign keys)."""
    dataset = resource_for(model, with_review=with_review)().export(
        queryset=model.objects.filter(pk=obj.pk)
    )
    return dict(zip(dataset.headers, dataset[0], strict=True))


def _add_report(path: str, user, statement: m.Statement, article: m.Article, wording: str):
    """A new report of ``statement`` in ``article``, written through ``path``."""
    if path == "api":
        return _via_api(
            user,
            statement.pk,
            {"reports": [{"article": article.pk, "wording": wording, "kind": "paraphrase"}]},
        )
    if path == "admin form":
        new = {"article": article.pk, "kind": "paraphrase", "wording": wording}
        if can_review(user, m.StatementReport):
            new["review_state"] = m.ReviewState.PENDING
        return _statement_page(user, statement, reports=[new])
    template = f.StatementReportFactory(statement=statement, article=article)
    row = _exported(m.StatementReport, template, with_review=False)
    template.delete()
    return _import_rows(user, m.StatementReport, [row | {"id": "", "wording": wording}])


@pytest.mark.parametrize("path", PATHS)
def test_a_reports_wording_must_appear_verbatim_in_its_article(path: str) -> None:
    # Approved: an analyst's write reaches the approved record (and their own rows), not a
    # pending row of someone else's.
    statement = f.StatementFactory(review_state=m.ReviewState.APPROVED)
    article = f.ArticleFactory()
    ok, body = _add_report(path, _user(ANALYST), statement, article, "Words nobody wrote.")
    assert not ok
    assert "must appear verbatim in the article" in body
    assert not statement.reports.exists()


@pytest.mark.parametrize("path", PATHS)
def test_a_new_report_is_curated_and_pending_even_from_a_reviewer(path: str) -> None:
    statement = f.StatementFactory(review_state=m.ReviewState.APPROVED)
    article = f.ArticleFactory()
    # An analyst who also reviews: the admin's inline adds rows with the analyst's permissions.
    ok, body = _add_report(path, _user(ANALYST, REVIEWER), statement, article, QUOTE)
    assert ok, body[-3000:]
    report = statement.reports.get()
    assert (report.wording, report.origin, report.review_state) == (
        QUOTE,
        m.Origin.CURATED,
        m.ReviewState.PENDING,
    )


def _edit_report(path: str, user, report: m.StatementReport, wording: str):
    if path == "admin form":
        row = _report_row(report, wording=wording)
        if not can_review(user, m.StatementReport):
            row.pop("review_state")
        return _statement_page(user, report.statement, reports=[row])
    if path == "report page":
        client = Client()
        client.force_login(user)
        url = reverse("admin:negotiations_statementreport_change", args=[report.pk])
        form = _report_row(report, wording=wording, statement=report.statement_id)
        form |= {"review_note": report.review_note}
        response = client.post(url, form)
        return response.status_code == 302, _text(response.content.decode())
    row = _exported(m.StatementReport, report, with_review=False)
    return _import_rows(user, m.StatementReport, [row | {"wording": wording}])


# The API adds reports to a statement and never edits one: there the rule is the previous test's.
@pytest.mark.parametrize("path", ["admin form", "report page", "import"])
def test_an_analysts_edit_sends_an_approved_report_back_to_review(path: str) -> None:
    reviewer = f.UserFactory()
    report = f.StatementReportFactory(reviewed_by=reviewer)
    analyst = _user(ANALYST)
    analyst.user_permissions.add(Permission.objects.get(codename="change_statementreport"))
    wording = QUOTE.split(" would")[0]
    ok, body = _edit_report(path, analyst, report, wording)
    assert ok, body[-3000:]
    report.refresh_from_db()
    assert (report.wording, report.review_state, report.reviewed_by) == (
        wording,
        m.ReviewState.PENDING,
        None,
    )
    assert report.history.latest("history_date").history_user == analyst


def _approve(path: str, user, statement: m.Statement) -> tuple[bool, str]:
    """The reviewer approves ``statement``: the API's approve action, its admin page's
    ``review_state``, or an imported file's."""
    if path == "api":
        client = APIClient()
        client.force_authenticate(user)
        response = client.post(
            f"/api/v1/statements/{statement.pk}/approve/", {"note": "Checked"}, format="json"
        )
        return response.status_code == 200, response.content.decode()
    if path == "admin form":
        values = {"review_state": m.ReviewState.APPROVED, "review_note": "Checked"}
        return _statement_page(user, statement, reports=[], values=values)
    row = _exported(m.Statement, statement, with_review=True)
    row |= {"review_state": m.ReviewState.APPROVED, "review_note": "Checked"}
    return _import_rows(user, m.Statement, [row])


@pytest.mark.parametrize("path", PATHS)
def test_a_reviewers_approval_decides_the_pending_children_on_every_path(path: str) -> None:
    """Approving by saving ``review_state`` (a form, a file) is the approve action: the decision
    credited to the reviewer, in the history, with the statement's pending reports and links."""
    statement = f.StatementFactory(review_state=m.ReviewState.PENDING)
    report = f.StatementReportFactory(statement=statement, review_state=m.ReviewState.PENDING)
    link = f.StatementTrackFactory(statement=statement, review_state=m.ReviewState.PENDING)
    rejected = f.StatementReportFactory(statement=statement, review_state=m.ReviewState.REJECTED)
    reviewer = _user(REVIEWER)
    ok, body = _approve(path, reviewer, statement)
    assert ok, body[-3000:]
    for row in (statement, report, link):
        row.refresh_from_db()
        assert (row.review_state, row.reviewed_by, row.review_note) == (
            m.ReviewState.APPROVED,
            reviewer,
            "Checked",
        ), type(row).__name__
        assert row.reviewed_at is not None
        latest = row.history.latest("history_date")
        assert (latest.history_user, latest.review_state) == (reviewer, m.ReviewState.APPROVED)
    rejected.refresh_from_db()
    assert rejected.review_state == m.ReviewState.REJECTED  # decided before: left as it was


def test_a_reviewers_approval_on_the_statement_page_decides_the_reports_added_with_it() -> None:
    statement = f.StatementFactory(review_state=m.ReviewState.PENDING)
    article = f.ArticleFactory()
    reviewer = _user(ANALYST, REVIEWER)
    new = {
        "article": article.pk,
        "kind": "paraphrase",
        "wording": QUOTE,
        "review_state": m.ReviewState.PENDING,
    }
    values = {"review_state": m.ReviewState.APPROVED}
    ok, body = _statement_page(reviewer, statement, reports=[new], values=values)
    assert ok, body[-3000:]
    report = statement.reports.get()
    assert (report.review_state, report.reviewed_by) == (m.ReviewState.APPROVED, reviewer)


def test_a_non_reviewer_cannot_decide_through_a_service() -> None:
    statement = f.StatementFactory(review_state=m.ReviewState.PENDING)
    with pytest.raises(PermissionDenied):
        record.statement_update(
            statement=statement,
            user=_user(ANALYST),
            review={"review_state": m.ReviewState.APPROVED},
        )
    statement.refresh_from_db()
    assert statement.review_state == m.ReviewState.PENDING


def test_stages_and_evidence_on_a_commitments_page_go_through_the_services() -> None:
    commitment = f.CommitmentFactory(review_state=m.ReviewState.APPROVED)
    article = f.ArticleFactory()
    analyst = _user(ANALYST)
    client = Client()
    client.force_login(analyst)
    url = reverse("admin:negotiations_commitment_change", args=[commitment.pk])
    page = client.get(url).content.decode()
    form = {
        field.name: ""
        if field.value_from_object(commitment) is None
        else (field.value_from_object(commitment))
        for field in m.Commitment._meta.concrete_fields
        if field.editable and field.name not in {"id", *REVIEW_FIELDS}
    }
    for prefix in set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page)):
        form |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    evidence_prefix = re.search(r'name="(evidence[\w-]*)-TOTAL_FORMS"', page).group(1)
    form |= {
        "stages-TOTAL_FORMS": 1,
        "stages-0-commitment": commitment.pk,
        "stages-0-stage": m.CommitmentStage.Stage.AGREED,
        "stages-0-effective_date": "2025-03-03",
        "stages-0-date_precision": "day",
        f"{evidence_prefix}-TOTAL_FORMS": 1,
        f"{evidence_prefix}-0-commitment": commitment.pk,
        f"{evidence_prefix}-0-article": article.pk,
        f"{evidence_prefix}-0-excerpt": "Words nobody wrote.",
    }
    response = client.post(url, form)
    assert response.status_code == 200  # the evidence is not in the article: the page again
    assert "must appear verbatim" in _text(response.content.decode())
    assert not m.Evidence.objects.filter(commitment=commitment).exists()
    form[f"{evidence_prefix}-0-excerpt"] = QUOTE
    response = client.post(url, form)
    assert response.status_code == 302, _text(response.content.decode())[-3000:]
    stage = commitment.stages.get()
    assert (stage.origin, stage.review_state) == (m.Origin.CURATED, m.ReviewState.PENDING)
    assert m.Evidence.objects.get(commitment=commitment).excerpt == QUOTE


SERVICE_FUNCTIONS = {
    m.Statement: (record.statement_create, record.statement_update),
    m.StatusChange: (record.status_change_create, record.status_change_update),
    m.Commitment: (record.commitment_create, record.commitment_update),
    m.StatementReport: (record.statement_report_create, record.statement_report_update),
    m.StatementTrack: (record.statement_track_create, record.statement_track_update),
    m.Evidence: (record.evidence_create, record.evidence_update),
    m.CommitmentStage: (record.commitment_stage_create, record.commitment_stage_update),
}


@pytest.mark.parametrize(
    ("model", "services"),
    list(SERVICE_FUNCTIONS.items()),
    ids=[model.__name__ for model in SERVICE_FUNCTIONS],
)
def test_every_field_the_admin_writes_is_a_keyword_of_the_services(model, services) -> None:
    """A form's or an import row's values reach the services as keyword arguments: a field the
    model gains is a keyword the services gain too."""
    assert set(SERVICES) == set(SERVICE_FUNCTIONS)
    fields, review = split_values(
        model, {field.name: None for field in model._meta.concrete_fields}
    )
    for service in services:
        parameters = set(inspect.signature(service).parameters)
        assert set(fields) <= parameters, service.__name__
        assert review is None or "review" in parameters, service.__name__
