"""What an analyst does on the record admin's pages, end to end through the real forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from negotiations import models as m
from negotiations.selectors.coverage import independent_outlets_count
from tests import factories as f

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, int]:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def test_add_a_party_with_its_name_variants_and_members_in_one_save(
    superuser_client: Client,
) -> None:
    norway = f.PartyFactory(name="Norway", slug="norway")
    outlet = f.OutletFactory()
    response = superuser_client.post(
        reverse("admin:negotiations_party_add"),
        {
            "name": "Nordic group",
            "slug": "nordic-group",
            "kind": m.Party.Kind.COALITION,
            "short_name": "",
            "iso_code": "",
            "wikidata_id": "",
            "description": "",
            **management("aliases", total=1),
            "aliases-0-name": "the Nordics",
            "aliases-0-kind": m.Alias.Kind.SHORT,
            "aliases-0-language": "en",
            "aliases-0-script": "Latn",
            "aliases-0-outlets": [outlet.pk],
            **management("memberships", total=1),
            "memberships-0-member": norway.pk,
            "memberships-0-joined_on": "2023-07-12",
            "memberships-0-joined_precision": "day",
            **management("group_memberships"),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    group = m.Party.objects.get(slug="nordic-group")
    alias = group.aliases.get()
    assert (alias.name, alias.normalized) == ("the Nordics", "the nordics")
    assert list(alias.outlets.all()) == [outlet]
    assert list(group.members.all()) == [norway]


def test_a_duplicate_name_variant_is_refused_on_the_form(superuser_client: Client) -> None:
    official = f.OfficialFactory()
    f.AliasFactory(official=official, name="Andriy Yermak")
    response = superuser_client.post(
        reverse("admin:negotiations_alias_add"),
        {
            "name": "ANDRIY  YERMAK",
            "kind": m.Alias.Kind.TRANSLITERATION,
            "official": official.pk,
            "review_state": m.ReviewState.APPROVED,
        },
    )
    assert response.status_code == 200
    assert "already has this name variant" in response.content.decode()
    assert official.aliases.count() == 1


def test_machine_bookkeeping_cannot_be_edited(superuser_client: Client) -> None:
    reviewer = f.UserFactory()
    alias = f.AliasFactory(
        name="Ermak",
        origin=m.Origin.MACHINE,
        analyser_version="entities-1.2",
        review_state=m.ReviewState.PENDING,
        reviewed_by=reviewer,
    )
    response = superuser_client.post(
        reverse("admin:negotiations_alias_change", args=[alias.pk]),
        {
            "name": "Yermak",
            "kind": m.Alias.Kind.TRANSLITERATION,
            "language": "en",
            "script": "Latn",
            "official": alias.official_id,
            "review_state": m.ReviewState.PENDING,
            "review_note": "spelling checked",
            # Posted anyway: read-only fields are ignored.
            "origin": m.Origin.CURATED,
            "analyser_version": "",
            "reviewed_by": "",
            "normalized": "something else",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    alias.refresh_from_db()
    assert (alias.name, alias.normalized, alias.review_note) == (
        "Yermak",
        "yermak",
        "spelling checked",
    )
    assert (alias.origin, alias.analyser_version, alias.reviewed_by) == (
        m.Origin.MACHINE,
        "entities-1.2",
        reviewer,
    )


def test_track_list_shows_and_filters_the_current_status(superuser_client: Client) -> None:
    Status = m.StatusChange.Status
    g7 = f.TrackFactory(name="G7 framework", kind=m.Track.Kind.FRAMEWORK)
    bilateral = f.TrackFactory(name="US–Ukraine bilateral", parent=g7)
    f.StatusChangeFactory(
        track=bilateral, status=Status.ANNOUNCED, effective_date=dt.date(2023, 7, 12)
    )
    f.StatusChangeFactory(
        track=bilateral, status=Status.SIGNED, effective_date=dt.date(2024, 6, 13)
    )
    f.StatusChangeFactory(
        track=bilateral,
        status=Status.SUSPENDED,
        effective_date=dt.date(2025, 3, 3),
        review_state=m.ReviewState.PENDING,
    )
    changelist = reverse("admin:negotiations_track_changelist")

    response = superuser_client.get(changelist)
    html = response.content.decode()
    assert "Signed" in html
    assert "June 13, 2024" in html
    table = html.split('id="result_list"')[1].split("</table>")[0]
    assert "Signed" in table
    assert "Suspended" not in table

    response = superuser_client.get(changelist, {"current_status": "signed"})
    assert [t.pk for t in response.context["cl"].result_list] == [bilateral.pk]
    response = superuser_client.get(changelist, {"current_status": "none"})
    assert [t.pk for t in response.context["cl"].result_list] == [g7.pk]


def test_statement_list_shows_reports_and_independent_outlets(superuser_client: Client) -> None:
    wire = f.OutletFactory(name="Wire agency", kind=m.Outlet.Kind.AGENCY)
    statement = f.StatementFactory(text="We need guarantees that work.")
    for _ in range(3):
        f.StatementReportFactory(statement=statement, article=f.ArticleFactory(wire_outlet=wire))
    f.StatementReportFactory(statement=statement, article=f.ArticleFactory(wire_outlet=None))
    track = f.TrackFactory()
    f.StatementTrackFactory(statement=statement, track=track)
    f.StatementFactory()  # not on the track

    response = superuser_client.get(
        reverse("admin:negotiations_statement_changelist"), {"tracks__id__exact": track.pk}
    )
    (row,) = response.context["cl"].result_list
    assert (row.pk, row.report_count, independent_outlets_count(row)) == (statement.pk, 4, 2)
    html = response.content.decode()
    assert "independent outlets" in html.lower()
    assert '<td class="field-report_count">4</td>' in html
    assert '<td class="field-outlet_count">2</td>' in html


def test_statement_page_edits_its_reports_and_tracks(superuser_client: Client) -> None:
    statement = f.StatementFactory()
    report = f.StatementReportFactory(statement=statement)
    response = superuser_client.get(
        reverse("admin:negotiations_statement_change", args=[statement.pk])
    )
    assert response.status_code == 200
    formsets = {fs.formset.prefix: fs.formset for fs in response.context["inline_admin_formsets"]}
    assert set(formsets) == {"track_links", "reports"}
    assert [form.instance for form in formsets["reports"].forms] == [report]


def test_name_variants_entered_twice_on_a_page_are_refused(superuser_client: Client) -> None:
    official = f.OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    existing = f.AliasFactory(official=official, name="Andriy Yermak")
    response = superuser_client.post(
        reverse("admin:negotiations_official_change", args=[official.pk]),
        {
            "full_name": "Andriy Yermak",
            "slug": "andriy-yermak",
            **management("positions"),
            **management("aliases", total=2, initial=1),
            "aliases-0-id": existing.pk,
            "aliases-0-official": official.pk,
            "aliases-0-name": "Andriy Yermak",
            "aliases-0-kind": m.Alias.Kind.CANONICAL,
            "aliases-1-official": official.pk,
            "aliases-1-name": "ANDRIY YERMAK",
            "aliases-1-kind": m.Alias.Kind.TRANSLITERATION,
        },
    )
    assert response.status_code == 200
    assert "The same name variant is entered twice" in response.content.decode()
    assert official.aliases.count() == 1


def test_a_party_cannot_become_its_own_member(superuser_client: Client) -> None:
    group = f.CoalitionFactory(name="Coalition of the willing", slug="coalition-of-the-willing")
    response = superuser_client.post(
        reverse("admin:negotiations_party_change", args=[group.pk]),
        {
            "name": group.name,
            "slug": group.slug,
            "kind": group.kind,
            **management("aliases"),
            **management("memberships", total=1),
            "memberships-0-member": group.pk,
            "memberships-0-joined_precision": "day",
            **management("group_memberships"),
        },
    )
    assert response.status_code == 200
    assert "A party cannot be a member of itself." in response.content.decode()
    assert not m.PartyMembership.objects.exists()


def test_add_a_status_change_with_its_evidence_in_one_save(superuser_client: Client) -> None:
    track = f.TrackFactory()
    article = f.ArticleFactory()
    data = {
        "track": track.pk,
        "status": m.StatusChange.Status.SCHEDULED,
        "summary": "",
        "effective_date": "2023-08-05",
        "date_precision": "part_of_month",
        "date_phrase": "early August",
        # Pending: the superuser wrote it, so another reviewer approves it (four eyes).
        "review_state": m.ReviewState.PENDING,
        "review_note": "",
        **management("evidence", total=1),
        "evidence-0-article": article.pk,
        "evidence-0-excerpt": f.QUOTE,
    }
    response = superuser_client.post(reverse("admin:negotiations_statuschange_add"), data)
    assert response.status_code == 302, response.context["errors"]
    change = m.StatusChange.objects.get(track=track)
    assert [(e.article, e.excerpt) for e in change.evidence.all()] == [(article, f.QUOTE)]

    # Citing the same article twice is a form error, not a database error.
    data.update(
        {
            "effective_date": "2023-09-01",
            **management("evidence", total=2),
            "evidence-1-article": article.pk,
            "evidence-1-excerpt": "More text follows.",
        }
    )
    response = superuser_client.post(reverse("admin:negotiations_statuschange_add"), data)
    assert response.status_code == 200
    assert "The same article is cited twice" in response.content.decode()

    # An excerpt that is not in the article is refused too.
    data.update({**management("evidence", total=1), "evidence-0-excerpt": "Words never printed."})
    response = superuser_client.post(reverse("admin:negotiations_statuschange_add"), data)
    assert response.status_code == 200
    assert "must appear verbatim in the article" in response.content.decode()
    assert m.StatusChange.objects.filter(track=track).count() == 1


def test_quoted_rows_read_as_their_words_without_queries(django_assert_num_queries) -> None:
    report = f.StatementReportFactory()
    evidence = f.EvidenceFactory(excerpt="x" * 100)
    report = m.StatementReport.objects.get(pk=report.pk)
    evidence = m.Evidence.objects.get(pk=evidence.pk)
    with django_assert_num_queries(0):
        assert str(report) == f"“{f.QUOTE}”"
        assert str(evidence) == "“" + "x" * 77 + "...”"


def test_positions_read_with_their_years() -> None:
    position = f.PositionFactory.build(title="Minister of Defence", start_date=dt.date(2021, 11, 4))
    assert str(position) == "Minister of Defence (2021–now)"
    position.end_date = dt.date(2023, 9, 6)
    assert str(position) == "Minister of Defence (2021–2023)"
    position.start_date = None
    assert str(position) == "Minister of Defence (?–2023)"
    position.end_date = None
    assert str(position) == "Minister of Defence"
