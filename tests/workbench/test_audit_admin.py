"""History with revert, export of a selection, validated import with a dry run, review actions,
as an analyst meets them in the record's admin pages."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from negotiations.admin.audit import resource_for
from negotiations.models import Party, ReviewState, Statement
from tests.factories import PartyFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_and_reverts(analyst_client, analyst) -> None:
    party = PartyFactory(name="Ukraine", slug="ukraine", description="first")
    change_url = reverse("admin:negotiations_party_change", args=[party.pk])
    form = {
        "name": "Ukraine",
        "slug": "ukraine",
        "short_name": "UA",
        "kind": "state",
        "iso_code": "UKR",
        "wikidata_id": "",
        "description": "second",
    }
    # Inline management forms of the party page (aliases, memberships both ways).
    page = analyst_client.get(change_url).content.decode()
    for prefix in _inline_prefixes(page):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = analyst_client.post(change_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    party.refresh_from_db()
    assert party.description == "second"

    history_page = analyst_client.get(reverse("admin:negotiations_party_history", args=[party.pk]))
    body = history_page.content.decode()
    assert history_page.status_code == 200
    assert "analyst" in body
    first = party.history.earliest("history_date")
    assert first.history_user is None  # made by the factory, outside a request
    latest = party.history.latest("history_date")
    assert latest.history_user == analyst

    revert_url = reverse(
        "admin:negotiations_party_simple_history", args=[party.pk, first.history_id]
    )
    revert_page = analyst_client.get(revert_url)
    assert revert_page.status_code == 200
    revert_form = {**form, "description": "first", "short_name": "", "iso_code": ""}
    response = analyst_client.post(revert_url, revert_form)
    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.description, party.iso_code) == ("first", "")
    assert party.history.count() == 3


def _inline_prefixes(page: str) -> list[str]:
    import re

    return sorted(set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page)))


def test_export_selected_rows_to_csv_and_xlsx(analyst_client) -> None:
    chosen = [
        PartyFactory(name="Ukraine", slug="ukraine", description="=1+1"),
        PartyFactory(name="Poland"),
    ]
    PartyFactory(name="Not chosen", slug="not-chosen")
    changelist = reverse("admin:negotiations_party_changelist")
    response = analyst_client.post(
        changelist,
        {"action": "export_admin_action", "_selected_action": [p.pk for p in chosen]},
    )
    assert response.status_code == 200
    assert "Export" in response.content.decode()

    resource = resource_for(Party)
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    export_url = reverse("admin:negotiations_party_export")
    formats = [f.__name__ for f in type(_admin(Party)).formats]
    for fmt in ("CSV", "XLSX"):
        response = analyst_client.post(
            export_url,
            {
                "format": str(formats.index(fmt)),
                "resource": "0",
                "export_items": [p.pk for p in chosen],
                **fields,
            },
        )
        assert response.status_code == 200
        if fmt == "CSV":
            text = response.content.decode()
            assert "ukraine" in text
            assert "Poland" in text
            assert "not-chosen" not in text
            assert "'=1+1" in text  # inert in a spreadsheet (CSV injection)
        else:
            rows = list(load_workbook(io.BytesIO(response.content)).active.values)
            names = {row[rows[0].index("name")] for row in rows[1:]}
            assert names == {"Ukraine", "Poland"}
            descriptions = {row[rows[0].index("description")] for row in rows[1:]}
            assert "'=1+1" in descriptions  # text, never a formula cell


def _admin(model):
    from django.contrib import admin

    return admin.site._registry[model]


def test_import_shows_a_dry_run_then_writes_only_on_confirm(analyst_client) -> None:
    import_url = reverse("admin:negotiations_party_import")
    formats = [f.__name__ for f in type(_admin(Party)).formats]
    csv = "name,slug,kind,iso_code\nMoldova,moldova,state,MDA\n"
    response = analyst_client.post(
        import_url,
        {
            "format": str(formats.index("CSV")),
            "resource": "0",
            "import_file": SimpleUploadedFile("parties.csv", csv.encode(), "text/csv"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Moldova" in body
    assert "confirm" in body.lower()
    assert not Party.objects.filter(slug="moldova").exists()  # dry run only

    confirm = {
        name: value
        for name, value in _hidden_inputs(body).items()
        if name in {"import_file_name", "original_file_name", "format", "resource"}
    }
    response = analyst_client.post(reverse("admin:negotiations_party_process_import"), confirm)
    assert response.status_code == 302
    assert Party.objects.get(slug="moldova").iso_code == "MDA"


def test_import_reports_invalid_rows_and_writes_nothing(analyst_client) -> None:
    formats = [f.__name__ for f in type(_admin(Party)).formats]
    csv = "name,slug,kind,iso_code\nAtlantis,atlantis,state,atl\n"
    response = analyst_client.post(
        reverse("admin:negotiations_party_import"),
        {
            "format": str(formats.index("CSV")),
            "resource": "0",
            "import_file": SimpleUploadedFile("parties.csv", csv.encode(), "text/csv"),
        },
    )
    body = response.content.decode()
    assert "party_iso_code_alpha3" in body
    assert "import_file_name" not in body  # no confirm form for an invalid file
    assert not Party.objects.filter(slug="atlantis").exists()


def _hidden_inputs(page: str) -> dict[str, str]:
    import re

    found = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            found[name.group(1)] = value.group(1) if value else ""
    return found


def test_statement_changelist_offers_review_actions(analyst_client, analyst) -> None:
    statements = StatementFactory.create_batch(2, machine=True)
    changelist = reverse("admin:negotiations_statement_changelist")
    page = analyst_client.get(changelist).content.decode()
    assert 'value="approve_selected"' in page
    assert 'value="export_admin_action"' in page
    response = analyst_client.post(
        changelist,
        {"action": "approve_selected", "_selected_action": [s.pk for s in statements]},
    )
    assert response.status_code == 302
    assert set(Statement.objects.values_list("review_state", "reviewed_by")) == {
        (ReviewState.APPROVED, analyst.pk)
    }


def _import_status_change(client, track_slug: str, summary: str, day: str):
    """Import one status change that claims to be approved, through the two-step import."""
    from negotiations.models import StatusChange

    formats = [f.__name__ for f in type(_admin(StatusChange)).formats]
    csv = (
        "id,track,status,effective_date,date_precision,summary,review_state,review_note\n"
        # Foreign keys travel as the target's slug, a plain value in the cell.
        f",{track_slug},announced,{day},day,{summary},approved,looks fine\n"
    )
    response = client.post(
        reverse("admin:negotiations_statuschange_import"),
        {
            "format": str(formats.index("CSV")),
            "resource": "0",
            "import_file": SimpleUploadedFile("changes.csv", csv.encode(), "text/csv"),
        },
    )
    assert response.status_code == 200, response.content[:500]
    confirm = {
        name: value
        for name, value in _hidden_inputs(response.content.decode()).items()
        if name in {"import_file_name", "original_file_name", "format", "resource"}
    }
    assert confirm.get("import_file_name"), re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())
    )[-3000:]
    response = client.post(reverse("admin:negotiations_statuschange_process_import"), confirm)
    assert response.status_code == 302
    return StatusChange.objects.get(summary=summary)


def test_an_import_cannot_approve_what_its_importer_may_not(
    client, staff_analyst, analyst, settings
) -> None:
    from tests.factories import TrackFactory

    # A one-person team (four eyes off, tests/admin/test_four_eyes.py has it on): the review
    # columns are the rule under test here.
    settings.REVIEW_ALLOW_SELF_APPROVAL = True

    track = TrackFactory(slug="g7-framework")
    client.force_login(staff_analyst)
    imported = _import_status_change(client, track.slug, "Imported by an analyst", "2024-06-13")
    assert (imported.review_state, imported.review_note) == (ReviewState.PENDING, "")
    # Someone who may review imports the review as written.
    client.force_login(analyst)
    imported = _import_status_change(client, track.slug, "Imported by a reviewer", "2024-06-14")
    assert (imported.review_state, imported.review_note) == (ReviewState.APPROVED, "looks fine")
