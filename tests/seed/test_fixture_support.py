"""Every fact of the curated record is supported by the seed texts (read without the loader)."""

from __future__ import annotations

from typing import Any

import pytest

from negotiations.services.seed import alias_occurs
from tests.seed.conftest import read_manifest, read_section, seed_texts

TEXTS = seed_texts()
MANIFEST = read_manifest()


def _spans() -> list[tuple[str, dict[str, Any], str]]:
    """(where, item, key of its words) for every report and piece of evidence."""
    spans = []
    for statement in read_section("statements"):
        for report in statement["reports"]:
            spans.append((f"statement {statement['key']}", report, "wording"))
    for track in read_section("tracks"):
        for step in track["status_history"]:
            for item in step["evidence"]:
                spans.append((f"{track['slug']} {step['status']}", item, "excerpt"))
    for commitment in read_section("commitments"):
        for item in commitment["evidence"]:
            spans.append((f"commitment {commitment['key']}", item, "excerpt"))
    return spans


def _aliases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for section, key in (("parties", "slug"), ("places", "slug"), ("officials", "slug")):
        for target in read_section(section):
            found.extend((target[key], alias) for alias in target["aliases"])
    return found


def test_every_seed_file_has_one_manifest_entry() -> None:
    assert sorted(MANIFEST) == sorted(TEXTS)
    assert len(TEXTS) == 5


@pytest.mark.parametrize(("where", "item", "key"), _spans(), ids=lambda v: str(v)[:40])
def test_words_are_verbatim_at_their_offsets(where: str, item: dict[str, Any], key: str) -> None:
    assert item["article"] in MANIFEST, where
    text = TEXTS[item["article"]]
    assert text[item["char_start"] : item["char_end"]] == item[key], where


def test_records_cover_every_seed_article() -> None:
    reported = {item["article"] for _, item, _ in _spans()}
    assert reported == set(TEXTS)


@pytest.mark.parametrize(("target", "alias"), _aliases(), ids=lambda v: str(v)[:40])
def test_alias_occurs_in_the_seeds_it_cites(target: str, alias: dict[str, Any]) -> None:
    if alias["from_seeds"]:
        assert alias["seen_in"], f"{target}: {alias['name']} lists no seed"
        for file in alias["seen_in"]:
            assert alias_occurs(alias["name"], TEXTS[file]), f"{alias['name']} not in {file}"
    else:
        assert alias["seen_in"] == []


def test_aliases_not_marked_as_seen_really_are_absent_or_declared() -> None:
    # A seed alias must list every seed that uses it: otherwise its outlets are under-recorded.
    for target, alias in _aliases():
        if alias["from_seeds"]:
            using = {f for f, text in TEXTS.items() if alias_occurs(alias["name"], text)}
            assert using == set(alias["seen_in"]), f"{target}: {alias['name']}"


def test_name_variants_the_seeds_use_are_recorded() -> None:
    seen = {(target, alias["name"]) for target, alias in _aliases() if alias["from_seeds"]}
    for expected in [
        ("andriy-yermak", "Andriy Yermak"),
        ("andriy-yermak", "Andrey Ermak"),
        ("andriy-yermak", "Ermak"),
        ("andriy-yermak", "Yermak"),
        ("kyiv", "Kyiv"),
        ("kyiv", "Kiev"),
        ("oleksii-reznikov", "Aleksey Reznikov"),
        ("serhiy-kyslytsya", "Sergey Kyslytsya"),
        ("volodymyr-zelensky", "Zelensky"),
        ("volodymyr-zelensky", "Zelenskiy"),
        ("volodymyr-zelensky", "Vladimir Zelensky"),
    ]:
        assert expected in seen


def test_manifest_invents_no_url_title_or_byline() -> None:
    for file, entry in MANIFEST.items():
        for key in ("url", "title", "byline"):
            assert entry[key] is None or entry[key] in TEXTS[file], (file, key)
        assert entry["basis"]
    # None of the five texts shows its URL.
    assert all(entry["url"] is None for entry in MANIFEST.values())


def test_manifest_attributions() -> None:
    by_prefix = {file[:3]: entry for file, entry in MANIFEST.items()}
    assert (by_prefix["000"]["outlet"], by_prefix["000"]["wire"]) == ("rt", None)
    # RT is not named in 000: the attribution rests on page furniture and house style.
    assert by_prefix["000"]["outlet_attribution"] == "inferred"
    assert "RT" not in TEXTS[by_prefix["000"]["file"]].split()
    assert (by_prefix["001"]["outlet"], by_prefix["001"]["wire"]) == ("jerusalem-post", "reuters")
    assert "By REUTERS" in TEXTS[by_prefix["001"]["file"]]
    assert by_prefix["002"]["outlet"] == "asian-lite"
    assert "reports Asian Lite News" in TEXTS[by_prefix["002"]["file"]]
    # The republished copy and the 2025 rewrite name no publisher: no outlet is invented.
    assert by_prefix["003"]["outlet"] is None
    assert TEXTS[by_prefix["003"]["file"]].endswith("Source link")
    assert by_prefix["004"]["outlet"] is None
    assert {c["outlet"] for c in by_prefix["004"]["cites"]} == {"rbc-ukraine", "reuters"}
    # Dated no more precisely than the text allows.
    assert by_prefix["004"]["published"] == {
        "date": "2025-01-01",
        "time": None,
        "precision": "year",
        "as_shown": None,
        "utc_offset": None,
        "utc_offset_assumed": False,
    }
    assert by_prefix["003"]["published"]["precision"] == "week"
    assert by_prefix["002"]["published"]["date"] == "2023-08-04"


def test_one_statement_per_utterance_with_one_report_per_article() -> None:
    statements = read_section("statements")
    for statement in statements:
        files = [r["article"] for r in statement["reports"]]
        assert len(files) == len(set(files)), statement["key"]
    identities = [(s["speaker"], s["said"]["date"], s["text"]) for s in statements]
    assert len(identities) == len(set(identities))
