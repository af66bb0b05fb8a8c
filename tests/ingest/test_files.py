from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from negotiations.models import (
    Alias,
    Article,
    Evidence,
    IngestionJob,
    Origin,
    ReviewState,
    Statement,
    StatementReport,
    StatusChange,
)
from negotiations.services.analysis import ANALYSER_VERSION
from tests.ingest.conftest import SEEDS, seed_text

pytestmark = pytest.mark.django_db


def test_ingest_seed_directory_extracts_pending_statements_with_speakers(record):
    call_command("ingest", str(SEEDS))
    assert Article.objects.count() == 5
    assert IngestionJob.objects.filter(status=IngestionJob.Status.DONE).count() == 5
    yermak = record["people"]["yermak"]
    statements = Statement.objects.filter(speaker=yermak)
    assert statements.count() >= 6
    for statement in Statement.objects.all():
        assert statement.origin == Origin.MACHINE
        assert statement.review_state == ReviewState.PENDING
        assert statement.analyser_version == ANALYSER_VERSION
    for report in StatementReport.objects.select_related("article"):
        assert report.wording in report.article.text
        assert report.article.text[report.char_start : report.char_end] == report.wording


def test_told_journalists_on_sunday_gives_channel_and_date(record):
    call_command("ingest", str(next(SEEDS.glob("000_*.txt"))))
    statement = Statement.objects.get(text__startswith="Kiev and Washington will enter into talks")
    assert statement.speaker == record["people"]["yermak"]
    assert statement.channel == "told_journalists"
    assert str(statement.said_on) == "2023-07-30"
    assert statement.said_phrase == "on Sunday"
    assert statement.speaker_party == record["ukraine"]
    # "he added" and "the presidential aide" are Yermak too.
    added = Statement.objects.get(text__startswith="The negotiations are expected to start")
    assert added.speaker == record["people"]["yermak"]
    aide = Statement.objects.get(text__startswith="the set of measures")
    assert aide.speaker == record["people"]["yermak"]
    putin = Statement.objects.filter(speaker=record["people"]["putin"])
    assert putin.filter(said_phrase="In mid-July", said_precision="part_of_month").exists()


def test_telegram_quote_split_over_paragraphs_is_one_statement(record):
    call_command("ingest", str(next(SEEDS.glob("001_*.txt"))))
    statement = Statement.objects.get(text__startswith="We are starting talks")
    assert statement.channel == "telegram"
    assert "clearly drafted formats and mechanisms of support" in statement.text
    assert statement.kind == Statement.Kind.DIRECT_QUOTE


def test_status_proposal_carries_its_evidence_sentence(record):
    call_command("ingest", str(next(SEEDS.glob("002_*.txt"))))
    change = StatusChange.objects.get(track=record["track"], status="talks_under_way")
    assert change.origin == Origin.MACHINE
    assert change.review_state == ReviewState.PENDING
    assert str(change.effective_date) == "2023-08-03"  # "started talks on Thursday"
    evidence = Evidence.objects.get(status_change=change)
    assert "started talks on Thursday" in evidence.excerpt
    assert evidence.excerpt in evidence.article.text


def test_close_unknown_variant_becomes_pending_alias_suggestion(record, tmp_path):
    text = (
        "Ukraine's envoy Serhiy Kyslytsia said on Monday that talks with the United States on "
        "security guarantees were making progress and would continue next week in Kyiv."
    )
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path))
    suggestion = Alias.objects.get(name="Serhiy Kyslytsia")
    assert suggestion.official == record["people"]["kyslytsya"]
    assert suggestion.origin == Origin.MACHINE
    assert suggestion.review_state == ReviewState.PENDING


def test_already_loaded_seed_is_recognised_as_duplicate(record):
    """The seed loader stores .txt seeds as the stripped UTF-8 content, like the pipeline."""
    path = next(SEEDS.glob("003_*.txt"))
    loaded = Article.objects.create(
        text=path.read_bytes().decode("utf-8").strip(),
        source_kind=Article.SourceKind.SEED,
        source_ref=path.name,
    )
    call_command("ingest", str(path))
    assert Article.objects.count() == 1
    job = IngestionJob.objects.get()
    assert job.status == IngestionJob.Status.DUPLICATE
    assert job.article == loaded
    # A fixture-loaded seed had never been analysed: the duplicate is analysed once.
    assert StatementReport.objects.filter(article=loaded).exists()
    call_command("ingest", str(path))
    assert Article.objects.count() == 1


def test_json_record_and_html_file(record, tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "url": "https://rt.example/news/1?utm_source=feed",
                "outlet": "RT",
                "published": "2023-07-30T22:20:00Z",
                "title": "Ukraine to start talks with US",
                "text": seed_text("000"),
            }
        )
    )
    from tests.ingest.conftest import seed_html

    (tmp_path / "b.html").write_bytes(
        seed_html("002", "Ukraine, US start talks", "2023-08-04T10:00:00+00:00")
    )
    (tmp_path / "broken.json").write_text("{not json")
    call_command("ingest", str(tmp_path))
    from_json = Article.objects.get(title="Ukraine to start talks with US")
    assert from_json.canonical_url == "https://rt.example/news/1"
    assert from_json.outlet == record["outlet"]
    assert str(from_json.published_at.date()) == "2023-07-30"
    from_html = Article.objects.get(title="Ukraine, US start talks")
    assert "Kyiv and Washington started talks on Thursday" in from_html.text
    assert str(from_html.published_at.date()) == "2023-08-04"
    broken = IngestionJob.objects.get(source_ref__endswith="broken.json")
    assert broken.status == IngestionJob.Status.FAILED
    assert "broken.json" in broken.error
