"""Safe fetching and the URL path, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import gzip
import time

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from negotiations.models import Article, FetchedDocument, IngestionJob, IngestionLog
from negotiations.services import ingest
from negotiations.services.fetch import FetchError, fetch, retry_after_seconds
from tests.factories import IngestionJobFactory
from tests.ingest.conftest import seed_html

pytestmark = pytest.mark.django_db

Status = IngestionJob.Status


def submit(url, capture):
    with capture(execute=True):
        job = ingest.submit_url(url=url)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/article", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]:9/", "loopback"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0:9/", "unspecified"),
    ],
)
def test_private_and_special_addresses_are_refused_before_connecting(url, reason, settings):
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(FetchError) as exc:
        fetch(url)
    assert exc.value.kind == "blocked_address"
    assert reason in exc.value.message


def test_loopback_needs_the_explicit_setting(server, settings):
    url = server.add(
        "/page", seed_html("000", "Talks", "2023-07-30"), headers={"Content-Type": "text/html"}
    )
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(FetchError, match="loopback"):
        fetch(url)
    assert server.requests == []  # refused before any connection
    settings.INGEST_ALLOW_LOOPBACK = True
    assert fetch(url).status_code == 200


def test_only_http_and_https(server):
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")
    with pytest.raises(ValidationError):
        ingest.submit_url(url="ftp://example.org/a")


def test_page_is_stored_before_analysis_and_analysed(
    server, record, django_capture_on_commit_callbacks
):
    body = seed_html("000", "Ukraine to start talks with US", "2023-07-30T22:20:00+00:00")
    url = server.add("/news/1", body, headers={"Content-Type": "text/html; charset=utf-8"})
    job = submit(url + "?utm_source=x", django_capture_on_commit_callbacks)
    assert job.status == Status.DONE, job.error
    doc = FetchedDocument.objects.get(job=job)
    assert bytes(doc.body) == body
    article = job.article
    assert doc.article == article
    assert article.canonical_url == url
    assert article.title == "Ukraine to start talks with US"
    assert article.reports.filter(statement__speaker=record["people"]["yermak"]).exists()
    assert job.result["statements"] >= 5
    path, headers = server.requests[0]
    assert headers["User-Agent"].startswith("NegotiationTracker/")


def test_redirect_to_a_private_address_is_refused(server, django_capture_on_commit_callbacks):
    url = server.add("/go", status=302, headers={"Location": "http://10.20.30.40/secret"})
    job = submit(url, django_capture_on_commit_callbacks)
    assert job.status == Status.FAILED
    assert job.error_kind == "blocked_address"
    assert "10.20.30.40 is a private address" in job.error
    assert IngestionLog.objects.filter(job=job, level="error").exists()


def test_redirect_loop_is_a_readable_failure(server, django_capture_on_commit_callbacks):
    server.add("/a", status=302, headers={"Location": "/b"})
    server.add("/b", status=301, headers={"Location": "/a"})
    job = submit(server.url("/a"), django_capture_on_commit_callbacks)
    assert job.status == Status.FAILED
    assert job.error_kind == "redirect_loop"
    assert job.error.startswith("redirect loop: ")


def test_too_many_redirects(server, settings, django_capture_on_commit_callbacks):
    settings.INGEST_MAX_REDIRECTS = 3
    for i in range(6):
        server.add(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"})
    job = submit(server.url("/r0"), django_capture_on_commit_callbacks)
    assert job.error_kind == "too_many_redirects"


def test_gzip_bomb_is_refused(server, django_capture_on_commit_callbacks):
    bomb = gzip.compress(b"<p>" + b"0" * (60 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 200_000
    url = server.add(
        "/bomb", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    job = submit(url, django_capture_on_commit_callbacks)
    assert job.status == Status.FAILED
    assert job.error_kind == "too_large"
    assert "decompresses to more than" in job.error


def test_fifty_megabyte_page_is_cut_off_while_streaming(server, django_capture_on_commit_callbacks):
    def fifty_megabytes():
        for _ in range(50):
            yield b"<p>" + b"x" * (1024 * 1024 - 3)

    url = server.add("/huge", fifty_megabytes, headers={"Content-Type": "text/html"}, chunked=True)
    job = submit(url, django_capture_on_commit_callbacks)
    assert job.status == Status.FAILED
    assert job.error_kind == "too_large"
    assert "exceeds the" in job.error


def test_declared_fifty_megabytes_is_refused_from_the_header(server):
    url = server.add(
        "/declared",
        b"tiny",
        headers={"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)},
    )
    with pytest.raises(FetchError, match="Content-Length 52428800 exceeds"):
        fetch(url)


RUSSIAN = (
    "Киев и Вашингтон начнут переговоры о гарантиях безопасности для Украины в начале августа, "
    "сообщил журналистам в воскресенье помощник президента Андрей Ермак. По его словам, "
    "переговоры могут начаться уже на следующей неделе. Ермак назвал эти меры временными до "
    "вступления Украины в НАТО и добавил, что соглашения с другими западными странами будут "
    "основаны на совместной декларации, принятой в Вильнюсе в середине июля."
)


def test_windows_1251_page_without_charset_is_decoded(
    server, record, django_capture_on_commit_callbacks
):
    html = (
        "<html><head><title>Переговоры о гарантиях</title></head><body><article>"
        f"<h1>Переговоры о гарантиях</h1><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>"
    )
    url = server.add("/ru", html.encode("windows-1251"), headers={"Content-Type": "text/html"})
    job = submit(url, django_capture_on_commit_callbacks)
    assert job.status == Status.DONE, job.error
    assert "Вашингтон начнут переговоры" in job.article.text
    assert job.article.language == "ru"


def test_unexpected_content_type_is_refused(server, django_capture_on_commit_callbacks):
    url = server.add("/img", b"\x89PNG....", headers={"Content-Type": "image/png"})
    job = submit(url, django_capture_on_commit_callbacks)
    assert job.status == Status.FAILED
    assert job.error == f"refused: content type 'image/png' at {url}"


def test_page_that_is_not_an_article_is_recorded_as_such(
    server, django_capture_on_commit_callbacks
):
    html = b"<html><body><nav><a href='/'>Home</a><a href='/login'>Log in</a></nav></body></html>"
    url = server.add("/index", html, headers={"Content-Type": "text/html"})
    job = submit(url, django_capture_on_commit_callbacks)
    assert job.status == Status.NOT_ARTICLE
    assert job.error.startswith("not an article")
    assert IngestionLog.objects.get(job=job, event="not_article").level == "warning"
    assert not Article.objects.exists()


def test_transient_errors_release_the_claim_for_a_retry(server, settings):
    settings.INGEST_FETCH_MAX_RETRIES = 1
    url = server.add("/busy", b"try later", status=503, headers={"Content-Type": "text/html"})
    job = IngestionJobFactory(kind="url", url=url)
    before = timezone.now()
    assert ingest.job_fetch(job_id=job.pk) is False
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    assert job.error_kind == "http_status"
    assert job.error.endswith(f"(attempt 2): HTTP 503 from {url}")
    # The first retry waits INGEST_FETCH_RETRY_BACKOFF seconds (Celery's backoff formula).
    wait = dt.timedelta(seconds=settings.INGEST_FETCH_RETRY_BACKOFF)
    assert before + wait <= job.next_attempt_at <= timezone.now() + wait
    assert IngestionLog.objects.filter(job=job, event="retry", level="warning").exists()
    assert ingest.job_fetch(job_id=job.pk) is False  # the last allowed attempt
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.next_attempt_at is None
    assert job.attempts == 2


def test_a_job_is_claimed_once():
    job = IngestionJobFactory(kind="url", url="https://example.org/")
    claims = [
        ingest.job_claim(job_id=job.pk, from_statuses=[Status.QUEUED], to_status=Status.FETCHING)
        for _ in range(2)
    ]
    assert claims == [True, False]


def test_batch_goes_on_after_failures(server, record, django_capture_on_commit_callbacks):
    good = server.add(
        "/good",
        seed_html("004", "Kyslytsya interview", "2025-03-20"),
        headers={"Content-Type": "text/html"},
    )
    server.add("/loop", status=302, headers={"Location": "/loop"})
    bad = server.url("/loop")
    missing = server.url("/missing")
    with django_capture_on_commit_callbacks(execute=True):
        jobs = [ingest.submit_url(url=u) for u in (bad, missing, good)]
    statuses = [IngestionJob.objects.get(pk=j.pk).status for j in jobs]
    assert statuses == [Status.FAILED, Status.FAILED, Status.DONE]
    assert IngestionJob.objects.get(pk=jobs[1].pk).error == f"HTTP 404 from {missing}"


def test_refused_connection_is_transient(settings):
    import socket

    settings.INGEST_ALLOW_LOOPBACK = True
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as exc:
        fetch(f"http://127.0.0.1:{port}/")
    assert exc.value.kind == "connection"
    assert exc.value.transient is True


def test_page_slower_than_the_fetch_deadline_fails_with_the_reason(server, settings):
    settings.INGEST_FETCH_DEADLINE = 1

    def drip():
        yield b"<html><body><p>"
        for _ in range(8):
            time.sleep(0.25)  # the server is slow: the client is not waiting on a clock
            yield b"slow words "
        yield b"</p></body></html>"

    url = server.add("/slow", drip, headers={"Content-Type": "text/html"}, chunked=True)
    job = IngestionJobFactory(kind="url", url=url)
    assert ingest.job_fetch(job_id=job.pk) is False  # no retry
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.error_kind == "deadline"
    assert job.error == (
        f"refused: fetching {url} took longer than the 1-second deadline (INGEST_FETCH_DEADLINE)"
    )
    events = list(
        IngestionLog.objects.filter(job=job).order_by("pk").values_list("event", flat=True)
    )
    assert events == ["fetch_attempt", "deadline"]


@pytest.mark.parametrize(
    ("status", "header", "expected"),
    [(429, "7", 7), (503, "86400", 600), (503, None, None), (429, "soon", None)],
)
def test_retry_after_is_honoured_and_capped(server, settings, status, header, expected):
    settings.INGEST_RETRY_AFTER_MAX = 600
    settings.INGEST_FETCH_RETRY_BACKOFF = 30  # without a usable Retry-After: the backoff
    headers = {"Content-Type": "text/html"} | ({"Retry-After": header} if header else {})
    url = server.add("/later", b"later", status=status, headers=headers)
    job = IngestionJobFactory(kind="url", url=url)
    before = timezone.now()
    assert ingest.job_fetch(job_id=job.pk) is False
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    wait = dt.timedelta(seconds=30 if expected is None else expected)
    assert before + wait <= job.next_attempt_at <= timezone.now() + wait
    log = IngestionLog.objects.get(job=job, event="retry")
    assert log.message.startswith("attempt 1 failed, will retry at ")
    asked = f" (Retry-After: {expected} s)" if expected is not None else ""
    assert log.message.endswith(f"(attempt 2): HTTP {status} from {url}{asked}")


def test_retry_after_as_an_http_date(settings):
    settings.INGEST_RETRY_AFTER_MAX = 600
    with time_machine.travel(dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        assert retry_after_seconds("Thu, 01 Jan 2026 12:02:00 GMT") == 120
        assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT") == 0
