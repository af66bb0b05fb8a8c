"""Curated statements, their tracks and their reports (``statements.json``)."""

from __future__ import annotations

from typing import Any

from negotiations.models import (
    DatePrecision,
    Origin,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
)
from negotiations.services.seed.format import parse_date
from negotiations.services.seed.sections.base import CURATED, Loader


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    for item in items:
        where = f"{loader.label}/statements.json: statement {item['key']!r}"
        said = item["said"]
        speaker = loader.officials.get(item.get("speaker"))
        position = (
            loader.positions[(item["speaker"], item["speaker_position"])]
            if item.get("speaker_position")
            else None
        )
        statement = loader.upsert(
            Statement,
            where,
            lookup={
                "origin": Origin.CURATED,
                "speaker": speaker,
                "speaker_party": loader.parties.get(item.get("speaker_party")),
                "said_on": parse_date(said.get("date")),
                "text": item["text"],
            },
            values={
                "speaker_position": position,
                "speaker_description": item.get("speaker_description", ""),
                "kind": item["kind"],
                "said_precision": said.get("precision") or DatePrecision.DAY,
                "said_phrase": said.get("phrase", ""),
                "channel": item["channel"],
                "channel_detail": item.get("channel_detail", ""),
                "review_state": ReviewState.APPROVED,
            },
        )
        for slug in item.get("tracks", []):
            loader.upsert(
                StatementTrack,
                f"{where}: track {slug!r}",
                lookup={"statement": statement, "track": loader.tracks[slug]},
                values=dict(CURATED),
            )
        for report in item["reports"]:
            loader.upsert(
                StatementReport,
                f"{where}: report in {report['article']}",
                lookup={"statement": statement, "article": loader.articles[report["article"]]},
                values={
                    "wording": report["wording"],
                    "kind": report["kind"],
                    "char_start": report["char_start"],
                    "char_end": report["char_end"],
                    **CURATED,
                },
            )
