"""Who speaks: joint speakers, outlets that only report, verbs of saying, each from a real
sentence (source noted). A small gazetteer stands for the knowledge base."""

from __future__ import annotations

import datetime as dt

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.lang import pack_for
from negotiations.text.reading import PersonRef, extract_statements
from tests.text.reading_helpers import read_with

GAZ = Gazetteer.build(
    [Entry(("party", "russia"), n, "party") for n in ("Moscow", "Russia")]
    + [Entry(("party", "ukraine"), n, "party") for n in ("Kyiv", "Ukraine")]
    + [Entry(("official", "ushakov"), n, "name") for n in ("Ushakov",)]
    + [Entry(("official", "witkoff"), n, "name") for n in ("Witkoff",)]
    + [Entry(("official", "peskov"), n, "name") for n in ("Pieskow",)]
)
DAY = dt.date(2026, 1, 24)


def read(lang: str, text: str):
    return read_with(GAZ, lang, text, DAY)


def test_two_parties_joined_by_and_speak_together():
    # news.mogaznews.com, 2026-01-24 (Abu Dhabi talks)
    text = (
        "Statements following the talks did not indicate that any agreements had been reached, "
        "but both Moscow and Kyiv said they were open to further dialogue."
    )
    (statement,) = read("en", text)
    assert statement.speaker is None
    assert statement.speaker_party is None
    assert statement.speaker_description == "Moscow and Kyiv"
    assert statement.attribution == "group"
    assert statement.text == "they were open to further dialogue."


def test_names_after_between_are_not_a_joint_speaker():
    # abc.com.py, 2025-11-26: "entre Ushakov y Witkoff en la que éste le pidió ..."
    text = (
        "Bloomberg publicó el martes una transcripción de la conversación mantenida el 14 de "
        "octubre entre Ushakov y Witkoff en la que éste le pidió trabajar juntos en un plan de paz "
        "para Ucrania."
    )
    assert all(s.speaker_description != "Ushakov y Witkoff" for s in read("es", text))


def test_a_news_agency_reports_and_does_not_speak():
    # sueddeutsche.de, 2025-07 (Istanbul): Tass is where it was reported
    text = (
        "Das Treffen im Istanbuler Ciragan-Palast war nach Angaben der staatlichen russischen "
        "Nachrichtenagentur Tass bereits nach weniger als einer Stunde beendet."
    )
    assert read("de", text) == []


def test_polish_dowodzil_reports_the_dashed_words():
    # dziennik.pl, 2023-07-12 (Peskov on the G7 declaration)
    text = (
        "- Oznacza to, że udzielając gwarancji bezpieczeństwa Ukrainie, wkraczają w sferę "
        "bezpieczeństwa Rosji - dowodził Pieskow."
    )
    (statement,) = read("pl", text)
    assert statement.speaker == ("official", "peskov")
    assert statement.text.startswith("Oznacza to")


UK_GAZ = Gazetteer.build(
    [Entry(("official", "svyrydenko"), "Юлія Свириденко", "name")]
    + [Entry(("party", "ukraine"), n, "party") for n in ("України",)]
    + [Entry(("party", "united-states"), n, "party") for n in ("США",)]
)


def test_anaphor_opening_the_sentence_and_long_titles_before_the_name():
    # gazeta.ua, 2025-03-28: "Про це ... повідомила <two titles> Юлія Свириденко." The words are
    # the sentence before; "України" (genitive) and "уряду" (whose unsaid) are not the speaker.
    text = (
        "Український уряд отримав від США проєкт угоди щодо надр, який наразі знаходиться на "
        "стадії опрацювання.\n\nПро це під час Години запитань до уряду у Верховній Раді України "
        "повідомила перша віцепрем'єр-міністерка та міністерка економіки Юлія Свириденко."
    )
    (statement,) = read_with(UK_GAZ, "uk", text, DAY)
    assert statement.speaker == ("official", "svyrydenko")
    assert statement.text.startswith("Український уряд отримав")


