from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from negotiations.models import Alias, Origin, Track
from tests.factories import (
    AliasFactory,
    OfficialFactory,
    OutletDomainFactory,
    OutletFactory,
    PartyFactory,
    PlaceFactory,
    PositionFactory,
    TrackFactory,
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
    official = OfficialFactory(full_name=full_name, slug=slug)
    PositionFactory(official=official, party=party, title=title, start_date=start)
    for name, kind in aliases:
        AliasFactory(name=name, kind=kind, official=official)
    return official


@pytest.fixture
def record(db):
    """A small curated record: the people, parties and tracks the seed articles talk about."""
    ukraine = PartyFactory(name="Ukraine", slug="ukraine", iso_code="UKR")
    usa = PartyFactory(name="United States", slug="usa", iso_code="USA", short_name="US")
    russia = PartyFactory(name="Russia", slug="russia", iso_code="RUS")
    kyiv = PlaceFactory(name="Kyiv", slug="kyiv", party=ukraine)
    PlaceFactory(name="Washington", slug="washington", party=usa)
    PlaceFactory(name="Moscow", slug="moscow", party=russia)
    AliasFactory(name="Kiev", kind=Alias.Kind.TRANSLITERATION, official=None, place=kyiv)
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
    track = TrackFactory(
        name="US–Ukraine bilateral security agreement",
        slug="us-ukraine-bilateral",
        kind=Track.Kind.BILATERAL,
        keywords="talks with US\ntalks with the United States\nKiev and Washington\n"
        "Kyiv and Washington\nWashington and Kiev\nsecurity guarantees",
    )
    # No country or language on record, as an outlet the pipeline learns of has none.
    outlet = OutletFactory(name="RT", slug="rt", kind="broadcaster", country_code="", language="")
    OutletDomainFactory(outlet=outlet, domain="rt.example")
    return {"people": people, "track": track, "ukraine": ukraine, "usa": usa, "outlet": outlet}


__all__ = ["Origin", "seed_html", "seed_text"]
