from __future__ import annotations

import pytest

from tests.workbench.factories import UserFactory


@pytest.fixture
def analyst(db):
    return UserFactory(username="analyst")


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer")


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    """Admin pages render without a collectstatic manifest (DEBUG is off in the tests)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
