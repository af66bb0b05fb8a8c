"""Concrete facts of the loaded seed record, as an analyst or API client reads them."""

from __future__ import annotations

from datetime import date

import pytest

from negotiations import models as m
from negotiations.text.periods import period_end, periods_overlap

pytestmark = pytest.mark.django_db


def test_yermak_telegram_quote_reported_by_the_jerusalem_post(loaded) -> None:
    statement = m.Statement.objects.get(
        text="We are starting talks with the United States (this) week."
    )
    assert statement.speaker.slug == "andriy-yermak"
    assert statement.speaker_party.slug == "ukraine"
    assert statement.speaker_position.title == "Head of the Office of the President of Ukraine"
    assert statement.kind == m.Statement.Kind.DIRECT_QUOTE
    assert statement.channel == m.Channel.TELEGRAM
    assert (statement.said_on, statement.said_precision, statement.said_phrase) == (
        date(2023, 7, 30),
        "day",
        "on Sunday",
    )
    jpost = statement.reports.get(article__outlet__slug="jerusalem-post")
    assert jpost.kind == m.Statement.Kind.DIRECT_QUOTE
    assert jpost.article.wire_outlet.slug == "reuters"
    assert jpost.wording.startswith('"We are starting talks with the United States (this) week,"')
    assert jpost.article.text[jpost.char_start : jpost.char_end] == jpost.wording
    # RT and the republished copy carry the same announcement: one statement, three reports.
    outlets = {r.article.outlet.slug if r.article.outlet else None for r in statement.reports.all()}
    assert outlets == {"jerusalem-post", "rt", None}
    assert [t.slug for t in statement.tracks.all()] == ["us-ukraine-security-talks"]


def test_one_statement_rendered_differently_by_two_outlets(loaded) -> None:
    statement = m.Statement.objects.get(text__startswith="Security guarantees for Ukraine will be")
    wordings = {r.article.source_ref[:3]: r.wording for r in statement.reports.all()}
    assert "clearly drafted formats and mechanisms of support" in wordings["001"]
    assert "clearly defined forms and mechanisms of support" in wordings["000"]
    assert "ability to win" in wordings["003"]


def test_us_ukraine_track_status_history(loaded) -> None:
    track = m.Track.objects.get(slug="us-ukraine-security-talks")
    assert track.parent.slug == "g7-joint-declaration"
    history = list(track.status_changes.filter(review_state="approved").order_by("effective_date"))
    assert [(s.status, s.effective_date, s.date_precision) for s in history] == [
        ("announced", date(2023, 7, 30), "day"),
        ("scheduled", date(2023, 7, 31), "week"),
        ("talks_under_way", date(2023, 8, 3), "day"),
    ]
    latest = history[-1]
    assert latest.date_phrase == "on Thursday"
    evidence = latest.evidence.get()
    assert evidence.article.outlet.slug == "asian-lite"
    assert evidence.excerpt.startswith("Kyiv and Washington started talks on Thursday")
    roles = {(p.party.slug, p.role) for p in track.participations.all()}
    assert roles == {("united-states", "guarantor"), ("ukraine", "beneficiary")}


def test_other_tracks(loaded) -> None:
    g7 = m.Track.objects.get(slug="g7-joint-declaration")
    assert g7.kind == "framework"
    assert g7.status_changes.get().effective_date == date(2023, 7, 12)
    coalition = m.Track.objects.get(slug="coalition-of-the-willing")
    change = coalition.status_changes.get()
    assert (change.status, change.date_precision) == ("talks_under_way", "year")
    peace = m.Track.objects.get(slug="peace-formula")
    assert peace.participations.get(role="host").party.slug == "saudi-arabia"
    assert peace.status_changes.get().effective_date == date(2023, 8, 5)


def test_coalitions_are_parties_with_members(loaded) -> None:
    g7 = m.Party.objects.get(slug="g7")
    assert g7.kind == "coalition"
    assert {"USA", "GBR", "FRA", "DEU", "ITA", "JPN", "CAN"} <= set(
        g7.members.values_list("iso_code", flat=True)
    )
    coalition = m.Party.objects.get(slug="coalition-of-the-willing")
    assert set(coalition.members.values_list("slug", flat=True)) == {"france", "united-kingdom"}
    assert m.Party.objects.get(slug="european-union").iso_code == ""
    assert m.Party.objects.get(slug="turkiye").iso_code == "TUR"


def test_house_spellings_record_their_outlets(loaded) -> None:
    kiev = m.Alias.objects.get(place__slug="kyiv", normalized="kiev")
    assert set(kiev.outlets.values_list("slug", flat=True)) == {"rt"}
    ermak = m.Alias.objects.get(official__slug="andriy-yermak", name="Andrey Ermak")
    assert set(ermak.outlets.values_list("slug", flat=True)) == {"rt"}
    yermak = m.Alias.objects.get(official__slug="andriy-yermak", name="Andriy Yermak")
    assert set(yermak.outlets.values_list("slug", flat=True)) == {"jerusalem-post", "asian-lite"}
    zelenskiy = m.Alias.objects.get(official__slug="volodymyr-zelensky", name="Zelenskiy")
    assert set(zelenskiy.outlets.values_list("slug", flat=True)) == {"jerusalem-post"}
    rt = m.Outlet.objects.get(slug="rt")
    assert (rt.state_affiliated, rt.country_code) == (True, "RU")


