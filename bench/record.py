"""A small curated record for benchmarks (the people, parties and tracks of the seeds)."""

from __future__ import annotations


def load_record() -> None:
    from negotiations.models import Alias, Official, Party, Place, Position, Track

    ukraine = Party.objects.create(name="Ukraine", slug="ukraine", kind="state", iso_code="UKR")
    usa = Party.objects.create(
        name="United States", slug="usa", kind="state", iso_code="USA", short_name="US"
    )
    russia = Party.objects.create(name="Russia", slug="russia", kind="state", iso_code="RUS")
    for name, slug, party in [("Kyiv", "kyiv", ukraine), ("Moscow", "moscow", russia)]:
        Place.objects.create(name=name, slug=slug, party=party)
    people = [
        ("andriy-yermak", "Andriy Yermak", ukraine, ["Andrey Ermak", "Yermak", "Ermak"]),
        ("volodymyr-zelensky", "Volodymyr Zelensky", ukraine, ["Zelensky", "Zelenskyy"]),
        ("vladimir-putin", "Vladimir Putin", russia, ["Putin"]),
        ("joe-biden", "Joe Biden", usa, ["Biden"]),
        ("serhiy-kyslytsya", "Serhiy Kyslytsya", ukraine, ["Kyslytsya"]),
    ]
    for slug, name, party, aliases in people:
        official = Official.objects.create(slug=slug, full_name=name)
        Position.objects.create(official=official, party=party, title="Official")
        for alias in aliases:
            Alias.objects.create(name=alias, official=official, review_state="approved")
    Track.objects.create(
        name="US–Ukraine bilateral security agreement",
        slug="us-ukraine",
        kind="bilateral",
        keywords="security guarantees\nKyiv and Washington\ntalks with the United States",
    )
