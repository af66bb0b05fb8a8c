"""The admin for the curated record: every page of every model works, with a bounded query count."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from negotiations import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db


def batch(factory: type[f.factory.django.DjangoModelFactory], **kwargs) -> Callable:
    return lambda n: factory.create_batch(n, **kwargs)


def make_aliases(n: int) -> list[m.Alias]:
    # One alias in three for each kind of target, so every branch of the "names" column runs.
    rows = []
    for i in range(n):
        if i % 3 == 0:
            rows.append(f.AliasFactory())
        elif i % 3 == 1:
            rows.append(f.AliasFactory(official=None, party=f.PartyFactory()))
        else:
            rows.append(f.AliasFactory(official=None, place=f.PlaceFactory()))
    return rows


def make_officials(n: int) -> list[m.Official]:
    return [f.PositionFactory().official for _ in range(n)]


def make_stories(n: int) -> list[m.Story]:
    return [f.ArticleFactory().story for _ in range(n)]


def make_tracks(n: int) -> list[m.Track]:
    tracks = f.TrackFactory.create_batch(n, with_parent=True)
    for track in tracks:
        f.StatusChangeFactory(track=track)
        f.StatusChangeFactory(
            track=track, status=m.StatusChange.Status.SIGNED, review_state=m.ReviewState.PENDING
        )
    return tracks


def make_statements(n: int) -> list[m.Statement]:
    statements = f.StatementFactory.create_batch(n)
    for statement in statements:
        f.StatementReportFactory.create_batch(2, statement=statement)
        f.StatementTrackFactory(statement=statement)
    return statements


def make_proposals(n: int) -> list[m.OfficialProposal]:
    # Two articles each, so the article count column has something to count.
    return [f.OfficialProposalFactory(articles=f.ArticleFactory.create_batch(2)) for _ in range(n)]


def make_track_proposals(n: int) -> list[m.TrackProposal]:
    # Two articles each, so the article count column has something to count.
    return [f.TrackProposalFactory(articles=f.ArticleFactory.create_batch(2)) for _ in range(n)]


def make_evidence(n: int) -> list[m.Evidence]:
    return [f.EvidenceFactory(for_commitment=bool(i % 2)) for i in range(n)]


@dataclass(frozen=True)
class Case:
    model: type[Model]
    make: Callable[[int], list[Model]]
    term: Callable[[Model], str]  # a search term that finds this row and no other

    def __str__(self) -> str:
        return self.model._meta.model_name


CASES = [
    Case(m.Party, batch(f.PartyFactory), attrgetter("name")),
    Case(m.PartyMembership, batch(f.PartyMembershipFactory), lambda o: o.group.name),
    Case(m.Official, make_officials, attrgetter("full_name")),
    Case(m.Position, batch(f.PositionFactory), attrgetter("title")),
    Case(m.Place, batch(f.PlaceFactory), attrgetter("name")),
    Case(m.Alias, make_aliases, attrgetter("name")),
    Case(m.OfficialProposal, make_proposals, attrgetter("name")),
    Case(m.Outlet, batch(f.OutletFactory), attrgetter("name")),
    Case(m.OutletDomain, batch(f.OutletDomainFactory), attrgetter("domain")),
    Case(m.Story, make_stories, attrgetter("title")),
    Case(m.Article, batch(f.ArticleFactory), attrgetter("title")),
    Case(m.Track, make_tracks, attrgetter("name")),
    Case(m.TrackParticipant, batch(f.TrackParticipantFactory), lambda o: o.track.name),
    Case(m.TrackProposal, make_track_proposals, attrgetter("name")),
    Case(m.StatusChange, batch(f.StatusChangeFactory), lambda o: o.track.name),
    Case(m.Statement, make_statements, attrgetter("text")),
    Case(m.StatementTrack, batch(f.StatementTrackFactory), lambda o: o.statement.text),
    Case(m.StatementReport, batch(f.StatementReportFactory), lambda o: o.statement.text),
    Case(m.Commitment, batch(f.CommitmentFactory), attrgetter("description")),
    Case(m.CommitmentStage, batch(f.CommitmentStageFactory), lambda o: o.commitment.description),
    Case(
        m.CommitmentCorrection,
        batch(f.CommitmentCorrectionFactory),
        lambda o: o.commitment.description,
    ),
    Case(m.Evidence, make_evidence, lambda o: o.article.title),
]
CASE_BY_MODEL = {case.model: case for case in CASES}


def url(model: type[Model], view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def result_pks(response) -> set[int]:
    return {row.pk for row in response.context["cl"].result_list}


def test_every_record_model_is_registered_and_covered() -> None:
    record_models = {
        model
        for model in apps.get_app_config("negotiations").get_models()
        if model.__module__ == "negotiations.models.record"
    }
    assert record_models <= set(admin.site._registry)
    assert record_models == set(CASE_BY_MODEL)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_changelist_lists_the_rows(superuser_client: Client, case: Case) -> None:
    rows = case.make(3)
    response = superuser_client.get(url(case.model, "changelist"))
    assert response.status_code == 200
    assert {row.pk for row in rows} <= result_pks(response)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_search_finds_the_row_and_only_it(superuser_client: Client, case: Case) -> None:
    wanted, other = case.make(2)
    # Quotes make the admin search the whole phrase, not each word on its own.
    response = superuser_client.get(url(case.model, "changelist"), {"q": f'"{case.term(wanted)}"'})
    assert response.status_code == 200
    found = result_pks(response)
    assert wanted.pk in found
    assert other.pk not in found


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_filter_choice_works(superuser_client: Client, case: Case) -> None:
    rows = case.make(2)
    changelist = url(case.model, "changelist")
    response = superuser_client.get(changelist)
    specs = response.context["cl"].filter_specs
    assert specs, "an analyst needs filters on every list"
    tried = 0
    for spec in specs:
        for choice in spec.choices(response.context["cl"]):
            filtered = superuser_client.get(changelist + choice["query_string"])
            assert filtered.status_code == 200, (spec.title, choice["query_string"])
            # An invalid filter makes the admin redirect with ?e=1; every choice must be valid.
            assert "e=1" not in filtered.get("Location", ""), (spec.title, choice)
            tried += 1
    assert tried > len(specs)
    # Choosing a related object keeps exactly the rows that refer to it.
    for spec in specs:
        if isinstance(spec, admin.RelatedFieldListFilter) and spec.lookup_choices:
            pk, _label = spec.lookup_choices[0]
            filtered = superuser_client.get(changelist, {spec.lookup_kwarg: pk})
            expected = case.model.objects.filter(**{spec.lookup_kwarg: pk}).distinct()
            assert result_pks(filtered) == set(expected.values_list("pk", flat=True))
    assert {row.pk for row in rows} <= result_pks(response)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_add_and_change_forms_render(superuser_client: Client, case: Case) -> None:
    (row,) = case.make(1)
    response = superuser_client.get(url(case.model, "add"))
    assert response.status_code == 200
    assert response.context["adminform"].form.instance.pk is None

    response = superuser_client.get(url(case.model, "change", row.pk))
    assert response.status_code == 200
    assert response.context["original"] == row


@pytest.mark.parametrize("case", CASES, ids=str)
def test_changelist_query_count_does_not_grow_with_rows(
    superuser_client: Client, case: Case
) -> None:
    changelist = url(case.model, "changelist")
    case.make(2)
    superuser_client.get(changelist)  # warm per-process caches (content types, sites)
    with CaptureQueriesContext(connection) as two_rows:
        response = superuser_client.get(changelist)
    assert len(response.context["cl"].result_list) >= 2

    case.make(18)
    with CaptureQueriesContext(connection) as twenty_rows:
        response = superuser_client.get(changelist)
    assert len(response.context["cl"].result_list) >= 20

    assert len(twenty_rows) == len(two_rows), [q["sql"] for q in twenty_rows.captured_queries]
    # Session, user, the page's rows, and one query per related-field filter: nothing per row.
    assert len(two_rows) <= 10, [q["sql"] for q in two_rows.captured_queries]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_staff_without_permission_is_refused(staff_client: Client, case: Case) -> None:
    (row,) = case.make(1)
    assert staff_client.get(url(case.model, "changelist")).status_code == 403
    assert staff_client.get(url(case.model, "add")).status_code == 403
    assert staff_client.get(url(case.model, "change", row.pk)).status_code == 403


def autocomplete_fields() -> list[tuple[type[Model], str]]:
    """Every (model, field) that a page of the record admin edits with an autocomplete widget."""
    pairs = set()
    for model, model_admin in admin.site._registry.items():
        if model not in CASE_BY_MODEL:
            continue
        for field in model_admin.autocomplete_fields:
            pairs.add((model, field))
        for inline in model_admin.inlines:
            for field in inline.autocomplete_fields:
                pairs.add((inline.model, field))
    return sorted(pairs, key=lambda pair: (pair[0]._meta.model_name, pair[1]))


def test_big_relations_use_autocomplete() -> None:
    # Every relation to a table that grows (people, articles, statements...) is an autocomplete,
    # never a <select> that loads the whole table into the page.
    pairs = set(autocomplete_fields())
    big = {m.Party, m.Official, m.Position, m.Outlet, m.Article, m.Story, m.Track, m.Statement}
    big |= {m.StatusChange, m.Commitment, m.Place}
    for model, model_admin in admin.site._registry.items():
        if model not in CASE_BY_MODEL:
            continue
        for field in model._meta.get_fields():
            if not (field.many_to_one or field.many_to_many) or not field.concrete:
                continue
            if field.related_model not in big or field.name in model_admin.get_readonly_fields(
                None
            ):
                continue
            if field.many_to_many and field.remote_field.through._meta.auto_created is False:
                continue  # edited through its own inline
            assert (model, field.name) in pairs, f"{model.__name__}.{field.name}"


@pytest.mark.parametrize(
    ("model", "field_name"),
    autocomplete_fields(),
    ids=lambda v: v if isinstance(v, str) else v._meta.model_name,
)
def test_autocomplete_finds_the_target(
    superuser_client: Client, model: type[Model], field_name: str
) -> None:
    target_model = model._meta.get_field(field_name).related_model
    case = CASE_BY_MODEL[target_model]
    wanted, other = case.make(2)
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": f'"{case.term(wanted)}"',
        },
    )
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["results"]}
    assert str(wanted.pk) in ids
    assert str(other.pk) not in ids


def test_autocomplete_refuses_staff_without_permission(staff_client: Client) -> None:
    f.PartyFactory()
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "negotiations", "model_name": "position", "field_name": "party", "term": ""},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda model: model._meta.label_lower
)
def test_every_registered_model_has_working_pages(superuser_client: Client, model) -> None:
    # Covers what other apps register too (users, groups, Celery beat schedules).
    assert superuser_client.get(url(model, "changelist")).status_code == 200
    # Records only services write (merge records, the deletion log) have no add page, even for a
    # superuser.
    as_superuser = SimpleNamespace(user=SimpleNamespace(has_perm=lambda perm: True))
    addable = admin.site._registry[model].has_add_permission(as_superuser)
    assert superuser_client.get(url(model, "add")).status_code == (200 if addable else 403)
