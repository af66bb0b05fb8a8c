"""Token authentication loads the user's permissions in its one query, exactly as Django would."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient, APIRequestFactory

from negotiations.api.authentication import (
    PermissionLoadingTokenAuthentication,
    can_load_permissions,
    instance_from_row,
)
from negotiations.models import IngestionJob
from negotiations.roles import REVIEWER, VIEWER
from tests.api.factories import UserFactory
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

CACHES = ("_user_perm_cache", "_group_perm_cache", "_perm_cache")


def _perm(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="negotiations", codename=codename)


def _request(key: str):
    return APIRequestFactory().get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Token {key}")


def _authenticate(user):
    """(user, token) as the API's authentication returns them, and the queries it ran."""
    token, _ = Token.objects.get_or_create(user=user)
    with CaptureQueriesContext(connection) as queries:
        result = PermissionLoadingTokenAuthentication().authenticate(_request(token.key))
    return result, len(queries)


def _client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _model_backend_permissions(user) -> tuple[set[str], set[str], set[str]]:
    """What ModelBackend itself computes, on a freshly loaded copy of the user."""
    fresh = get_user_model().objects.get(pk=user.pk)
    backend = ModelBackend()
    return (
        backend.get_user_permissions(fresh),
        backend.get_group_permissions(fresh),
        backend.get_all_permissions(fresh),
    )


@pytest.mark.postgresql_only  # permissions load in the token query there
def test_one_query_then_permission_checks_need_none(django_assert_num_queries) -> None:
    user = UserFactory(roles=[VIEWER])
    (authenticated, token), queries = _authenticate(user)
    assert queries == 1
    assert authenticated.pk == user.pk
    assert token.user is authenticated
    with django_assert_num_queries(0):
        assert authenticated.has_perm("negotiations.view_article")
        assert authenticated.has_perms(["negotiations.view_statement", "negotiations.view_track"])
        assert not authenticated.has_perm("negotiations.change_statement")
        assert not authenticated.has_perm("negotiations.review_statement")
        assert authenticated.has_module_perms("negotiations")
        authenticated.get_all_permissions()


@pytest.mark.postgresql_only  # permissions load in the token query there
def test_caches_hold_what_model_backend_would(django_assert_num_queries) -> None:
    user = UserFactory(roles=[VIEWER, REVIEWER])
    user.user_permissions.add(_perm("add_statement"), _perm("view_article"))  # one also via group
    (authenticated, _), _ = _authenticate(user)
    own, groups, every = _model_backend_permissions(user)
    assert "negotiations.add_statement" in own
    assert "negotiations.review_statement" in groups
    assert (authenticated._user_perm_cache, authenticated._group_perm_cache) == (own, groups)
    assert authenticated._perm_cache == every == own | groups
    with django_assert_num_queries(0):
        backend = ModelBackend()
        assert backend.get_user_permissions(authenticated) == own
        assert backend.get_group_permissions(authenticated) == groups
        assert authenticated.get_all_permissions() == every


@pytest.mark.postgresql_only  # permissions load in the token query there
def test_user_without_any_permission_gets_empty_caches(django_assert_num_queries) -> None:
    (authenticated, _), queries = _authenticate(UserFactory())
    assert queries == 1
    assert [getattr(authenticated, name) for name in CACHES] == [set(), set(), set()]
    with django_assert_num_queries(0):
        assert not authenticated.has_perm("negotiations.view_article")


def test_permission_granted_directly_or_through_a_group_both_count() -> None:
    direct = UserFactory()
    direct.user_permissions.add(_perm("view_article"))
    group = Group.objects.create(name="article readers")
    group.permissions.add(_perm("view_article"))
    member = UserFactory()
    member.groups.add(group)
    nobody = UserFactory()
    assert _client(direct).get("/api/v1/articles/").status_code == 200
    assert _client(member).get("/api/v1/articles/").status_code == 200
    assert _client(nobody).get("/api/v1/articles/").status_code == 403
    # Direct and group grants of other models do not leak into this one.
    assert _client(direct).get("/api/v1/statements/").status_code == 403
    assert _client(member).get("/api/v1/statements/").status_code == 403


def test_permission_changes_are_seen_on_the_next_request() -> None:
    user = UserFactory()
    client = _client(user)
    assert client.get("/api/v1/articles/").status_code == 403
    user.user_permissions.add(_perm("view_article"))
    assert client.get("/api/v1/articles/").status_code == 200
    user.user_permissions.clear()
    assert client.get("/api/v1/articles/").status_code == 403
    user.groups.add(Group.objects.get(name=VIEWER))
    assert client.get("/api/v1/articles/").status_code == 200
    Group.objects.get(name=VIEWER).permissions.remove(_perm("view_article"))
    assert client.get("/api/v1/articles/").status_code == 403
    assert client.get("/api/v1/statements/").status_code == 200


