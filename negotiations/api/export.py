"""Streamed CSV and JSON Lines exports: rows are written as the database cursor yields them.

A record's shape is its output serializer's: the rows are rendered from the list's serializer
(``serialized_rows``, the row plan the API's lists use) and an export row is a projection of that
representation (flat columns for CSV, the same values as the API's JSON).
``tests/api/test_export.py`` holds the export and the API against each other field by field.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework import serializers

from negotiations.api import rows as row_plans
from negotiations.api.serializers import STATUS_CHANGE_FIELDS

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


class _Echo:
    """A file-like object whose write() returns the text, for csv.writer without a buffer."""

    def write(self, value: str) -> str:
        return value


# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading
    apostrophe (shown as text, the words kept); numbers and other cells as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_lines(columns: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([neutralise_formula(_flat(row.get(column))) for column in columns])


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


# --- Rows from the serializers -----------------------------------------------------------------


def chunks(rows: QuerySet, chunk_size: int) -> Iterator[list]:
    """``rows`` read through a server-side cursor, ``chunk_size`` at a time."""
    cursor = rows.iterator(chunk_size=chunk_size)
    while chunk := list(itertools.islice(cursor, chunk_size)):
        yield chunk


def serialized_rows(
    serializer_class: type[serializers.ModelSerializer],
    queryset: QuerySet,
    *,
    chunk_size: int,
    children: Mapping[str, QuerySet],
) -> Iterator[dict[str, Any]]:
    """``queryset`` as ``serializer_class`` renders it, from rows, in chunks of ``chunk_size``,
    each chunk's nested lists (from ``children``'s querysets) in one query per list."""
    plan = row_plans.plan_for(serializer_class)
    for chunk in chunks(plan.values(queryset), chunk_size):
        yield from plan.render(chunk, children)


# --- Export rows: projections of the serializers' output ---------------------------------------


def _name(ref: dict[str, Any] | None, key: str = "name") -> Any:
    return ref[key] if ref else None


def _source_row(article: dict[str, Any], wording: str) -> dict[str, Any]:
    """One piece of evidence (a report or an excerpt) as the exports show it."""
    return {
        "outlet": _name(article["outlet"]),
        "article_id": article["id"],
        "url": article["url"],
        "published_at": article["published_at"],
        "wording": wording,
    }


def _carried(sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "outlets": [e["outlet"] for e in sources if e["outlet"]],
        "urls": [e["url"] for e in sources if e["url"]],
    }


# What every record's export ends with: where it was reported, its review and its last change.
_CARRIED = ["outlets", "urls"]
_RECORD_STATE = ["review_state", "updated_at"]


def _record_row(
    record: dict[str, Any],
    columns: list[str],
    *,
    sources: tuple[str, list[dict[str, Any]]],
    **values: Any,
) -> dict[str, Any]:
    """``record`` (a serializer's output) projected to ``columns``: ``values`` for the columns
    that read differently, the outlets and links of its ``sources`` (a name and their rows),
    and the sources themselves after the links (JSON Lines only: CSV keeps to ``columns``)."""
    name, rows = sources
    values |= _carried(rows)
    row = {}
    for column in columns:
        row[column] = values[column] if column in values else record[column]
        if column == "urls":
            row[name] = rows
    return row


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
    *_CARRIED,
    *_RECORD_STATE,
]


def statement_row(statement: dict[str, Any]) -> dict[str, Any]:
    """A statement as ``StatementSerializer`` renders it, projected to the export's columns."""
    reports = [_source_row(r["article"], r["wording"]) for r in statement["reports"]]
    return _record_row(
        statement,
        STATEMENT_COLUMNS,
        sources=("reports", reports),
        speaker=_name(statement["speaker"], "full_name"),
        speaker_party=_name(statement["speaker_party"]),
        tracks=[track["slug"] for track in statement["tracks"]],
    )


STATUS_CHANGE_COLUMNS = ["id", *STATUS_CHANGE_FIELDS, *_CARRIED, *_RECORD_STATE]


def status_change_row(change: dict[str, Any]) -> dict[str, Any]:
    """A status change as ``StatusChangeSerializer`` renders it, projected to the columns."""
    evidence = [_source_row(e["article"], e["excerpt"]) for e in change["evidence"]]
    return _record_row(
        change,
        STATUS_CHANGE_COLUMNS,
        sources=("evidence", evidence),
        track=change["track"]["slug"],
    )


TIMELINE_COLUMNS = ["date", "kind", "id", "status", "speaker", "text", "evidence_count", *_CARRIED]


def timeline_row(entry) -> dict[str, Any]:
    """A timeline entry as the timeline's page renders it (its item, the evidence in it)."""
    item = entry.item
    evidence = [_source_row(e["article"], e["wording"]) for e in item["evidence"]]
    if entry.kind == "status_change":
        status, speaker, text = item["status"], None, item["summary"]
    else:
        status = None
        speaker = _name(item["speaker"], "full_name") or item["speaker_description"]
        text = item["text"]
    return _record_row(
        item,
        TIMELINE_COLUMNS,
        sources=("evidence", evidence),
        date=entry.date,
        kind=entry.kind,
        status=status,
        speaker=speaker,
        text=text,
        evidence_count=len(evidence),
    )
