"""The comparison of outlets: outlets compared with a reference outlet, each outlet's words kept
as written, wire copies grouped under their wire, independent outlets counted by the one rule."""

from __future__ import annotations

import datetime as dt

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from negotiations.models import ReviewState, StatementReport
from negotiations.selectors.coverage import statement_coverage
from negotiations.services.review import review_approve
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    OfficialFactory,
    OutletFactory,
    PartyFactory,
    StatementFactory,
    StatementTrackFactory,
    StoryFactory,
    TrackFactory,
    report_for,
)

# The text the statements of these tests quote from.
JEDDAH = factory.Sequence(
    lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
)

pytestmark = pytest.mark.django_db

REUTERS_WORDS = 'Yermak said: "the talks in Kyiv were productive and constructive."'
TASS_WORDS = "Ermak claimed: «the so-called talks in Kiev were productive.»"


def _when(hour: int) -> dt.datetime:
    return dt.datetime(2025, 3, 11, hour, 0, tzinfo=dt.UTC)


def _carried(analyst):
    yermak = OfficialFactory(full_name="Andriy Yermak")
    AliasFactory(machine=True, name="Yermak", official=yermak, review_state=ReviewState.APPROVED)
    AliasFactory(machine=True, name="Ermak", official=yermak, review_state=ReviewState.APPROVED)
    track = TrackFactory(name="Ukraine–US security agreement")
    statement = StatementFactory(
        machine=True,
        speaker=yermak,
        speaker_party=PartyFactory(name="Ukraine"),
        text="Yermak: the talks in Kyiv were productive.",
        said_on=dt.date(2025, 3, 11),
    )
    StatementTrackFactory(machine=True, statement=statement, track=track)
    reuters = OutletFactory(name="Reuters", kind="agency")
    wire = ArticleFactory(
        wire_outlet=None,
        story=None,
        outlet=reuters,
        text=f"{REUTERS_WORDS} x",
        published_at=_when(8),
    )
    copy = ArticleFactory(
        story=None,
        outlet=OutletFactory(name="The Straits Times"),
        wire_outlet=reuters,
        text=f"{REUTERS_WORDS} y",
        published_at=_when(9),
    )
    tass = ArticleFactory(
        wire_outlet=None,
        story=None,
        outlet=OutletFactory(
            name="TASS", state_affiliated=True, affiliation_note="Russian state agency"
        ),
        text=TASS_WORDS,
        published_at=_when(10),
    )
    ria = ArticleFactory(
        wire_outlet=None,
        story=None,
        outlet=OutletFactory(name="RIA Novosti", language="ru"),
        language="ru",
        text="Глава киевского режима Ермак якобы заявил, что переговоры были продуктивными.",
        published_at=_when(11),
    )
    reports = [
        report_for(statement, wire, REUTERS_WORDS),
        report_for(statement, copy, REUTERS_WORDS),
        report_for(statement, tass, TASS_WORDS),
        report_for(statement, ria, ria.text),
    ]
    review_approve(obj=reports[0], user=analyst)
    return statement, track, reports


def _section(body: str, marker: str) -> str:
    start = body.index(marker)
    return body[start : body.index("</article>", start)]