def test_a_state_in_the_genitive_is_not_the_subject():
    # censor.net, 2025-05-16: "представники України" (Ukraine's representatives) will tell
    text = "Про наступні кроки представники України повідомлять пізніше."
    assert read_with(UK_GAZ, "uk", text, DAY) == []


def test_a_meeting_is_talk_near_a_statement():
    # de.euronews.com, 2026-01-24 (Abu Dhabi): "Treffen" makes the spokesman's words about the talks
    text = (
        "Moskau veröffentlichte nur wenige Details zu dem Treffen.\n"
        "Kreml-Sprecher Dmitri Peskow erklärte, der Abzug ukrainischer Truppen aus dem östlichen "
        "Donbass bleibe eine „wichtige Bedingung“ für Russland."
    )
    gaz = Gazetteer.build([Entry(("official", "peskov"), "Dmitri Peskow", "name")])
    refs = [PersonRef(m.start, m.end, m.target, m.possessive) for m in gaz.find(text, lang="de")]
    (statement,) = extract_statements(text, pack_for("de"), refs, DAY)
    assert statement.speaker == ("official", "peskov")
    assert statement.text.startswith("der Abzug ukrainischer Truppen")


def test_a_name_completing_the_inner_role_is_not_the_speaker():
    # abc.com.py, 2025-11-26: the press secretary of the Russian president (Putin) speaks
    text = (
        'El secretario de prensa del presidente ruso, Vladímir Putin, añadió que "por supuesto, '
        "surgirán muchas personas que no se detendrán ante nada para perturbar este proceso de "
        'paz".'
    )
    gaz = Gazetteer.build([Entry(("official", "putin"), "Vladímir Putin", "name")])
    refs = [PersonRef(m.start, m.end, m.target, m.possessive) for m in gaz.find(text, lang="es")]
    (statement,) = extract_statements(text, pack_for("es"), refs, DAY)
    assert statement.speaker is None
    assert statement.role == "press secretary"
    assert statement.party_hint == ("slug", "russia")


def test_a_role_keeps_the_state_it_serves_after_it():
    # ilgiornaleditalia.it, 2025-03-12 (Jeddah): "un diplomatico di Mosca"
    text = (
        "Poche ore prima del vertice sulla tregua, un diplomatico di Mosca aveva affermato che un "
        'cessate il fuoco temporaneo sarebbe stato "inaccettabile".'
    )
    gaz = Gazetteer.build([Entry(("party", "russia"), "Mosca", "party")])
    refs = [
        PersonRef(m.start, m.end, m.target, m.possessive, True) for m in gaz.find(text, lang="it")
    ]
    (statement,) = extract_statements(text, pack_for("it"), refs, DAY)
    assert statement.speaker_description == "un diplomatico di Mosca"
    assert statement.party_hint == ("party", "russia")


def test_an_accusation_reports_what_was_said():
    # news.mail.ru (Lavrov): "обвинил европейские государства в саботаже мирных переговоров"
    text = (
        "Ранее министр иностранных дел России Сергей Лавров обвинил европейские государства в "
        "саботаже мирных переговоров по Украине."
    )
    gaz = Gazetteer.build([Entry(("official", "lavrov"), "Сергей Лавров", "name")])
    refs = [PersonRef(m.start, m.end, m.target, m.possessive) for m in gaz.find(text, lang="ru")]
    (statement,) = extract_statements(text, pack_for("ru"), refs, DAY)
    assert statement.speaker == ("official", "lavrov")
    assert statement.text.startswith("европейские государства в саботаже")


EN_GAZ = Gazetteer.build(
    [Entry(("official", "rubio"), n, "name") for n in ("Marco Rubio", "Rubio")]
    + [Entry(("official", "yermak"), "Andriy Yermak", "name")]
    + [Entry(("official", "trump"), "Trump", "name")]
)


