"""Admin registrations, one module per area of the product.

- ``record``: the curated record (parties, officials, outlets, articles, tracks, statements...).
- ``rates``: the exchange rates behind the commitment totals (browse, import, export).
- further modules (ingestion, workbench) register their own models and views.
"""

from negotiations.admin import ingestion, rates, record, workbench  # noqa: F401
