"""Commitments, their stages and evidence (``commitments.json``)."""

from __future__ import annotations

from typing import Any

from negotiations.models import Commitment, CommitmentStage, DatePrecision
from negotiations.services.seed.format import parse_date
from negotiations.services.seed.sections.base import CURATED, Loader


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    for item in items:
        where = f"{loader.label}/commitments.json: commitment {item['key']!r}"
        commitment = loader.upsert(
            Commitment,
            where,
            lookup={
                "track": loader.tracks[item["track"]],
                "party": loader.parties[item["party"]],
                "category": item["category"],
                "direction": item["direction"],
            },
            values={
                "beneficiary": loader.parties.get(item.get("beneficiary")),
                "description": item["description"],
                **CURATED,
            },
        )
        for stage in item.get("stages", []):
            loader.upsert(
                CommitmentStage,
                f"{where}: stage {stage['stage']!r}",
                lookup={"commitment": commitment, "stage": stage["stage"]},
                values={
                    "effective_date": parse_date(stage.get("date")),
                    "date_precision": stage.get("precision", DatePrecision.DAY),
                    **CURATED,
                },
            )
        loader.load_evidence(where, item["evidence"], commitment=commitment)
