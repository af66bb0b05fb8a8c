"""Exports an analyst can read and imports whose errors name the line (issue 14, §7)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from negotiations.admin.exports import READABLE_EXPORTS, StatusChangeExport
from negotiations.models import (
    Commitment,
    CommitmentStage,
    ReviewState,
    Statement,
    StatusChange,
)
from tests import factories as f
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    OutletFactory,
    PartyFactory,
    PositionFactory,
    StatementFactory,
    StatementTrackFactory,
    TrackFactory,
    evidence_for,
    report_for,
)

pytestmark = pytest.mark.django_db
APPROVED, PENDING = ReviewState.APPROVED, ReviewState.PENDING
TEXT = "Yermak said the talks in Jeddah were productive."


def _export(client, model, *, fmt="CSV", states=None, items=None):
    """Post the admin's export form as an analyst fills it in: every column, a format, the
    review states ticked (none: the form's default)."""
    model_admin = admin.site._registry[model]
    resource = READABLE_EXPORTS[model]
    formats = [fmt_class.__name__ for fmt_class in model_admin.formats]
    data = {
        "format": str(formats.index(fmt)),
        "resource": "0",
        **{f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()},
    }
    if states:
        data["review_states"] = states
    if items:
        data["export_items"] = items
    info = model._meta.app_label, model._meta.model_name
    response = client.post(reverse("admin:{}_{}_export".format(*info)), data)
    assert response.status_code == 200, response.content[:2000]
    return response


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')


def _statement():
    ukraine = PartyFactory(name="Ukraine")
    yermak = OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    position = PositionFactory(
        official=yermak, party=ukraine, title="Head of the Presidential Office"
    )
    statement = StatementFactory(
        machine=True,
        speaker=yermak,
        speaker_position=position,
        speaker_party=ukraine,
        text=TEXT,
        said_on=dt.date(2025, 3, 11),
        review_state=APPROVED,
    )
    for name, state in [("Ukraine–US talks", APPROVED), ("Unreviewed track", PENDING)]:
        StatementTrackFactory(
            machine=True, statement=statement, track=TrackFactory(name=name), review_state=state
        )
    for outlet, url, state in [
        ("Reuters", "https://reuters.example/jeddah", APPROVED),
        ("TASS", "https://tass.example/jeddah", APPROVED),
        ("Unreviewed Daily", "https://daily.example/x", PENDING),
    ]:
        article = ArticleFactory(
            outlet=OutletFactory(name=outlet), url=url, text=f"{outlet} reports. {TEXT}"
        )
        report_for(statement, article, TEXT, review_state=state)
    pending = StatementFactory(
        machine=True, text='=HYPERLINK("https://evil.example")', review_state=PENDING
    )
    return statement, pending


def test_statements_export_with_names_and_only_approved_rows(analyst_client) -> None:
    statement, pending = _statement()

    response = _export(analyst_client, Statement)

    assert _filename(response) == f"statements-approved-1-row-{timezone.localdate()}.csv"
    [row] = _rows(response)
    assert row["id"] == str(statement.pk)
    assert row["speaker"] == "Andriy Yermak"
    assert row["party"] == "Ukraine"
    assert row["position"] == "Head of the Presidential Office"
    assert row["tracks"] == "Ukraine–US talks"  # the approved link only
    assert row["outlets"] == "Reuters; TASS"
    assert "Reuters, " in row["reports"]
    assert "https://reuters.example/jeddah" in row["reports"]
    assert "https://tass.example/jeddah" in row["reports"]
    assert "Unreviewed Daily" not in response.content.decode()
    assert row["review_state"] == "Approved"
    assert row["said_on"] == "2025-03-11"
    assert row["said_precision"] == "Day"
    assert "[" not in row["speaker"] + row["party"]  # no JSON keys
    assert str(statement.speaker_id) not in row["speaker"]


def test_the_review_states_asked_for_and_a_file_name_that_says_so(analyst_client) -> None:
    statement, pending = _statement()

    response = _export(analyst_client, Statement, states=[PENDING, APPROVED])

    assert _filename(response) == (f"statements-approved-pending-2-rows-{timezone.localdate()}.csv")
    rows = {row["id"]: row for row in _rows(response)}
    assert set(rows) == {str(statement.pk), str(pending.pk)}
    assert "Unreviewed Daily" in rows[str(statement.pk)]["outlets"]  # pending reports too
    assert rows[str(pending.pk)]["text"].startswith("'=HYPERLINK")  # neutralised formula


def test_selected_rows_export_to_xlsx_in_the_states_asked_for(analyst_client) -> None:
    statement, pending = _statement()
    other = StatementFactory(machine=True, text="Not selected.", review_state=APPROVED)

    response = _export(analyst_client, Statement, fmt="XLSX", items=[statement.pk, pending.pk])

    assert _filename(response).startswith("statements-approved-1-row-")
    assert _filename(response).endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    texts = [row[rows[0].index("text")] for row in rows[1:]]
    assert texts == [TEXT]
    assert other.text not in texts


def test_status_changes_export_their_track_and_evidence(analyst_client) -> None:
    track = TrackFactory(name="Ukraine–US security agreement")
    change = f.StatusChangeFactory(
        machine=True,
        track=track,
        status=StatusChange.Status.TALKS_UNDER_WAY,
        effective_date=dt.date(2023, 8, 1),
        date_precision="month",
        review_state=APPROVED,
    )
    article = ArticleFactory(
        outlet=OutletFactory(name="Kyiv Independent"),
        url="https://kyivindependent.example/talks",
        published_at=dt.datetime(2023, 8, 3, 9, tzinfo=dt.UTC),
        text="Kyiv and Washington began talks on guarantees.",
    )
    evidence_for(article, "began talks on guarantees", status_change=change)

    [row] = _rows(_export(analyst_client, StatusChange))

    assert row["track"] == "Ukraine–US security agreement"
    assert row["status"] == "Talks under way"
    assert row["date_precision"] == "Month"
    assert row["outlets"] == "Kyiv Independent"
    assert row["evidence"] == (
        "Kyiv Independent, 2023-08-03: “began talks on guarantees” "
        "https://kyivindependent.example/talks"
    )


def test_commitments_export_parties_and_their_approved_stages(analyst_client) -> None:
    commitment = f.CommitmentFactory(
        machine=True,
        track=TrackFactory(name="G7 framework"),
        party=PartyFactory(name="Germany"),
        beneficiary=PartyFactory(name="Ukraine"),
        amount=Decimal("7000000000"),
        currency="EUR",
        period_phrase="over four years",
        review_state=APPROVED,
    )
    f.CommitmentStageFactory(
        machine=True,
        commitment=commitment,
        stage=CommitmentStage.Stage.ANNOUNCED,
        effective_date=dt.date(2024, 2, 1),
        review_state=APPROVED,
    )
    f.CommitmentStageFactory(
        machine=True,
        commitment=commitment,
        stage=CommitmentStage.Stage.DELIVERED,
        effective_date=dt.date(2024, 6, 1),
        review_state=PENDING,
    )

    [row] = _rows(_export(analyst_client, Commitment))

    assert (row["track"], row["party"], row["beneficiary"]) == (
        "G7 framework",
        "Germany",
        "Ukraine",
    )
    assert row["stages"] == "Announced 2024-02-01"
    assert row["amount"].startswith("7000000000")
    # The columns are the commitment's fields as the API reads them: its period's words too.
    assert row["period_phrase"] == "over four years"


# --- Imports --------------------------------------------------------------------------------------


def _import(client, model, text: str):
    model_admin = admin.site._registry[model]
    formats = [fmt_class.__name__ for fmt_class in model_admin.formats]
    info = model._meta.app_label, model._meta.model_name
    response = client.post(
        reverse("admin:{}_{}_import".format(*info)),
        {
            "format": str(formats.index("CSV")),
            "resource": "0",
            "import_file": SimpleUploadedFile("statements.csv", text.encode(), "text/csv"),
        },
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_import_errors_name_the_line_the_column_and_the_value(analyst_client) -> None:
    OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    body = _import(
        analyst_client,
        Statement,
        "speaker,text,kind,said_on,said_precision,channel\n"
        "andriy-yermak,The talks were productive.,direct_quote,2025-03-11,day,unknown\n"
        "andriy-yermak,We are ready for peace.,direct_quote,2025-03-12,day,unknown\n"
        "emmanuel-macron,Something else.,direct_quote,2025-02-30,day,unknown\n",
    )

    assert (
        "line 4, speaker: no official 'emmanuel-macron'; "
        "said_on: 2025-02-30 is not a date (YYYY-MM-DD)"
    ) in body
    assert "line 2" not in body
    # The good rows are previewed; nothing is written, and there is nothing to confirm.
    assert "The other rows would import like this" in body
    assert "We are ready for peace." in body
    assert "import_file_name" not in body
    assert not Statement.objects.exists()


def test_foreign_keys_import_by_their_slug(analyst_client) -> None:
    OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    body = _import(
        analyst_client,
        Statement,
        "speaker,text,kind,said_on,said_precision,channel\n"
        "andriy-yermak,The talks were productive.,direct_quote,2025-03-11,day,unknown\n",
    )
    assert "Nothing was imported" not in body
    assert "import_file_name" in body  # the confirm form of a clean dry run
    assert "The talks were productive." in body
    assert not Statement.objects.exists()
    assert "andriy-yermak" in body  # the preview names the speaker as the file does


def test_the_export_form_asks_for_the_review_states_approved_ticked(analyst_client) -> None:
    statement, _ = _statement()
    response = analyst_client.post(
        reverse("admin:negotiations_statement_changelist"),
        {"action": "export_admin_action", "_selected_action": [statement.pk]},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="review_states" value="approved"' in body
    approved = body[body.index('value="approved"') - 200 : body.index('value="approved"') + 200]
    assert "checked" in approved
    assert 'name="review_states" value="pending"' in body


def test_exchange_rate_imports_name_their_bad_lines_too(analyst_client) -> None:
    from negotiations.models import ExchangeRate

    body = _import(
        analyst_client,
        ExchangeRate,
        "currency,date,rate,source\n"
        "USD,2024-02-29,1.08,ECB\n"
        "USD,2024-02-30,1.09,ECB\n"
        "GBP,2024-03-01,lots,ECB\n",
    )

    assert "line 3, date: 2024-02-30 is not a date (YYYY-MM-DD)" in body
    assert "line 4, rate: lots is not a number" in body
    assert "The other rows would import like this" in body
    assert not ExchangeRate.objects.exists()


def test_a_column_neither_a_field_nor_computed_is_refused_not_exported_empty() -> None:
    class Broken(StatusChangeExport):
        class Meta(StatusChangeExport.Meta):
            fields = export_order = (*StatusChangeExport.Meta.fields, "sources_count")

    with pytest.raises(ImproperlyConfigured, match="'sources_count' is neither a field"):
        Broken()
    for resource in READABLE_EXPORTS.values():  # every real export builds
        assert resource().fields