def _failure(authentication, key: str) -> exceptions.AuthenticationFailed:
    with pytest.raises(exceptions.AuthenticationFailed) as failed:
        authentication.authenticate(_request(key))
    return failed.value


@pytest.mark.parametrize("case", ["inactive", "unknown"])
def test_refusals_are_drf_own(case) -> None:
    user = UserFactory(roles=[VIEWER], is_active=case != "inactive")
    key = Token.objects.create(user=user).key if case == "inactive" else "f" * 40
    ours = _failure(PermissionLoadingTokenAuthentication(), key)
    drf = _failure(TokenAuthentication(), key)
    assert (str(ours.detail), ours.detail.code) == (str(drf.detail), drf.detail.code)
    expected = {"inactive": "User inactive or deleted.", "unknown": "Invalid token."}[case]
    assert str(ours.detail) == expected


def test_inactive_user_is_refused_by_the_api() -> None:
    user = UserFactory(roles=[VIEWER])
    client = _client(user)
    assert client.get("/api/v1/articles/").status_code == 200
    user.is_active = False
    user.save()
    response = client.get("/api/v1/articles/")
    assert response.status_code == 401
    assert response.json()["detail"] == "User inactive or deleted."


def test_superuser_is_left_to_django(django_assert_num_queries) -> None:
    (authenticated, _), queries = _authenticate(SuperuserFactory())
    assert queries == 1
    # Django caches every permission for superusers, not their own: nothing is pre-filled.
    assert not any(hasattr(authenticated, name) for name in CACHES)
    with django_assert_num_queries(0):
        assert authenticated.has_perm("negotiations.review_statement")
    assert authenticated.get_all_permissions() == {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }
    assert _client(authenticated).get("/api/v1/articles/").status_code == 200


@pytest.mark.parametrize(
    "backends",
    [
        [
            "django.contrib.auth.backends.ModelBackend",
            "django.contrib.auth.backends.RemoteUserBackend",
        ],
        ["django.contrib.auth.backends.AllowAllUsersModelBackend"],
    ],
)
def test_other_authentication_backends_get_drf_behaviour(settings, backends) -> None:
    """Another backend may grant permissions (or read the caches) differently: left alone."""
    settings.AUTHENTICATION_BACKENDS = backends
    user = UserFactory(roles=[VIEWER])
    assert not can_load_permissions(Token)
    (authenticated, _), queries = _authenticate(user)
    assert queries == 1
    assert not any(hasattr(authenticated, name) for name in CACHES)
    with CaptureQueriesContext(connection) as checks:
        assert authenticated.has_perm("negotiations.view_article")
    assert len(checks) == 2  # ModelBackend's own two queries
    assert _client(user).get("/api/v1/articles/").status_code == 200


@pytest.mark.postgresql_only  # permissions load in the token query there
def test_other_databases_get_drf_behaviour(monkeypatch) -> None:
    """The embedded default (SQLite) authenticates as DRF does; the SQL is PostgreSQL's."""
    user = UserFactory(roles=[VIEWER])
    assert can_load_permissions(Token)
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert not can_load_permissions(Token)
    (authenticated, _), queries = _authenticate(user)
    assert queries == 1
    assert not any(hasattr(authenticated, name) for name in CACHES)
    monkeypatch.undo()
    assert authenticated.has_perm("negotiations.view_article")


def test_session_authentication_is_unchanged() -> None:
    """Signed-in browser sessions authenticate through Django as before."""
    user = UserFactory(roles=[VIEWER])
    client = APIClient()
    client.force_login(user)
    assert client.get("/api/v1/articles/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token " + "f" * 40)  # a bad token is not skipped
    assert client.get("/api/v1/articles/").status_code == 401


def test_rows_become_instances_through_the_fields_converters() -> None:
    """A custom user model may have fields with database converters (``from_db_value``): the
    one-query path applies them as ``raw()`` and the ORM do. A JSON field is one."""
    fields = [field.name for field in IngestionJob._meta.concrete_fields]
    row = [None] * len(fields)
    row[fields.index("id")] = 7
    row[fields.index("result")] = '{"statements": 2}'

    job = instance_from_row(IngestionJob, "default", row)

    assert (job.pk, job.result) == (7, {"statements": 2})
    assert not job._state.adding
