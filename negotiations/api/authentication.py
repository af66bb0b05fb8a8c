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
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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


@functools.cache
def _token_query_sql(token_model) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The one query: the user's columns, the token's and both permission arrays, for a token
    key. Built once per token model, like the arrays: through the ORM, compiling it cost more
    than running it. Returns the SQL and the user's and the token's attnames, in column order."""
    qn = connections[router.db_for_read(token_model)].ops.quote_name
    user_model = get_user_model()
    token_table, user_table = qn(token_model._meta.db_table), qn(user_model._meta.db_table)
    user_fields = tuple(field.attname for field in user_model._meta.concrete_fields)
    token_fields = tuple(field.attname for field in token_model._meta.concrete_fields)
    columns = [f"{user_table}.{qn(field.column)}" for field in user_model._meta.concrete_fields]
    columns += [f"{token_table}.{qn(field.column)}" for field in token_model._meta.concrete_fields]
    own, groups = _permission_arrays_sql(token_model)
    user_fk = qn(token_model._meta.get_field("user").column)
    key = qn(token_model._meta.get_field("key").column)
    sql = (
        f"SELECT {', '.join(columns)}, {own}, {groups}"  # noqa: S608 -- metadata only
        f" FROM {token_table} JOIN {user_table}"
        f" ON {user_table}.{qn(user_model._meta.pk.column)} = {token_table}.{user_fk}"
        f" WHERE {token_table}.{key} = %s"
    )
    return sql, user_fields, token_fields


def instance_from_row(model, database: str, values):
    """``model.from_db()`` of one row of its concrete fields' columns, after the columns'
    database converters (a field's ``from_db_value``, the backend's), as the ORM and ``raw()``
    apply them. The default user and token have none; a custom user model may."""
    connection = connections[database]
    values = list(values)
    for i, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(model._meta.db_table)
        for convert in (
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ):
            values[i] = convert(values[i], column, connection)
    return model.from_db(database, [f.attname for f in model._meta.concrete_fields], values)


class PermissionLoadingTokenAuthentication(TokenAuthentication):
    """``TokenAuthentication`` whose one query also brings the user's permissions (PostgreSQL)."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        if not can_load_permissions(model):
            return super().authenticate_credentials(key)
        sql, user_fields, token_fields = _token_query_sql(model)
        database = router.db_for_read(model)
        # The row is read with a plain cursor and turned into instances as the ORM does: a raw()
        # queryset spent more time building its column map than the query ran.
        with connections[database].cursor() as cursor:
            cursor.execute(sql, [key])
            row = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        split = len(user_fields)
        user = instance_from_row(get_user_model(), database, row[:split])
        token = instance_from_row(model, database, row[split : split + len(token_fields)])
        token.user = user

        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))

        remember_permissions(user, row[-2], row[-1])
        return (user, token)
