"""The admin index's dashboard: items waiting for review, articles today, ingestion health."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from negotiations.models import Article, Feed
from negotiations.selectors.queue import QUEUE_KINDS, pending_counts


def _feeds_failing() -> int:
    """Active feeds whose latest poll failed (one query)."""
    return Feed.objects.filter(active=True, consecutive_failures__gt=0).count()


def queue_length() -> int | str:
    """Tasks waiting in the Celery queue, read from Redis; "in-process" without a broker."""
    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if not broker:
        return "in-process"
    if not broker.startswith(("redis://", "rediss://")):
        return "unknown broker"
    import redis

    try:
        client = redis.Redis.from_url(broker, socket_connect_timeout=1, socket_timeout=1)
        length = client.llen(getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery"))
        return length if isinstance(length, int) else 0  # a synchronous client answers an int
    except redis.RedisError:
        return "unreachable"


def dashboard() -> dict[str, Any]:
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    counts = pending_counts()
    return {
        "pending": [(QUEUE_KINDS[k], n) for k, n in counts.items()],
        "pending_total": sum(counts.values()),
        "articles_today": Article.objects.filter(created_at__gte=start).count(),
        "feeds_failing": _feeds_failing(),
        "queue_length": queue_length(),
    }
