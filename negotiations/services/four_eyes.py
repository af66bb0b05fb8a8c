"""Four eyes: nobody approves a record they wrote themselves.

A curated record (written by a person, not proposed by the machine) is approved by someone other
than its author, superusers included. The author is whoever the record's first history row
credits (django-simple-history's ``history_user`` on the creating row). Machine output has no
author and any reviewer may approve it. A one-person team turns the rule off with
``REVIEW_ALLOW_SELF_APPROVAL=1`` (README, "Configuration").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from negotiations.models import Origin, Reviewable

MESSAGE = (
    "Four eyes: you wrote this record, so another reviewer must approve it "
    "(a one-person team sets REVIEW_ALLOW_SELF_APPROVAL=1)."
)


def _enforced(user) -> bool:
    return not settings.REVIEW_ALLOW_SELF_APPROVAL and getattr(user, "pk", None) is not None


def own_records(model: type[Reviewable], pks: Iterable[Any], user) -> set[Any]:
    """The curated records among ``pks`` that ``user`` wrote (one query)."""
    pks = list(pks)
    if not pks or not _enforced(user) or not hasattr(model, "history"):
        return set()
    created = model.history.filter(id__in=pks, history_type="+", history_user_id=user.pk)
    authored = set(created.values_list("id", flat=True))
    if not authored:
        return set()
    curated = model._default_manager.filter(pk__in=authored, origin=Origin.CURATED)
    return set(curated.values_list("pk", flat=True))


def require_other_approver(obj: Reviewable, user, *, new: bool = False) -> None:
    """Refuse ``user``'s approval of ``obj`` when ``user`` wrote it (``new``: being written now)."""
    if not _enforced(user) or obj.origin != Origin.CURATED:
        return
    if new or own_records(type(obj), [obj.pk], user):
        raise ValidationError(MESSAGE, code="four_eyes")
