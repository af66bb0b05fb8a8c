"""The one rule for review decisions, used by the admin (queue, actions) and the REST API.

Deciding a review (approve / reject) needs the model's ``review_<model>`` permission; correcting
the machine's proposal and approving it additionally needs ``change_<model>``. Superusers have
every permission.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from negotiations.roles import review_permission


def can_review(user, model) -> bool:
    """May ``user`` approve or reject items of ``model``?"""
    return bool(user and user.is_authenticated and user.has_perm(review_permission(model)))


def can_correct(user, model) -> bool:
    """May ``user`` correct an item of ``model`` and approve it in one step?"""
    change = f"{model._meta.app_label}.change_{model._meta.model_name}"
    return can_review(user, model) and user.has_perm(change)


def require_review(user, models: Iterable, *, correct: bool = False) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may decide reviews of every model given."""
    check = can_correct if correct else can_review
    for model in set(models):
        if not check(user, model):
            raise PermissionDenied(f"You may not review {model._meta.verbose_name_plural}.")
