"""Each language pack reads real sentences of its language (the source is noted by each case).

The sentences come from the tuning half of bench/reading_set/ (stored copies of public news pages).
A small gazetteer stands for the knowledge base: names resolve in any inflected form.
"""

from __future__ import annotations

import datetime as dt

import pytest

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.lang import classify_status, pack_for, supported_languages
from tests.text.reading_helpers import read_with

GAZ = Gazetteer.build(
    [
        Entry(("official", "peskov"), name, "name")
        for name in ("Dmitri Peskov", "Peskov", "Дмитрий Песков", "Песков", "Пєсков")
    ]
    + [Entry(("official", "medinsky"), n, "name") for n in ("Medinskij", "Мединский", "Medinski")]
    + [Entry(("official", "lavrov"), n, "name") for n in ("Sergueï Lavrov", "Lavrov")]
    + [Entry(("official", "zelensky"), n, "name") for n in ("Zelensky", "Ζελένσκι", "Zełenski")]
    + [Entry(("official", "rubio"), n, "name") for n in ("Марко Рубіо", "Рубіо", "Rubio")]
    + [Entry(("official", "umerov"), n, "name") for n in ("Rustem Umerov", "Umerov")]
    + [Entry(("official", "bessent"), n, "name") for n in ("Scott Bessent", "Bessent")]
    + [Entry(("official", "erdogan"), n, "name") for n in ("Ρετζέπ Ταγίπ Ερντογάν",)]
    + [Entry(("party", "us"), n, "party") for n in ("USA", "США", "EEUU")]
)
DAY = dt.date(2025, 5, 16)


def read(lang: str, text: str):
    return read_with(GAZ, lang, text, DAY)


CASES = [
    # (language, sentence, speaker, kind, words of the statement, source)
    (
        "de",
        "Es sollen jeweils 1200 Gefangene beider Seiten übergeben werden, wie der russische "
        "Chefunterhändler Wladimir Medinskij nach den Gesprächen vor Journalisten in Istanbul "
        "sagte.",
        ("official", "medinsky"),
        "paraphrase",
        "Es sollen jeweils 1200 Gefangene beider Seiten übergeben werden",
        "sueddeutsche.de, 2025: speaker after the content, 'wie ... sagte'",
    ),
    (
        "el",
        "Στη συνέντευξη Τύπου που παραχώρησε μετά τη συνάντησή του με τον Τούρκο ομόλογό του "
        "Ρετζέπ Ταγίπ Ερντογάν, ο Ζελένσκι δήλωσε ότι η εντολή της ουκρανικής αντιπροσωπείας "
        "είναι να συζητήσει μια εκεχειρία.",
        ("official", "zelensky"),
        "paraphrase",
        "η εντολή της ουκρανικής αντιπροσωπείας είναι να συζητήσει μια εκεχειρία",
        "real.gr, 2025: 'δήλωσε ότι', another name earlier in the sentence",
    ),
    (
        "en",
        "According to Umerov, the parties concentrated on three core issues during the "
        "negotiations: achieving a ceasefire, exchanging prisoners of war as part of the "
        "humanitarian track, and arranging a potential meeting between the presidents.",
        ("official", "umerov"),
        "paraphrase",
        "the parties concentrated on three core issues",
        "anews.com.tr, 2025: 'According to X,'",
    ),
    (
        "es",
        '"Es probable que las voces que ahora piden la destitución de Witkoff tengan como '
        'principal objetivo frenar el tímido impulso hacia el arreglo pacífico", señaló el '
        "portavoz del Kremlin, Dmitri Peskov, a la prensa local.",
        ("official", "peskov"),
        "direct_quote",
        "Es probable que las voces que ahora piden la destitución de Witkoff",
        "abc.com.py (EFE), 2025: quotation, then verb, role and name",
    ),
    (
        "fr",
        "Le chef de la diplomatie russe, Sergueï Lavrov, a prévenu mercredi 20 août que discuter "
        "des garanties de sécurité occidentales à offrir à l'Ukraine sans impliquer la Russie ne "
        'mènera "nulle part".',
        ("official", "lavrov"),
        "paraphrase",
        "discuter des garanties de sécurité occidentales",
        "boursorama.com (AFP), 2025: role, name, compound past, 'que'",
    ),
    (
        "it",
        "Poche ore prima, un diplomatico di Mosca aveva affermato che un cessate il fuoco "
        'temporaneo sarebbe stato "inaccettabile".',
        None,
        "paraphrase",
        "un cessate il fuoco temporaneo sarebbe stato",
        "ilgiornaleditalia.it, 2025: an unnamed diplomat, pluperfect, 'che'",
    ),
    (
        "pl",
        "Zdaniem sekretarza skarbu USA Scotta Besenta, dokument umacnia pozycję Trumpa w "
        "negocjacjach nad zawieszeniem broni.",
        ("official", "bessent"),
        "paraphrase",
        "dokument umacnia pozycję Trumpa w negocjacjach nad zawieszeniem broni",
        "tvn24.pl, 2025: frame 'zdaniem'; the outlet misspells Bessent (a close variant)",
    ),
    (
        "ru",
        "Глава российской переговорной группы Владимир Мединский заявил, что российская "
        "делегация довольна результатом переговоров с Украиной в Стамбуле 16 мая.",
        ("official", "medinsky"),
        "paraphrase",
        "российская делегация довольна результатом переговоров",
        "censor.net, 2025: 'заявил, что'",
    ),
    (
        "uk",
        "Після зустрічі Марко Рубіо заявив, що бачить суттєвий прогрес у роботі над мирним "
        "планом для України.",
        ("official", "rubio"),
        "paraphrase",
        "бачить суттєвий прогрес у роботі над мирним планом",
        "24tv.ua, 2025: 'заявив, що'",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "speaker", "kind", "words", "source"), CASES)
