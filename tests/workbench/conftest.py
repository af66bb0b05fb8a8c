from __future__ import annotations

import pytest

from negotiations.roles import ANALYST, REVIEWER
from tests.factories import SuperuserFactory, role_user


@pytest.fixture
def analyst(db):
    return SuperuserFactory(username="analyst")


@pytest.fixture
def reviewer(db):
    return SuperuserFactory(username="reviewer")


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def staff_analyst(db):
    """Staff with the analyst role only: may read and edit, may not decide reviews."""
    return role_user("role-analyst", ANALYST)


@pytest.fixture
def staff_reviewer(db):
    """Staff with the reviewer role: may decide reviews (and correct what it reviews)."""
    return role_user("role-reviewer", REVIEWER)
