from __future__ import annotations

import csv
import io
import json

import pytest

from tests.api.conftest import ids

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert response.status_code == 200
    assert response.streaming is True
    return b"".join(response.streaming_content).decode()


def test_statements_csv_is_streamed(viewer, sample, settings) -> None:
    settings.API_EXPORT_CHUNK_SIZE = 1
    response = viewer.get("/api/v1/statements/export/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="statements.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert [int(row["id"]) for row in rows] == [sample.statement.pk]  # approved only
    row = rows[0]
    assert row["text"] == "Talks will start next week."
    assert row["speaker"] == "Andriy Yermak"
    assert row["tracks"] == "us-ukraine"
    assert set(row["outlets"].split("; ")) == {"Reuters", "RT"}


def test_statements_jsonl_follows_the_filters(viewer, sample) -> None:
    response = viewer.get(
        "/api/v1/statements/export/", {"format": "jsonl", "state_affiliated": "true"}
    )
    assert response["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in _body(response).splitlines()]
    assert [line["id"] for line in lines] == [sample.statement.pk]
    wordings = {report["outlet"]: report["wording"] for report in lines[0]["reports"]}
    assert wordings == {"Reuters": "will start talks", "RT": "talks start soon"}
    none = viewer.get("/api/v1/statements/export/", {"format": "jsonl", "date_from": "2030-01-01"})
    assert _body(none) == ""


def test_reviewer_exports_pending(reviewer, sample) -> None:
    response = reviewer.get(
        "/api/v1/statements/export/", {"format": "jsonl", "review_state": "pending"}
    )
    assert [json.loads(x)["id"] for x in _body(response).splitlines()] == [
        sample.pending_statement.pk
    ]


def test_status_changes_export(viewer, sample) -> None:
    response = viewer.get("/api/v1/status-changes/export/")  # csv by default
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert [(r["track"], r["status"], r["effective_date"]) for r in rows] == [
        ("us-ukraine", "announced", "2023-07-30")
    ]
    assert rows[0]["outlets"] == "Reuters"
    jsonl = viewer.get("/api/v1/status-changes/export/", {"format": "jsonl"})
    line = json.loads(_body(jsonl))
    assert line["evidence"][0]["wording"] == "will start talks"


def test_timeline_export(viewer, sample, settings) -> None:
    settings.API_EXPORT_CHUNK_SIZE = 1
    path = f"/api/v1/tracks/{sample.track.pk}/timeline/export/"
    rows = list(csv.DictReader(io.StringIO(_body(viewer.get(path)))))
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("2023-07-30", "status_change"),
        ("2023-07-30", "statement"),
    ]
    lines = [json.loads(x) for x in _body(viewer.get(path, {"format": "jsonl"})).splitlines()]
    assert lines[1]["text"] == "Talks will start next week."
    assert {e["outlet"] for e in lines[1]["evidence"]} == {"Reuters", "RT"}
    # The JSON timeline and the export agree.
    timeline = viewer.get(f"/api/v1/tracks/{sample.track.pk}/timeline/").json()["results"]
    assert [(e["date"], e["kind"]) for e in timeline] == [(r["date"], r["kind"]) for r in rows]


def test_export_ignores_accept_header(viewer, sample) -> None:
    response = viewer.get("/api/v1/statements/export/", HTTP_ACCEPT="text/csv")
    assert _body(response).startswith("id,said_on")
    assert ids(viewer.get("/api/v1/statements/")) == [sample.statement.pk]
