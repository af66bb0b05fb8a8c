from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view, serializer and filter now

# The objects loaded at start-up (modules, settings, URL patterns and views, model metadata) live
# as long as the process: move them out of the collector's reach. Without this, the ~5,000 model
# instances and dicts set off full collections that walk the whole start-up heap, ~12-25 ms of a
# 40-60 ms page (docs/BENCHMARKS.md). Objects created afterwards are collected as before.
gc.freeze()
