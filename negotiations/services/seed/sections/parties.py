"""Parties, their aliases and their members over time (``parties.json``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from negotiations.models import DatePrecision, Party, PartyMembership
from negotiations.services.seed.sections.base import Loader, optional_date


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    for item in items:
        where = f"{loader.label}/parties.json: party {item['slug']!r}"
        code = item.get("iso_code", "")
        found = loader.find_named(Party, item, *([Q(iso_code=code)] if code else []))
        loader.parties[item["slug"]] = loader.upsert_named(
            Party,
            where,
            item,
            found=found,
            values={
                "short_name": item.get("short_name", ""),
                "kind": item["kind"],
                "iso_code": code,
                "description": item.get("description", ""),
            },
        )
    for item in items:
        where = f"{loader.label}/parties.json: party {item['slug']!r}"
        group = loader.parties[item["slug"]]
        loader.load_aliases(where, item.get("aliases", []), party=group)
        for member in item.get("members", []):
            joined = member.get("joined")
            loader.upsert(
                PartyMembership,
                f"{where}: member {member['party']!r}",
                lookup={
                    "group": group,
                    "member": loader.parties[member["party"]],
                    "joined_on": optional_date(joined),
                },
                values={
                    "joined_precision": joined["precision"] if joined else DatePrecision.DAY,
                    "left_on": optional_date(member.get("left")),
                    "note": member.get("note", ""),
                },
            )
