"""The Celery application.

Configuration comes from Django settings (``CELERY_*``). Without ``CELERY_BROKER_URL`` the settings
switch tasks to eager, in-process execution, so the embedded default needs no broker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
