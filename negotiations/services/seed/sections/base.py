"""What the section loaders share: the ``Loader`` (the rows written so far, which later sections
refer to, and the one write primitive, ``upsert``), the aliases and evidence that several sections
carry, and the load's tally (``SeedLoadResult``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from negotiations.models import (
    Alias,
    Article,
    Evidence,
    Official,
    Origin,
    Outlet,
    Party,
    Position,
    ReviewState,
    Track,
)
from negotiations.services.seed.format import SeedRecordError, parse_date
from negotiations.text.normalize import content_fingerprint, normalize_name

CURATED = {"review_state": ReviewState.APPROVED, "origin": Origin.CURATED}


@dataclass
class SeedLoadResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ]

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


class Loader:
    """The rows written so far, by section and natural key, and the tally of what changed."""

    def __init__(self, fixtures_label: str) -> None:
        # Names the folder in messages ("fixtures/tracks.json: track 'x': ...").
        self.label = fixtures_label
        self.result = SeedLoadResult()
        # By slug or file name; looked up with an entry's optional reference (None finds none).
        self.outlets: dict[str | None, Outlet] = {}
        self.parties: dict[str | None, Party] = {}
        self.officials: dict[str | None, Official] = {}
        self.positions: dict[tuple[str, str], Position] = {}
        self.tracks: dict[str | None, Track] = {}
        self.articles: dict[str | None, Article] = {}

    def find_named(self, model: type[models.Model], item: dict[str, Any], *also: Q) -> Any:
        """The row an item with a slug and a name describes, made before under another slug or by
        the machine: found by slug, then by each other identity given, then by name in any case."""
        for query in (Q(slug=item["slug"]), *also, Q(name__iexact=item["name"])):
            if (row := model._default_manager.filter(query).first()) is not None:
                return row
        return None

    def upsert_named(
        self,
        model: type[models.Model],
        where: str,
        item: dict[str, Any],
        *,
        found: models.Model | None,
        values: dict[str, Any],
    ) -> Any:
        """``upsert`` for a row with a slug and a name (outlets, parties, tracks): the row
        ``find_named`` found, or a new one under the item's slug; its slug and name become the
        item's."""
        return self.upsert(
            model,
            where,
            found=found,
            lookup=None if found else {"slug": item["slug"]},
            values={"slug": item["slug"], "name": item["name"], **values},
        )

    # -- the one write primitive

    def upsert(
        self,
        model: type[models.Model],
        where: str,
        *,
        found: models.Model | None = None,
        lookup: dict[str, Any] | None = None,
        values: dict[str, Any],
    ) -> Any:
        """Create the row, or update the fields that differ; validate with ``full_clean``."""
        name = str(model._meta.verbose_name_plural)
        obj = found
        if obj is None and lookup is not None:
            obj = model._default_manager.filter(**lookup).order_by("pk").first()
        if obj is None:
            obj = model(**{**(lookup or {}), **values})
            outcome = self.result.created
        else:
            changed = [k for k, v in values.items() if not _same(obj, k, v)]
            if not changed:
                self.result.unchanged[name] += 1
                return obj
            for key in changed:
                setattr(obj, key, values[key])
            outcome = self.result.updated
        if isinstance(obj, Article):
            obj.fingerprint = content_fingerprint(obj.text)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise SeedRecordError(
                [f"{where}: rejected by the database model: {_flatten(exc)}"]
            ) from exc
        obj.save()
        outcome[name] += 1
        return obj

    # -- what several sections write

    def load_aliases(self, where: str, aliases: list[dict[str, Any]], **target: Any) -> None:
        for item in aliases:
            alias = self.upsert(
                Alias,
                f"{where}: alias {item['name']!r}",
                lookup={"normalized": normalize_name(item["name"]), **target},
                values={
                    "name": item["name"],
                    "kind": item["kind"],
                    "language": item.get("language", ""),
                    "script": item.get("script", ""),
                    "valid_from": parse_date(item.get("valid_from")),
                    "valid_to": parse_date(item.get("valid_to")),
                    **CURATED,
                },
            )
            # Outlets seen using it: those of the seed articles that carry it (never removed).
            seen = {
                outlet
                for f in item.get("seen_in", [])
                if (outlet := self.articles[f].outlet) is not None
            }
            missing = [o for o in seen if not alias.outlets.filter(pk=o.pk).exists()]
            if missing:
                alias.outlets.add(*missing)
            self.result.created["alias outlet links"] += len(missing)
            self.result.unchanged["alias outlet links"] += len(seen) - len(missing)

    def load_evidence(self, where: str, evidence: list[dict[str, Any]], **target: Any) -> None:
        for item in evidence:
            self.upsert(
                Evidence,
                f"{where}: evidence in {item['article']}",
                lookup={"article": self.articles[item["article"]], **target},
                values={
                    "excerpt": item["excerpt"],
                    "char_start": item["char_start"],
                    "char_end": item["char_end"],
                },
            )


def optional_date(spec: dict[str, Any] | None) -> date | None:
    return date.fromisoformat(spec["date"]) if spec else None


def merged_lines(existing: str, lines: list[str]) -> str:
    """Line lists (keywords, notes) only grow: the seed record and the knowledge base both add to
    a row they share, and neither takes away what the other wrote (nor what an analyst added)."""
    out = [line for line in existing.splitlines() if line]
    out += [line for line in lines if line and line not in out]
    return "\n".join(out)


def _same(obj: models.Model, key: str, value: Any) -> bool:
    field_ = obj._meta.get_field(key)
    if isinstance(field_, models.ForeignKey):
        return getattr(obj, field_.attname) == (value.pk if value is not None else None)
    return getattr(obj, key) == value


def _flatten(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{k}: {' '.join(m for e in v for m in e.messages)}" for k, v in exc.error_dict.items()
        )
    return " ".join(exc.messages)
