"""Issue 14 §4 and §5 in a real browser: outlets compared with each other, and a merge picked by
name, previewed, confirmed and undone. Screenshots at 1440 and 390 px in var/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from negotiations.models import MergeRecord, Official, ReviewState, Statement
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    OfficialFactory,
    OutletFactory,
    PartyFactory,
    PositionFactory,
    StatementFactory,
    StatementTrackFactory,
    SuperuserFactory,
    TrackFactory,
    report_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
WIDTHS = {"1440": (1440, 1000), "390": (390, 844)}
REUTERS = 'Yermak said: "the talks in Jeddah were productive and we are ready for peace."'
TASS = "Ermak claimed: «the so-called talks in Jeddah were productive.»"


def _log_in(page, live_server, next_url: str) -> None:
    SuperuserFactory(username="analyst")
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def _shots(page, screenshot, name: str) -> None:
    for width, size in WIDTHS.items():
        page.set_viewport_size({"width": size[0], "height": size[1]})
        screenshot(f"{name}-{width}")
        # Nothing wider than the window: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    page.set_viewport_size({"width": 1400, "height": 1000})


def _carried():
    ukraine = PartyFactory(name="Ukraine")
    yermak = OfficialFactory(full_name="Andriy Yermak")
    for name in ("Yermak", "Ermak"):
        AliasFactory(machine=True, name=name, official=yermak, review_state=ReviewState.APPROVED)
    track = TrackFactory(name="Ukraine–US security agreement", slug="ukraine-us")
    statement = StatementFactory(
        machine=True,
        speaker=yermak,
        speaker_party=ukraine,
        text="Yermak: the talks in Jeddah were productive.",
        said_on=dt.date(2025, 3, 11),
    )
    StatementTrackFactory(machine=True, statement=statement, track=track)
    reuters = OutletFactory(name="Reuters", country_code="GB")
    when = [dt.datetime(2025, 3, 11, h, 0, tzinfo=dt.UTC) for h in (8, 9, 10, 11)]
    articles = [
        ArticleFactory(
            wire_outlet=None,
            story=None,
            outlet=reuters,
            text=f"{REUTERS} (Reuters)",
            published_at=when[0],
        ),
        ArticleFactory(
            story=None,
            outlet=OutletFactory(name="The Straits Times", country_code="SG"),
            wire_outlet=reuters,
            text=f"{REUTERS} (Reuters copy)",
            published_at=when[1],
        ),
        ArticleFactory(
            wire_outlet=None,
            story=None,
            outlet=OutletFactory(
                name="TASS",
                country_code="RU",
                state_affiliated=True,
                affiliation_note="Russian state news agency",
            ),
            text=TASS,
            published_at=when[2],
        ),
        ArticleFactory(
            wire_outlet=None,
            story=None,
            outlet=OutletFactory(name="RIA Novosti", country_code="RU", language="ru"),
            language="ru",
            text="Глава киевского режима Ермак якобы заявил, что переговоры были продуктивными.",
            published_at=when[3],
        ),
    ]
    wordings = [REUTERS, REUTERS, TASS, articles[3].text]
    reports = [report_for(statement, a, w) for a, w in zip(articles, wordings, strict=True)]
    return statement, track, reports


def test_the_comparison_compares_outlets_with_each_other(live_server, page, screenshot) -> None:
    statement, track, reports = _carried()
    _log_in(page, live_server, f"/admin/workbench/statements/{statement.pk}/compare/")

    head = page.locator(".wb-compare-head")
    head.wait_for()
    assert "Andriy Yermak (Ukraine)" in head.inner_text()
    expect(page.locator(".wb-independent-count")).to_have_text("3")
    expect(page.locator("#wb-source-1")).to_contain_text("Source 1: Reuters")
    wire_group = page.locator(".wb-source-group").nth(0)
    expect(wire_group.locator(".wb-rendering")).to_have_count(2)  # the wire and its copy
    expect(wire_group).to_contain_text("copy of Reuters")

    tass = page.locator(f"#report-{reports[2].pk}")
    expect(tass.locator(".wb-tok-translit", has_text="Ermak")).to_have_count(1)
    expect(tass.locator(".wb-tok-framing", has_text="so-called")).to_have_count(1)
    omitted = tass.locator(".wb-tok-omitted")
    expect(omitted).to_have_attribute("title", re.compile("leaves out: and we are ready"))
    expect(tass.locator(".wb-omissions")).to_contain_text("and we are ready for peace")
    # TASS's text is TASS's words, marks aside: none of Reuters' words put into it.
    words = tass.locator(".wb-diff").inner_text().replace("[…]", "").split()
    assert words == TASS.split()
    ria = page.locator(f"#report-{reports[3].pk}")
    expect(ria).to_contain_text("In Russian: not compared word by word")
    expect(ria.locator(".wb-tok-framing")).to_have_count(3)
    _shots(page, screenshot, "14-compare")

    tass.get_by_role("link", name="Use as reference").click()
    expect(page.locator(f"#report-{reports[2].pk} .wb-reference-badge")).to_be_visible()
    reuters = page.locator(f"#report-{reports[0].pk}")
    expect(reuters.locator(".wb-tok-translit", has_text="Yermak")).to_have_count(1)

    page.locator(".wb-back").get_by_role("link", name=f"← {track.name}").click()
    expect(page).to_have_url(re.compile(rf"/admin/workbench/tracks/{track.pk}/$"))


def _pick(page, field: str, typed: str, choice: str) -> None:
    """Choose a row in one of the admin's autocomplete (select2) boxes by typing its name."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=choice).click()


