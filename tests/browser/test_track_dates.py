"""The track page in a real browser (issue 14, §6): its current status first, dates as precise as
the record, a timeline that stays readable with items years apart, and evidence markers a
keyboard reaches."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from playwright.sync_api import expect

from negotiations.models import AnalystProfile, ReviewState, StatusChange, Track
from negotiations.roles import ANALYST
from tests import factories as f
from tests.factories import role_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"
Status = StatusChange.Status


def _track() -> tuple[Track, list]:
    """The Istanbul talks of 2022 and their resumption in 2025: two bursts three years apart."""
    track = f.TrackFactory(name="Russia–Ukraine direct talks", slug="istanbul")
    kyiv_independent = f.OutletFactory(name="Kyiv Independent")
    reuters = f.OutletFactory(name="Reuters")
    steps = [
        (
            Status.TALKS_UNDER_WAY,
            dt.date(2022, 3, 29),
            "day",
            reuters,
            "Talks resumed in Istanbul.",
        ),
        (Status.SUSPENDED, dt.date(2022, 5, 1), "month", kyiv_independent, "Talks are on hold."),
        (Status.SCHEDULED, dt.date(2025, 5, 12), "week", reuters, "Delegations to meet."),
        (Status.TALKS_UNDER_WAY, dt.date(2025, 5, 16), "day", kyiv_independent, "Talks began."),
    ]
    evidence = []
    for status, day, precision, outlet, words in steps:
        change = f.StatusChangeFactory(
            machine=True,
            track=track,
            status=status,
            effective_date=day,
            date_precision=precision,
            review_state=ReviewState.APPROVED,
        )
        article = f.ArticleFactory(
            outlet=outlet,
            text=f"ISTANBUL - {words} More text follows.",
            published_at=dt.datetime.combine(day, dt.time(16, 5), tzinfo=dt.UTC),
            dateline_utc_offset=180,
        )
        evidence.append(
            f.EvidenceFactory(status_change=change, commitment=None, article=article, excerpt=words)
        )
    party = f.PartyFactory(name="Ukraine")
    for day in (dt.date(2022, 3, 29), dt.date(2022, 4, 2), dt.date(2025, 5, 16)):
        statement = f.StatementFactory(
            machine=True, said_on=day, speaker_party=party, review_state=ReviewState.APPROVED
        )
        f.StatementTrackFactory(
            machine=True, statement=statement, track=track, review_state=ReviewState.APPROVED
        )
    return track, evidence


def _log_in(page, live_server, track: Track) -> None:
    user = role_user("analyst", ANALYST)
    AnalystProfile.objects.create(user=user, time_zone="Europe/Kyiv")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/workbench/tracks/{track.pk}/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.locator("svg.wb-timeline").wait_for()


def test_track_page_states_its_status_and_keeps_a_readable_axis(
    live_server, page, screenshot
) -> None:
    track, evidence = _track()
    _log_in(page, live_server, track)

    current = page.locator(".wb-current")
    expect(current.locator("h2")).to_have_text("Current status: Talks under way since 16 May 2025")
    # The analyst's zone (Kyiv, UTC+3 in May) is the dateline's: one time, named.
    expect(current).to_contain_text("Kyiv Independent, 16 May 2025, 19:05 EEST: “Talks began.”")
    history = page.locator(".wb-status-history")
    expect(history).to_contain_text("May 2022: Suspended")
    expect(history).to_contain_text("week of 12 May 2025: Scheduled")
    assert "00:00" not in page.content()

    # Three years apart, and still a readable scale: the axis is cut once, its labels do not
    # overlap, and statements four days apart in 2022 are drawn apart.
    assert page.locator("svg.wb-timeline .wb-break").count() == 1
    labels = [
        box
        for box in (t.bounding_box() for t in page.locator("svg.wb-timeline text.wb-axis").all())
    ]
    assert len(labels) >= 4
    for a, b in itertools.combinations(labels, 2):
        assert a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
    dots = [d.bounding_box() for d in page.locator("svg.wb-timeline circle.wb-statement").all()]
    assert dots[1]["x"] - dots[0]["x"] > 15

    # Each evidence marker sits on the change it supports.
    for item in evidence:
        marker = page.locator(f'svg.wb-timeline [data-evidence-id="{item.pk}"]').bounding_box()
        change = page.locator(
            f'svg.wb-timeline circle[data-status-id="{item.status_change_id}"]'
        ).bounding_box()
        assert abs(marker["x"] + marker["width"] / 2 - (change["x"] + change["width"] / 2)) < 2
        assert marker["y"] + marker["height"] <= change["y"] + 1

    page.set_viewport_size({"width": 1440, "height": 900})
    screenshot("track-page-1440")
    page.set_viewport_size({"width": 390, "height": 844})
    # On a phone the chart scrolls inside its box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("track-page-390")


def test_evidence_markers_are_links_the_keyboard_reaches(live_server, page) -> None:
    track, evidence = _track()
    _log_in(page, live_server, track)
    target = evidence[1]

    page.locator(".wb-current h2").click()  # start tabbing from the top of the page
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == f"#evidence-{target.pk}":
            break
    else:
        pytest.fail("Tab never reached the evidence marker")
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name.startswith("Evidence for Suspended, May 2022: Kyiv Independent")
    page.keyboard.press("Enter")

    expect(page).to_have_url(
        f"{live_server.url}/admin/workbench/tracks/{track.pk}/#evidence-{target.pk}"
    )
    entry = page.locator(f"#evidence-{target.pk}")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("Talks are on hold.")
