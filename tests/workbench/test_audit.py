from __future__ import annotations

import io

import pytest
import tablib
from openpyxl import load_workbook

from negotiations.admin.audit import resource_for
from negotiations.models import Party, PartyMembership, ReviewState, Statement, StatementReport
from negotiations.services.review import review_approve, review_correct_and_approve
from tests import factories as f
from tests.factories import (
    ArticleFactory,
    PartyFactory,
    StatementFactory,
    report_for,
)

pytestmark = pytest.mark.django_db


def test_every_change_to_a_statement_is_kept_with_who_made_it(analyst) -> None:
    statement = StatementFactory(machine=True, text="The talks wre productive.")
    review_correct_and_approve(
        obj=statement, user=analyst, changes={"text": "The talks were productive."}
    )
    history = list(statement.history.order_by("history_date", "history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[1].history_user == analyst
    assert history[1].review_state == ReviewState.APPROVED
    delta = history[1].diff_against(history[0])
    assert {c.field for c in delta.changes} >= {"text", "review_state", "reviewed_by"}

    # Revert: the earliest version saved again restores the machine's proposal.
    history[0].instance.save()
    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.text, stored.review_state) == ("The talks wre productive.", ReviewState.PENDING)
    assert stored.history.count() == 3


def test_bulk_review_is_in_the_history_too(analyst) -> None:
    report = report_for(
        StatementFactory(machine=True), ArticleFactory(), "talks on security guarantees"
    )
    review_approve(obj=report, user=analyst)
    latest = StatementReport.history.filter(id=report.pk).latest("history_date")
    assert (latest.history_user, latest.review_state) == (analyst, ReviewState.APPROVED)


def test_export_to_csv_and_xlsx_with_natural_keys() -> None:
    g7 = PartyFactory(name="G7", slug="g7", kind=Party.Kind.BLOC)
    ukraine = PartyFactory(name="Ukraine", slug="ukraine", iso_code="UKR")
    f.PartyMembershipFactory(group=g7, member=ukraine, joined_on=None)
    dataset = resource_for(Party)().export(Party.objects.order_by("slug"))
    csv_text = dataset.export("csv")
    assert csv_text.splitlines()[0].startswith("id,")
    assert "ukraine" in csv_text
    assert "UKR" in csv_text
    workbook = load_workbook(io.BytesIO(dataset.export("xlsx")))
    rows = list(workbook.active.values)
    assert [row[rows[0].index("slug")] for row in rows[1:]] == ["g7", "ukraine"]

    memberships = resource_for(PartyMembership)().export().export("csv")
    assert "g7" in memberships  # the group travels as its slug, not its id
    assert "ukraine" in memberships


def test_import_dry_run_validates_and_writes_nothing() -> None:
    dataset = tablib.Dataset(headers=["name", "slug", "kind", "iso_code"])
    dataset.append(["Poland", "poland", "state", "POL"])
    dataset.append(["Nowhere", "nowhere", "state", "xx"])  # not ISO alpha-3
    result = resource_for(Party)().import_data(dataset, dry_run=True)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert result.invalid_rows[0].non_field_specific_errors == [
        "Constraint “party_iso_code_alpha3” is violated."
    ]
    assert not Party.objects.filter(slug__in=["poland", "nowhere"]).exists()

    good = tablib.Dataset(headers=["name", "slug", "kind", "iso_code"])
    good.append(["Poland", "poland", "state", "POL"])
    dry = resource_for(Party)().import_data(good, dry_run=True)
    assert not dry.has_errors()
    assert not dry.has_validation_errors()
    assert not Party.objects.filter(slug="poland").exists()
    resource_for(Party)().import_data(good, dry_run=False)
    assert Party.objects.get(slug="poland").iso_code == "POL"
