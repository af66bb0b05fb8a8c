from __future__ import annotations

import pytest
from django.test import Client

from negotiations.roles import VIEWER
from tests.factories import UserFactory


@pytest.fixture
def superuser_client(client: Client) -> Client:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def staff_client(client: Client) -> Client:
    """A staff member who may log in to the admin but holds no model permission."""
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def viewer_client(client: Client) -> Client:
    """A staff member with the viewer role: may see every model, change none."""
    client.force_login(UserFactory(is_staff=True, roles=[VIEWER]))
    return client
