from __future__ import annotations

import csv
import io
import json

import pytest

from tests import factories as f
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


def _jsonl(response) -> list[dict]:
    return [json.loads(line) for line in _body(response).splitlines()]


def _sources(article: dict, wording: str) -> dict:
    outlet = article["outlet"]
    return {
        "outlet": outlet["name"] if outlet else None,
        "article_id": article["id"],
        "url": article["url"],
        "published_at": article["published_at"],
        "wording": wording,
    }


def test_the_statement_export_is_the_apis_statement_field_by_field(viewer, sample) -> None:
    second = f.StatementFactory(speaker=None, speaker_party=None, speaker_description="A diplomat")
    f.StatementReportFactory(statement=second, article=f.ArticleFactory(outlet=None))
    by_id = {item["id"]: item for item in viewer.get("/api/v1/statements/").json()["results"]}
    exported = _jsonl(viewer.get("/api/v1/statements/export/", {"format": "jsonl"}))
    assert (
        sorted(row["id"] for row in exported)
        == sorted(by_id)
        == sorted([sample.statement.pk, second.pk])
    )
    for row in exported:
        api = by_id[row["id"]]
        same = {"said_on", "said_precision", "speaker_description", "kind", "channel", "text"}
        assert {k: row[k] for k in same | {"review_state", "updated_at"}} == {
            k: api[k] for k in same | {"review_state", "updated_at"}
        }
        assert row["speaker"] == (api["speaker"] and api["speaker"]["full_name"])
        assert row["speaker_party"] == (api["speaker_party"] and api["speaker_party"]["name"])
        assert row["tracks"] == [track["slug"] for track in api["tracks"]]
        reports = [_sources(r["article"], r["wording"]) for r in api["reports"]]
        assert row["reports"] == reports
        assert row["outlets"] == [r["outlet"] for r in reports if r["outlet"]]
        assert row["urls"] == [r["url"] for r in reports if r["url"]]
    # CSV holds the same values, lists joined.
    rows = list(csv.DictReader(io.StringIO(_body(viewer.get("/api/v1/statements/export/")))))
    csv_row = next(r for r in rows if int(r["id"]) == sample.statement.pk)
    api = by_id[sample.statement.pk]
    assert (csv_row["said_on"], csv_row["updated_at"]) == (api["said_on"], api["updated_at"])


def test_the_status_change_export_is_the_apis_field_by_field(viewer, sample) -> None:
    (api,) = viewer.get("/api/v1/status-changes/").json()["results"]
    (row,) = _jsonl(viewer.get("/api/v1/status-changes/export/", {"format": "jsonl"}))
    same = ["id", "status", "effective_date", "date_precision", "date_phrase", "summary"]
    assert [row[k] for k in [*same, "review_state", "updated_at"]] == [
        api[k] for k in [*same, "review_state", "updated_at"]
    ]
    assert row["track"] == api["track"]["slug"]
    assert row["evidence"] == [_sources(e["article"], e["excerpt"]) for e in api["evidence"]]


def test_the_timeline_export_is_the_apis_timeline(viewer, sample) -> None:
    path = f"/api/v1/tracks/{sample.track.pk}/timeline/"
    results = viewer.get(path).json()["results"]
    exported = _jsonl(viewer.get(path + "export/", {"format": "jsonl"}))
    assert len(exported) == len(results) == 2
    for row, entry in zip(exported, results, strict=True):
        item = entry["status_change"] or entry["statement"]
        assert (row["date"], row["kind"], row["id"]) == (entry["date"], entry["kind"], item["id"])
        assert row["evidence"] == [_sources(e["article"], e["wording"]) for e in entry["evidence"]]
        assert row["evidence_count"] == len(entry["evidence"])


def test_csv_cells_a_spreadsheet_would_run_are_made_inert(viewer, sample) -> None:
    """CSV injection: a cell beginning with =, +, -, @ (or a tab or carriage return) is a formula
    to a spreadsheet; the export prefixes an apostrophe, so it shows as the words it is."""
    sample.statement.text = '=HYPERLINK("http://evil.example","Click")'
    sample.statement.speaker_description = "@SUM(A1:A2)"
    sample.statement.save()
    rows = list(csv.DictReader(io.StringIO(_body(viewer.get("/api/v1/statements/export/")))))
    assert rows[0]["text"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[0]["speaker_description"] == "'@SUM(A1:A2)"
    assert rows[0]["speaker"] == "Andriy Yermak"  # other cells as they are


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("\tx", "'\tx"), ("Talks", "Talks"), (-5, -5)],
)
def test_neutralise_formula(cell, shown) -> None:
    from negotiations.api.export import neutralise_formula

    assert neutralise_formula(cell) == shown
