"""Loading a checked seed record: one transaction, rows found by natural identity.

Rows are matched by natural identity (slugs, ISO codes, domains, the article fingerprint, a
statement's speaker + date + wording, the models' unique constraints), never by primary key, and
the loader never deletes anything, so loading again changes nothing and machine-made rows are
safe. Each section's rows are written by its own module in ``sections/``, in the order below;
``sections.base`` holds what they share.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from negotiations.services.seed.format import FIXTURES_DIR, KNOWLEDGE_DIR, SEEDS_DIR, SeedRecord
from negotiations.services.seed.reader import knowledge_base_read, seed_record_read
from negotiations.services.seed.sections import (
    articles,
    commitments,
    officials,
    outlets,
    parties,
    places,
    statements,
    tracks,
)
from negotiations.services.seed.sections.base import Loader, SeedLoadResult


def seed_record_load(
    *, seeds_dir: Path = SEEDS_DIR, fixtures_dir: Path = FIXTURES_DIR
) -> SeedLoadResult:
    """Store the seed articles and the curated record; idempotent, all or nothing.

    Raises ``SeedRecordError`` (and writes nothing) when the record is inconsistent or clashes
    with rows already in the database.
    """
    record = seed_record_read(seeds_dir=seeds_dir, fixtures_dir=fixtures_dir)
    return _load(record, fixtures_dir.name)


def knowledge_base_load(*, knowledge_dir: Path = KNOWLEDGE_DIR) -> SeedLoadResult:
    """Load the knowledge base; idempotent (rows found by natural identity), all or nothing."""
    record = knowledge_base_read(knowledge_dir=knowledge_dir)
    return _load(record, knowledge_dir.name)


def _load(record: SeedRecord, label: str) -> SeedLoadResult:
    loader = Loader(label)
    with transaction.atomic():
        # In this order: later sections refer to earlier ones.
        outlets.load(loader, record.sections["outlets"])
        articles.load(loader, record.articles)  # before the aliases: they name seen outlets
        parties.load(loader, record.sections["parties"])
        places.load(loader, record.sections["places"])
        officials.load(loader, record.sections["officials"])
        tracks.load(loader, record.sections["tracks"])
        statements.load(loader, record.sections["statements"])
        commitments.load(loader, record.sections["commitments"])
    return loader.result
