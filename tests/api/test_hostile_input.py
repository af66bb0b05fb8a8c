"""Every crafted cursor, date, number and body is a JSON 400 (or an ordinary answer), never a
500: each class of hostile input, for every list and every write of the API.

The lists and writes are read from the router, so a resource added later is covered too.
"""

from __future__ import annotations

import base64

import pytest

from negotiations.api.parsers import MAX_DEPTH
from negotiations.api.urls import router
from negotiations.roles import ANALYST, REVIEWER
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db

LISTS = [prefix for prefix, _viewset, _basename in router.registry]
WRITES = [
    prefix
    for prefix, viewset, _basename in router.registry
    if "post" in getattr(viewset, "http_method_names", ())
    and getattr(viewset, "create", None) is not None
]


def _cursor(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _is_json_answer(response, allowed: set[int]) -> None:
    assert response.status_code in allowed, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")


CRAFTED_QUERIES = [
    pytest.param({"ordering": "id", "cursor": _cursor(b"p=abc")}, id="position-not-a-number"),
    pytest.param({"cursor": _cursor(b"p=\x00")}, id="nul-in-position"),
    pytest.param({"cursor": _cursor(b"o=\x00&p=1")}, id="nul-in-offset"),
    pytest.param({"cursor": "%%%not-base64"}, id="not-base64"),
    pytest.param({"page_size": "1e309"}, id="page-size-infinite"),
    pytest.param({"page_size": "\x00"}, id="page-size-nul"),
]


@pytest.mark.parametrize("params", CRAFTED_QUERIES)
@pytest.mark.parametrize("prefix", LISTS)
def test_crafted_list_query_is_a_json_400(viewer, sample, prefix, params) -> None:
    response = viewer.get(f"/api/v1/{prefix}/", params)
    _is_json_answer(response, {400})


@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_from": "9999-12-31"},
        {"updated_since": "9999-12-31T23:59:59Z"},
        {"updated_since": "0001-01-01T00:00:00Z"},
        {"cursor": _cursor(b"o=99999999999999999999")},  # DRF caps a cursor's offset
    ],
)
@pytest.mark.parametrize("prefix", LISTS)
def test_extreme_values_are_answered(viewer, sample, prefix, params) -> None:
    """The first and last days a date can hold are valid filters: an ordinary answer."""
    response = viewer.get(f"/api/v1/{prefix}/", params)
    _is_json_answer(response, {200, 400})  # 400 where the list has no such filter


BODIES = [
    pytest.param("[" * 1000 + "]" * 1000, "nested too deeply", id="array-1000-deep"),
    pytest.param('{"a":' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1), "nested", id="too-deep"),
    pytest.param('{"said_on": 1e309}', "finite", id="number-overflow"),
    pytest.param('{"text": "x", "confidence": -1e400}', "finite", id="negative-overflow"),
]


@pytest.mark.parametrize(("body", "words"), BODIES)
@pytest.mark.parametrize("prefix", WRITES)
def test_hostile_body_is_a_json_400(sample, prefix, body, words) -> None:
    client = _client_for(ANALYST, REVIEWER)
    response = client.generic("POST", f"/api/v1/{prefix}/", body, content_type="application/json")
    _is_json_answer(response, {400})
    assert words in response.json()["detail"]


@pytest.mark.parametrize(("body", "words"), BODIES)
@pytest.mark.parametrize("prefix", [p for p in WRITES if p != "ingestion-jobs"])
def test_hostile_body_on_an_edit_is_a_json_400(sample, prefix, body, words) -> None:
    client = _client_for(ANALYST, REVIEWER)
    first = client.get(f"/api/v1/{prefix}/", {"page_size": 1}).json()["results"][0]["id"]
    response = client.generic(
        "PATCH", f"/api/v1/{prefix}/{first}/", body, content_type="application/json"
    )
    _is_json_answer(response, {400})
    assert words in response.json()["detail"]


def test_the_covered_resources_are_the_router_s() -> None:
    assert {"statements", "articles", "deletions", "tracks"} <= set(LISTS)
    assert {"statements", "status-changes", "commitments", "ingestion-jobs"} <= set(WRITES)


def test_nested_lists_are_capped_with_a_400_that_names_the_limit(analyst, sample, settings):
    """A 200 KB POST with 3,500 reports once ran 31 s and killed a worker: every nested list of
    a write is capped (API_MAX_NESTED_ITEMS, 100 by default) before anything is looked up."""
    from negotiations.api.serializers import MAX_NESTED
    from negotiations.models import Statement

    article = sample.reuters.articles.get()
    before = Statement.objects.count()
    report = {"article": article.pk, "wording": "talks", "kind": "paraphrase"}
    payload = {
        "speaker": sample.statement.speaker_id,
        "text": "Too many reports.",
        "kind": "paraphrase",
        "reports": [report] * (MAX_NESTED + 1),
    }
    response = analyst.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 400
    assert f"no more than {MAX_NESTED}" in str(response.json()["errors"]["reports"])
    response = analyst.post(
        "/api/v1/statements/",
        {**payload, "reports": [], "tracks": [sample.track.pk] * (MAX_NESTED + 1)},
        format="json",
    )
    assert response.status_code == 400
    assert "tracks" in response.json()["errors"]
    evidence = [{"article": article.pk, "excerpt": "talks"}] * (MAX_NESTED + 1)
    response = analyst.post(
        "/api/v1/status-changes/",
        {
            "track": sample.track.pk,
            "status": "signed",
            "effective_date": "2024-07-11",
            "evidence": evidence,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "evidence" in response.json()["errors"]
    assert Statement.objects.count() == before


@pytest.mark.parametrize(
    ("prefix", "field"),
    [
        ("statements", "speaker_description"),
        ("statements", "text"),
        ("status-changes", "summary"),
        ("commitments", "description"),
    ],
)
@pytest.mark.parametrize("value", [0, 1.5, True, ["words"], {"words": 1}])
def test_text_fields_take_json_strings_only(analyst, sample, prefix, field, value) -> None:
    """DRF's CharField stores ``0`` as ``"0"``: a client's type error would pass unnoticed, and
    the schema says string (schemathesis' negative_data_rejection found it)."""
    response = analyst.post(f"/api/v1/{prefix}/", {field: value}, format="json")
    _is_json_answer(response, {400})
    assert response.json()["errors"][field] == ["Not a valid string."]
