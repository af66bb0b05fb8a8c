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
