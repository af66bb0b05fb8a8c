"""The review queue one works through, in a real browser: the focus moves on after a decision,
the queue pages, the selection is counted, filters narrow it, a track assignment says why, and at
390 px the decision buttons and the track page fit the screen."""

from __future__ import annotations

import datetime as dt
import re

import factory
import pytest
from playwright.sync_api import expect

from negotiations.models import CommitmentStage, ReviewState, Statement
from negotiations.roles import REVIEWER
from negotiations.selectors.queue import QUEUE_PAGE_SIZE
from negotiations.services.review import review_approve
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentFactory,
    CommitmentStageFactory,
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

# The text the statements of these tests quote from.
JEDDAH = factory.Sequence(
    lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
CURRENT = re.compile(r"\bwb-current\b")


def _log_in(page, live_server, target: str = "/admin/workbench/review/") -> None:
    page.goto(f"{live_server.url}/admin/login/?next={target}")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def _reported(statement, outlet, language: str) -> None:
    article = ArticleFactory(
        text=JEDDAH, wire_outlet=None, story=None, outlet=outlet, language=language
    )
    report_for(statement, article, "the talks in Jeddah were productive")


def test_after_a_decision_the_focus_moves_to_the_next_item(live_server, page) -> None:
    role_user("reviewer", REVIEWER)
    statements = StatementFactory.create_batch(4, machine=True)
    _log_in(page, live_server, "/admin/workbench/review/%3Fkind%3Dstatement")
    items = page.locator(".wb-item[data-key]")
    expect(items.nth(0)).to_have_class(CURRENT)
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(items.nth(2)).to_have_class(CURRENT)

    page.keyboard.press("a")  # approve the third: the fourth has the focus, not the first
    expect(page.locator(".messagelist")).to_contain_text("Approved 1 item(s)")
    fourth = page.locator(f"#item-statement-{statements[3].pk}")
    expect(fourth).to_have_class(CURRENT)
    assert page.evaluate("document.activeElement.id") == f"item-statement-{statements[3].pk}"

    # The selection is counted; a bulk decision moves the focus past the decided items too.
    expect(page.locator("#wb-selected")).to_have_text("0 selected")
    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(items.nth(0)).to_have_class(CURRENT)
    page.keyboard.press("x")
    expect(page.locator("#wb-selected")).to_have_text("1 selected")
    page.locator(f"#item-statement-{statements[1].pk} .wb-check").check()
    expect(page.locator("#wb-selected")).to_have_text("2 selected")
    page.locator(f"#item-statement-{statements[1].pk}").focus()
    page.keyboard.press("Shift+R")
    expect(page.locator(".messagelist")).to_contain_text("Rejected 2 item(s)")
    expect(fourth).to_have_class(CURRENT)
    states = dict(Statement.objects.values_list("pk", "review_state"))
    assert [states[s.pk] for s in statements] == [
        ReviewState.REJECTED,
        ReviewState.REJECTED,
        ReviewState.APPROVED,
        ReviewState.PENDING,
    ]


def test_the_queue_pages_instead_of_one_long_page(live_server, page, screenshot) -> None:
    role_user("reviewer", REVIEWER)
    outlet = OutletFactory(name="Reuters")
    statements = StatementFactory.create_batch(3 * QUEUE_PAGE_SIZE + 5, machine=True)
    alias_rows = AliasFactory.create_batch(QUEUE_PAGE_SIZE + 1, machine=True)
    for statement in statements:
        _reported(statement, outlet, "en")
    page.set_viewport_size({"width": 1440, "height": 900})
    _log_in(page, live_server)
    section = page.locator("#section-statement")
    expect(section.locator("h2")).to_contain_text(
        f"{len(statements)} pending, page 1 of 4", use_inner_text=True
    )
    expect(section.locator(".wb-item")).to_have_count(QUEUE_PAGE_SIZE)
    height = page.evaluate("document.documentElement.scrollHeight")
    # Ten items with their passages: a page one works through, not tens of thousands of pixels.
    assert height < 8000, height
    screenshot("queue-1440")

    section.get_by_role("link", name=f"Next {QUEUE_PAGE_SIZE} →").click()
    expect(section.locator("h2")).to_contain_text("page 2 of 4", use_inner_text=True)
    first = statements[QUEUE_PAGE_SIZE]
    expect(page.locator(".wb-item[data-key]").first).to_have_id(f"item-statement-{first.pk}")
    expect(page.locator(f"#item-statement-{first.pk}")).to_have_class(CURRENT)

    # Another kind's pages: the focus goes to that section's first item, not to the top.
    aliases = page.locator("#section-alias")
    aliases.get_by_role("link", name=f"Next {QUEUE_PAGE_SIZE} →").click()
    expect(aliases.locator("h2")).to_contain_text("page 2 of 2", use_inner_text=True)
    last_alias = f"#item-alias-{alias_rows[-1].pk}"
    expect(page.locator(last_alias)).to_have_class(CURRENT)
    assert page.evaluate("document.activeElement.id") == last_alias[1:]
    assert page.evaluate("window.scrollY") > 0


def test_filters_narrow_the_queue_and_a_track_assignment_says_why(
    live_server, page, screenshot
) -> None:
    role_user("reviewer", REVIEWER)
    tass, reuters = OutletFactory(name="TASS"), OutletFactory(name="Reuters")
    track = TrackFactory(
        name="Coalition of the willing: a multinational reassurance force for Ukraine after a "
        "ceasefire"
    )
    in_russian = StatementFactory(machine=True, text="Moscow rejects any foreign troops.")
    _reported(in_russian, tass, "ru")
    in_english = StatementFactory(machine=True, text="Paris hosts the coalition.")
    _reported(in_english, reuters, "en")
    approved = StatementFactory(
        machine=True, review_state=ReviewState.APPROVED, text="Paris hosts the summit."
    )
    link = StatementTrackFactory(
        machine=True,
        statement=approved,
        track=track,
        matched="coalition of the willing, Paris",
        score=2,
    )
    _log_in(page, live_server)
    expect(page.locator(".wb-item[data-key]")).to_have_count(3)

    page.select_option("#id_outlet", label="TASS")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".wb-item[data-key]")).to_have_count(1)
    expect(page.locator(f"#item-statement-{in_russian.pk}")).to_be_visible()

    page.get_by_role("link", name="Clear filters").click()
    page.select_option("#id_language", "en")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".wb-item[data-key]")).to_have_count(1)
    expect(page.locator(f"#item-statement-{in_english.pk}")).to_be_visible()

    page.get_by_role("link", name="Clear filters").click()
    page.select_option("#id_confidence", "strong")
    page.select_option("#id_track", label=track.name)
    page.get_by_role("button", name="Filter").click()
    item = page.locator(f"#item-track_link-{link.pk}")
    expect(page.locator(".wb-item[data-key]")).to_have_count(1)
    expect(item.locator(".wb-title")).to_have_text(f"Track: {track.name}")
    expect(item).to_contain_text("the track's words in the statement: coalition of the willing")
    expect(item).to_contain_text("strong (2 matched words)")
    screenshot("queue-filtered-track-assignment")


