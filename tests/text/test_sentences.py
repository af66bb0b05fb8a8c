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
