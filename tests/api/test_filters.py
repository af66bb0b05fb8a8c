"""Every filter of every list returns exactly the rows it promises."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from negotiations.models import (
    Alias,
    Article,
    CommitmentStage,
    Party,
    ReviewState,
    Statement,
    StatusChange,
    Track,
)
from tests import factories as f
from tests.api.conftest import ids

pytestmark = pytest.mark.django_db

EARLY = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
LATE = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)


@pytest.fixture
def world(db) -> SimpleNamespace:
    w = SimpleNamespace()
    with time_machine.travel(EARLY, tick=False):
        w.ukraine = f.PartyFactory(name="Ukraine", slug="ukraine", iso_code="UKR")
        w.g7 = f.PartyFactory(name="Group of Seven", short_name="G7", slug="g7", kind="coalition")
        w.ukraine.group_memberships.create(group=w.g7)  # not true, but a membership to filter on
        w.kuleba = f.OfficialFactory(full_name="Dmytro Kuleba", native_name="Дмитро Кулеба")
        f.PositionFactory(official=w.kuleba, party=w.ukraine, title="Foreign minister")
        w.reuters = f.OutletFactory(
            name="Reuters", slug="reuters", kind="agency", country_code="GB"
        )
        w.rt = f.OutletFactory(name="RT", state_affiliated=True, language="ru", country_code="RU")
        w.bilateral = f.TrackFactory(name="US-Ukraine bilateral", slug="us-ukraine")
        w.framework = f.TrackFactory(name="G7 framework", kind="framework")
        w.child = f.TrackFactory(name="UK-Ukraine", parent=w.framework)
        f.TrackParticipantFactory(track=w.framework, party=w.g7)
        w.story = f.StoryFactory()
        w.a_reuters = f.ArticleFactory(
            outlet=w.reuters,
            wire_outlet=None,
            story=w.story,
            title="Guarantees agreed",
            text="The allies agreed on security guarantees in Vilnius.",
            published_at=dt.datetime(2023, 7, 12, tzinfo=dt.UTC),
            source_kind=Article.SourceKind.FEED,
        )
        w.a_rt = f.ArticleFactory(
            outlet=w.rt,
            wire_outlet=w.reuters,
            title="Kiev wants more",
            text="Kiev demanded more weapons from the West.",
            language="ru",
            published_at=dt.datetime(2023, 9, 1, tzinfo=dt.UTC),
            source_kind=Article.SourceKind.URL,
        )
        w.a_undated = f.ArticleFactory(
            bare=True, title="Undated", source_kind=Article.SourceKind.URL
        )
        w.sc_announced = f.StatusChangeFactory(
            track=w.framework,
            status=StatusChange.Status.ANNOUNCED,
            effective_date=dt.date(2023, 7, 12),
            summary="Declaration announced at Vilnius",
        )
        f.EvidenceFactory(status_change=w.sc_announced, article=w.a_reuters, excerpt="agreed")
        w.sc_talks = f.StatusChangeFactory(
            track=w.bilateral,
            status=StatusChange.Status.TALKS_UNDER_WAY,
            effective_date=dt.date(2023, 8, 2),
            origin="machine",
            date_precision="week",
        )
        w.sc_pending = f.StatusChangeFactory(
            track=w.bilateral, status="signed", review_state=ReviewState.PENDING
        )
        w.st_kuleba = f.StatementFactory(
            speaker=w.kuleba,
            speaker_party=w.ukraine,
            text="Security guarantees are a bridge to NATO.",
            said_on=dt.date(2023, 7, 12),
            channel="press_conference",
        )
        f.StatementTrackFactory(statement=w.st_kuleba, track=w.framework)
        f.StatementReportFactory(statement=w.st_kuleba, article=w.a_reuters, wording="agreed")
        w.st_anon = f.StatementFactory(
            speaker=None,
            speaker_description="a senior official",
            text="More weapons are needed.",
            kind=Statement.Kind.PARAPHRASE,
            said_on=dt.date(2023, 9, 1),
            origin="machine",
        )
        f.StatementTrackFactory(statement=w.st_anon, track=w.bilateral)
        f.StatementReportFactory(statement=w.st_anon, article=w.a_rt, wording="more weapons")
        # A pending link does not put the statement on the track.
        f.StatementTrackFactory(
            statement=w.st_anon, track=w.framework, review_state=ReviewState.PENDING
        )
        w.st_undated = f.StatementFactory(speaker=w.kuleba, said_on=None, text="Undated words")
        w.cm_air = f.CommitmentFactory(
            track=w.framework, party=w.g7, beneficiary=w.ukraine, description="Air defence"
        )
        f.CommitmentStageFactory(commitment=w.cm_air, stage=CommitmentStage.Stage.DELIVERED)
        w.cm_training = f.CommitmentFactory(
            track=w.bilateral,
            party=w.ukraine,
            category="training",
            direction="demand",
            origin="machine",
            description="Pilot training",
        )
        w.alias_ermak = f.AliasFactory(
            name="Dmitry Kuleba", official=w.kuleba, language="ru", outlets=[w.rt]
        )
        w.kyiv = f.PlaceFactory(name="Kyiv", slug="kyiv", party=w.ukraine)
        w.alias_kiev_place = f.AliasFactory(
            name="Kiev", official=None, place=w.kyiv, language="", script=""
        )
        w.alias_kyiv = f.AliasFactory(
            name="Kiev", official=None, party=w.ukraine, kind="metonym", language="", script=""
        )
    with time_machine.travel(LATE, tick=False):
        # Touched later: what updated_since returns.
        Party.objects.filter(pk=w.g7.pk).update(updated_at=LATE)
        Track.objects.filter(pk=w.child.pk).update(updated_at=LATE)
        Statement.objects.filter(pk=w.st_anon.pk).update(updated_at=LATE)
        w.a_rt.save()
        StatusChange.objects.filter(pk=w.sc_talks.pk).update(updated_at=LATE)
        w.cm_training.save()
        Alias.objects.filter(pk=w.alias_kyiv.pk).update(updated_at=LATE)
        w.rt.save()
        w.kuleba.save()
    return w


SINCE = {"updated_since": "2024-03-01T00:00:00Z"}

CASES = [
    # parties
    ("parties", {"kind": "coalition"}, lambda w: {w.g7}),
    ("parties", {"iso_code": "UKR"}, lambda w: {w.ukraine}),
    ("parties", {"slug": "g7"}, lambda w: {w.g7}),
    ("parties", {"q": "seven"}, lambda w: {w.g7}),
    ("parties", {"q": "g7"}, lambda w: {w.g7}),
    ("parties", {"member_of": "G7"}, None),  # not a number: a 400 (see test_errors)
    ("parties", SINCE, lambda w: {w.g7}),
    # officials
    ("officials", {"q": "кулеба"}, lambda w: {w.kuleba}),
    ("officials", {"q": "dmitry"}, lambda w: {w.kuleba}),  # via its alias
    ("officials", {"slug": "nobody"}, lambda w: set()),
    ("officials", SINCE, lambda w: {w.kuleba}),
    # aliases
    ("aliases", {"q": "kiev"}, lambda w: {w.alias_kyiv, w.alias_kiev_place}),
    ("aliases", {"kind": "metonym"}, lambda w: {w.alias_kyiv}),
    ("aliases", {"language": "ru"}, lambda w: {w.alias_ermak}),
    ("aliases", {"script": "Latn"}, lambda w: {w.alias_ermak}),
    (
        "aliases",
        {"review_state": "approved"},
        lambda w: {w.alias_ermak, w.alias_kyiv, w.alias_kiev_place},
    ),
    ("aliases", SINCE, lambda w: {w.alias_kyiv}),
    # outlets
    ("outlets", {"state_affiliated": "true"}, lambda w: {w.rt}),
    ("outlets", {"state_affiliated": "false"}, lambda w: {w.reuters} | w.other_outlets),
    ("outlets", {"kind": "agency"}, lambda w: {w.reuters}),
    ("outlets", {"country_code": "RU"}, lambda w: {w.rt}),
    ("outlets", {"language": "ru"}, lambda w: {w.rt}),
    ("outlets", {"q": "reu"}, lambda w: {w.reuters}),
    ("outlets", {"slug": "reuters"}, lambda w: {w.reuters}),
    ("outlets", SINCE, lambda w: {w.rt}),
    # articles
    ("articles", {"state_affiliated": "true"}, lambda w: {w.a_rt}),
    ("articles", {"language": "ru"}, lambda w: {w.a_rt}),
    ("articles", {"source_kind": "feed"}, lambda w: {w.a_reuters}),
    ("articles", {"date_from": "2023-08-01"}, lambda w: {w.a_rt}),
    ("articles", {"date_to": "2023-08-01"}, lambda w: {w.a_reuters}),
    ("articles", {"date_from": "2023-07-12", "date_to": "2023-07-12"}, lambda w: {w.a_reuters}),
    ("articles", {"q": "weapons"}, lambda w: {w.a_rt}),
    ("articles", SINCE, lambda w: {w.a_rt}),
    # tracks
    ("tracks", {"kind": "framework"}, lambda w: {w.framework}),
    ("tracks", {"status": "announced"}, lambda w: {w.framework}),
    ("tracks", {"status": "talks_under_way"}, lambda w: {w.bilateral}),
    ("tracks", {"status": "signed"}, lambda w: set()),  # pending change does not count
    ("tracks", {"q": "uk-"}, lambda w: {w.child}),
    ("tracks", {"slug": "us-ukraine"}, lambda w: {w.bilateral}),
    ("tracks", SINCE, lambda w: {w.child}),
    # status changes
    ("status-changes", {"status": "announced"}, lambda w: {w.sc_announced}),
    ("status-changes", {"date_from": "2023-08-01"}, lambda w: {w.sc_talks}),
    ("status-changes", {"date_to": "2023-07-31"}, lambda w: {w.sc_announced}),
    ("status-changes", {"origin": "machine"}, lambda w: {w.sc_talks}),
    ("status-changes", {"date_precision": "week"}, lambda w: {w.sc_talks}),
    ("status-changes", {"q": "vilnius"}, lambda w: {w.sc_announced}),
    ("status-changes", SINCE, lambda w: {w.sc_talks}),
    # statements
    ("statements", {"kind": "paraphrase"}, lambda w: {w.st_anon}),
    ("statements", {"channel": "press_conference"}, lambda w: {w.st_kuleba}),
    ("statements", {"origin": "machine"}, lambda w: {w.st_anon}),
    ("statements", {"state_affiliated": "true"}, lambda w: {w.st_anon}),
    ("statements", {"state_affiliated": "false"}, lambda w: {w.st_kuleba}),
    ("statements", {"language": "ru"}, lambda w: {w.st_anon}),
    ("statements", {"date_from": "2023-08-01"}, lambda w: {w.st_anon}),
    ("statements", {"date_to": "2023-08-01"}, lambda w: {w.st_kuleba}),
    ("statements", {"q": "NATO bridge"}, lambda w: {w.st_kuleba}),
    ("statements", SINCE, lambda w: {w.st_anon}),
    # commitments
    ("commitments", {"category": "training"}, lambda w: {w.cm_training}),
    ("commitments", {"direction": "demand"}, lambda w: {w.cm_training}),
    ("commitments", {"origin": "machine"}, lambda w: {w.cm_training}),
    ("commitments", {"stage": "delivered"}, lambda w: {w.cm_air}),
    ("commitments", {"q": "pilot"}, lambda w: {w.cm_training}),
    ("commitments", SINCE, lambda w: {w.cm_training}),
]

# Filters whose value is an id of another row: (path, param, attribute of world, expected).
ID_CASES = [
    ("parties", "member_of", "g7", lambda w: {w.ukraine}),
    ("officials", "party", "ukraine", lambda w: {w.kuleba}),
    ("aliases", "official", "kuleba", lambda w: {w.alias_ermak}),
    ("aliases", "party", "ukraine", lambda w: {w.alias_kyiv}),
    ("aliases", "outlet", "rt", lambda w: {w.alias_ermak}),
    ("aliases", "place", "kyiv", lambda w: {w.alias_kiev_place}),
    ("articles", "outlet", "rt", lambda w: {w.a_rt}),
    ("articles", "wire_outlet", "reuters", lambda w: {w.a_rt}),
    ("articles", "story", "story", lambda w: {w.a_reuters}),
    ("articles", "track", "bilateral", lambda w: {w.a_rt}),
    ("articles", "track", "framework", lambda w: {w.a_reuters}),
    ("tracks", "parent", "framework", lambda w: {w.child}),
    ("tracks", "party", "g7", lambda w: {w.framework}),
    ("status-changes", "track", "bilateral", lambda w: {w.sc_talks}),
    ("status-changes", "party", "g7", lambda w: {w.sc_announced}),
    ("status-changes", "outlet", "reuters", lambda w: {w.sc_announced}),
    ("statements", "track", "framework", lambda w: {w.st_kuleba}),
    ("statements", "track", "bilateral", lambda w: {w.st_anon}),
    ("statements", "speaker", "kuleba", lambda w: {w.st_kuleba, w.st_undated}),
    ("statements", "party", "ukraine", lambda w: {w.st_kuleba}),
    ("statements", "outlet", "rt", lambda w: {w.st_anon}),
    ("commitments", "track", "framework", lambda w: {w.cm_air}),
    ("commitments", "party", "ukraine", lambda w: {w.cm_training}),
    ("commitments", "beneficiary", "ukraine", lambda w: {w.cm_air}),
]


def _pks(objects) -> set[int]:
    return {obj.pk for obj in objects}


@pytest.mark.parametrize(("path", "params", "expected"), [c for c in CASES if c[2]])
def test_filter(viewer, world, path, params, expected) -> None:
    world.other_outlets = set(
        type(world.rt).objects.exclude(pk__in=[world.rt.pk, world.reuters.pk])
    )
    response = viewer.get(f"/api/v1/{path}/", {**params, "page_size": 500})
    assert set(ids(response)) == _pks(expected(world)), params


@pytest.mark.parametrize(("path", "param", "target", "expected"), ID_CASES)
def test_id_filter(viewer, world, path, param, target, expected) -> None:
    response = viewer.get(f"/api/v1/{path}/", {param: getattr(world, target).pk, "page_size": 500})
    assert set(ids(response)) == _pks(expected(world)), (param, target)


def test_every_declared_filter_is_exercised() -> None:
    from negotiations.api import views

    tested = {(path, name) for path, params, _ in CASES for name in params} | {
        (path, param) for path, param, _, _ in ID_CASES
    }
    tested |= {(path, "review_state") for path in ("statements", "status-changes", "commitments")}
    tested.add(("statements", "include_children"))  # with track: tests/api/test_track_children.py
    viewsets = {
        "parties": views.PartyViewSet,
        "officials": views.OfficialViewSet,
        "aliases": views.AliasViewSet,
        "outlets": views.OutletViewSet,
        "articles": views.ArticleViewSet,
        "tracks": views.TrackViewSet,
        "status-changes": views.StatusChangeViewSet,
        "statements": views.StatementViewSet,
        "commitments": views.CommitmentViewSet,
    }
    # tests/api/test_sync.py's mirror pages every one of these lists on changed_since.
    from tests.api.test_sync import LISTS

    tested |= {(path, "changed_since") for path in LISTS}
    declared = {
        (path, name)
        for path, viewset in viewsets.items()
        for name in viewset.filterset_class.base_filters
    }
    assert declared - tested == set()


def test_review_state_filter_for_reviewers(reviewer, world) -> None:
    pending = ids(reviewer.get("/api/v1/status-changes/", {"review_state": "pending"}))
    assert pending == [world.sc_pending.pk]
    everything = ids(reviewer.get("/api/v1/status-changes/", {"review_state": "all"}))
    assert set(everything) == _pks([world.sc_announced, world.sc_talks, world.sc_pending])


def test_undated_rows_page_through_with_date_ordering(viewer, world) -> None:
    """Cursor pages over a nullable date sort undated rows last and lose none of them."""
    seen = []
    url = "/api/v1/statements/?page_size=1&ordering=-said_on"
    while url:
        body = viewer.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == [world.st_anon.pk, world.st_kuleba.pk, world.st_undated.pk]
    seen = []
    url = "/api/v1/articles/?page_size=1&ordering=published_at"
    while url:
        body = viewer.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == [world.a_undated.pk, world.a_reuters.pk, world.a_rt.pk]