def en_read(text: str):
    refs = [PersonRef(m.start, m.end, m.target, m.possessive) for m in EN_GAZ.find(text, lang="en")]
    return extract_statements(text, pack_for("en"), refs, DAY)


def test_a_photo_caption_says_nothing():
    # news.cgtn.com, 2025-11-24 (Geneva): the caption of the photo
    text = (
        "U.S. Secretary of State Marco Rubio (R) and Andriy Yermak, head of the Ukrainian "
        "Presidential Office, talk to the press as their consultations continue on the 28-point "
        "plan to end the Russia-Ukraine conflict at the U.S. Mission in Geneva."
    )
    assert en_read(text) == []


def test_a_lead_in_before_the_subject_is_not_what_was_said():
    # polskieradio.pl, 2025-03-12 (Jeddah; the first sentence shortened)
    text = (
        "The two countries now say they will finalize a comprehensive accord as soon as possible. "
        "In a sign of warming relations, Trump said he intends to invite Ukrainian President "
        "Volodymyr Zelenskiy to the White House soon."
    )
    said = [s for s in en_read(text) if s.speaker == ("official", "trump")]
    assert [s.text for s in said] == [
        "he intends to invite Ukrainian President Volodymyr Zelenskiy to the White House soon."
    ]


def test_an_anonymous_official_keeps_the_nationality_after_the_noun():
    # blick.ch (AFP), 2025-12 (Berlin): "a dit un haut responsable américain"
    text = (
        "Pendant leurs deux journées de discussion à Berlin, les Etats-Unis ont offert des "
        "«garanties de sécurité très fortes» pour l'Ukraine, semblables à celles de l'article 5 "
        "du traité de l'Otan, a dit un haut responsable américain."
    )
    (statement,) = read("fr", text)
    assert statement.speaker is None
    assert statement.speaker_description == "un haut responsable américain"
    assert statement.role == "official"
    assert statement.party_hint == ("slug", "united-states")


def test_an_unnamed_spanish_official_speaks_for_his_state():
    # elcomercio.pe (AP), 2025-12-15: "dijo el lunes un funcionario estadounidense"
    text = (
        "Un acuerdo en proceso de negociación con Ucrania incluiría “fuertes” garantías de "
        "seguridad por parte de Estados Unidos, similares a la defensa colectiva de la OTAN, dijo "
        "el lunes un funcionario estadounidense bajo anonimato."
    )
    (statement,) = read("es", text)
    assert statement.speaker is None
    assert statement.speaker_description == "un funcionario estadounidense"
    assert statement.role == "official"
    assert statement.party_hint == ("slug", "united-states")


def test_he_is_the_unnamed_official_of_the_sentence_before():
    # blick.ch (AFP), 2025-12 (Berlin): "…, a dit un haut responsable américain. «…», a-t-il
    # insisté": not Zelensky, named before the official spoke
    text = (
        "Pendant leurs deux journées de discussion à Berlin avec les négociateurs ukrainiens, "
        "dont le président Volodymyr Zelensky, les Etats-Unis ont offert des «garanties de "
        "sécurité très fortes» pour l'Ukraine, a dit un haut responsable américain. «Tout ce dont "
        "les Ukrainiens ont besoin selon nous pour se sentir en sécurité est inclus» dans le "
        "volet sécurité du projet d'accord, a-t-il insisté pendant un entretien avec la presse."
    )
    gaz = Gazetteer.build([Entry(("official", "zelensky"), "Volodymyr Zelensky", "name")])
    first, second = read_with(gaz, "fr", text, DAY)
    assert first.speaker_description == "un haut responsable américain"
    assert second.speaker is None
    assert second.speaker_description == "un haut responsable américain"
    assert second.party_hint == ("slug", "united-states")
    assert second.text.startswith("Tout ce dont les Ukrainiens")
