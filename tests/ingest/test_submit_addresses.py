"""A URL that can never be fetched is refused when it is submitted (issue 13): a 400 from the API,
not a 202 and a failure later. A name that does not resolve is a recorded, retried failure of
the job, never a 500 or a job left in "queued" with nothing said. Names are answered by the
tests' resolver (tests/conftest.py: ``dns``), never by a DNS server."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from negotiations.models import IngestionJob
from negotiations.roles import ANALYST
from negotiations.services.ingest import job_fetch, submit_url, url_validate
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(db):
    return _client_for(ANALYST)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://10.1.2.3/article", "private"),
        ("http://192.168.0.10:8080/a", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/a", "loopback"),
        ("http://127.0.0.1/a", "loopback"),
        ("http://0.0.0.0/a", "unspecified"),
        ("http://240.0.0.1/a", "reserved"),
        ("http://224.0.0.1/a", "multicast"),
        ("http://intranet.example/a", "private"),  # a name that resolves to a private address
        ("http://mixed.example/a", "private"),  # one of its addresses is private
    ],
)
def test_an_address_that_can_never_be_fetched_is_refused_at_submission(
    url, why, dns, settings, analyst_client
) -> None:
    settings.INGEST_ALLOW_LOOPBACK = False
    dns["intranet.example"] = "10.20.30.40"
    dns["mixed.example"] = "10.0.0.1"
    with pytest.raises(ValidationError, match=why):
        url_validate(url)
    response = analyst_client.post("/api/v1/ingestion-jobs/", {"url": url}, format="json")
    assert response.status_code == 400, response.content
    assert why in " ".join(response.json()["errors"]["url"])
    assert not IngestionJob.objects.exists()


def test_a_public_address_and_a_public_name_are_accepted(dns, analyst_client) -> None:
    dns["news.example"] = "93.184.216.34"
    for url in ("http://93.184.216.34/a", "https://news.example/talks"):
        response = analyst_client.post("/api/v1/ingestion-jobs/", {"url": url}, format="json")
        assert response.status_code == 202, response.content


def test_a_name_that_does_not_resolve_is_a_recorded_failure_of_the_job(settings) -> None:
    settings.INGEST_FETCH_MAX_RETRIES = 1
    job = submit_url(url="https://no-such-host.example/article")  # accepted: DNS may recover
    assert job.status == IngestionJob.Status.QUEUED
    job_fetch(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error_kind) == (IngestionJob.Status.QUEUED, "dns")
    assert job.next_attempt_at is not None
    assert "could not resolve" in job.error
    job_fetch(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error_kind) == (IngestionJob.Status.FAILED, "dns")
    assert list(job.logs.values_list("event", flat=True)).count("fetch_attempt") == 2
