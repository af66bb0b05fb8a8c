"""Loading the seed record: idempotent, keeps other rows, all or nothing on a bad record."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from negotiations import models as m
from negotiations.services.seed import SeedRecordError, seed_record_load, seed_record_read
from negotiations.text.normalize import content_fingerprint
from tests import factories as f
from tests.seed.conftest import read_section, seed_texts

pytestmark = pytest.mark.django_db

MODELS: list[type[models.Model]] = [
    m.Outlet,
    m.OutletDomain,
    m.Party,
    m.PartyMembership,
    m.Place,
    m.Official,
    m.Position,
    m.Alias,
    m.Article,
    m.Track,
    m.TrackParticipant,
    m.StatusChange,
    m.Statement,
    m.StatementTrack,
    m.StatementReport,
    m.Commitment,
    m.CommitmentStage,
    m.Evidence,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def expected_counts() -> dict[str, int]:
    """What the fixtures hold, counted from the JSON files themselves."""
    parties, places = read_section("parties"), read_section("places")
    officials, tracks = read_section("officials"), read_section("tracks")
    statements, commitments = read_section("statements"), read_section("commitments")
    outlets = read_section("outlets")
    return {
        "Outlet": len(outlets),
        "OutletDomain": sum(len(o["domains"]) for o in outlets),
        "Party": len(parties),
        "PartyMembership": sum(len(p["members"]) for p in parties),
        "Place": len(places),
        "Official": len(officials),
        "Position": sum(len(o["positions"]) for o in officials),
        "Alias": sum(len(x["aliases"]) for x in parties + places + officials),
        "Article": 5,
        "Track": len(tracks),
        "TrackParticipant": sum(len(t["participants"]) for t in tracks),
        "StatusChange": sum(len(t["status_history"]) for t in tracks),
        "Statement": len(statements),
        "StatementTrack": sum(len(s["tracks"]) for s in statements),
        "StatementReport": sum(len(s["reports"]) for s in statements),
        "Commitment": len(commitments),
        "CommitmentStage": sum(len(c["stages"]) for c in commitments),
        "Evidence": sum(len(s["evidence"]) for t in tracks for s in t["status_history"])
        + sum(len(c["evidence"]) for c in commitments),
    }


def test_load_creates_the_whole_record() -> None:
    result = seed_record_load()
    assert counts() == expected_counts()
    links = m.Alias.outlets.through.objects.count()
    assert result.created["alias outlet links"] == links
    assert result.total_created == sum(expected_counts().values()) + links
    assert result.total_updated == 0


def test_loading_twice_changes_nothing() -> None:
    seed_record_load()
    first = counts()
    stamps = sorted(m.Statement.objects.values_list("id", "updated_at"))
    again = seed_record_load()
    assert counts() == first
    assert again.total_created == 0
    assert again.total_updated == 0
    assert sorted(m.Statement.objects.values_list("id", "updated_at")) == stamps


def test_a_row_changed_in_the_database_is_restored_and_reported() -> None:
    seed_record_load()
    statement = m.Statement.objects.get(text__startswith="We are starting talks")
    m.Statement.objects.filter(pk=statement.pk).update(channel=m.Channel.UNKNOWN)
    kiev = m.Alias.objects.get(place__slug="kyiv", normalized="kiev")
    kiev.outlets.clear()
    result = seed_record_load()
    assert result.updated == {"statements": 1}
    assert result.created == {"alias outlet links": 1}
    statement.refresh_from_db()
    assert statement.channel == m.Channel.TELEGRAM
    assert list(kiev.outlets.values_list("slug", flat=True)) == ["rt"]


def test_articles_are_the_seed_files_stripped() -> None:
    seed_record_load()
    for name, text in seed_texts().items():
        article = m.Article.objects.get(source_ref=name)
        assert article.text == text
        assert article.fingerprint == content_fingerprint(text)
        assert article.source_kind == m.Article.SourceKind.SEED
        assert article.url == ""
        assert article.canonical_url == ""


def test_existing_rows_are_kept_and_reused() -> None:
    # Machine-made rows: an unrelated party and statement, and the same seed text stored by the
    # ingestion pipeline as an upload, plus Ukraine under another slug.
    moldova = f.PartyFactory(name="Moldova", slug="moldova", iso_code="MDA")
    ukraine = f.PartyFactory(name="Ukraine", slug="ukr", iso_code="UKR")
    bbc = f.OutletFactory(name="BBC", slug="bbc", country_code="", language="")
    other = f.ArticleFactory(
        bare=True,
        text="Something else entirely.",
        source_kind=m.Article.SourceKind.FEED,
        outlet=bbc,
    )
    name, text = sorted(seed_texts().items())[1]
    uploaded = f.ArticleFactory(
        bare=True, text=text, source_kind=m.Article.SourceKind.UPLOAD, source_ref="upload.txt"
    )
    machine = f.StatementFactory(
        speaker=None,
        speaker_party=moldova,
        text="Moldova supports the talks.",
        kind=m.Statement.Kind.PARAPHRASE,
        said_on=None,
        channel=m.Channel.UNKNOWN,
        review_state=m.ReviewState.PENDING,
        origin=m.Origin.MACHINE,
    )
    f.StatementReportFactory(
        statement=machine,
        article=other,
        wording="Something else",
        review_state=m.ReviewState.PENDING,
        origin=m.Origin.MACHINE,
    )

    seed_record_load()

    assert m.Party.objects.get(pk=moldova.pk).name == "Moldova"
    assert m.Outlet.objects.filter(pk=bbc.pk).exists()
    assert m.Article.objects.filter(pk=other.pk).exists()
    machine.refresh_from_db()
    assert (machine.review_state, machine.origin) == ("pending", "machine")
    assert machine.reports.count() == 1
    # The seed article and Ukraine were found by identity, not duplicated.
    assert m.Article.objects.get(pk=uploaded.pk).source_ref == name
    assert m.Article.objects.count() == 6
    ukraine.refresh_from_db()
    assert ukraine.slug == "ukraine"
    assert m.Party.objects.filter(iso_code="UKR").count() == 1
    assert counts()["Party"] == expected_counts()["Party"] + 1


def _corrupt_first_report(fixtures: Path) -> str:
    path = fixtures / "statements.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    report = data["statements"][0]["reports"][0]
    report["wording"] = report["wording"].replace("starting talks", "beginning talks")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return report["article"]


def test_a_wording_not_in_its_article_is_a_clear_error_and_loads_nothing(record_copy) -> None:
    seeds, fixtures = record_copy
    article = _corrupt_first_report(fixtures)
    with pytest.raises(SeedRecordError) as caught:
        seed_record_load(seeds_dir=seeds, fixtures_dir=fixtures)
    message = str(caught.value)
    assert "fixtures/statements.json" in message
    assert article in message
    assert "not found verbatim" in message
    assert sum(counts().values()) == 0


def test_wrong_offsets_name_where_the_words_are(record_copy) -> None:
    seeds, fixtures = record_copy
    path = fixtures / "tracks.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    evidence = data["tracks"][0]["status_history"][0]["evidence"][0]
    start, end = evidence["char_start"], evidence["char_end"]
    evidence["char_start"], evidence["char_end"] = start + 1, end + 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        SeedRecordError, match=rf"is not at {start + 1}-{end + 1} \(it is at {start}-{end}\)"
    ):
        seed_record_read(seeds_dir=seeds, fixtures_dir=fixtures)


def test_an_alias_absent_from_its_seed_is_an_error(record_copy) -> None:
    seeds, fixtures = record_copy
    path = fixtures / "officials.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["officials"][0]["aliases"].append(
        {
            "name": "Jermak",
            "kind": "transliteration",
            "from_seeds": True,
            "seen_in": [data["officials"][0]["aliases"][0]["seen_in"][0]],
        }
    )
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        SeedRecordError,
        match=r"officials.json: official 'andriy-yermak': alias 'Jermak': does not occur",
    ):
        seed_record_read(seeds_dir=seeds, fixtures_dir=fixtures)


def test_a_speaker_out_of_office_is_an_error(record_copy) -> None:
    seeds, fixtures = record_copy
    path = fixtures / "statements.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    statement = next(s for s in data["statements"] if s["speaker"] == "serhiy-kyslytsya")
    statement["said"] = {"date": "2023-07-30", "precision": "day", "phrase": ""}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        SeedRecordError, match="did not hold 'first-deputy-foreign-minister' on 2023-07-30"
    ):
        seed_record_read(seeds_dir=seeds, fixtures_dir=fixtures)


def test_an_invented_url_is_an_error(record_copy) -> None:
    seeds, fixtures = record_copy
    path = seeds / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"][0]["url"] = "https://www.rt.com/news/ukraine-talks/"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        SeedRecordError, match="url 'https://www.rt.com/news/ukraine-talks/' does not appear"
    ):
        seed_record_read(seeds_dir=seeds, fixtures_dir=fixtures)


def test_a_clash_while_writing_rolls_everything_back() -> None:
    # rbc.ua belongs to another outlet in the database, while the fixture's RBC-Ukraine is found
    # by its slug: the clash appears only while writing, after the other outlets were stored.
    f.OutletFactory(name="RBC-Ukraine", slug="rbc-ukraine")
    other = f.OutletFactory(name="RBC (machine)", slug="rbc-machine")
    f.OutletDomainFactory(outlet=other, domain="rbc.ua")
    before = counts()
    with pytest.raises(
        SeedRecordError, match="domain 'rbc.ua' already belongs to outlet 'rbc-machine'"
    ):
        seed_record_load()
    assert counts() == before
    assert not m.Outlet.objects.filter(slug="rt").exists()


def test_command_reports_and_fails_clearly(record_copy) -> None:
    out = StringIO()
    call_command("load_seed_record", stdout=out)
    assert "Seed record loaded" in out.getvalue()
    statements = expected_counts()["Statement"]
    assert f"statements: {statements} created, 0 updated, 0 unchanged" in out.getvalue()
    out = StringIO()
    call_command("load_seed_record", stdout=out)
    assert "Seed record loaded: 0 created, 0 updated." in out.getvalue()

    seeds, fixtures = record_copy
    _corrupt_first_report(fixtures)
    with pytest.raises(CommandError, match="not found verbatim"):
        call_command("load_seed_record", seeds_dir=seeds, fixtures_dir=fixtures)


def test_check_option_writes_nothing() -> None:
    out = StringIO()
    call_command("load_seed_record", check=True, stdout=out)
    assert "consistent" in out.getvalue()
    assert sum(counts().values()) == 0
