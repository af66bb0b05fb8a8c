"""Four eyes: nobody approves a record they wrote themselves.

A curated record (written by a person, not proposed by the machine) is approved by someone other
than its authors, superusers included. Its authors are everyone who wrote it: whoever a history
row of django-simple-history credits (``history_user``) for creating or editing it. A review
decision is no writing: the review service marks its history rows with ``DECISION`` as their
change reason, and a merge marks its own (``services.merge``), so ``written_by`` passes them over.
The API reads the same rule to decide which pending rows a non-reviewer may write and read back.
Machine output has no author and any reviewer may approve it. A one-person team turns the rule
off with ``REVIEW_ALLOW_SELF_APPROVAL=1`` (README, "Configuration").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from simple_history.utils import get_history_manager_for_model

from negotiations.models import Origin, Reviewable

MESSAGE = (
    "Four eyes: you wrote this record, so another reviewer must approve it "
    "(a one-person team sets REVIEW_ALLOW_SELF_APPROVAL=1)."
)


# The change reason of a review decision's history row (django-simple-history's
# ``_change_reason``): approving, rejecting or reopening a record is not writing it.
DECISION = "review decision"


def written_by(model: type[Reviewable], user) -> QuerySet:
    """The ids (a subquery) of the ``model`` rows ``user`` wrote: created or edited, as the
    history credits them; review decisions and merges (history rows with a change reason) are
    acts on a record, not its words."""
    writes = Q(history_change_reason__isnull=True) | Q(history_change_reason="")
    history = get_history_manager_for_model(model)
    return history.filter(writes, history_user_id=user.pk).values("id")


def _enforced(user) -> bool:
    return not settings.REVIEW_ALLOW_SELF_APPROVAL and getattr(user, "pk", None) is not None


def own_records(model: type[Reviewable], pks: Iterable[Any], user) -> set[Any]:
    """The curated records among ``pks`` that ``user`` wrote (one query)."""
    pks = list(pks)
    if not pks or not _enforced(user) or not hasattr(model, "history"):
        return set()
    curated = model._default_manager.filter(pk__in=pks, origin=Origin.CURATED).filter(
        pk__in=written_by(model, user)
    )
    return set(curated.values_list("pk", flat=True))


def require_other_approver(obj: Reviewable, user, *, new: bool = False) -> None:
    """Refuse ``user``'s approval of ``obj`` when ``user`` wrote it (``new``: being written now)."""
    if not _enforced(user) or obj.origin != Origin.CURATED:
        return
    if new or own_records(type(obj), [obj.pk], user):
        raise ValidationError(MESSAGE, code="four_eyes")
