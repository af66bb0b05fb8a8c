"""Streamed CSV and JSON Lines exports: rows are written as the database cursor yields them."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


class _Echo:
    """A file-like object whose write() returns the text, for csv.writer without a buffer."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(columns: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_flat(row.get(column)) for column in columns])


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(_flat(item)) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False, default=str) + "\n"


def streamed_export(
    *,
    fmt: str,
    filename: str,
    columns: list[str],
    items: Iterable[Any],
    to_row: Callable[[Any], dict[str, Any]],
) -> StreamingHttpResponse:
    """A response that renders ``items`` one by one (``columns`` fix the CSV header)."""
    rows = (to_row(item) for item in items)
    lines = _csv_lines(columns, rows) if fmt == "csv" else _jsonl_lines(rows)
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


# --- Row shapes ---------------------------------------------------------------------------------


def _report_row(report) -> dict[str, Any]:
    article = report.article
    return {
        "outlet": article.outlet.name if article.outlet else None,
        "article_id": article.pk,
        "url": article.url,
        "published_at": article.published_at,
        "wording": report.wording,
    }


def _evidence_row(evidence) -> dict[str, Any]:
    article = evidence.article
    return {
        "outlet": article.outlet.name if article.outlet else None,
        "article_id": article.pk,
        "url": article.url,
        "published_at": article.published_at,
        "wording": evidence.excerpt,
    }


STATEMENT_COLUMNS = [
    "id",
    "said_on",
    "said_precision",
    "speaker",
    "speaker_party",
    "speaker_description",
    "kind",
    "channel",
    "text",
    "tracks",
    "outlets",
    "urls",
    "review_state",
    "updated_at",
]


def statement_row(statement) -> dict[str, Any]:
    reports = [_report_row(r) for r in statement.reports.all()]
    return {
        "id": statement.pk,
        "said_on": statement.said_on,
        "said_precision": statement.said_precision,
        "speaker": statement.speaker.full_name if statement.speaker else None,
        "speaker_party": statement.speaker_party.name if statement.speaker_party else None,
        "speaker_description": statement.speaker_description,
        "kind": statement.kind,
        "channel": statement.channel,
        "text": statement.text,
        "tracks": [link.track.slug for link in statement.track_links.all()],
        "outlets": [r["outlet"] for r in reports if r["outlet"]],
        "urls": [r["url"] for r in reports if r["url"]],
        "reports": reports,
        "review_state": statement.review_state,
        "updated_at": statement.updated_at,
    }


STATUS_CHANGE_COLUMNS = [
    "id",
    "track",
    "status",
    "effective_date",
    "date_precision",
    "date_phrase",
    "summary",
    "outlets",
    "urls",
    "review_state",
    "updated_at",
]


def status_change_row(change) -> dict[str, Any]:
    evidence = [_evidence_row(e) for e in change.evidence.all()]
    return {
        "id": change.pk,
        "track": change.track.slug,
        "status": change.status,
        "effective_date": change.effective_date,
        "date_precision": change.date_precision,
        "date_phrase": change.date_phrase,
        "summary": change.summary,
        "outlets": [e["outlet"] for e in evidence if e["outlet"]],
        "urls": [e["url"] for e in evidence if e["url"]],
        "evidence": evidence,
        "review_state": change.review_state,
        "updated_at": change.updated_at,
    }


TIMELINE_COLUMNS = [
    "date",
    "kind",
    "id",
    "status",
    "speaker",
    "text",
    "evidence_count",
    "outlets",
    "urls",
]


def timeline_row(entry) -> dict[str, Any]:
    if entry.kind == "status_change":
        change = entry.item
        evidence = [_evidence_row(e) for e in change.evidence.all()]
        status, speaker, text = change.status, None, change.summary
    else:
        statement = entry.item
        evidence = [_report_row(r) for r in statement.reports.all()]
        status = None
        speaker = (
            statement.speaker.full_name if statement.speaker else statement.speaker_description
        )
        text = statement.text
    return {
        "date": entry.date,
        "kind": entry.kind,
        "id": entry.item.pk,
        "status": status,
        "speaker": speaker,
        "text": text,
        "evidence_count": len(evidence),
        "outlets": [e["outlet"] for e in evidence if e["outlet"]],
        "urls": [e["url"] for e in evidence if e["url"]],
        "evidence": evidence,
    }
