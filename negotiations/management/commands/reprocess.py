"""manage.py reprocess : re-run analysis over stored articles (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_date

from negotiations.models import Article
from negotiations.services.ingest import articles_reprocess, articles_reprocess_enqueue


class Command(BaseCommand):
    help = "Re-analyse stored articles (all, or filtered); analyst decisions are kept."

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", dest="ids")
        parser.add_argument("--outlet", help="outlet slug")
        parser.add_argument("--since", help="published on or after YYYY-MM-DD")
        parser.add_argument(
            "--not-version", help="only articles not yet analysed by this analyser version"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue tasks (of INGEST_REPROCESS_CHUNK articles each) instead of running here",
        )

    def handle(
        self, *args, ids=None, outlet=None, since=None, not_version=None, queue=False, **options
    ):
        qs = Article.objects.all()
        if ids:
            qs = qs.filter(pk__in=ids)
        if outlet:
            qs = qs.filter(outlet__slug=outlet)
        if since:
            qs = qs.filter(published_at__date__gte=parse_date(since))
        if not_version:
            qs = qs.exclude(ingestion_jobs__analyser_version=not_version)
        article_ids = list(qs.values_list("pk", flat=True))
        if queue:
            tasks = articles_reprocess_enqueue(article_ids=article_ids)
            self.stdout.write(
                self.style.SUCCESS(f"queued re-analysis of {len(article_ids)} in {tasks} tasks")
            )
            return
        result = articles_reprocess(article_ids=article_ids)
        self.stdout.write(self.style.SUCCESS(str(result)))
