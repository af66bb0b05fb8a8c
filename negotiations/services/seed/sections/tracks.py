"""Tracks (parents first), their participants and status history (``tracks.json``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from negotiations.models import StatusChange, Track, TrackParticipant
from negotiations.services.seed.format import parse_date
from negotiations.services.seed.sections.base import CURATED, Loader, merged_lines


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    pending = list(items)
    while pending:  # parents first; the checker has ruled out loops and unknown parents
        ready = [t for t in pending if t.get("parent") is None or t["parent"] in loader.tracks]
        for item in ready:
            where = f"{loader.label}/tracks.json: track {item['slug']!r}"
            found = loader.find_named(Track, item)
            loader.tracks[item["slug"]] = loader.upsert_named(
                Track,
                where,
                item,
                found=found,
                values={
                    "kind": item["kind"],
                    "parent": loader.tracks.get(item.get("parent")),
                    "description": item.get("description", ""),
                    "keywords": merged_lines(
                        found.keywords if found else "",
                        [*item.get("keywords", [])]
                        + [f"+{k}" for k in item.get("country_keywords", [])],
                    ),
                },
            )
        pending = [t for t in pending if t not in ready]
    for item in items:
        where = f"{loader.label}/tracks.json: track {item['slug']!r}"
        track = loader.tracks[item["slug"]]
        for spec in item.get("participants", []):
            loader.upsert(
                TrackParticipant,
                f"{where}: participant {spec['party']!r}",
                lookup={
                    "track": track,
                    "party": loader.parties[spec["party"]],
                    "role": spec["role"],
                },
                values={
                    "joined_on": parse_date(spec.get("joined_on")),
                    "note": spec.get("note", ""),
                },
            )
        for spec in item.get("status_history", []):
            effective = spec["effective"]
            there = f"{where}: status {spec['status']!r} {effective['date']}"
            change = loader.upsert(
                StatusChange,
                there,
                lookup={
                    "track": track,
                    "status": spec["status"],
                    "effective_date": date.fromisoformat(effective["date"]),
                },
                values={
                    "date_precision": effective["precision"],
                    "date_phrase": effective.get("phrase", ""),
                    "summary": spec.get("summary", ""),
                    **CURATED,
                },
            )
            loader.load_evidence(there, spec["evidence"], status_change=change)
