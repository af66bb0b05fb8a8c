"""The curated seed record: the seed articles (``seeds/``) and the analyst's record (``fixtures/``),
and the knowledge base (``fixtures/knowledge/``), in the same format (fixtures/README.md).

- ``format``: where the record lives, its sections, what is read (``SeedRecord``) and the error.
- ``reader``: files → a checked ``SeedRecord`` (``seed_record_read``, ``knowledge_base_read``);
  ``validation`` checks it, naming the file and entry of each problem. No database.
- ``loader``: ``seed_record_load`` and ``knowledge_base_load`` write a checked record in one
  transaction, idempotently (rows found by natural identity, never deleted), one module per
  section in ``sections/``.
"""

from negotiations.services.seed.format import (
    FIXTURES_DIR,
    KNOWLEDGE_DIR,
    SEEDS_DIR,
    SeedRecord,
    SeedRecordError,
)
from negotiations.services.seed.loader import knowledge_base_load, seed_record_load
from negotiations.services.seed.reader import knowledge_base_read, seed_record_read, seed_text
from negotiations.services.seed.sections.base import SeedLoadResult
from negotiations.services.seed.validation import alias_occurs

__all__ = [
    "FIXTURES_DIR",
    "KNOWLEDGE_DIR",
    "SEEDS_DIR",
    "SeedLoadResult",
    "SeedRecord",
    "SeedRecordError",
    "alias_occurs",
    "knowledge_base_load",
    "knowledge_base_read",
    "seed_record_load",
    "seed_record_read",
    "seed_text",
]
