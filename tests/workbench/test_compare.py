from __future__ import annotations

from negotiations.text.compare import compare_words, summarize


def _marked(base: str, other: str, **kwargs) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in compare_words(base, other, **kwargs) if t.kind != "same"]


def test_identical_wordings_have_no_differences() -> None:
    text = "Yermak said the talks in Jeddah were productive."
    assert summarize(compare_words(text, text)) == {}


def test_transliterations_quotes_and_framing_are_told_apart() -> None:
    base = 'Yermak said: "the talks in Kyiv were productive."'
    other = "Ermak claimed: «the talks in Kiev were productive.»"
    assert _marked(base, other) == [
        ("Ermak", "translit"),
        ("claimed:", "framing"),
        ("«the", "quote"),
        ("Kiev", "translit"),
        ("productive.»", "quote"),
    ]


def test_added_and_removed_words() -> None:
    base = "The talks were productive and constructive."
    other = "The so-called talks were productive."
    assert _marked(base, other) == [
        ("so-called", "framing"),
        ("and", "removed"),
        ("constructive.", "removed"),
    ]


def test_alias_table_decides_names_that_do_not_look_alike() -> None:
    pairs = {frozenset({"Bankova", "Zelensky"})}

    def equivalent(a: str, b: str) -> bool:
        return frozenset({a, b}) in pairs

    base, other = "Zelensky rejected the plan.", "Bankova rejected the plan."
    assert _marked(base, other) == [("Bankova", "changed")]
    assert _marked(base, other, equivalent=equivalent) == [("Bankova", "translit")]


def test_lower_case_word_changes_are_changes() -> None:
    assert _marked("talks were productive", "talks were useless") == [("useless", "changed")]