def test_at_390_px_the_decision_buttons_and_the_track_page_fit(
    live_server, page, screenshot
) -> None:
    reviewer = role_user("reviewer", REVIEWER)
    track = TrackFactory(name="Ukraine–US security agreement", slug="ukraine-us")
    usa = PartyFactory(name="United States")
    TrackParticipantFactory(track=track, party=usa, role="guarantor")
    outlet = OutletFactory(name="Reuters")
    for n in range(5):
        statement = StatementFactory(
            machine=True,
            speaker_party=usa,
            said_on=dt.date(2025, 3, 3 + n),
            text="A long statement on the security guarantees that the United States "
            f"discussed with Ukraine in Jeddah, day {n}, with many words in it.",
        )
        _reported(statement, outlet, "en")
        StatementTrackFactory(machine=True, statement=statement, track=track)
        if n < 3:  # on the track's chart; the others wait in the queue
            review_approve(obj=statement, user=reviewer)
    change = StatusChangeFactory(machine=True, track=track, effective_date=dt.date(2025, 3, 11))
    evidence_for(
        ArticleFactory(text=JEDDAH, wire_outlet=None, story=None, outlet=outlet),
        "the talks in Jeddah",
        status_change=change,
    )
    review_approve(obj=change, user=reviewer)

    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server)
    page.locator(".wb-item[data-key]").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for name in ["Approve", "Reject", "Correct…"]:
        buttons = page.locator(".wb-item .wb-actions").get_by_text(name, exact=True)
        assert buttons.count() >= 1
        for i in range(buttons.count()):
            box = buttons.nth(i).bounding_box()
            assert box is not None
            assert box["x"] >= 0, name
            assert box["x"] + box["width"] <= 390, (name, box)
    for selector in ["#wb-bulk-approve", "#wb-bulk-reject"]:
        box = page.locator(selector).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 390, (selector, box)
    screenshot("queue-390")

    page.goto(f"{live_server.url}/admin/workbench/tracks/{track.pk}/")
    timeline = page.locator("svg.wb-timeline")
    timeline.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(timeline.locator("circle.wb-statement")).to_have_count(3)
    # The evidence was published today: months of axis, labelled at most 12 times, not crowded.
    assert 2 <= timeline.locator("text.wb-axis").count() <= 12
    # Legible: the chart is drawn at no less than its own size (its labels at 11 px), and
    # scrolls inside its box instead of shrinking to a third on the screen.
    drawn = timeline.bounding_box()
    assert drawn is not None
    assert drawn["width"] >= timeline.evaluate("svg => svg.viewBox.baseVal.width"), drawn
    box = page.locator(".wb-chart", has=timeline)
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert box.evaluate("el => el.getBoundingClientRect().right") <= 390
    screenshot("track-390")


def test_a_new_stage_of_an_approved_commitment_is_decided_in_the_queue(
    live_server, page, screenshot
) -> None:
    role_user("reviewer", REVIEWER)
    commitment = CommitmentFactory(
        machine=True, review_state=ReviewState.APPROVED, description="a Patriot battery"
    )
    stage = CommitmentStageFactory(
        machine=True, commitment=commitment, stage=CommitmentStage.Stage.DELIVERED
    )
    sentence = "Berlin said the Patriot battery had been delivered to Ukraine on Monday."
    article = ArticleFactory(
        outlet=OutletFactory(name="Deutsche Welle"), text=f"Air defence. {sentence} More soon."
    )
    evidence_for(article, sentence, commitment=commitment, commitment_stage=stage)
    page.set_viewport_size({"width": 1440, "height": 900})
    _log_in(page, live_server)
    item = page.locator(f"#item-stage-{stage.pk}")
    expect(item).to_contain_text("a Patriot battery")
    expect(item.locator("mark")).to_have_text(sentence)
    item.scroll_into_view_if_needed()
    screenshot("queue-stage-1440")

    item.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved 1 item(s)")
    expect(page.locator("#section-stage .wb-empty")).to_have_text("Nothing waiting.")
    stage.refresh_from_db()
    assert stage.review_state == ReviewState.APPROVED
