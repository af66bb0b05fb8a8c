"""Officials, their dated positions and their aliases (``officials.json``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from negotiations.models import DatePrecision, Official, Position
from negotiations.services.seed.sections.base import Loader, merged_lines, optional_date


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    for item in items:
        where = f"{loader.label}/officials.json: official {item['slug']!r}"
        notes = [item.get("notes", "")] + [
            f"{p['title']}: {p['basis']}" for p in item.get("positions", []) if p.get("basis")
        ]
        known = Official.objects.filter(slug=item["slug"]).values_list("notes", flat=True)
        official = loader.upsert(
            Official,
            where,
            lookup={"slug": item["slug"]},
            values={
                "full_name": item["full_name"],
                "native_name": item.get("native_name", ""),
                "notes": merged_lines(next(iter(known), ""), notes),
            },
        )
        loader.officials[item["slug"]] = official
        for spec in item.get("positions", []):
            start, end = spec["start"], spec.get("end")
            loader.positions[(item["slug"], spec["key"])] = loader.upsert(
                Position,
                f"{where}: position {spec['key']!r}",
                lookup={
                    "official": official,
                    "party": loader.parties[spec["party"]],
                    "title": spec["title"],
                    "start_date": date.fromisoformat(start["date"]),
                },
                values={
                    "start_precision": start["precision"],
                    "end_date": optional_date(end),
                    "end_precision": end["precision"] if end else DatePrecision.DAY,
                },
            )
        loader.load_aliases(where, item.get("aliases", []), official=official)
