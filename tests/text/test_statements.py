from __future__ import annotations

import datetime as dt

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.lang import pack_for
from negotiations.text.reading import PersonRef, extract_statements

A, B = ("official", "a"), ("official", "b")
GAZ = Gazetteer.build(
    [
        Entry(A, "Andriy Yermak", "name"),
        Entry(A, "Yermak", "name"),
        Entry(B, "Vladimir Putin", "name"),
        Entry(B, "Putin", "name"),
        Entry(("party", "ru"), "Moscow", "party"),
    ]
)
DAY = dt.date(2023, 7, 30)


def run(text, published=DAY, roles=None):
    refs = [
        PersonRef(m.start, m.end, m.target, m.possessive, m.target[0] == "party")
        for m in GAZ.find(text, lang="en")
    ]
    return extract_statements(text, pack_for("en"), refs, published)


def test_post_posed_attribution_with_appositive_channel_and_date():
    text = (
        "Kiev and Washington will enter into talks in early August, an aide to the president, "
        "Andriy Yermak, told journalists on Sunday. The talks may start next week, he added."
    )
    first, second = run(text)
    assert first.speaker == A
    assert first.text == "Kiev and Washington will enter into talks in early August"
    assert first.kind == "paraphrase"
    assert (first.channel, first.date.phrase, first.date.date) == (
        "told_journalists",
        "on Sunday",
        DAY,
    )
    assert second.speaker == A
    assert second.attribution == "pronoun"
    assert second.text == "The talks may start next week"
    assert second.date.phrase == "on Sunday"  # the said date carries; "next week" is content


def test_quote_split_around_attribution_and_title_reference():
    text = (
        "In mid-July, President Vladimir Putin said that Moscow has nothing against guarantees. "
        "“There is just one restriction,” he said – “security should not threaten another.” "
        "“We have repeatedly stated it,” the president said."
    )
    first, split, titled = run(text)
    assert first.speaker == B
    assert first.date.precision == "part_of_month"
    assert split.kind == "direct_quote"
    assert split.text == "There is just one restriction security should not threaten another."
    assert titled.speaker == B
    assert titled.attribution == "title"


def test_quote_continued_in_next_paragraph_and_telegram():
    text = (
        '"We are starting talks this week," Andriy Yermak wrote on the Telegram messaging app.\n\n'
        '"These will be clearly drafted formats and mechanisms of support."\n\n'
        "Moscow said the talks were a provocation aimed at prolonging the war."
    )
    quote, moscow = run(text)
    assert quote.speaker == A
    assert quote.channel == "telegram"
    assert quote.text == (
        "We are starting talks this week These will be clearly drafted formats and mechanisms "
        "of support."
    )
    assert text[quote.start : quote.end].endswith('mechanisms of support."')
    assert moscow.speaker is None
    assert moscow.speaker_party == ("party", "ru")


def test_according_to_and_unnamed_official_and_negation():
    text = (
        "Talks will start this week, a senior Ukrainian official said on Sunday. "
        "According to Yermak, the set of measures will involve military assistance. "
        "Yermak did not say where the talks were taking place. "
        "Ukraine was told that the G7 would draw up guarantees."
    )
    unnamed, according = run(text)
    assert unnamed.speaker is None
    assert unnamed.speaker_description == "a senior Ukrainian official"
    assert according.speaker == A
    assert according.text == "the set of measures will involve military assistance."


def test_possessive_is_not_the_speaker():
    text = "Putin’s spokesman said on Monday that the Kremlin saw no basis for talks at all."
    (statement,) = run(text)
    assert statement.speaker is None
    assert statement.speaker_description == "Putin’s spokesman"
