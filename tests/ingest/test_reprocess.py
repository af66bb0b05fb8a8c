"""Re-analysis is idempotent and keeps analyst decisions; corroboration instead of duplicates."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from negotiations.models import (
    Article,
    Evidence,
    ReviewState,
    Statement,
    StatementReport,
    StatusChange,
)
from negotiations.services.analysis import ANALYSER_VERSION
from negotiations.services.dedup import article_find_near_duplicate
from negotiations.tasks import reprocess_articles
from tests.ingest.conftest import SEEDS, seed_text

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(map(str, Statement.objects.values_list("speaker_id", "text", "review_state"))),
        sorted(StatementReport.objects.values_list("statement__text", "article_id", "wording")),
        sorted(StatusChange.objects.values_list("track_id", "status", "effective_date")),
        Evidence.objects.count(),
    )


def test_reprocess_twice_creates_no_duplicates_and_keeps_decisions(record):
    call_command("ingest", str(SEEDS))
    before = snapshot()
    approved = Statement.objects.filter(speaker=record["people"]["yermak"]).order_by("id").first()
    rejected = Statement.objects.filter(speaker=record["people"]["putin"]).order_by("id").first()
    Statement.objects.filter(pk=approved.pk).update(review_state=ReviewState.APPROVED)
    Statement.objects.filter(pk=rejected.pk).update(review_state=ReviewState.REJECTED)
    ids = list(Article.objects.values_list("pk", flat=True))
    assert reprocess_articles.delay(ids).get() == {
        "reprocessed": 5,
        "failed": 0,
        "analyser_version": ANALYSER_VERSION,
    }
    call_command("reprocess")
    after = snapshot()
    assert len(after[0]) == len(before[0])
    assert after[1] == before[1]
    assert after[2] == before[2]
    assert after[3] == before[3]
    assert Statement.objects.get(pk=approved.pk).review_state == ReviewState.APPROVED
    assert Statement.objects.get(pk=rejected.pk).review_state == ReviewState.REJECTED
    assert StatementReport.objects.filter(statement=rejected).count() == 1


def test_new_outlet_reporting_same_words_corroborates(record, tmp_path):
    call_command("ingest", str(next(SEEDS.glob("002_*.txt"))))
    original = Statement.objects.get(text__startswith="It is symbolic that the United States")
    rewrite = (
        "August 5, 2023\nKyiv, Washington open security talks\n\n"
        "Ukraine has begun negotiations with Washington on long-term security commitments, "
        "officials in Kyiv said, after the Vilnius summit of NATO last month.\n"
        "“It is symbolic that the United States — our biggest strategic partner — became the "
        "first country with which Ukraine has started this process,” Andriy Yermak wrote on "
        "Telegram, according to a translation by our newsroom.\n"
    )
    path = tmp_path / "rewrite.txt"
    path.write_text(rewrite, encoding="utf-8")
    call_command("ingest", str(path))
    assert Statement.objects.filter(text__startswith="It is symbolic that").count() == 1
    reports = StatementReport.objects.filter(statement=original)
    assert reports.count() == 2
    new_article = Article.objects.get(text__startswith="August 5, 2023")
    report = reports.get(article=new_article)
    assert report.wording in new_article.text


def test_syndicated_copy_joins_the_original_story(record, tmp_path):
    text = seed_text("001")
    (tmp_path / "wire.txt").write_text(text, encoding="utf-8")
    copy = text.replace("The Jerusalem Post", "Another Daily").replace("By REUTERS", "Reuters")
    (tmp_path / "copy.txt").write_text(copy, encoding="utf-8")
    call_command("ingest", str(tmp_path / "wire.txt"))
    call_command("ingest", str(tmp_path / "copy.txt"))
    wire, syndicated = Article.objects.order_by("pk")
    assert wire.story_id is not None
    assert syndicated.story_id == wire.story_id
    found, similarity, _ = article_find_near_duplicate(text=copy, exclude_id=syndicated.pk)
    assert found == wire.pk
    assert similarity > 0.8
    # The same statement reported by both: one statement, two reports.
    statement = Statement.objects.get(text__startswith="We are starting talks")
    assert statement.reports.count() == 2
