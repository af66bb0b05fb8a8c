"""A reviewer's day in a real browser: log in, review, see the timeline, compare outlets."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from negotiations.models import ReviewState, Statement
from negotiations.roles import REVIEWER
from negotiations.services.review import review_approve
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
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


def _record():
    reviewer = role_user("reviewer", REVIEWER)
    track = TrackFactory(name="Ukraine–US security agreement", slug="ukraine-us")
    ukraine, usa = PartyFactory(name="Ukraine"), PartyFactory(name="United States")
    TrackParticipantFactory(track=track, party=usa, role="guarantor")
    TrackParticipantFactory(track=track, party=ukraine, role="beneficiary")
    yermak = OfficialFactory(full_name="Andriy Yermak")
    reuters = ArticleFactory(
        outlet=OutletFactory(name="Reuters", country_code="GB"),
        title="Ukraine, US hold talks in Jeddah",
        text=(
            "JEDDAH, March 11 (Reuters) - Ukrainian and U.S. officials met in Jeddah. "
            'Yermak said: "the talks in Jeddah were productive and we are ready for peace." '
            "The delegations will meet again next week."
        ),
        published_at=dt.datetime(2025, 3, 11, 18, 0, tzinfo=dt.UTC),
    )
    tass = ArticleFactory(
        outlet=OutletFactory(
            name="TASS",
            country_code="RU",
            state_affiliated=True,
            affiliation_note="Russian state news agency",
        ),
        title="Kiev regime envoy praises Jeddah meeting",
        text=(
            "MOSCOW, March 12. /TASS/. The head of the Kiev regime's office, Ermak, "
            "claimed: «the so-called talks in Jeddah were productive and we are ready for peace.»"
        ),
        published_at=dt.datetime(2025, 3, 12, 9, 0, tzinfo=dt.UTC),
    )
    statement = StatementFactory(
        machine=True,
        speaker=yermak,
        speaker_party=ukraine,
        text='Yermak said: "the talks in Jeddah were productive and we are ready for peace."',
        said_on=dt.date(2025, 3, 11),
    )
    report_for(
        statement,
        reuters,
        'Yermak said: "the talks in Jeddah were productive and we are ready for peace."',
    )
    report_for(
        statement,
        tass,
        "Ermak, claimed: «the so-called talks in Jeddah were productive and we are ready for "
        "peace.»",
    )
    review_approve(
        obj=StatementTrackFactory(machine=True, statement=statement, track=track), user=reviewer
    )
    for status, day in [
        ("announced", dt.date(2025, 2, 20)),
        ("talks_under_way", dt.date(2025, 3, 11)),
    ]:
        change = StatusChangeFactory(machine=True, track=track, status=status, effective_date=day)
        evidence_for(reuters, "officials met in Jeddah", status_change=change)
        review_approve(obj=change, user=reviewer)
    earlier = StatementFactory(
        machine=True,
        speaker_party=usa,
        speaker=None,
        speaker_description="A US official",
        text="Talks continue.",
        said_on=dt.date(2025, 3, 3),
    )
    review_approve(obj=earlier, user=reviewer)
    StatementTrackFactory(machine=True, statement=earlier, track=track)
    return reviewer, track, statement


def test_log_in_review_see_timeline_and_compare_outlets(live_server, page, screenshot) -> None:
    reviewer, track, statement = _record()

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    dashboard = page.locator("#wb-dashboard")
    dashboard.wait_for()
    assert "waiting for review" in dashboard.inner_text()
    screenshot("01-dashboard")

    dashboard.get_by_text("waiting for review").click()
    item = page.locator(f"#item-statement-{statement.pk}")
    item.wait_for()
    assert "the talks in Jeddah were productive" in item.locator("mark").first.inner_text()
    assert "state-affiliated" in item.inner_text()
    screenshot("02-review-queue")

    # Keyboard: the first item has the focus once the page's script ran; "a" approves it.
    expect(item).to_have_class(re.compile(r"\bwb-current\b"))
    assert page.evaluate("document.activeElement.id") == f"item-statement-{statement.pk}"
    page.keyboard.press("a")
    page.locator(".messagelist").wait_for()
    assert (
        f"Approved 1 item(s): statement #{statement.pk} “Yermak said"
        in page.locator(".messagelist").inner_text()
    )
    assert page.locator(f"#item-statement-{statement.pk}").count() == 0

    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.review_state, stored.reviewed_by_id) == (ReviewState.APPROVED, reviewer.pk)

    page.goto(f"{live_server.url}/admin/workbench/tracks/{track.pk}/")
    marker = page.locator(f'svg.wb-timeline a[href="#statement-{statement.pk}"]')
    marker.wait_for()
    assert "Andriy Yermak" in marker.locator("title").text_content()
    assert marker.locator(f'circle[data-statement-id="{statement.pk}"]').count() == 1
    assert page.locator("svg.wb-timeline .wb-evidence").count() == 2
    assert page.locator("svg.wb-timeline circle.wb-statement").count() == 2
    screenshot("03-track-timeline")

    page.locator(f"#statement-{statement.pk}").get_by_text("compare outlets").click()
    tass = page.locator(".wb-rendering", has_text="TASS")
    tass.wait_for()
    assert "state-affiliated" in tass.inner_text()
    assert tass.locator(".wb-tok-framing", has_text="so-called").count() == 1
    assert tass.locator(".wb-tok-translit", has_text="Ermak").count() == 1
    assert tass.locator(".wb-tok-quote").count() >= 1
    reuters = page.locator(".wb-rendering", has_text="Reuters")
    assert "reference" in reuters.inner_text()  # the earliest outlet is the reference
    screenshot("04-compare-outlets")


def test_bulk_reject_from_the_keyboard(live_server, page, screenshot) -> None:
    role_user("reviewer", REVIEWER)
    statements = StatementFactory.create_batch(3, machine=True)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/workbench/review/%3Fkind%3Dstatement")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    items = page.locator(".wb-item[data-key]")
    # The keyboard handler focuses the first item once the page is ready: wait for that, and for
    # each key's effect, so no key press races the page's script.
    expect(items.nth(0)).to_have_class(re.compile(r"\bwb-current\b"))
    page.keyboard.press("x")  # select the first
    expect(items.nth(0).locator(".wb-check")).to_be_checked()
    page.keyboard.press("j")
    expect(items.nth(1)).to_have_class(re.compile(r"\bwb-current\b"))
    page.keyboard.press("j")
    expect(items.nth(2)).to_have_class(re.compile(r"\bwb-current\b"))
    page.keyboard.press("x")  # and the third
    expect(items.nth(2).locator(".wb-check")).to_be_checked()
    page.fill("input[name=note]", "duplicates")
    page.locator(".wb-item").first.focus()
    page.keyboard.press("Shift+R")
    page.locator(".messagelist").wait_for()
    message = page.locator(".messagelist").inner_text()
    assert "Rejected 2 item(s): statement #" in message
    screenshot("05-after-bulk-reject")
    states = {
        s.pk: (s.review_state, s.review_note)
        for s in Statement.objects.filter(pk__in=[s.pk for s in statements])
    }
    assert states == {
        statements[0].pk: (ReviewState.REJECTED, "duplicates"),
        statements[1].pk: (ReviewState.PENDING, ""),
        statements[2].pk: (ReviewState.REJECTED, "duplicates"),
    }

    # The message's Undo takes the decision back.
    page.locator(".messagelist .wb-undo-button").click()
    expect(page.locator(".messagelist")).to_contain_text("Undone: 2 item(s) are pending again.")
    screenshot("05b-after-undo")
    assert set(
        Statement.objects.filter(pk__in=[s.pk for s in statements]).values_list(
            "review_state", flat=True
        )
    ) == {ReviewState.PENDING}


def test_typing_in_any_field_never_decides(live_server, page, screenshot) -> None:
    """The queue's one-letter shortcuts stay quiet while a field has focus: typing "Parties" in
    the admin sidebar's filter box (a search input) once approved a statement, and "ye" opened
    a correction form."""
    role_user("reviewer", REVIEWER)
    statements = StatementFactory.create_batch(2, machine=True)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/workbench/review/%3Fkind%3Dstatement")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    items = page.locator(".wb-item[data-key]")
    expect(items.nth(0)).to_have_class(re.compile(r"\bwb-current\b"))
    queue_url = page.url
    fields = page.locator("#nav-filter, input[name=note]")
    assert fields.count() >= 1
    for i in range(fields.count()):
        field = fields.nth(i)
        field.click()
        page.keyboard.type("Parties are ready: xjk ye AR")
        expect(field).to_have_value(re.compile("Parties are ready"))
        field.fill("")
    screenshot("06-typing-in-fields")
    assert page.url == queue_url  # no correction form opened
    assert page.locator(".messagelist").count() == 0  # no decision taken
    assert set(
        Statement.objects.filter(pk__in=[s.pk for s in statements]).values_list(
            "review_state", flat=True
        )
    ) == {ReviewState.PENDING}
    assert not items.nth(0).locator(".wb-check").is_checked()


# Every field an analyst can type in, on every workbench page.
EDITABLE = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=checkbox])"
    ":not([type=radio]):visible, textarea:visible, [contenteditable]:visible"
)


def test_typing_in_every_field_of_every_workbench_page_never_decides(live_server, page) -> None:
    """The queue's shortcuts (a, r, e, x, j, k...) act on no page while a field has focus: the
    queue's filters and notes, the track page's currency, the merge form's search boxes, the
    correction form, the comparison. Nothing is decided, whatever is typed."""
    reviewer, track, statement = _record()
    pending = StatementFactory.create_batch(2, machine=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    pages = [
        reverse("admin:index"),
        reverse("admin:workbench_review"),
        reverse("admin:workbench_review") + "?kind=statement",
        reverse("admin:workbench_correct", args=["statement", pending[0].pk]),
        reverse("admin:workbench_tracks"),
        reverse("admin:workbench_track", args=[track.pk]),
        reverse("admin:workbench_statement_compare", args=[statement.pk]),
        reverse("admin:workbench_merge"),
    ]
    typed = 0
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        url = page.url
        fields = page.locator(EDITABLE)
        for i in range(fields.count()):
            field = fields.nth(i)
            if not field.is_editable():
                continue
            field.click()
            page.keyboard.type("ye ar xjk AR")
            typed += 1
            assert page.url == url, f"typing in a field of {path} left the page"
    assert typed >= len(pages)  # every page has at least its sidebar filter
    states = Statement.objects.filter(pk__in=[s.pk for s in pending]).values_list(
        "review_state", flat=True
    )
    assert set(states) == {ReviewState.PENDING}
    statement.refresh_from_db()
    assert statement.review_state == ReviewState.PENDING
