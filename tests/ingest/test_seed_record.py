"""The pipeline next to the curated seed record loaded by load_seed_record."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from negotiations.models import Article, IngestionJob, Origin, ReviewState, Statement
from tests.ingest.conftest import SEEDS

pytestmark = pytest.mark.django_db


def test_ingesting_seeds_after_the_loader_finds_duplicates_and_keeps_the_record():
    call_command("load_seed_record", verbosity=0)
    articles = set(Article.objects.values_list("pk", "fingerprint"))
    curated = set(
        Statement.objects.filter(origin=Origin.CURATED).values_list("pk", "text", "review_state")
    )
    assert len(articles) == 5

    call_command("ingest", str(SEEDS))

    assert set(Article.objects.values_list("pk", "fingerprint")) == articles
    jobs = IngestionJob.objects.all()
    assert jobs.count() == 5  # manifest.json is not an article record
    assert set(jobs.values_list("status", flat=True)) == {IngestionJob.Status.DUPLICATE}
    # Curated statements are untouched; the machine's matching reports attach to them.
    assert (
        set(
            Statement.objects.filter(origin=Origin.CURATED).values_list(
                "pk", "text", "review_state"
            )
        )
        == curated
    )
    # What the machine read matches the curated statements: their reports are found again
    # (no duplicate statement), and only a few statements are new.
    reports_found = sum(job.result["reports"] for job in jobs)
    assert reports_found >= 35
    assert Statement.objects.filter(text__startswith="We are starting talks").count() == 1
    new = Statement.objects.filter(origin=Origin.MACHINE)
    assert set(new.values_list("review_state", flat=True)) == {ReviewState.PENDING}
    assert new.count() <= 12

    # A second run changes nothing.
    before = Statement.objects.count()
    call_command("ingest", str(SEEDS))
    assert Statement.objects.count() == before
    assert Article.objects.count() == 5
