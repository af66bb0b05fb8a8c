from __future__ import annotations

import pytest

from negotiations.text.compare import compare_words, mark_loaded, summarize


def _marked(base: str, other: str, **kwargs) -> list[tuple[str, str]]:
    return [
        (t.text or f"[{t.base}]", t.kind)
        for t in compare_words(base, other, **kwargs)
        if t.kind != "same"
    ]


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


def test_added_and_omitted_words_keep_the_outlets_own_words_intact() -> None:
    base = "The talks were productive and constructive."
    other = "The so-called talks were productive."
    tokens = compare_words(base, other)
    assert _marked(base, other) == [
        ("so-called", "framing"),
        ("[and constructive.]", "omitted"),
    ]
    # The outlet's text, read off the tokens, is exactly what it wrote.
    assert " ".join(t.text for t in tokens if t.text) == other
    assert summarize(tokens) == {"framing": 1, "omitted": 2}


def test_a_loaded_word_both_outlets_use_is_still_marked() -> None:
    text = "The Kiev regime said the talks were useful."
    assert _marked(text, text) == [("Kiev", "framing"), ("regime", "framing")]


@pytest.mark.parametrize(
    ("lang", "text", "loaded"),
    [
        ("ru", "Глава киевского режима якобы заявил", ["киевского", "режима", "якобы"]),
        ("ru", "так называемые переговоры", ["так", "называемые"]),
        ("uk", "так звані переговори нібито тривають", ["так", "звані", "нібито"]),
        (
            "de",
            "Der sogenannte Friedensplan des Kiewer Regimes",
            ["sogenannte", "Kiewer", "Regimes"],
        ),
        ("fr", "le prétendu plan du régime", ["prétendu", "régime"]),
        ("it", "il cosiddetto piano del regime", ["cosiddetto", "regime"]),
        ("pl", "tak zwany plan reżimu", ["tak", "zwany", "reżimu"]),
        ("es", "el supuesto plan del régimen", ["supuesto", "régimen"]),
        ("el", "το λεγόμενο σχέδιο του καθεστώτος", ["λεγόμενο", "καθεστώτος"]),
    ],
)
def test_each_language_pack_names_its_loaded_words(lang, text, loaded) -> None:
    assert [t.text for t in mark_loaded(text, lang=lang) if t.kind == "framing"] == loaded


def test_a_neutral_sentence_has_no_loaded_words() -> None:
    text = "Zelensky said the talks in Jeddah were productive."
    assert {t.kind for t in mark_loaded(text, lang="en")} == {"same"}


def test_alias_table_decides_names_that_do_not_look_alike() -> None:
    pairs = {frozenset({"Bankova", "Zelensky"})}

    def equivalent(a: str, b: str) -> bool:
        return frozenset({a, b}) in pairs

    base, other = "Zelensky rejected the plan.", "Bankova rejected the plan."
    assert _marked(base, other) == [("Bankova", "changed")]
    assert _marked(base, other, equivalent=equivalent) == [("Bankova", "translit")]


def test_lower_case_word_changes_are_changes() -> None:
    assert _marked("talks were productive", "talks were useless") == [("useless", "changed")]