def test_a_merge_is_picked_by_name_previewed_confirmed_and_undone(
    live_server, page, screenshot
) -> None:
    ukraine = PartyFactory(name="Ukraine")
    keep = OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    lose = OfficialFactory(full_name="Andrey Ermak", slug="andrey-ermak")
    OfficialFactory(full_name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    AliasFactory(machine=True, name="Ermak", official=lose, review_state=ReviewState.APPROVED)
    PositionFactory(official=lose, party=ukraine, title="Head of the Presidential Office")
    statement = StatementFactory(machine=True, speaker=lose, text="The talks were productive.")
    _log_in(page, live_server, "/admin/workbench/merge/?kind=official")

    page.locator(".wb-merge-pick").wait_for()
    _pick(page, "keep", "Yerm", "Andriy Yermak")
    _pick(page, "lose", "Ermak", "Andrey Ermak")
    page.get_by_role("button", name="Preview the merge").click()

    preview = page.locator(".wb-merge-preview")
    expect(preview.locator("h2")).to_have_text("“Andrey Ermak” will be merged into “Andriy Yermak”")
    losing = preview.locator(".wb-merge-lose")
    for line in ("1 alias", "1 position", "1 statement"):
        expect(losing.locator(".wb-merge-moves")).to_contain_text(line)
    assert Official.objects.filter(pk=lose.pk).exists()  # nothing merged by the preview
    _shots(page, screenshot, "14-merge")

    preview.get_by_role("button", name=re.compile("^Merge “Andrey Ermak” into")).click()
    message = page.locator(".messagelist")
    expect(message).to_contain_text("Merged “Andrey Ermak”")
    assert Statement.objects.get(pk=statement.pk).speaker_id == keep.pk
    record = MergeRecord.objects.get()
    assert Statement.history.filter(
        id=statement.pk, history_change_reason=f"merge:{record.pk}"
    ).exists()

    message.get_by_role("button", name="Undo").click()
    expect(page.locator(".messagelist")).to_contain_text("Merge undone: “Andrey Ermak”")
    assert Statement.objects.get(pk=statement.pk).speaker_id == lose.pk
    assert not MergeRecord.objects.exists()
