"""Places and their aliases (``places.json``)."""

from __future__ import annotations

from typing import Any

from negotiations.models import Place
from negotiations.services.seed.sections.base import Loader


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    for item in items:
        where = f"{loader.label}/places.json: place {item['slug']!r}"
        place = loader.upsert(
            Place,
            where,
            lookup={"slug": item["slug"]},
            values={
                "name": item["name"],
                "kind": item["kind"],
                "party": loader.parties.get(item.get("party")),
            },
        )
        loader.load_aliases(where, item.get("aliases", []), place=place)
