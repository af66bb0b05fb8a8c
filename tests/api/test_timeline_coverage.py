from __future__ import annotations

import datetime as dt

import pytest

from negotiations.models import ReviewState, StatusChange
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(db):
    track = f.TrackFactory(name="Coalition of the willing", slug="coalition")
    reuters = f.OutletFactory(name="Reuters", slug="reuters")
    bbc = f.OutletFactory(name="BBC", slug="bbc")
    article = f.ArticleFactory(
        outlet=reuters, text="Leaders met in Paris. Macron said troops could follow a ceasefire."
    )
    bbc_article = f.ArticleFactory(outlet=bbc, text="Starmer: British troops could deploy.")
    proposed = f.StatusChangeFactory(
        track=track, status=StatusChange.Status.PROPOSED, effective_date=dt.date(2025, 3, 2)
    )
    f.EvidenceFactory(status_change=proposed, article=article, excerpt="Leaders met in Paris.")
    talks = f.StatusChangeFactory(
        track=track, status=StatusChange.Status.TALKS_UNDER_WAY, effective_date=dt.date(2025, 3, 15)
    )
    # Not part of the curated record yet:
    f.StatusChangeFactory(
        track=track,
        status="stalled",
        effective_date=dt.date(2025, 4, 1),
        review_state=ReviewState.PENDING,
    )
    macron = f.StatementFactory(
        text="Troops could follow a ceasefire.", said_on=dt.date(2025, 3, 2)
    )
    f.StatementTrackFactory(statement=macron, track=track)
    f.StatementReportFactory(
        statement=macron, article=article, wording="troops could follow a ceasefire"
    )
    starmer = f.StatementFactory(text="British troops could deploy.", said_on=dt.date(2025, 3, 10))
    f.StatementTrackFactory(statement=starmer, track=track)
    f.StatementReportFactory(statement=starmer, article=bbc_article, wording="troops could deploy")
    undated = f.StatementFactory(said_on=None)
    f.StatementTrackFactory(statement=undated, track=track)
    return track, proposed, talks, macron, starmer


def test_timeline_in_date_order_with_evidence(viewer, history) -> None:
    track, proposed, talks, macron, starmer = history
    body = viewer.get(f"/api/v1/tracks/{track.pk}/timeline/").json()
    assert body["track"]["slug"] == "coalition"
    assert body["current_status"] == "talks_under_way"  # the pending "stalled" does not count
    assert body["next"] is None
    assert [(e["kind"], e["date"]) for e in body["results"]] == [
        ("status_change", "2025-03-02"),
        ("statement", "2025-03-02"),
        ("statement", "2025-03-10"),
        ("status_change", "2025-03-15"),
    ]
    first, second, third, fourth = body["results"]
    assert first["status_change"]["id"] == proposed.pk
    assert first["statement"] is None
    assert first["evidence"] == [
        {
            "article": first["evidence"][0]["article"],
            "outlet": {
                "id": first["evidence"][0]["outlet"]["id"],
                "slug": "reuters",
                "name": "Reuters",
                "state_affiliated": False,
            },
            "wording": "Leaders met in Paris.",
        }
    ]
    assert second["statement"]["id"] == macron.pk
    assert second["evidence"][0]["wording"] == "troops could follow a ceasefire"
    assert second["evidence"][0]["outlet"]["slug"] == "reuters"
    assert third["statement"]["id"] == starmer.pk
    assert third["evidence"][0]["outlet"]["slug"] == "bbc"
    assert fourth["status_change"]["id"] == talks.pk
    assert fourth["evidence"] == []


def test_timeline_pages_and_date_range(viewer, history) -> None:
    track, proposed, talks, macron, starmer = history
    path = f"/api/v1/tracks/{track.pk}/timeline/"
    seen = []
    url = f"{path}?limit=1"
    while url:
        body = viewer.get(url).json()
        assert len(body["results"]) <= 1
        seen += [(e["kind"], e["date"]) for e in body["results"]]
        url = body["next"]
    assert len(seen) == 4
    assert seen == sorted(seen, key=lambda item: (item[1], item[0] != "status_change"))
    ranged = viewer.get(path, {"date_from": "2025-03-03", "date_to": "2025-03-14"}).json()
    assert [e["statement"]["id"] for e in ranged["results"]] == [starmer.pk]


def test_coverage_counts_independent_outlets(viewer) -> None:
    statement = f.StatementFactory(text="We are ready to sign.")
    reuters = f.OutletFactory(name="Reuters", kind="agency")
    yahoo = f.OutletFactory(name="Yahoo News")
    rt = f.OutletFactory(name="RT", state_affiliated=True)
    tass = f.OutletFactory(name="TASS", state_affiliated=True)
    story = f.StoryFactory()
    words = "Zelensky said: we are ready to sign the agreement."

    def carried(outlet, wire_outlet=None, story=None):
        article = f.ArticleFactory(
            outlet=outlet, wire_outlet=wire_outlet, story=story, text=f"{words} ({outlet.name})"
        )
        return f.StatementReportFactory(
            statement=statement, article=article, wording="we are ready to sign"
        )

    original = carried(reuters)
    copy = carried(yahoo, wire_outlet=reuters)  # a wire copy: not corroboration
    rt_report = carried(rt, story=story)
    tass_report = carried(tass, story=story)  # the same story rewritten: one source
    f.StatementReportFactory(
        statement=statement,
        article=f.ArticleFactory(
            outlet=f.OutletFactory(name="Kyiv Independent"), wire_outlet=None, text=words
        ),
        wording="ready to sign",
        review_state=ReviewState.PENDING,  # not shown, not counted
    )
    body = viewer.get(f"/api/v1/statements/{statement.pk}/coverage/").json()
    assert body["statement"]["id"] == statement.pk
    assert body["reports_count"] == 4
    assert body["outlets_count"] == 4
    assert body["independent_outlets_count"] == 2
    by_report = {item["report_id"]: item for item in body["coverage"]}
    assert by_report[original.pk]["independent_group"] == by_report[copy.pk]["independent_group"]
    assert (
        by_report[rt_report.pk]["independent_group"]
        == by_report[tass_report.pk]["independent_group"]
    )
    assert (
        by_report[original.pk]["independent_group"] != by_report[rt_report.pk]["independent_group"]
    )
    assert by_report[copy.pk]["wire_outlet"]["name"] == "Reuters"
    assert by_report[copy.pk]["outlet"]["name"] == "Yahoo News"
    assert {item["wording"] for item in body["coverage"]} == {"we are ready to sign"}
    assert all(item["published_at"] for item in body["coverage"])
