"""How ingestion work is queued: the one place that decides between the broker and in-process.

Everything that starts pipeline work (services, tasks, the admin, the API, commands) calls
``enqueue``. Tasks are named, not imported, so the services never import ``negotiations.tasks``
(the tasks import the services, never the other way round).

- With a broker (``CELERY_BROKER_URL`` set) a task message is sent once the current transaction
  commits, with an ``eta`` when the work is due later (a fetch retry's backoff).
- Without one (the embedded default), the task runs in this process: here and now for commands,
  or, inside ``background()`` (web requests), on one background thread so the request answers at
  once. Work due later is started by a timer on that thread; if the process ends first, the job's
  ``next_attempt_at`` is on record and the next sweep (``jobs_requeue_stale``, run by every
  ingestion command and, with a broker, by beat) picks it up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar

from celery.exceptions import Retry
from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from tracker.celery import app

logger = logging.getLogger(__name__)

FETCH = "negotiations.tasks.fetch_job"
ANALYSE = "negotiations.tasks.analyse_job"
POLL_FEED = "negotiations.tasks.poll_feed"
REPROCESS = "negotiations.tasks.reprocess_articles"

_background: ContextVar[bool] = ContextVar("ingest_background", default=False)
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_pending: set[Future] = set()


def broker_configured() -> bool:
    return bool(settings.CELERY_BROKER_URL)


@contextlib.contextmanager
def background() -> Iterator[None]:
    """Work enqueued inside this block never runs in the caller's thread (web requests)."""
    token = _background.set(True)
    try:
        yield
    finally:
        _background.reset(token)


def enqueue(task: str, *args, eta: dt.datetime | None = None) -> None:
    """Run ``task(*args)`` once the current transaction commits (at ``eta`` if given)."""
    in_background = _background.get()
    transaction.on_commit(lambda: _dispatch(task, list(args), eta, in_background))


def _dispatch(task: str, args: list, eta: dt.datetime | None, in_background: bool) -> None:
    delay = (eta - timezone.now()).total_seconds() if eta is not None else 0
    if broker_configured():
        app.send_task(task, args=args, eta=eta if delay > 0 else None)
    elif in_background and delay > 0:
        timer = threading.Timer(delay, _submit, args=(task, args))
        timer.daemon = True  # if the process ends first, the next sweep finds the job
        timer.start()
    elif in_background:
        _submit(task, args)
    elif delay <= 0:
        _run(task, args)
    else:
        logger.info("%s%r is due at %s: left for the next sweep", task, tuple(args), eta)


def _submit(task: str, args: list) -> None:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")
        future = _executor.submit(_run_on_thread, task, args)
        _pending.add(future)
    future.add_done_callback(_pending.discard)


def _run_on_thread(task: str, args: list) -> None:
    close_old_connections()
    token = _background.set(True)  # what this task queues stays on the background thread
    try:
        _run(task, args)
    except Exception:  # a thread has no caller to tell: the log says it, the job keeps its state
        logger.exception("in-process task %s%r failed", task, tuple(args))
    finally:
        _background.reset(token)
        connections.close_all()  # this thread's connections only


def _run(task: str, args: list) -> None:
    """Run a task here, through Celery's local execution (``Task.apply``).

    A task that asks Celery for a retry has recorded its failure (on the job, on the feed);
    in-process, the next sweep or poll is that retry.
    """
    try:
        app.tasks[task].apply(args=args, throw=True)
    except Retry as retry:
        logger.warning("%s%r will be retried by the next sweep: %s", task, tuple(args), retry)


def background_wait(timeout: float = 60) -> bool:
    """Wait until the in-process background work has finished, including what it queued in
    turn (tests, shutdown). Work waiting on a timer (a retry's backoff) is not waited for."""
    deadline = time.monotonic() + timeout
    while True:
        with _executor_lock:
            running = [future for future in _pending if not future.done()]
        if not running:
            return True
        for future in running:
            future.result(timeout=max(0.0, deadline - time.monotonic()))
