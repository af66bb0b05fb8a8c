"""A refused URL says which rule refused it, wherever it is submitted."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from negotiations.models import IngestionJob
from negotiations.roles import ANALYST
from negotiations.services.fetch import BlockedAddress, check_address
from negotiations.services.ingest import url_validate
from tests.api.conftest import _client_for

REFUSALS = [
    ("file:///etc/passwd", "only http:// and https:// URLs are accepted (file: given)"),
    ("gopher://example.org/1", "only http:// and https:// URLs are accepted (gopher: given)"),
    ("example.org/news", "only http:// and https:// URLs are accepted (no scheme given)"),
    ("http://user:pw@example.org/", "URLs with credentials (user:password@host)"),
    ("http:///news", "the URL has no host"),
    ("http://2130706433/", "2130706433 is a numeric address in a form other than dotted"),
    ("http://0x7f000001/", "0x7f000001 is a numeric address in a form other than dotted"),
    ("http://0177.0.0.1/", "0177.0.0.1 is a numeric address in a form other than dotted"),
    ("http://127.1/", "127.1 is a numeric address in a form other than dotted"),
    ("http://1.2.3.400/", "1.2.3.400 is a numeric address in a form other than dotted"),
    ("http://exa mple.org/", "is not a well-formed URL"),
    ("http://[2001:db8::1]/x", "2001:db8::1 is a private address"),
]


@pytest.mark.parametrize(("url", "rule"), REFUSALS)
def test_the_refusal_names_the_rule(url, rule):
    with pytest.raises(ValidationError) as exc:
        url_validate(url)
    assert rule in exc.value.messages[0]
    assert exc.value.messages[0].startswith("refused: ")


@pytest.mark.parametrize(
    # A public IPv6 address (2001:db8::/32 is documentation space: refused like a private one).
    "url",
    ["https://example.org/a?b=c", "http://93.184.216.34/news", "http://[2a00:1450::1]/x"],
)
def test_ordinary_urls_pass(url):
    assert url_validate(f"  {url} ") == url


@pytest.mark.parametrize(
    ("ip", "reason"),
    [
        ("0.0.0.0", "0.0.0.0 is the unspecified address"),  # noqa: S104
        ("10.1.2.3", "10.1.2.3 is a private address"),
        ("100.64.0.1", "100.64.0.1 is not a globally routable address"),
        ("169.254.1.1", "169.254.1.1 is a link-local address"),
    ],
)
def test_address_refusals_read_as_english(ip, reason, settings):
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(BlockedAddress) as exc:
        check_address(ip)
    assert str(exc.value).endswith(reason)


@pytest.mark.django_db
def test_api_answers_400_with_the_rule():
    client = _client_for(ANALYST)
    response = client.post("/api/v1/ingestion-jobs/", {"url": "file:///etc/passwd"})
    assert response.status_code == 400
    assert "only http:// and https:// URLs are accepted (file: given)" in str(response.json())
    assert not IngestionJob.objects.exists()


@pytest.mark.django_db
def test_admin_form_shows_the_rule(admin_client):
    from django.urls import reverse

    response = admin_client.post(
        reverse("admin:negotiations_ingestionjob_add"), {"url": "gopher://example.org/1"}
    )
    assert response.status_code == 200
    assert "(gopher: given)" in response.content.decode()
    assert not IngestionJob.objects.exists()


@pytest.mark.django_db
def test_command_reports_each_refusal_and_goes_on(server, record):
    good = server.url("/missing")  # a 404: a recorded failure, not a refusal
    err = StringIO()
    with pytest.raises(CommandError, match="2 of 3 URLs refused"):
        call_command("submit_url", "file:///etc/passwd", "http://127.1/", good, stderr=err)
    assert "file:///etc/passwd: refused: only http:// and https://" in err.getvalue()
    assert "http://127.1/: refused: 127.1 is a numeric address" in err.getvalue()
    assert IngestionJob.objects.get().url == good
