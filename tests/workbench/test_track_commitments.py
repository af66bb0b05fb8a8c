"""The track page's commitment chart (stacked stages per party in one currency, with its table)
and a framework's children, against a record whose figures are computed by hand."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from negotiations.models import CommitmentStage, ReviewState, Track
from tests import factories as f

pytestmark = pytest.mark.django_db
Stage = CommitmentStage.Stage


def _commitment(track, party, amount, currency, stages):
    commitment = f.CommitmentFactory(
        track=track,
        party=party,
        beneficiary=None,
        amount=Decimal(amount),
        currency=currency,
        description=f"{amount} {currency}",
    )
    for stage, day in stages:
        f.CommitmentStageFactory(
            commitment=commitment,
            stage=stage,
            effective_date=day,
            review_state=ReviewState.APPROVED,
        )
    return commitment


@pytest.fixture
def track(db):
    f.ExchangeRateFactory(currency="GBP", date=dt.date(2024, 1, 10), rate=Decimal("0.86"))
    track = f.TrackFactory(name="Coalition", kind=Track.Kind.FRAMEWORK)
    germany = f.PartyFactory(name="Germany")
    uk = f.PartyFactory(name="United Kingdom")
    poland = f.PartyFactory(name="Poland")
    day = dt.date(2024, 2, 1)
    _commitment(track, germany, "7000000000", "EUR", [(Stage.ANNOUNCED, day)])
    _commitment(
        track,
        germany,
        "3000000000",
        "EUR",
        [(Stage.ANNOUNCED, day), (Stage.ALLOCATED, day), (Stage.DELIVERED, day)],
    )
    _commitment(track, uk, "2500000000", "GBP", [(Stage.ANNOUNCED, dt.date(2024, 1, 12))])
    _commitment(track, poland, "100000000", "UAH", [(Stage.ANNOUNCED, day)])
    return track


def _segments(body: str) -> dict[tuple[str, str], float]:
    """(party, segment) -> the rect's height in the SVG."""
    found = {}
    for group in re.finditer(r'<g data-party="([^"]+)">(.*?)</g>', body):
        for rect in re.finditer(r'height="([\d.]+)" fill="[^"]+" data-segment="(\w+)"', group[2]):
            found[(group[1], rect[2])] = float(rect[1])
    return found


def test_commitment_chart_stacks_stages_per_party(analyst_client, track) -> None:
    body = analyst_client.get(reverse("admin:workbench_track", args=[track.pk])).content.decode()
    assert '<svg class="wb-commitments"' in body
    assert '<title id="commitments-title">Commitments per party in EUR</title>' in body
    # The tallest bar (Germany, 10bn committed) is the chart's 160 px: 3bn delivered is 48 px,
    # the 7bn committed but not allocated 112 px; the UK's 2.5bn GBP at 0.86 is 2.907bn EUR.
    assert _segments(body) == {
        ("Germany", "delivered"): 48.0,
        ("Germany", "committed"): 112.0,
        ("United Kingdom", "committed"): 46.5,
    }
    # Poland's hryvnias have no rate: no bar, a note, and the table says so.
    assert re.search(r'data-party="Poland">.*?no rate</text>', body)
    table = body[body.index('class="wb-table wb-commitment-totals"') :]
    assert "10,000,000,000 EUR" in table
    assert "2,906,976,744 EUR" in table
    assert "100,000,000 UAH" in table
    assert "No rate for: UAH on 1 Feb 2024" in body


def test_commitment_chart_in_another_currency(analyst_client, track) -> None:
    url = reverse("admin:workbench_track", args=[track.pk])
    body = analyst_client.get(url, {"currency": "gbp"}).content.decode()
    assert "Commitments per party in GBP" in body
    assert "2,500,000,000 GBP" in body
    # The German euros of 1 Feb 2024 at 0.86: 10bn EUR is 8.6bn GBP.
    assert "8,600,000,000 GBP" in body


def test_framework_lists_its_children_and_includes_their_statements(analyst_client, track):
    child = f.TrackFactory(name="UK-Ukraine agreement", parent=track)
    f.StatusChangeFactory(track=child, status="signed", effective_date=dt.date(2024, 1, 12))
    said = f.StatementFactory(text="The agreement is signed.", said_on=dt.date(2024, 1, 12))
    f.StatementTrackFactory(statement=said, track=child)
    url = reverse("admin:workbench_track", args=[track.pk])

    body = analyst_client.get(url).content.decode()
    children = body[body.index('class="wb-table wb-children"') :]
    assert "UK-Ukraine agreement" in children
    assert "Signed since 12 Jan 2024" in children
    assert "Signed 12 Jan 2024" in children
    assert f'data-statement-id="{said.pk}"' not in body
    body = analyst_client.get(url, {"include_children": "1"}).content.decode()
    assert f'data-statement-id="{said.pk}"' in body
    assert "Show this track's own only" in body
