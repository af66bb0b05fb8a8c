"""Token authentication that reads the token, its user and the user's permissions in one query.

DRF's ``TokenAuthentication`` loads the token with its user (one query); the permission check
that follows (``user.has_perm`` through Django's ``ModelBackend``) then runs two more: the user's
own permissions and their groups' permissions. On PostgreSQL,
``PermissionLoadingTokenAuthentication`` adds both sets to the token query as two
``ARRAY(SELECT ...)`` columns and hands them to the user object in the per-object caches
``ModelBackend`` reads (``_user_perm_cache``, ``_group_perm_cache``, ``_perm_cache``), so
``has_perm`` answers without a query.

Nothing is kept between requests: each request loads the token, the user and the permissions
afresh, so a permission granted or withdrawn is seen on the next request.

The caches are filled only when ``ModelBackend`` is the one authentication backend (another
backend could grant permissions this query does not see, or use the caches differently) and the
token's database is PostgreSQL; otherwise this is DRF's ``TokenAuthentication`` unchanged.

Session-authenticated requests are left as they are: Django loads their user through the
session's backend (``django.contrib.auth.get_user``), and folding the permissions into that query
would mean replacing the backend (which ends every signed-in session, as each session names its
backend) or re-implementing the session checks.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

# Annotation names on the token row (prefixed so they cannot clash with a token field).
_USER_PERMS = "_loaded_user_perms"
_GROUP_PERMS = "_loaded_group_perms"


@functools.cache
def _permission_arrays_sql(token_model) -> tuple[str, str]:
    """PostgreSQL ``ARRAY(SELECT app_label || '.' || codename ...)`` of the token's user's
    permissions: their own, then their groups'. The strings ``ModelBackend`` caches.

    Written out rather than built with the ORM: compiling two correlated ORM subqueries costs
    about a millisecond on every request, more than the two queries they replace. Table and
    column names come from the models' metadata; the SQL is built once per token model.
    """
    qn = connections[router.db_for_read(token_model)].ops.quote_name

    def column(model, field_name: str) -> str:
        return qn(model._meta.get_field(field_name).column)

    user_model = get_user_model()
    user_perms = user_model._meta.get_field("user_permissions")
    user_groups = user_model._meta.get_field("groups")
    group_perms = Group._meta.get_field("permissions")
    perm_id = f"p.{qn(Permission._meta.pk.column)}"
    outer_user_id = f"{qn(token_model._meta.db_table)}.{column(token_model, 'user')}"
    app_label, codename = column(ContentType, "app_label"), column(Permission, "codename")
    # Quoted names from the models' metadata: nothing in this SQL comes from a request.
    names = (
        f"SELECT ct.{app_label} || '.' || p.{codename}"  # noqa: S608
        f" FROM {qn(Permission._meta.db_table)} p"
        f" JOIN {qn(ContentType._meta.db_table)} ct"
        f" ON ct.{qn(ContentType._meta.pk.column)} = p.{column(Permission, 'content_type')}"
    )
    own = (
        f"ARRAY({names}"
        f" JOIN {qn(user_perms.m2m_db_table())} up"
        f" ON up.{qn(user_perms.m2m_reverse_name())} = {perm_id}"
        f" WHERE up.{qn(user_perms.m2m_column_name())} = {outer_user_id})"
    )
    groups = (
        f"ARRAY({names}"
        f" JOIN {qn(group_perms.m2m_db_table())} gp"
        f" ON gp.{qn(group_perms.m2m_reverse_name())} = {perm_id}"
        f" JOIN {qn(user_groups.m2m_db_table())} ug"
        f" ON ug.{qn(user_groups.m2m_reverse_name())} = gp.{qn(group_perms.m2m_column_name())}"
        f" WHERE ug.{qn(user_groups.m2m_column_name())} = {outer_user_id})"
    )
    return own, groups


def can_load_permissions(token_model) -> bool:
    """Whether permissions may be loaded with the token and stand in for ``ModelBackend``'s."""
    if list(settings.AUTHENTICATION_BACKENDS) != [MODEL_BACKEND]:
        return False
    if not issubclass(get_user_model(), PermissionsMixin):
        return False
    database = router.db_for_read(token_model)
    return (
        router.db_for_read(Permission) == database and connections[database].vendor == "postgresql"
    )


def remember_permissions(user, user_perms, group_perms) -> None:
    """Fill the caches ``ModelBackend`` would fill on the first ``has_perm`` of this request.

    Same values as ``ModelBackend._get_permissions`` and ``get_all_permissions``: sets of
    ``"app_label.codename"``. Superusers are left alone: their ``has_perm`` is true without
    looking at the caches, and ``ModelBackend`` caches every permission for them, not theirs.
    """
    if user.is_superuser or not user.is_active:
        return
    user._user_perm_cache = set(user_perms)
    user._group_perm_cache = set(group_perms)
    user._perm_cache = {*user._user_perm_cache, *user._group_perm_cache}


class PermissionLoadingTokenAuthentication(TokenAuthentication):
    """``TokenAuthentication`` whose one query also brings the user's permissions (PostgreSQL)."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        if not can_load_permissions(model):
            return super().authenticate_credentials(key)
        own, groups = _permission_arrays_sql(model)
        tokens = model.objects.select_related("user").annotate(
            **{
                _USER_PERMS: RawSQL(own, ()),  # noqa: S611 -- built from metadata, see above
                _GROUP_PERMS: RawSQL(groups, ()),  # noqa: S611
            }
        )
        try:
            token = tokens.get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None

        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))

        remember_permissions(token.user, getattr(token, _USER_PERMS), getattr(token, _GROUP_PERMS))
        return (token.user, token)
