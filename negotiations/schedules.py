"""Periodic tasks, declared here and stored with django-celery-beat (editable in the admin).

``schedules_install`` creates the missing ones and leaves existing rows alone, so an analyst's
change of interval in the admin survives deployments. It runs after every ``migrate``.
"""

from __future__ import annotations

SCHEDULES = {
    "poll due feeds": {
        "task": "negotiations.tasks.poll_due_feeds",
        "every_seconds": 60,
        "description": "Queue a poll of every active feed whose next poll time has come.",
    },
    "requeue stale ingestion jobs": {
        "task": "negotiations.tasks.requeue_stale_jobs",
        "every_seconds": 300,
        "description": "Queue again the jobs whose task message was lost with a worker.",
    },
}


def schedules_install(**_kwargs) -> int:
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    created = 0
    for name, spec in SCHEDULES.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        interval, _ = IntervalSchedule.objects.get_or_create(
            every=spec["every_seconds"], period=IntervalSchedule.SECONDS
        )
        PeriodicTask.objects.create(
            name=name, task=spec["task"], interval=interval, description=spec["description"]
        )
        created += 1
    return created
