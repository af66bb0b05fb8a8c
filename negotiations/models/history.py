"""The audit trail: every change to curated data keeps a historical row (django-simple-history).

Registered here rather than on each model so the record's model module stays as it is. Articles
are left out: their text is evidence, kept as fetched (versions of re-fetched text are not
kept yet; see the closing note of the ingestion work).
"""

from __future__ import annotations

from simple_history import register

from negotiations.models.base import Changeable
from negotiations.models.record import (
    Alias,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    Official,
    Outlet,
    OutletDomain,
    Party,
    PartyMembership,
    Place,
    Position,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Story,
    Track,
    TrackParticipant,
)

CURATED_MODELS = [
    Alias,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    Official,
    Outlet,
    OutletDomain,
    Party,
    PartyMembership,
    Place,
    Position,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Story,
    Track,
    TrackParticipant,
]

for _model in CURATED_MODELS:
    if not hasattr(_model, "history"):
        # The change marker is sync bookkeeping, moved by related rows too: not the record's story.
        _excluded = ["change_seq"] if issubclass(_model, Changeable) else []
        register(_model, app="negotiations", excluded_fields=_excluded)