def test_every_speaker_held_the_cited_position_when_speaking(loaded) -> None:
    statements = m.Statement.objects.exclude(speaker=None).select_related("speaker_position")
    assert statements.count() >= 25
    for statement in statements:
        position = statement.speaker_position
        assert position is not None, statement.text
        assert position.official_id == statement.speaker_id
        assert position.party_id == statement.speaker_party_id
        said = (statement.said_on, period_end(statement.said_on, statement.said_precision))
        end = position.end_date and period_end(position.end_date, position.end_precision)
        assert periods_overlap((position.start_date, end), said), statement.text
        if statement.said_precision == "day":
            assert position.held_on(statement.said_on)


def test_roles_have_dates(loaded) -> None:
    reznikov = m.Position.objects.get(official__slug="oleksii-reznikov")
    assert reznikov.end_date == date(2023, 9, 5)
    assert reznikov.held_on(date(2023, 7, 31))
    assert not reznikov.held_on(date(2023, 10, 1))
    kyslytsya = m.Official.objects.get(slug="serhiy-kyslytsya")
    titles = list(kyslytsya.positions.order_by("start_date").values_list("title", flat=True))
    assert titles == [
        "Permanent Representative of Ukraine to the United Nations",
        "First Deputy Minister of Foreign Affairs of Ukraine",
    ]
    interview = kyslytsya.statements.first()
    assert interview.speaker_position.title == "First Deputy Minister of Foreign Affairs of Ukraine"
    assert (interview.said_on, interview.said_precision) == (date(2025, 1, 1), "year")
    assert interview.channel == m.Channel.INTERVIEW


def test_commitments_named_by_the_seeds(loaded) -> None:
    got = set(
        m.Commitment.objects.values_list("track__slug", "party__slug", "category", "direction")
    )
    assert {
        ("g7-joint-declaration", "g7", "military_aid", "offer"),
        ("g7-joint-declaration", "g7", "defence_industry", "offer"),
        ("g7-joint-declaration", "g7", "training", "offer"),
        ("g7-joint-declaration", "g7", "intelligence", "offer"),
        ("g7-joint-declaration", "g7", "cyber", "offer"),
        ("us-ukraine-security-talks", "ukraine", "military_aid", "demand"),
        ("us-ukraine-security-talks", "ukraine", "financial_aid", "demand"),
        ("us-ukraine-security-talks", "ukraine", "sanctions", "demand"),
        ("us-ukraine-security-talks", "ukraine", "nato_path", "demand"),
        ("coalition-of-the-willing", "france", "troops", "offer"),
        ("coalition-of-the-willing", "united-kingdom", "troops", "offer"),
        ("coalition-of-the-willing", "ukraine", "logistics", "demand"),
        ("coalition-of-the-willing", "ukraine", "air_support", "demand"),
    } <= got
    for commitment in m.Commitment.objects.all():
        assert commitment.evidence.exists()
        for evidence in commitment.evidence.all():
            assert (
                evidence.article.text[evidence.char_start : evidence.char_end] == evidence.excerpt
            )


def test_everything_curated_is_approved(loaded) -> None:
    for model in (
        m.Alias,
        m.StatusChange,
        m.Statement,
        m.StatementTrack,
        m.StatementReport,
        m.Commitment,
    ):
        assert set(model.objects.values_list("review_state", "origin").distinct()) == {
            ("approved", "curated")
        }, model.__name__


def test_articles_carry_the_manifest(loaded) -> None:
    rt = m.Article.objects.get(source_ref__startswith="000_")
    assert rt.outlet.slug == "rt"
    assert rt.title == "Ukraine to start talks with US on ‘security guarantees’ – Kiev"
    assert rt.published_at.isoformat() == "2023-07-30T19:20:00+00:00"
    assert rt.dateline_utc_offset == 180  # the dateline's 22:20, Moscow time
    jpost = m.Article.objects.get(source_ref__startswith="001_")
    assert (jpost.byline, jpost.wire_outlet.slug) == ("REUTERS", "reuters")
    republished = m.Article.objects.get(source_ref__startswith="003_")
    assert (republished.outlet, republished.title, republished.published_precision) == (
        None,
        "",
        "week",
    )
    rewrite = m.Article.objects.get(source_ref__startswith="004_")
    assert (rewrite.outlet, rewrite.wire_outlet) == (None, None)
    assert (rewrite.published_at.date(), rewrite.published_precision) == (date(2025, 1, 1), "year")
    assert rewrite.dateline_utc_offset is None  # no time: only the year is known


def test_undated_positions_are_kept_without_a_date(loaded) -> None:
    warning = m.Statement.objects.get(speaker_description="Moscow")
    assert warning.speaker is None
    assert warning.speaker_party.slug == "russia"
    assert (warning.said_on, warning.said_phrase) == (None, "has repeatedly")
    assert warning.reports.get().article.outlet is None