def test_outlets_are_compared_with_the_earliest_as_reference(analyst_client, analyst) -> None:
    statement, track, reports = _carried(analyst)

    response = analyst_client.get(reverse("admin:workbench_statement_compare", args=[statement.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    reference = _section(body, f'id="report-{reports[0].pk}"')
    assert "wb-reference-badge" in reference
    tass = _section(body, f'id="report-{reports[2].pk}"')
    assert '<span class="wb-tok-translit" title="reference: Yermak">Ermak</span>' in tass
    assert '<span class="wb-tok-framing" title="reference: said:">claimed:</span>' in tass
    assert '<span class="wb-tok-framing">so-called</span>' in tass
    assert '<span class="wb-tok-translit" title="reference: Kyiv">Kiev</span>' in tass
    # TASS's own words only: what it leaves out is a mark, never Reuters' words in its text.
    assert 'aria-label="leaves out: and constructive.&quot;"' in tass
    assert "constructive" not in tass.split('class="wb-diff"')[1].split("aria-label")[0]
    assert "Russian state agency" in tass
    assert "Leaves out of the reference: <q>and constructive.&quot;</q>" in tass
    assert "2 transliterations" in tass
    assert "2 loaded words" in tass
    # The copy of the Reuters wire reads the same, and says whose copy it is.
    copy = _section(body, f'id="report-{reports[1].pk}"')
    assert "copy of Reuters" in copy
    assert "same wording as the reference" in copy


def test_wire_copies_are_grouped_under_their_wire_and_counted_once(analyst_client, analyst) -> None:
    statement, _, reports = _carried(analyst)

    body = analyst_client.get(
        reverse("admin:workbench_statement_compare", args=[statement.pk])
    ).content.decode()

    assert '<h3 id="wb-source-1">Source 1: Reuters <span class="wb-muted">(2 reports' in body
    assert '<h3 id="wb-source-2">Source 2: TASS</h3>' in body
    assert '<h3 id="wb-source-3">Source 3: RIA Novosti</h3>' in body
    group_one = body[body.index('id="wb-source-1"') : body.index('id="wb-source-2"')]
    assert f'id="report-{reports[1].pk}"' in group_one
    # The one rule: the same count as the API's coverage (and the statements list).
    everything = statement_coverage(statement=statement, include_unreviewed=True)
    published = statement_coverage(statement=statement, include_unreviewed=False)
    assert (everything.independent_count, published.independent_count) == (3, 1)
    assert (
        '<strong class="wb-independent-count">3</strong> of the reports on file, 1 in the' in body
    )


def test_a_report_in_another_language_shows_its_loaded_words_only(analyst_client, analyst) -> None:
    statement, _, reports = _carried(analyst)
    body = analyst_client.get(
        reverse("admin:workbench_statement_compare", args=[statement.pk])
    ).content.decode()
    ria = _section(body, f'id="report-{reports[3].pk}"')
    assert "In Russian: not compared word by word with the reference (English)" in ria
    for word in ("киевского", "режима", "якобы"):
        assert f'<span class="wb-tok-framing">{word}</span>' in ria
    assert "wb-tok-changed" not in ria


def test_another_outlet_can_be_the_reference(analyst_client, analyst) -> None:
    statement, _, reports = _carried(analyst)
    url = reverse("admin:workbench_statement_compare", args=[statement.pk])
    body = analyst_client.get(url, {"reference": reports[2].pk}).content.decode()
    tass = _section(body, f'id="report-{reports[2].pk}"')
    assert "wb-reference-badge" in tass
    assert '<span class="wb-tok-framing">so-called</span>' in tass  # loaded, even as reference
    reuters = _section(body, f'id="report-{reports[0].pk}"')
    assert '<span class="wb-tok-translit" title="reference: Ermak">Yermak</span>' in reuters
    assert f'href="?reference={reports[0].pk}"' in reuters


def test_the_header_names_speaker_date_track_and_links_back(analyst_client, analyst) -> None:
    statement, track, _ = _carried(analyst)
    body = analyst_client.get(
        reverse("admin:workbench_statement_compare", args=[statement.pk])
    ).content.decode()
    start = body.index('class="wb-compare-head"')
    head = body[start : body.index("</header>", start)]
    assert "Andriy Yermak (Ukraine)" in head
    assert "11 Mar 2025" in head
    assert f'href="{reverse("admin:workbench_track", args=[track.pk])}">← {track.name}' in head
    assert reverse("admin:negotiations_statement_change", args=[statement.pk]) in head


def test_rejected_reports_are_shown_as_such(analyst_client, analyst) -> None:
    statement, _, reports = _carried(analyst)
    StatementReport.objects.filter(pk=reports[2].pk).update(review_state=ReviewState.REJECTED)
    body = analyst_client.get(
        reverse("admin:workbench_statement_compare", args=[statement.pk])
    ).content.decode()
    assert "· rejected" in _section(body, f'id="report-{reports[2].pk}"')


def test_statement_comparison_links_to_the_story(analyst_client) -> None:
    story = StoryFactory()
    statement = StatementFactory(machine=True)
    report_for(
        statement, ArticleFactory(text=JEDDAH, wire_outlet=None, story=story), "talks in Jeddah"
    )
    body = analyst_client.get(
        reverse("admin:workbench_statement_compare", args=[statement.pk])
    ).content.decode()
    assert reverse("admin:workbench_story_compare", args=[story.pk]) in body


def test_story_comparison(analyst_client) -> None:
    story = StoryFactory()
    ArticleFactory(
        wire_outlet=None,
        story=story,
        title="Talks resume",
        text="Talks resumed in Kyiv on Monday.",
        published_at=_when(8),
    )
    ArticleFactory(
        wire_outlet=None,
        story=story,
        title="Talks resume",
        text="Talks reportedly resumed in Kiev on Monday.",
        outlet=OutletFactory(name="RT", state_affiliated=True),
        published_at=_when(9),
    )
    response = analyst_client.get(reverse("admin:workbench_story_compare", args=[story.pk]))
    body = response.content.decode()
    assert '<span class="wb-tok-framing">reportedly</span>' in body
    assert '<span class="wb-tok-translit" title="reference: Kyiv">Kiev</span>' in body


def test_the_comparison_reads_in_a_fixed_number_of_queries(analyst_client, analyst) -> None:
    statement, _, _ = _carried(analyst)
    url = reverse("admin:workbench_statement_compare", args=[statement.pk])
    analyst_client.get(url)
    with CaptureQueriesContext(connection) as few:
        analyst_client.get(url)
    for hour in range(12, 20):
        article = ArticleFactory(
            wire_outlet=None,
            story=None,
            outlet=OutletFactory(),
            text=f"{TASS_WORDS} {hour}",
            published_at=_when(hour),
        )
        report_for(statement, article, TASS_WORDS)
    with CaptureQueriesContext(connection) as many:
        analyst_client.get(url)
    assert len(few) == len(many)