def test_pack_reads_a_real_sentence(lang, sentence, speaker, kind, words, source):
    (statement,) = read(lang, sentence)
    assert statement.speaker == speaker, source
    assert statement.kind == kind
    assert words in statement.text


def test_every_pack_has_a_real_sentence_here():
    assert {case[0] for case in CASES} == set(supported_languages())


def test_unnamed_diplomat_keeps_the_role_as_written():
    (statement,) = read("it", CASES[5][1])
    assert statement.speaker_description == "un diplomatico"
    assert statement.role == "diplomat"


def test_inflected_name_resolves():
    found = {m.text: m.target for m in GAZ.find("Про це заявив Пєскова помічник", lang="uk")}
    assert found == {"Пєскова": ("official", "peskov")}
    found = {m.text: m.target for m in GAZ.find("Według Zełenskiego rozmowy trwają", lang="pl")}
    assert found == {"Zełenskiego": ("official", "zelensky")}


def test_anaphoric_attribution_reads_the_sentence_before():
    text = (
        "Россия не получала предложений о перемирии на период переговоров. "
        "Об этом заявил Дмитрий Песков."
    )  # the common wire form "X. Об этом заявил Y." (Interfax, RIA)
    (statement,) = read("ru", text)
    assert statement.speaker == ("official", "peskov")
    assert statement.text.startswith("Россия не получала предложений о перемирии")


def test_negated_verb_is_not_a_statement():
    assert read("de", "Peskow sagte nicht, ob die Gespräche in Istanbul weitergehen.") == []


STATUS_CASES = [
    # (language, sentence, status, source)
    (
        "de",
        "Russland und die Ukraine haben bei ihren Verhandlungen in der Türkei nach russischen "
        "Angaben einen weiteren Gefangenenaustausch vereinbart.",
        "agreed",
        "sueddeutsche.de, 2025",
    ),
    (
        "es",
        "Tras semanas de tensión, Estados Unidos y Ucrania han firmado el acuerdo para la "
        "explotación conjunta de nuevos minerales críticos en el país europeo.",
        "signed",
        "eltriangle.eu, 2025",
    ),
    (
        "it",
        "Il vertice in programma oggi ad Abu Dhabi segna un passaggio inedito.",
        "scheduled",
        "notizie.it, 2026",
    ),
    (
        "pl",
        "W środę Stany Zjednoczone i Ukraina podpisały po miesiącach negocjacji umowę o dostępie "
        "do zasobów naturalnych Ukrainy",
        "signed",
        "tvn24.pl, 2025",
    ),
    (
        "ru",
        "Накануне украинская переговорная команда провела очередной раунд переговоров с "
        "Францией по соглашению о гарантиях безопасности.",
        "talks_under_way",
        "eurointegration.com.ua, 2024",
    ),
    (
        "uk",
        'Країни "Групи семи" на саміті НАТО у Вільнюсі погодили рамковий документ щодо гарантій '
        "безпеки для України.",
        "agreed",
        "pravda.com.ua, 2023",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "status", "source"), STATUS_CASES)
def test_pack_reads_a_status_event(lang, sentence, status, source):
    hit = classify_status(sentence, pack_for(lang))
    assert hit is not None, source
    assert hit.status == status


def test_an_intention_in_the_infinitive_is_no_event():
    sentence = "Украина и США готовы подписать соглашение о гарантиях безопасности."
    assert classify_status(sentence, pack_for("ru")) is None


def test_a_language_without_a_pack_is_read_with_english_and_never_fails():
    # The article-extraction corpus has Korean, Japanese and Chinese pages.
    assert pack_for("ko").code == "en"
    assert GAZ.find("한국 Peskov 대변인", lang="ko")[0].target == ("official", "peskov")
