"""Outlets and their domains (``outlets.json``), found by slug, a domain or the name."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from negotiations.models import Outlet, OutletDomain
from negotiations.services.seed.format import SeedRecordError
from negotiations.services.seed.sections.base import Loader


def load(loader: Loader, items: list[dict[str, Any]]) -> None:
    for item in items:
        where = f"{loader.label}/outlets.json: outlet {item['slug']!r}"
        found = loader.find_named(Outlet, item, Q(domains__domain__in=item.get("domains", [])))
        outlet = loader.upsert_named(
            Outlet,
            where,
            item,
            found=found,
            values={
                "kind": item["kind"],
                "country_code": item.get("country_code", ""),
                "language": item.get("language", ""),
                "state_affiliated": bool(item.get("state_affiliated")),
                "affiliation_note": item.get("affiliation_note", ""),
            },
        )
        for domain in item.get("domains", []):
            owner = OutletDomain.objects.filter(domain=domain).select_related("outlet").first()
            if owner is not None and owner.outlet_id != outlet.pk:
                raise SeedRecordError(
                    [
                        f"{where}: domain {domain!r} already belongs to outlet "
                        f"{owner.outlet.slug!r} in the database"
                    ]
                )
            loader.upsert(
                OutletDomain,
                f"{where}: domain {domain!r}",
                found=owner,
                lookup=None if owner else {"domain": domain},
                values={"outlet": outlet},
            )
        loader.outlets[item["slug"]] = outlet
