"""Dates as precise as the record (issue 14, §6): the one presenter of a dated value, the
analyst's time zone, and the track page's current status and timeline."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from negotiations.admin.presenters import (
    LEFT,
    MIN_STRETCH_W,
    WIDTH,
    dated,
    published,
    time_axis,
    weekly_bars,
)
from negotiations.models import AnalystProfile, Article, ReviewState, StatusChange
from tests.factories import (
    ArticleFactory,
    EvidenceFactory,
    OutletFactory,
    StatementFactory,
    StatementTrackFactory,
    StatusChangeFactory,
    TrackFactory,
)

MOMENT = dt.datetime(2023, 7, 30, 19, 20, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("day", "precision", "shown"),
    [
        (dt.date(2023, 8, 3), "day", "3 Aug 2023"),
        (dt.date(2023, 7, 31), "week", "week of 31 Jul 2023"),
        (dt.date(2023, 8, 1), "part_of_month", "early Aug 2023"),
        (dt.date(2023, 7, 11), "part_of_month", "mid-Jul 2023"),
        (dt.date(2023, 7, 21), "part_of_month", "late Jul 2023"),
        (dt.date(2023, 8, 1), "month", "Aug 2023"),
        (dt.date(2023, 7, 1), "quarter", "Q3 2023"),
        (dt.date(2025, 1, 1), "year", "2025"),
        (None, "day", "date unknown"),
    ],
)
def test_a_date_shows_its_precision_and_no_more(day, precision, shown) -> None:
    assert dated(day, precision) == shown


def test_a_date_only_datetime_never_shows_a_time() -> None:
    midnight = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert dated(midnight, "year") == "2025"
    assert dated(midnight, "day") == "1 Jan 2025"


def test_a_moment_names_its_zone_the_analysts_and_the_outlets_local_time() -> None:
    assert dated(MOMENT) == "30 Jul 2023, 19:20 UTC"
    assert dated(MOMENT, utc_offset=180) == "30 Jul 2023, 19:20 UTC (22:20 local time, UTC+03:00)"
    with timezone.override(zoneinfo.ZoneInfo("Europe/Kyiv")):
        # The analyst's zone is the outlet's: said once.
        assert dated(MOMENT, utc_offset=180) == "30 Jul 2023, 22:20 EEST"
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        assert dated(MOMENT, utc_offset=180) == (
            "30 Jul 2023, 15:20 EDT (22:20 local time, UTC+03:00)"
        )
    with timezone.override(zoneinfo.ZoneInfo("America/Sao_Paulo")):  # no abbreviation
        assert dated(MOMENT) == "30 Jul 2023, 16:20 UTC-03:00"
    late = dt.datetime(2023, 7, 30, 22, 30, tzinfo=dt.UTC)
    assert dated(late, utc_offset=180) == (
        "30 Jul 2023, 22:30 UTC (31 Jul, 01:30 local time, UTC+03:00)"
    )


def test_an_article_shows_its_time_only_when_its_dateline_gives_one() -> None:
    timed = Article(published_at=MOMENT, published_precision="day", dateline_utc_offset=180)
    assert published(timed) == "30 Jul 2023, 19:20 UTC (22:20 local time, UTC+03:00)"
    untimed = Article(published_at=dt.datetime(2023, 7, 30, tzinfo=dt.UTC))
    assert published(untimed) == "30 Jul 2023"
    week = Article(published_at=dt.datetime(2023, 7, 31, tzinfo=dt.UTC), published_precision="week")
    assert published(week) == "week of 31 Jul 2023"
    assert published(Article()) == "date unknown"


def test_the_axis_cuts_long_empty_stretches() -> None:
    days = [dt.date(2022, 3, 29), dt.date(2022, 4, 2), dt.date(2025, 5, 16), dt.date(2025, 6, 2)]
    stretches = time_axis(days, LEFT, WIDTH)
    assert len(stretches) == 2
    assert stretches[0].x1 < stretches[1].x0  # the cut between them
    assert all(s.x1 - s.x0 >= MIN_STRETCH_W for s in stretches)
    xs = [next(s.x(d) for s in stretches if s.start <= d <= s.end) for d in days]
    assert xs == sorted(xs)
    # Four days apart in 2022 stay visibly apart, three years later or not.
    assert xs[1] - xs[0] > 20
    close = time_axis([dt.date(2023, 7, 1), dt.date(2023, 9, 1)], LEFT, WIDTH)
    assert len(close) == 1


# --- The track page -----------------------------------------------------------------------------


def _track():
    track = TrackFactory(name="Ukraine–US security agreement", slug="ukraine-us-dates")
    outlet = OutletFactory(name="Kyiv Independent")
    announced = StatusChangeFactory(
        machine=True,
        track=track,
        status=StatusChange.Status.ANNOUNCED,
        effective_date=dt.date(2022, 4, 1),
        date_precision="month",
        review_state=ReviewState.APPROVED,
    )
    talks = StatusChangeFactory(
        machine=True,
        track=track,
        status=StatusChange.Status.TALKS_UNDER_WAY,
        effective_date=dt.date(2023, 8, 3),
        review_state=ReviewState.APPROVED,
        summary="Talks began in Washington.",
    )
    article = ArticleFactory(
        outlet=outlet, published_at=MOMENT, dateline_utc_offset=180, text="Talks began today."
    )
    evidence = EvidenceFactory(
        status_change=talks, commitment=None, article=article, excerpt="Talks began today."
    )
    earlier = EvidenceFactory(
        status_change=announced,
        commitment=None,
        article=ArticleFactory(outlet=outlet, text="Talks were announced."),
        excerpt="Talks were announced.",
    )
    statement = StatementFactory(
        machine=True,
        said_on=dt.date(2025, 1, 1),
        said_precision="year",
        review_state=ReviewState.APPROVED,
    )
    StatementTrackFactory(
        machine=True, statement=statement, track=track, review_state=ReviewState.APPROVED
    )
    return track, talks, evidence, earlier, statement


def test_track_page_states_the_current_status_with_its_evidence_first(analyst_client) -> None:
    track, talks, evidence, _, _ = _track()

    body = analyst_client.get(reverse("admin:workbench_track", args=[track.pk])).content.decode()

    current = body.index("Current status: Talks under way since 3 Aug 2023")
    assert current < body.index("Status timeline")
    section = body[current : body.index("</section>", current)]
    assert "Talks began today." in section
    assert "Kyiv Independent</strong>, 30 Jul 2023, 19:20 UTC (22:20 local time" in section
    assert reverse("admin:negotiations_article_change", args=[evidence.article_id]) in section


def test_track_page_dates_are_as_precise_as_the_record(analyst_client) -> None:
    track, _, _, _, statement = _track()

    body = analyst_client.get(reverse("admin:workbench_track", args=[track.pk])).content.decode()

    assert "Apr 2022: <strong>Announced</strong>" in body  # month precision: no day
    assert "1 Apr 2022" not in body
    assert re.search(
        rf'id="statement-{statement.pk}"><time datetime="2025-01-01">2025</time>', body
    )
    assert "00:00" not in body
    assert "week of " in body  # the weekly table names weeks


def test_evidence_markers_sit_on_their_change_and_link_to_their_entry(analyst_client) -> None:
    track, talks, evidence, earlier, statement = _track()

    body = analyst_client.get(reverse("admin:workbench_track", args=[track.pk])).content.decode()

    status_mark = re.search(
        rf'<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*data-status-id="{talks.pk}"', body
    )
    evidence_mark = re.search(
        rf'<a href="#evidence-{evidence.pk}"[^>]*>.*?<path d="M([\d.]+),([\d.]+) [^"]*" '
        rf'class="wb-evidence" data-evidence-id="{evidence.pk}" data-status-id="{talks.pk}"',
        body,
    )
    assert status_mark
    assert evidence_mark
    # Right above the change's mark: the triangle's tip is at the change's x.
    assert float(evidence_mark.group(1)) + 5 == pytest.approx(float(status_mark.group(1)))
    assert float(evidence_mark.group(2)) < float(status_mark.group(2))
    for anchor in (f"evidence-{evidence.pk}", f"evidence-{earlier.pk}", f"status-{talks.pk}"):
        assert f'href="#{anchor}"' in body
        assert f'id="{anchor}"' in body
    assert f'href="#statement-{statement.pk}"' in body
    # Items three years apart: the axis is cut, and says what it skips.
    assert 'class="wb-break"' in body
    assert "the axis skips it" in body


def test_times_show_in_the_analysts_zone(analyst_client, analyst) -> None:
    track, *_ = _track()
    AnalystProfile.objects.create(user=analyst, time_zone="America/New_York")

    body = analyst_client.get(reverse("admin:workbench_track", args=[track.pk])).content.decode()

    assert "30 Jul 2023, 15:20 EDT (22:20 local time, UTC+03:00)" in body
    assert timezone.get_current_timezone_name() == "UTC"  # the request's zone did not leak


def test_the_time_zone_is_a_setting_on_the_users_admin_page(admin_client, analyst) -> None:
    url = reverse("admin:auth_user_change", args=[analyst.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Workbench settings" in page.content.decode()
    assert AnalystProfile.objects.filter(user=analyst).count() == 0
    add = admin_client.get(reverse("admin:negotiations_analystprofile_add"))
    assert 'value="Europe/Kyiv"' in add.content.decode()
    response = admin_client.post(
        reverse("admin:negotiations_analystprofile_add"),
        {"user": analyst.pk, "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200  # refused: not a zone
    assert not AnalystProfile.objects.filter(user=analyst).exists()
    admin_client.post(
        reverse("admin:negotiations_analystprofile_add"),
        {"user": analyst.pk, "time_zone": "Europe/Kyiv"},
    )
    assert AnalystProfile.objects.get(user=analyst).time_zone == "Europe/Kyiv"


def test_weekly_bars_name_the_year_of_the_first_week_and_of_each_new_year() -> None:
    weekly = [
        (dt.date(2025, 12, 22), {"ukraine": 2}),
        (dt.date(2025, 12, 29), {"russia": 1}),
        (dt.date(2026, 1, 5), {"ukraine": 1}),
        (dt.date(2026, 1, 12), {"ukraine": 3}),
    ]
    svg = str(weekly_bars(weekly, {"ukraine": "#1f77b4"}))
    labels = re.findall(
        r'class="wb-axis">(\d\d \w\w\w)(?:<tspan[^>]*>(\d{4})</tspan>)?</text>', svg
    )
    assert labels == [("22 Dec", "2025"), ("29 Dec", ""), ("05 Jan", "2026"), ("12 Jan", "")]
