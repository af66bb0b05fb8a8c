"""The three roles (viewer, analyst, reviewer) as Django groups, created idempotently.

``ensure_roles()`` runs after every ``migrate`` (a post_migrate handler, see apps.py) and from
``manage.py setup_roles``. It only adds permissions, so a permission an administrator gave a group
by hand is kept.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

VIEWER, ANALYST, REVIEWER = "viewer", "analyst", "reviewer"

# Machine output and curated claims that pass through review.
REVIEWABLE_MODELS = (
    "alias",
    "statement",
    "statementreport",
    "statementtrack",
    "statuschange",
    "commitment",
    "commitmentstage",
    "commitmentcorrection",
    "officialproposal",
    "trackproposal",
)
# What analysts create and edit (the curated record's claims and their evidence).
ANALYST_WRITABLE_MODELS = (
    "alias",
    "statement",
    "statementreport",
    "statementtrack",
    "statuschange",
    "evidence",
    "commitment",
    "commitmentstage",
    "ingestionjob",  # added by the ingestion work; skipped while the model does not exist
)


def review_permission(model) -> str:
    """The permission string, e.g. ``negotiations.review_statement``."""
    return f"{model._meta.app_label}.review_{model._meta.model_name}"


def _ensure_review_permissions() -> list[Permission]:
    perms = []
    for name in REVIEWABLE_MODELS:
        model = apps.get_model("negotiations", name)
        ct = ContentType.objects.get_for_model(model)
        perm, _ = Permission.objects.get_or_create(
            content_type=ct,
            codename=f"review_{name}",
            defaults={"name": f"Can approve or reject {model._meta.verbose_name_plural}"},
        )
        perms.append(perm)
    return perms


def ensure_roles() -> dict[str, Group]:
    """Create or complete the viewer, analyst and reviewer groups. Queries; safe to re-run."""
    app_perms = Permission.objects.filter(content_type__app_label="negotiations")
    view = list(app_perms.filter(codename__startswith="view_"))
    write = list(
        app_perms.filter(
            codename__in=[
                f"{action}_{name}"
                for name in ANALYST_WRITABLE_MODELS
                for action in ("add", "change")
            ]
        )
    )
    # Reviewers also get change_ on what they review: correct-and-approve edits the item.
    review = _ensure_review_permissions() + list(
        app_perms.filter(codename__in=[f"change_{name}" for name in REVIEWABLE_MODELS])
    )
    groups = {}
    for name, perms in ((VIEWER, view), (ANALYST, view + write), (REVIEWER, view + review)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms)
        groups[name] = group
    return groups


def ensure_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate handler: the permission rows exist by now (auth's handler ran first)."""
    if not (
        apps.is_installed("django.contrib.auth")
        and apps.is_installed("django.contrib.contenttypes")
    ):
        return
    ensure_roles()
