"""Sentence boundaries keep their offsets, in every pack language (sentencex's rules)."""

from __future__ import annotations

import pytest

from negotiations.text.sentences import split_sentences


def _texts(text: str, lang: str) -> list[str]:
    sentences = split_sentences(text, lang)
    for s in sentences:
        assert text[s.start : s.end] == s.text  # offsets point at the words themselves
    return [s.text for s in sentences]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "U.S. Secretary of State Marco Rubio met Mr. Yermak in Geneva. The talks resumed."
    assert _texts(text, "en") == [
        "U.S. Secretary of State Marco Rubio met Mr. Yermak in Geneva.",
        "The talks resumed.",
    ]
    # Russian initials (РИА Новости style): "В. Путин и Д. Трамп".
    text = "В. Путин и Д. Трамп провели переговоры. Встреча длилась три часа."
    assert _texts(text, "ru") == [
        "В. Путин и Д. Трамп провели переговоры.",
        "Встреча длилась три часа.",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "count"),
    [
        # junge Welt, 27 Mar 2025 (shortened): a quotation of two sentences stays one sentence.
        (
            "de",
            "Er betonte: »Diese Truppen sind keine friedenserhaltenden Truppen. Sie werden nicht "
            "an der Front eingesetzt.« Scholz stimmte zu.",
            2,
        ),
        # Lenta.ru, 24 Dec 2025: a quotation, then its attribution after a dash.
        (
            "ru",
            "«Гарантии в основном мы с Украиной разрешили. И я думаю, русские не возражают», — "
            "рассказал он. Ранее Уитакер заявил о приближении к урегулированию.",
            2,
        ),
    ],
)
def test_a_quotation_of_several_sentences_is_one_sentence(lang, text, count) -> None:
    assert len(_texts(text, lang)) == count


def test_paragraphs_number_their_sentences() -> None:
    text = "Первый абзац. Ещё одно предложение.\n\nДругий абзац без крапки"
    sentences = split_sentences(text, "uk")
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Первый абзац.", 0),
        ("Ещё одно предложение.", 0),
        ("Другий абзац без крапки", 1),
    ]


def test_a_full_stop_after_an_inflected_word_ends_the_sentence():
    # tgcom24, 2025-08-15 (tuning half): sentencex's Italian list holds "ore" as an
    # abbreviation; it is the plural of "ora" here, and the stop ends the sentence.
    text = (
        "Secondo il portavoce del Cremlino Dimityri Peskov, il colloquio tra i due potrebbe "
        "durare anche 6-7 ore. Trump si è detto convinto che l'incontro andrà bene."
    )
    assert _texts(text, "it") == [
        "Secondo il portavoce del Cremlino Dimityri Peskov, il colloquio tra i due potrebbe "
        "durare anche 6-7 ore.",
        "Trump si è detto convinto che l'incontro andrà bene.",
    ]
    # an abbreviation, whose expansion simplemma gives, still does not end one
    text = "Il prof. Rossi ha parlato dei negoziati."
    assert _texts(text, "it") == [text]
