from __future__ import annotations

from negotiations.text.gazetteer import Entry, Gazetteer

YERMAK = ("official", 1)
KYSLYTSYA = ("official", 2)
USA = ("party", 1)


def gazetteer():
    return Gazetteer.build(
        [
            Entry(YERMAK, "Andriy Yermak", "name"),
            Entry(YERMAK, "Andrey Ermak", "name"),
            Entry(YERMAK, "Yermak", "name"),
            Entry(YERMAK, "the presidential aide", "description"),
            Entry(KYSLYTSYA, "Serhiy Kyslytsya", "name"),
            Entry(KYSLYTSYA, "Kyslytsya", "name"),
            Entry(USA, "US", "party", case_sensitive=True),
        ],
        fuzzy_kinds=frozenset({"name"}),
    )


def test_longest_name_wins_and_possessives_fold():
    found = gazetteer().find("ANDREY ERMAK and Andriy Yermak’s aide met us.")
    assert [(m.text, m.target, m.possessive) for m in found] == [
        ("ANDREY ERMAK", YERMAK, False),
        ("Andriy Yermak’s", YERMAK, True),
    ]


def test_case_sensitive_abbreviation_and_descriptions():
    found = gazetteer().find("He told us the US would act, according to the presidential aide.")
    assert [(m.text, m.target, m.kind) for m in found] == [
        ("US", USA, "party"),
        ("the presidential aide", YERMAK, "description"),
    ]


def test_close_unknown_variant_is_a_fuzzy_match():
    found = gazetteer().find("Kyslytsia said. Then Serhii Kyslytsia added. Kiev answered.")
    fuzzy = [(m.text, m.target) for m in found if m.is_fuzzy]
    assert fuzzy == [("Kyslytsia", KYSLYTSYA), ("Serhii Kyslytsia", KYSLYTSYA)]
    assert all(80 < m.fuzzy_score < 100 for m in found)
