from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from negotiations.roles import ANALYST, REVIEWER, VIEWER
from tests.factories import TokenFactory, UserFactory, sample_record

GENEROUS_RATES = {
    "anon": "10000/minute",
    "user": "100000/minute",
    "export": "10000/minute",
    "ingest": "10000/minute",
}


@pytest.fixture(autouse=True)
def _api_settings(settings):
    """Fresh throttle counters and rates no test run reaches (the throttle test sets its own)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": GENEROUS_RATES,
    }
    settings.API_ANONYMOUS_READ = False
    cache.clear()
    yield
    cache.clear()


def _client_for(*roles: str) -> APIClient:
    user = UserFactory(roles=roles)
    client = APIClient()
    token = TokenFactory(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.user = user
    return client


@pytest.fixture
def viewer(db) -> APIClient:
    return _client_for(VIEWER)


@pytest.fixture
def analyst(db) -> APIClient:
    return _client_for(ANALYST)


@pytest.fixture
def reviewer(db) -> APIClient:
    return _client_for(REVIEWER)


@pytest.fixture
def anonymous(db) -> APIClient:
    return APIClient()


@pytest.fixture
def sample(db):
    return sample_record()


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:2000]
    return [row["id"] for row in response.json()["results"]]
