"""The track page's commitment chart and a framework's children, in a real browser."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from negotiations.models import CommitmentStage, ReviewState, Track
from negotiations.roles import REVIEWER
from tests import factories as f
from tests.browser.conftest import SCREENSHOTS
from tests.factories import role_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"
Stage = CommitmentStage.Stage


def _framework() -> Track:
    for currency, rate in [("GBP", "0.86"), ("USD", "1.09"), ("JPY", "158.0")]:
        f.ExchangeRateFactory(currency=currency, date=dt.date(2024, 1, 2), rate=Decimal(rate))
    g7 = f.TrackFactory(name="G7 joint declaration", kind=Track.Kind.FRAMEWORK)
    uk_track = f.TrackFactory(name="UK-Ukraine agreement", parent=g7)
    f.StatusChangeFactory(track=uk_track, status="signed", effective_date=dt.date(2024, 1, 12))
    f.TrackFactory(name="Japan-Ukraine agreement", parent=g7)
    rows = [
        ("Germany", "7000000000", "EUR", [Stage.ANNOUNCED]),
        ("Germany", "3000000000", "EUR", [Stage.ANNOUNCED, Stage.ALLOCATED, Stage.DELIVERED]),
        ("United Kingdom", "2500000000", "GBP", [Stage.ANNOUNCED, Stage.ALLOCATED]),
        ("United States", "1500000000", "USD", [Stage.AGREED, Stage.ALLOCATED, Stage.DELIVERED]),
        ("Japan", "500000000000", "JPY", [Stage.ANNOUNCED]),
        ("Poland", "100000000", "UAH", [Stage.ANNOUNCED]),
    ]
    parties = {}
    for name, amount, currency, stages in rows:
        party = parties.get(name) or parties.setdefault(name, f.PartyFactory(name=name))
        commitment = f.CommitmentFactory(
            track=g7, party=party, beneficiary=None, amount=Decimal(amount), currency=currency
        )
        for i, stage in enumerate(stages):
            f.CommitmentStageFactory(
                commitment=commitment,
                stage=stage,
                effective_date=dt.date(2024, 2, 1) + dt.timedelta(days=30 * i),
                review_state=ReviewState.APPROVED,
            )
    return g7


def test_commitment_chart_on_the_track_page(live_server, page, screenshot) -> None:
    role_user("reviewer", REVIEWER)
    g7 = _framework()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/workbench/tracks/{g7.pk}/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    chart = page.locator("svg.wb-commitments")
    chart.wait_for()
    assert chart.get_attribute("aria-labelledby") == "commitments-title commitments-desc"
    assert page.locator("svg.wb-commitments rect[data-segment]").count() == 5
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 150
    assert "UK-Ukraine agreement" in page.locator("table.wb-children").inner_text()
    screenshot("commitment-chart-page")
    chart.locator("xpath=..").screenshot(path=str(SCREENSHOTS / "commitment-chart.png"))

    page.fill("input[name=currency]", "USD")
    page.click("form.wb-toggle button")
    page.locator("text=Commitments per party in USD").wait_for(state="attached")
    screenshot("commitment-chart-usd")
