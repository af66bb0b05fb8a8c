"""Who does not speak, and who does when several are named: each rule from a real sentence
(source noted). A small gazetteer stands for the knowledge base."""

from __future__ import annotations

import datetime as dt

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.morph import impersonal_form
from tests.text.reading_helpers import read_with

DAY = dt.date(2025, 5, 16)

GAZ = Gazetteer.build(
    [Entry(("official", "rubio"), n, "name") for n in ("Marco Rubio", "Rubio", "Марко Рубио")]
    + [Entry(("official", "yermak"), n, "name") for n in ("Andriy Yermak", "Yermak")]
    + [Entry(("official", "yermak"), "Андрій Єрмак", "name")]
    + [Entry(("official", "medinsky"), "Владимир Мединский", "name")]
    + [Entry(("official", "umerov"), n, "name") for n in ("Умеров", "Умерова")]
    + [Entry(("official", "macron"), "Macron", "name")]
    + [Entry(("party", "united-states"), n, "party") for n in ("U.S.", "США")]
    + [Entry(("party", "russia"), n, "party") for n in ("Russia", "Россия", "Russland", "РФ")]
    + [Entry(("party", "ukraine"), n, "party") for n in ("Украине", "Ukrainie")]
)


def read(lang: str, text: str):
    return read_with(GAZ, lang, text, DAY)


def test_the_polish_impersonal_names_no_speaker():
    # polsatnews.pl, 2025-09-04 (coalition of the willing, Paris): "Zapowiadano dotąd" (it had
    # been announced) names nobody; it does not continue the Élysée's statement before it.
    text = (
        "Głównym przesłaniem czwartkowego spotkania - jak zapowiedział Pałac Elizejski - będzie "
        'to, że kraje europejskie są "nie tylko chętne i zdolne", ale też gotowe zapewnić '
        "gwarancje bezpieczeństwa Ukrainie. Zapowiadano dotąd, że gwarancje te wejdą w życie w "
        "razie ogłoszenia rozejmu w wojnie w Ukrainie."
    )
    (statement,) = read("pl", text)
    assert statement.text.startswith("kraje europejskie są")


def test_russian_and_ukrainian_impersonal_forms_are_read_from_the_morphology():
    # pymorphy3: Ukrainian -но/-то (Impe), Russian short neuter passive participle; a finite
    # form keeps its subject
    assert impersonal_form("повідомлено", "uk")
    assert impersonal_form("заявлено", "ru")
    assert not impersonal_form("заявив", "uk")
    assert not impersonal_form("заявила", "ru")


def test_an_office_in_the_genitive_before_a_name_is_whose_office():
    # interfax.ru, 2025-03-11 (Jeddah): "глава Госдепа Марко Рубио" is Rubio, and the state
    # before the comma belongs to what was said
    text = (
        "США надеются, что Россия одобрит предложение о 30-дневном перемирии на Украине, заявил "
        "во вторник глава Госдепа Марко Рубио."
    )
    (statement,) = read("ru", text)
    assert statement.speaker == ("official", "rubio")
    assert statement.text.endswith("перемирии на Украине")


def test_the_head_of_an_office_is_named_after_it():
    # pravda.com.ua, 2023-07-12 (G7 declaration), the sentence cut where the stored page ends
    text = (
        "Глава офісу президента Андрій Єрмак вважає, що безпекові гарантії від західних партнерів "
        "будуть надані згодом, до весни 2024 року."
    )
    (statement,) = read("uk", text)
    assert statement.speaker == ("official", "yermak")


def test_a_name_in_the_attribution_is_not_the_next_pronoun():
    # censor.net, 2025-05-16 (Istanbul): "его" is still Medinsky, not Umerov whose statement he
    # confirmed
    text = (
        "Глава российской делегации Владимир Мединский заявил, что российская делегация довольна "
        "результатом переговоров с Украиной в Стамбуле 16 мая.\n"
        "Он также подтвердил заявление Умерова, что в ближайшие дни РФ и Украина обменяются "
        'пленными в формате "1000 на 1000".\n'
        "По его словам, украинская делегация запросила прямые переговоры между лидерами "
        'государств, а РФ якобы "приняла это к сведению".'
    )
    statements = read("ru", text)
    last = statements[-1]
    assert last.text.startswith("украинская делегация запросила")
    assert last.speaker == ("official", "medinsky")


