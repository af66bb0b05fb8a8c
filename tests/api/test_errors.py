from __future__ import annotations

import pytest
from django.db import IntegrityError

from negotiations.api.exceptions import api_exception_handler

pytestmark = pytest.mark.django_db


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "code", "detail", "errors"}
    assert body["status"] == status
    return body


@pytest.mark.parametrize(
    ("path", "params", "field", "words"),
    [
        ("/api/v1/statements/", {"track": "abc"}, "track", "number"),
        ("/api/v1/statements/", {"speaker": "-3"}, "speaker", "greater than or equal to 1"),
        ("/api/v1/statements/", {"date_from": "2023-02-30"}, "date_from", "valid date"),
        ("/api/v1/articles/", {"date_to": "yesterday"}, "date_to", "valid date"),
        ("/api/v1/articles/", {"updated_since": "not-a-time"}, "updated_since", "date/time"),
        ("/api/v1/outlets/", {"state_affiliated": "perhaps"}, "state_affiliated", "true"),
        ("/api/v1/statements/", {"channel": "pigeon"}, "channel", "valid choice"),
        ("/api/v1/statements/", {"ordering": "text"}, "ordering", "Cannot order by 'text'"),
        ("/api/v1/statements/", {"ordering": "said_on,id"}, "ordering", "one field"),
        ("/api/v1/statements/", {"page_size": "100000"}, "page_size", "between 1 and 500"),
        ("/api/v1/statements/", {"page_size": "0"}, "page_size", "between 1 and 500"),
        ("/api/v1/statements/", {"page_size": "lots"}, "page_size", "whole number"),
        ("/api/v1/statements/", {"cursor": "garbage"}, "cursor", "Invalid cursor"),
        ("/api/v1/statements/", {"review_state": "maybe"}, "review_state", "Choose one of"),
        ("/api/v1/search/", {}, "q", "required"),
        ("/api/v1/search/", {"q": "x", "limit": "1000"}, "limit", "less than or equal to 100"),
        ("/api/v1/statements/export/", {"format": "xlsx"}, "format", "valid choice"),
    ],
)
def test_bad_query_is_a_400_that_says_what_was_wrong(viewer, path, params, field, words) -> None:
    body = _error(viewer.get(path, params), 400)
    assert body["code"] == "invalid"
    assert words in " ".join(str(m) for m in body["errors"][field])


def test_bad_timeline_parameters(viewer, sample) -> None:
    path = f"/api/v1/tracks/{sample.track.pk}/timeline/"
    assert "limit" in _error(viewer.get(path, {"limit": "501"}), 400)["errors"]
    assert "after" in _error(viewer.get(path, {"after": "2023-13-45.0.1"}), 400)["errors"]
    assert "date_from" in _error(viewer.get(path, {"date_from": "x"}), 400)["errors"]


def test_oversized_body_is_a_400(analyst, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = _error(
        analyst.post(
            "/api/v1/statements/",
            {"text": "x" * 2000, "speaker_description": "someone", "kind": "paraphrase"},
            format="json",
        ),
        400,
    )
    assert "too large" in body["detail"]
    assert "limit is 1000 bytes" in body["detail"]


def test_malformed_json_is_a_400(analyst) -> None:
    response = analyst.generic(
        "POST", "/api/v1/statements/", "{not json", content_type="application/json"
    )
    assert "JSON parse error" in _error(response, 400)["detail"]


def test_field_level_messages_from_model_validation(analyst, sample) -> None:
    # Same validation as the admin: the wording must appear verbatim in the article.
    response = analyst.post(
        "/api/v1/statements/",
        {
            "speaker": sample.statement.speaker_id,
            "text": "New words",
            "kind": "direct_quote",
            "reports": [
                {
                    "article": sample.rt.articles.get().pk,
                    "wording": "never written",
                    "kind": "direct_quote",
                }
            ],
        },
        format="json",
    )
    body = _error(response, 400)
    assert body["errors"]["reports.0.wording"] == [
        "The wording must appear verbatim in the article."
    ]
    # Model constraints come back with their own message, on no field in particular.
    response = analyst.post(
        "/api/v1/statements/", {"text": "Nobody said it", "kind": "paraphrase"}, format="json"
    )
    assert _error(response, 400)["errors"]["non_field_errors"] == [
        "A statement needs a speaker, a party or a description."
    ]


def test_unknown_url_and_method_are_json(viewer, sample) -> None:
    assert _error(viewer.get("/api/v1/nothing-here/"), 404)["code"] == "not_found"
    assert _error(viewer.get("/api/v1/statements/999999/"), 404)["code"] == "not_found"
    assert _error(viewer.get("/api/v1/statements/abc/"), 404)["code"] == "not_found"
    assert _error(viewer.delete(f"/api/v1/statements/{sample.statement.pk}/"), 405)


def test_integrity_error_becomes_409() -> None:
    response = api_exception_handler(IntegrityError("duplicate key"), {})
    assert response.status_code == 409
    assert response.data["code"] == "conflict"
    assert response.data["errors"] == {}


def test_a_bad_host_is_a_json_400_under_the_api(client, settings) -> None:
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    response = client.get("/api/v1/statements/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "code": "bad_request",
        "detail": "Bad request.",
        "errors": {},
    }
    page = client.get("/admin/", HTTP_HOST="evil.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


def test_the_schema_answers_in_the_format_asked(client) -> None:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert client.get("/api/schema/", {"format": "yaml"}).content.startswith(b"openapi:")
    assert client.get("/api/schema/").content.startswith(b"openapi:")  # YAML by default
