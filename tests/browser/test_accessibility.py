"""axe-core over every workbench page: no serious or critical violation.

axe-core's own script comes from the pinned ``axe-playwright-python`` package
(requirements-dev.txt), which ships ``axe.min.js`` and injects it into the page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

from negotiations.roles import REVIEWER
from negotiations.services.review import review_approve
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentFactory,
    OutletFactory,
    PartyFactory,
    StatementFactory,
    StatementTrackFactory,
    StatusChangeFactory,
    TrackFactory,
    TrackParticipantFactory,
    evidence_for,
    report_for,
    role_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
BLOCKING = {"serious", "critical"}


def _record() -> dict[str, str]:
    """A small record with something on every page; the pages' paths by name."""
    reviewer = role_user("reviewer", REVIEWER)
    track = TrackFactory(name="Ukraine–US security agreement", slug="ukraine-us")
    ukraine, usa = PartyFactory(name="Ukraine"), PartyFactory(name="United States")
    TrackParticipantFactory(track=track, party=usa, role="guarantor")
    TrackParticipantFactory(track=track, party=ukraine, role="beneficiary")
    reuters = ArticleFactory(
        wire_outlet=None,
        story=None,
        outlet=OutletFactory(name="Reuters"),
        url="https://www.reuters.com/world/jeddah",
        text='Officials met in Jeddah. Yermak said: "the talks in Jeddah were productive."',
        published_at=dt.datetime(2025, 3, 11, 18, 0, tzinfo=dt.UTC),
    )
    tass = ArticleFactory(
        wire_outlet=None,
        story=None,
        outlet=OutletFactory(name="TASS", state_affiliated=True),
        text="Ermak claimed: «the so-called talks in Jeddah were productive.»",
        published_at=dt.datetime(2025, 3, 12, 9, 0, tzinfo=dt.UTC),
    )
    statement = StatementFactory(
        machine=True,
        speaker_party=ukraine,
        text='Yermak said: "the talks in Jeddah were productive."',
    )
    report_for(statement, reuters, 'Yermak said: "the talks in Jeddah were productive."')
    report_for(statement, tass, "Ermak claimed: «the so-called talks in Jeddah were productive.»")
    StatementTrackFactory(machine=True, statement=statement, track=track, matched="Jeddah", score=1)
    change = StatusChangeFactory(machine=True, track=track, effective_date=dt.date(2025, 3, 11))
    evidence_for(reuters, "Officials met in Jeddah", status_change=change)
    review_approve(obj=change, user=reviewer)
    evidence_for(
        reuters, "Jeddah", commitment=CommitmentFactory(machine=True, track=track, party=usa)
    )
    AliasFactory(machine=True).outlets.add(tass.outlet)
    return {
        "login": "/admin/login/",
        "dashboard": "/admin/",
        "queue": "/admin/workbench/review/",
        "track index": "/admin/workbench/tracks/",
        "track page": f"/admin/workbench/tracks/{track.pk}/",
        "comparison": f"/admin/workbench/statements/{statement.pk}/compare/",
        "correction form": f"/admin/workbench/review/statement/{statement.pk}/correct/",
        "merge form": "/admin/workbench/merge/",
    }


def _blocking(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {node['target']} {node['failureSummary']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("width", [1440, 390])
def test_workbench_pages_have_no_serious_axe_violation(live_server, page, width) -> None:
    pages = _record()
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    page.goto(f"{live_server.url}{pages.pop('login')}")
    assert page.locator("h1").count() >= 1
    found["login"] = _blocking(page)
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.locator("#wb-dashboard").wait_for()
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.locator("#content").wait_for()
        found[name] = _blocking(page)
    problems = [f"{name}: {problem}" for name, listed in found.items() for problem in listed]
    assert not problems, "\n".join(problems)
