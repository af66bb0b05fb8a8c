"""The review queue one works through: pages per kind, filters (track, outlet, language, machine
confidence) applied in the queue selector, and track assignments that say why."""

from __future__ import annotations

import factory
import pytest
from django.urls import reverse

from negotiations.models import ReviewState
from negotiations.selectors.queue import (
    QUEUE_PAGE_SIZE,
    QueueFilters,
    queue_kinds_filterable,
    queue_page,
)
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    OutletFactory,
    StatementFactory,
    StatementTrackFactory,
    StatusChangeFactory,
    TrackFactory,
    evidence_for,
    report_for,
)

# The text the statements of these tests quote from.
JEDDAH = factory.Sequence(
    lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
)

pytestmark = pytest.mark.django_db

QUEUE = "admin:workbench_review"


def _keys(response) -> list[str]:
    return [item.key for section in response.context["sections"] for item in section.items]


def test_each_kind_pages_on_its_own(analyst_client) -> None:
    statements = StatementFactory.create_batch(QUEUE_PAGE_SIZE + 2, machine=True)
    alias = AliasFactory(machine=True)

    first = analyst_client.get(reverse(QUEUE))

    assert _keys(first) == [f"statement:{s.pk}" for s in statements[:QUEUE_PAGE_SIZE]] + [
        f"alias:{alias.pk}"
    ]
    body = first.content.decode()
    assert f"{QUEUE_PAGE_SIZE + 2} pending, page 1 of 2" in body
    assert 'href="?statement_page=2#page-statement" rel="next"' in body
    second = analyst_client.get(reverse(QUEUE), {"statement_page": 2})
    assert _keys(second) == [f"statement:{s.pk}" for s in statements[QUEUE_PAGE_SIZE:]] + [
        f"alias:{alias.pk}"
    ]
    # A page past the end (items decided since the link was drawn) gives the last one.
    assert _keys(analyst_client.get(reverse(QUEUE), {"statement_page": 9})) == _keys(second)


def test_filter_by_track_keeps_the_kinds_that_belong_to_tracks(analyst_client) -> None:
    ours, other = TrackFactory(name="Ukraine–US talks"), TrackFactory(name="Istanbul talks")
    on_ours = StatementFactory(machine=True)
    StatementTrackFactory(
        machine=True, statement=on_ours, track=ours, review_state=ReviewState.PENDING
    )
    StatementTrackFactory(machine=True, statement=StatementFactory(machine=True), track=other)
    status_ours, _ = (
        StatusChangeFactory(machine=True, track=ours),
        StatusChangeFactory(machine=True, track=other),
    )
    AliasFactory(machine=True)

    response = analyst_client.get(reverse(QUEUE), {"track": ours.pk})

    assert response.status_code == 200
    assert _keys(response) == [f"statement:{on_ours.pk}", f"status:{status_ours.pk}"]
    sections = [section.kind.key for section in response.context["sections"]]
    assert "alias" not in sections  # an alias belongs to no track
    assert "Kinds these filters do not apply to are left out." in response.content.decode()


def test_filter_by_outlet_and_language_of_the_reporting_articles(analyst_client) -> None:
    tass, reuters = OutletFactory(name="TASS"), OutletFactory(name="Reuters")
    in_russian = StatementFactory(machine=True)
    report_for(
        in_russian,
        ArticleFactory(text=JEDDAH, wire_outlet=None, story=None, outlet=tass, language="ru"),
        "the talks in Jeddah",
    )
    in_english = StatementFactory(machine=True)
    report_for(
        in_english,
        ArticleFactory(text=JEDDAH, wire_outlet=None, story=None, outlet=reuters, language="en"),
        "the talks in Jeddah",
    )
    change = StatusChangeFactory(machine=True)
    evidence_for(
        ArticleFactory(text=JEDDAH, wire_outlet=None, story=None, outlet=tass, language="ru"),
        "Jeddah",
        status_change=change,
    )
    alias = AliasFactory(machine=True, language="ru")
    alias.outlets.add(tass)

    by_outlet = analyst_client.get(reverse(QUEUE), {"outlet": tass.pk})
    by_language = analyst_client.get(reverse(QUEUE), {"language": "ru"})
    both = analyst_client.get(reverse(QUEUE), {"language": "en", "outlet": tass.pk})

    expected = [f"statement:{in_russian.pk}", f"status:{change.pk}", f"alias:{alias.pk}"]
    assert _keys(by_outlet) == expected
    assert _keys(by_language) == expected
    assert _keys(both) == []
    body = by_language.content.decode()
    assert '<option value="ru" selected>ru</option>' in body
    assert '<option value="en">en</option>' in body


def test_filter_by_machine_confidence_of_track_assignments(analyst_client) -> None:
    track = TrackFactory(name="Coalition of the willing: security guarantees after a ceasefire")
    decided = StatementFactory(machine=True, review_state=ReviewState.APPROVED)
    weak = StatementTrackFactory(
        machine=True,
        statement=decided,
        track=track,
        review_state=ReviewState.PENDING,
        matched="Paris",
        score=1,
    )
    strong = StatementTrackFactory(
        machine=True,
        statement=StatementFactory(machine=True, review_state=ReviewState.APPROVED),
        review_state=ReviewState.PENDING,
        matched="coalition of the willing, reassurance force",
        score=2,
    )
    StatementFactory(machine=True)  # a statement: no machine score, left out by this filter

    weak_page = analyst_client.get(reverse(QUEUE), {"confidence": "weak"})
    strong_page = analyst_client.get(reverse(QUEUE), {"confidence": "strong"})

    assert _keys(weak_page) == [f"track_link:{weak.pk}"]
    assert _keys(strong_page) == [f"track_link:{strong.pk}"]
    # The item names the whole track and why it was assigned.
    item = weak_page.context["sections"][0].items[0]
    assert item.title == f"Track: {track.name}"
    details = dict(item.details)
    assert details["Why"] == "the track's words in the statement: Paris"
    assert details["Confidence"] == "weak (1 matched word)"
    assert details["Statement"] == decided.text
    assert track.name in weak_page.content.decode()


def test_a_filter_value_not_on_offer_is_ignored(analyst_client) -> None:
    statement = StatementFactory(machine=True)
    response = analyst_client.get(
        reverse(QUEUE), {"track": "x", "outlet": "999999", "confidence": "sure"}
    )
    assert response.status_code == 200
    assert _keys(response) == [f"statement:{statement.pk}"]


def test_the_selector_filters_one_row_once_through_many_reports() -> None:
    outlet = OutletFactory(name="TASS")
    statement = StatementFactory(machine=True)
    for wording in ["the talks in Jeddah", "talks in Jeddah were productive"]:
        report_for(
            statement,
            ArticleFactory(text=JEDDAH, wire_outlet=None, story=None, outlet=outlet, language="ru"),
            wording,
        )
    filters = QueueFilters(outlet=outlet.pk, language="ru")

    page = queue_page("statement", filters=filters)

    assert [s.pk for s in page.object_list] == [statement.pk]
    assert page.paginator.count == 1
    assert "alias" in queue_kinds_filterable(filters)
    assert "alias" not in queue_kinds_filterable(QueueFilters(confidence="strong"))
    with pytest.raises(KeyError):
        queue_page("alias", filters=QueueFilters(track=1))
