"""Admin registrations, one module per area of the product.

- ``record``: the curated record (parties, officials, outlets, articles, tracks, statements...).
- further modules (ingestion, workbench) register their own models and views.
"""

from negotiations.admin import ingestion, record, workbench  # noqa: F401
