from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from negotiations.models import (
    Alias,
    Official,
    Origin,
    Outlet,
    OutletDomain,
    Party,
    Place,
    Position,
    ReviewState,
    Track,
)
from tests.ingest.httpserver import LocalServer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def server(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    srv = LocalServer().start()
    yield srv
    srv.stop()


def seed_text(name_prefix: str) -> str:
    path = next(SEEDS.glob(f"{name_prefix}*.txt"))
    return path.read_text(encoding="utf-8").strip()


def seed_html(prefix: str, title: str, published: str) -> bytes:
    """A recorded page made from a seed: the seed's paragraphs in an article layout."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in seed_text(prefix).splitlines() if line)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='article:published_time' content='{published}'>"
        "</head><body><header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"</header><main><article><h1>{title}</h1>{paragraphs}</article></main>"
        "<footer>Copyright the outlet. All rights reserved.</footer></body></html>"
    ).encode()


def _official(slug, full_name, party, title, aliases, start=None):
    official = Official.objects.create(full_name=full_name, slug=slug)
    Position.objects.create(official=official, party=party, title=title, start_date=start)
    for name, kind in aliases:
        Alias.objects.create(
            name=name, kind=kind, official=official, review_state=ReviewState.APPROVED
        )
    return official


@pytest.fixture
def record(db):
    """A small curated record: the people, parties and tracks the seed articles talk about."""
    ukraine = Party.objects.create(name="Ukraine", slug="ukraine", kind="state", iso_code="UKR")
    usa = Party.objects.create(
        name="United States", slug="usa", kind="state", iso_code="USA", short_name="US"
    )
    russia = Party.objects.create(name="Russia", slug="russia", kind="state", iso_code="RUS")
    for name, slug, party in [
        ("Kyiv", "kyiv", ukraine),
        ("Washington", "washington", usa),
        ("Moscow", "moscow", russia),
    ]:
        Place.objects.create(name=name, slug=slug, party=party)
    Alias.objects.create(name="Kiev", kind="transliteration", place=Place.objects.get(slug="kyiv"))
    T, S, D = Alias.Kind.TRANSLITERATION, Alias.Kind.SHORT, Alias.Kind.DESCRIPTION
    people = {
        "yermak": _official(
            "andriy-yermak",
            "Andriy Yermak",
            ukraine,
            "Head of the Office of the President",
            [("Andrey Ermak", T), ("Yermak", S), ("Ermak", S), ("the presidential aide", D)],
            dt.date(2020, 2, 11),
        ),
        "zelensky": _official(
            "volodymyr-zelensky",
            "Volodymyr Zelensky",
            ukraine,
            "President",
            [("Vladimir Zelensky", T), ("Zelensky", S), ("Zelenskiy", S), ("Zelenskyy", S)],
        ),
        "putin": _official("vladimir-putin", "Vladimir Putin", russia, "President", [("Putin", S)]),
        "kyslytsya": _official(
            "serhiy-kyslytsya",
            "Serhiy Kyslytsya",
            ukraine,
            "First Deputy Minister of Foreign Affairs",
            [("Sergey Kyslytsya", T), ("Kyslytsya", S)],
        ),
        "zhovkva": _official(
            "ihor-zhovkva", "Ihor Zhovkva", ukraine, "Deputy head", [("Zhovkva", S)]
        ),
        "miller": _official(
            "matthew-miller",
            "Matthew Miller",
            usa,
            "State Department spokesperson",
            [("Miller", S)],
        ),
    }
    track = Track.objects.create(
        name="US–Ukraine bilateral security agreement",
        slug="us-ukraine-bilateral",
        kind=Track.Kind.BILATERAL,
        keywords="talks with US\ntalks with the United States\nKiev and Washington\n"
        "Kyiv and Washington\nWashington and Kiev\nsecurity guarantees",
    )
    outlet = Outlet.objects.create(name="RT", slug="rt", kind="broadcaster")
    OutletDomain.objects.create(outlet=outlet, domain="rt.example")
    return {"people": people, "track": track, "ukraine": ukraine, "usa": usa, "outlet": outlet}


__all__ = ["Origin", "seed_html", "seed_text"]
