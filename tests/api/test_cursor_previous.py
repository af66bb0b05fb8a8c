"""The ``previous`` link of a cursor page returns the page before it, whatever the list and its
ordering (issue 13): a client paging back sees the rows it saw going forward, in order."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def _walk_forward(client, url: str, params: dict) -> list[dict]:
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append(body)
        if not body["next"]:
            return pages
        response = client.get(body["next"])


def _ids(body) -> list:
    return [row.get("id") for row in body["results"]]


@pytest.mark.parametrize(
    ("url", "ordering"),
    [
        ("/api/v1/statements/", None),
        ("/api/v1/statements/", "id"),
        ("/api/v1/statements/", "-updated_at"),
        ("/api/v1/articles/", None),
        ("/api/v1/officials/", None),
        ("/api/v1/parties/", None),
        ("/api/v1/status-changes/", None),
    ],
)
def test_previous_returns_the_page_before(viewer, sample, url, ordering) -> None:
    for day in range(9):  # ties on the ordering's value too (same day twice)
        f.StatementFactory(
            speaker=sample.statement.speaker,
            text=f"Statement {day}.",
            said_on=dt.date(2024, 1, 1 + day // 2),
        )
        f.ArticleFactory(title=f"Article {day}")
        f.OfficialFactory(full_name=f"Official {day // 2}")
        f.PartyFactory(name=f"Party {day}")
        f.StatusChangeFactory(track=sample.track, effective_date=dt.date(2024, 2, 1 + day))
    params = {"page_size": 2, **({"ordering": ordering} if ordering else {})}
    pages = _walk_forward(viewer, url, params)
    assert len(pages) >= 3
    for before, page in itertools.pairwise(pages):
        back = viewer.get(page["previous"]).json()
        assert _ids(back) == _ids(before)
