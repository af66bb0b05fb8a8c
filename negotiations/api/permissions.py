"""Who may do what: Django's model permissions, plus a review permission per reviewable model."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions

from negotiations.permissions import can_review


class ModelPermissions(DjangoModelPermissions):
    """Reads need ``view_<model>``; writes need ``add_``/``change_``/``delete_``.

    Anonymous clients are refused unless ``API_ANONYMOUS_READ`` is on, and then they may only read.
    """

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def _queryset(self, view):
        # The check needs only the model: read it from the view rather than building the view's
        # queryset (a selector with prefetches and, on reviewable lists, the review-state check,
        # which the view runs anyway when it builds the queryset).
        model = getattr(view, "model", None)
        if model is not None:
            return model._default_manager.none()
        if getattr(view, "queryset", None) is not None:
            return view.queryset
        return super()._queryset(view)

    def has_permission(self, request, view) -> bool:
        if not hasattr(view, request.method.lower()):
            return True  # the view answers 405 Method Not Allowed
        user = request.user
        if not (user and user.is_authenticated):
            return settings.API_ANONYMOUS_READ and request.method in SAFE_METHODS
        return super().has_permission(request, view)


class CanReadModels(BasePermission):
    """For views without a single model (search): every listed model's view permission."""

    message = "You do not have permission to read these records."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return settings.API_ANONYMOUS_READ and request.method in SAFE_METHODS
        return all(
            user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
            for model in view.read_models
        )


class CanReview(BasePermission):
    """Approve / reject: the model's ``review_<model>`` permission (the reviewer group has it)."""

    message = "Approving or rejecting needs the reviewer role."

    def has_permission(self, request, view) -> bool:
        return can_review(request.user, view.get_queryset().model)


__all__ = ["CanReadModels", "CanReview", "ModelPermissions", "can_review"]