def test_a_subject_pronoun_before_the_verb_is_the_speaker():
    # news.cgtn.com, 2025-11-24 (Geneva): "both sides" is in what Yermak said
    text = (
        'Yermak described the talk with U.S. delegations as "very productive," confirming that '
        '"very good progress" was made toward achieving a "just and lasting peace." He said both '
        "sides would continue working through proposals in the coming days and would also "
        "engage European partners as the process moves forward."
    )
    last = read("en", text)[-1]
    assert last.text.startswith("both sides would continue")
    assert last.speaker == ("official", "yermak")


def test_a_comma_after_the_verb_opens_what_was_said():
    # jungewelt.de, 2025-03-27 (Paris); the first sentence is from the same paragraph before.
    # "Die Runde" (the meeting) is no one the reading knows; "sie" after the comma is in what
    # was said, not the verb's subject.
    text = (
        "Laut Macron, der vor dem Treffen mit US-Präsident Donald Trump telefoniert hat, ist die "
        "Frage »noch in der Planungsphase«.\n\nDie Runde verkündete, sie wolle die Sanktionen "
        "gegen Russland beibehalten und verschärfen."
    )
    assert not any(s.text.startswith("wolle die Sanktionen") for s in read("de", text))


def test_a_title_word_is_no_verb_and_a_clause_between_commas_runs_long():
    # polskieradio.pl, 2025-03-12 (Jeddah): "State" in the title does not report; Rubio is the
    # subject of "said" across the clause set off by commas
    text = (
        "U.S. Secretary of State Marco Rubio, speaking in Jeddah after more than eight hours of "
        "talks with Ukrainian delegates, said the plan would be taken to Russia next."
    )
    (statement,) = read("en", text)
    assert statement.speaker == ("official", "rubio")
    assert statement.text == "the plan would be taken to Russia next."


def test_a_second_member_named_with_a_title_joins_the_first():
    # interfax.ru, 2025-03-11 (Jeddah): Rubio and Waltz explained together
    text = (
        "Рубио и советник президента США по нацбезопасности Майк Уолтц пояснили, что по замыслу "
        "американской стороны, перемирие могло бы позволить сторонам в более спокойной атмосфере "
        "обсудить решение украинского конфликта."
    )
    gaz = Gazetteer.build(
        [
            Entry(("official", "rubio"), "Рубио", "name"),
            Entry(("official", "waltz"), "Майк Уолтц", "name"),
            Entry(("party", "united-states"), "США", "party"),
        ]
    )
    (statement,) = read_with(gaz, "ru", text, DAY)
    assert statement.speaker is None
    assert statement.attribution == "group"
    assert statement.speaker_description.startswith("Рубио и советник президента")
    assert statement.speaker_description.endswith("Майк Уолтц")


def test_a_name_after_an_agent_word_makes_the_verb_a_participle():
    # jungewelt.de, 2025-03-27 (Paris): "die von Macron … angekündigte »Friedenstruppe«" is what
    # the coalition should set up, not something Macron says
    text = (
        "Es war der dritte Gipfel der von Frankreichs Präsident Emmanuel Macron und dem britischen "
        "Premier Keir Starmer ins Leben gerufenen »Koalition der Willigen«. Sie sollte u. a. die "
        "von Macron im Februar 2024 angekündigte »Friedenstruppe« aufstellen."
    )
    assert read("de", text) == []


def test_an_article_is_not_the_pronoun_of_a_frame():
    # abc.com.py, 2025-11-26: "según las filtraciones" (according to the leaks) is not "según él"
    # (according to him), though "las" and "él" share a lemma key; nobody spoke through it
    text = (
        "A su vez, el Kremlin no observa que Witkoff llamó a Ushakov a trabajar en un plan de paz."
        "\n\nLa llamada buscaba que Trump negara el suministro de misiles de crucero Tomahawk a su "
        "homólogo ucraniano, Volodímir Zelenski, según las filtraciones publicadas por la agencia "
        "Bloomberg."
    )
    gaz = Gazetteer.build(
        [
            Entry(("official", "witkoff"), "Witkoff", "name"),
            Entry(("official", "trump"), "Trump", "name"),
            Entry(("official", "zelensky"), "Volodímir Zelenski", "name"),
        ]
    )
    assert all(s.attribution != "pronoun" for s in read_with(gaz, "es", text, DAY))
