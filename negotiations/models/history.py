"""The audit trail: every change to curated data keeps a historical row (django-simple-history).

Registered here rather than on each model so the record's model module stays as it is: every
model of the record is curated data, but for those in ``NOT_KEPT``. Articles are left out: their
text is evidence, kept as fetched (versions of re-fetched text are not kept yet; see the closing
note of the ingestion work). Proposals are left out too: the machine's suggestions, decided in the
review queue into rows that keep their own history.
"""

from __future__ import annotations

from django.db import models
from simple_history import register

from negotiations.models import record
from negotiations.models.base import Changeable

NOT_KEPT = {record.Article, record.OfficialProposal, record.TrackProposal}

CURATED_MODELS = [
    model
    for model in vars(record).values()
    if isinstance(model, type)
    and issubclass(model, models.Model)
    and model.__module__ == record.__name__
    and not model._meta.abstract
    and model not in NOT_KEPT
]

for _model in CURATED_MODELS:
    if not hasattr(_model, "history"):
        # The change marker is sync bookkeeping, moved by related rows too: not the record's story.
        _excluded = ["change_seq"] if issubclass(_model, Changeable) else []
        register(_model, app="negotiations", excluded_fields=_excluded)
