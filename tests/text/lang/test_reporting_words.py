"""The words of reporting in Polish, Ukrainian, Russian, German and Greek: both aspects of the
Slavic verbs, their gerunds and adjectives, German separable verbs, frames without a comma.

Each case is a real sentence (the source is noted by it): from the tuning half of
bench/reading_set/ or from other public news pages on the talks.
"""

from __future__ import annotations

import datetime as dt

import pytest

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.lang import pack_for
from negotiations.text.morph import is_lemma, lemmas
from tests.text.reading_helpers import read_with

GAZ = Gazetteer.build(
    [
        Entry(("official", "peskov"), n, "name")
        for n in (
            "Peskow",
            "Dmitry Peskov",
            "Pieskow",
            "Песков",
            "Пєсков",
            "Πεσκόφ",
            "Ντμίτρι Πεσκόφ",
        )
    ]
    + [Entry(("official", "zelensky"), n, "name") for n in ("Зеленский", "Zełenski")]
    + [Entry(("official", "scholz"), n, "name") for n in ("Olaf Scholz", "Scholz")]
    + [Entry(("official", "kuleba"), n, "name") for n in ("Kułeba",)]
    + [Entry(("official", "svyrydenko"), n, "name") for n in ("Юлія Свириденко", "Свириденко")]
    + [Entry(("official", "zelensky"), n, "name") for n in ("Володимир Зеленський", "Зеленський")]
    + [Entry(("party", "g7"), n, "party") for n in ("G7", "G7-Gruppe")]
    + [Entry(("party", "russia"), n, "party") for n in ("Russland", "Россия", "Rosja")]
    # the pipeline reads a capital as its state's name (negotiations.services.statements)
    + [Entry(("party", "lithuania"), "Vilnius", "party")]
    + [Entry(("party", "ukraine"), n, "party") for n in ("Ukraine", "Украина", "Ukraina")]
)
DAY = dt.date(2025, 11, 24)


def read(lang: str, text: str):
    return read_with(GAZ, lang, text, DAY)


CASES = [
    # (language, text, speaker, words the statement starts with, source)
    (
        "de",
        "Zur Aussage des deutschen Ministerpräsidenten Olaf Scholz, dass der Moment für "
        "Verhandlungen gekommen sei, sagte Peskow, dass die Voraussetzungen für eine friedliche "
        "Lösung des Konflikts noch nicht geklärt seien.\nEr stellte fest, dass Aussagen zu "
        "Verhandlungen aus europäischen Ländern kommen, nicht jedoch aus dem Land, das „den "
        "kollektiven Westen regiert“.",
        ("official", "peskov"),
        "Aussagen zu Verhandlungen aus europäischen Ländern kommen",
        "belnovosti.com, 2024-09-09: separable 'stellte … fest', the particle before 'dass'",
    ),
    (
        "de",
        "In einer am Mittwoch zum Ende des Nato-Gipfels in der litauischen Hauptstadt Vilnius "
        "veröffentlichten Erklärung kündigte die G7-Gruppe an, sie wolle „spezifische, "
        "bilaterale und langfristige Sicherheitszusagen und -Regelungen“ für die Ukraine "
        "erarbeiten.",
        ("party", "g7"),
        "sie wolle",
        "rheinpfalz.de, 2023-07 (tuning half): 'kündigte die G7-Gruppe an', subject in between",
    ),
    (
        "de",
        "Kreml-Sprecher Dmitry Peskov gab bekannt, dass die russische Seite der Ukraine einen "
        "Entwurf eines Friedensdokuments vorgelegt hat.",
        ("official", "peskov"),
        "die russische Seite der Ukraine",
        "iztov.com, 2022-04-20: separable 'gab bekannt', a compound of Frieden",
    ),
    (
        "de",
        "Für die Ausarbeitung eines Friedensmemorandums gibt es derzeit keinen festen Zeitplan. "
        "Doch, wie Peskow anmerkte, „steckt der Teufel im Detail“.",
        ("official", "peskov"),
        "steckt der Teufel im Detail",
        "news-pravda.com, 2025-05-20: 'wie … anmerkte', the frame's verb before its comma",
    ),
    (
        "pl",
        "W rozmowie z rosyjską telewizją państwową rzecznik prezydenta Rosji Dmitrij Pieskow "
        'oznajmił, że Putin "wielokrotnie mówił o pragnieniu jak najszybszego, pokojowego '
        'rozwiązania kwestii ukraińskiej". Zastrzegł zarazem, że dla Moskwy "najważniejsze jest '
        'osiągnięcie naszych celów", a "nasze cele są jasne".',
        ("official", "peskov"),
        "najważniejsze jest osiągnięcie naszych celów",
        "dorzeczy.pl, 2025-07: 'Zastrzegł', its subject dropped, continues the speaker",
    ),
    (
        "pl",
        "Pieskow powiedział także, że strona ukraińska zaproponowała Warszawę jako miejsce "
        "rozmów, po czym rozłączyła się. Według jego słów teraz nastąpiła przerwa ze strony "
        'ukraińskiej i "trwa ona dość długo".',
        ("official", "peskov"),
        "teraz nastąpiła przerwa",
        "gazetaprawna.pl, 2022-02: 'Według jego słów', the speaker a pronoun, no comma",
    ),
    (
        "ru",
        "По словам представителя Кремля Дмитрия Пескова, любые переговоры должны проходить "
        "через официальные каналы, а не через СМИ.",
        ("official", "peskov"),
        "любые переговоры должны проходить",
        "news.mail.ru, 2025: in a frame the role and its holder are both in the genitive",
    ),
    (
        "ru",
        '"На поле боя тяжело? Да. Но дружить или садиться за стол переговоров с Россией? '
        'Нет", — заявил Зеленский.\nВ то же время он убеждён, что Москва якобы не '
        "заинтересована в завершении конфликта.",
        ("official", "zelensky"),
        "Москва якобы не заинтересована",
        "fotkaew.ru, 2024: 'он убеждён, что', an adjective of conviction",
    ),
]


@pytest.mark.parametrize(("lang", "text", "speaker", "words", "source"), CASES)
def test_reporting_words_read_a_real_sentence(lang, text, speaker, words, source):
    found = [s for s in read(lang, text) if s.text.startswith(words)]
    assert len(found) == 1, source
    assert (found[0].speaker or found[0].speaker_party) == speaker, source


def test_a_frame_without_a_comma_reads_the_rest_of_the_sentence():
    # dorzeczy.pl, 2025-07: "W ocenie byłego ambasadora" and no comma before what he assessed
    text = (
        "W ocenie byłego ambasadora możliwe, że znowu będzie negocjowana kwestia wymiany "
        "jeńców i zwrotu ciał poległych żołnierzy."
    )
    (statement,) = read("pl", text)
    assert statement.role == "ambassador"
    assert statement.text.startswith("możliwe, że znowu będzie negocjowana")


def test_a_frame_that_drops_its_speaker_still_continues_the_last_one():
    # kresy.pl, 2025-05 (tuning half): "Jak zaznaczył," is also a frame that names its speaker
    # ("Jak zaznaczył szef MSZ …"); here no speaker follows, so it is the last one
    text = (
        "Zełenski pochwalił zespół rządowy odpowiedzialny za przygotowanie dokumentu, "
        "podkreślając, że jego treść znacząco się zmieniła w trakcie negocjacji. Jak zaznaczył, "
        "obecna wersja stanowi równoprawne porozumienie, które otwiera drogę do znaczących "
        "inwestycji na Ukrainie oraz modernizacji krajowego przemysłu."
    )
    statements = read("pl", text)
    assert statements[-1].speaker == ("official", "zelensky")
    assert statements[-1].text.startswith("obecna wersja stanowi równoprawne porozumienie")


def test_a_name_inside_the_quotation_is_not_who_she_is():
    # speakernews.ua, 2025-05-08 (tuning half): "вона" is Svyrydenko, not the president the
    # quotation names; "Міністерка" (the feminine title) goes on with her
    text = (
        "До засідання долучилися прем’єр-міністр Денис Шмигаль, міністр закордонних справ "
        "Андрій Сибіга, міністерка економіки Юлія Свириденко та інші урядовці.\n"
        "Свириденко під час виступу з трибуни Ради перед голосуванням запевнила, що угода "
        "«укладена в інтересах України».\n«Президент Володимир Зеленський абсолютно чітко дав "
        "завдання щодо цієї угоди, а саме: абсолютна рівноправність сторін та повага до "
        "національних інтересів України», — сказала вона.\nМіністерка наголосила, що в угоді "
        "немає пунктів про борг, власність і контроль залишаються за Україною, національну "
        "власність захищено."
    )
    statements = read("uk", text)
    assert [s.speaker for s in statements] == [("official", "svyrydenko")] * 3


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "words", "source"),
    [
        (
            "uk",
            "Ініціатива щодо прямих переговорів має виходити від Києва, — Пєсков\n\n"
            "Зусилля США, спрямовані на пошук шляхів припинення війни в Україні, тривають.",
            ("official", "peskov"),
            "Ініціатива щодо прямих переговорів",
            "rozsliduvach.news, 2025: the headline signed after a dash",
        ),
        (
            "uk",
            "Дивіться також Є сигнали, що команда Трампа чує нас, – Зеленський про перемовини у "
            "Швейцарії щодо мирного плану\nЩо сказав Рубіо про переговори?",
            ("official", "zelensky"),
            "Дивіться також Є сигнали",
            "24tv.ua, 2025-11-23 (tuning half): signed, then the topic after 'про'",
        ),
    ],
)
def test_a_headline_signed_after_a_dash(lang, text, speaker, words, source):
    (statement,) = read(lang, text)
    assert statement.speaker == speaker, source
    assert statement.text.startswith(words)


def test_polish_words_of_negotiation_the_lemmatiser_reads_apart():
    # rp.pl, 2022-12 (Kuleba): "negocjacyjnym" is the only word of the talks here
    text = (
        "- Każda wojna kończy się w sposób dyplomatyczny - podkreślił Kułeba. - Każda wojna "
        "kończy się w wyniku działań na polu bitwy i przy stole negocjacyjnym - dodał."
    )
    statements = read("pl", text)
    assert [s.speaker for s in statements] == [("official", "kuleba")] * 2


def test_a_negated_verb_of_either_aspect_reports_nothing():
    # swap.it, 2025 ("präzisierte nicht"); rbc.ua, 2025-11-24 ("не уточнив")
    text = (
        "Peskow präzisierte nicht, welche der Varianten eines Friedensplans Moskau derzeit mit "
        "Washington erörtert."
    )
    assert read("de", text) == []
    text = "Речник МЗС не уточнив, які саме пункти викликали застереження в українських чиновників."
    assert read("uk", text) == []


def test_a_german_verb_after_a_modal_is_its_infinitive():
    # jungewelt.de, 2025-03-27 (tuning half): "müssten … klarmachen" is Scholz's reported
    # speech in the subjunctive, not a statement by "EU und USA"
    text = (
        "Sie aufzuheben wäre »ein schwerer Fehler«, erklärte zum Beispiel Bundeskanzler Olaf "
        "Scholz (SPD). EU und USA müssten gemeinsam klarmachen, dass »wir diese Möglichkeit der "
        "Unterstützung der Ukraine auch weiter nutzen können«."
    )
    speakers = {s.speaker for s in read("de", text)}
    assert speakers <= {("official", "scholz")}


def test_a_separable_verb_with_its_particle_before_dass():
    # news-pravda.com, 2025-09-12: "wies … darauf hin, dass"; the role is the speaker
    text = (
        "Der Pressesprecher des russischen Präsidenten wies außerdem darauf hin, dass die "
        "Europäer die Friedensbemühungen in der Ukraine behindern."
    )
    (statement,) = read("de", text)
    assert statement.role == "spokesperson"
    assert statement.text.startswith("die Europäer die Friedensbemühungen")


def test_a_capitalised_german_word_inside_a_sentence_is_a_noun():
    # sueddeutsche.de, 2025 (tuning half): "Angaben" is the noun, not "angeben" (to state)
    text = (
        "Russland und die Ukraine haben bei ihren Verhandlungen in der Türkei nach russischen "
        "Angaben einen weiteren Gefangenenaustausch vereinbart."
    )
    assert read("de", text) == []


def test_a_ukrainian_role_in_its_standard_spelling():
    # nbnews.com.ua, 2022-12-28: "прес-секретар" (not only "пресс-секретар")
    text = (
        "Прес-секретар російського лідера вважає, що будь-який «мир» з Україною має виходити з "
        "того, що війська Росії не підуть з окупованих територій і не повертатимуть їх під "
        "контроль Києва, інформує «НБН» з посиланням на росЗМІ."
    )
    (statement,) = read("uk", text)
    assert statement.role == "press secretary"
    assert statement.text.startswith("будь-який «мир» з Україною")


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        # VESUM lists the gerund as a word of its own; it reads as its verb (radiosvoboda.org,
        # 2026-02-14: "– зазначив глава держави, підкресливши, що …")
        ("підкресливши", "підкреслити"),  # perfective, on the past: підкреслив + ши
        ("зазначивши", "зазначити"),
        ("наголошуючи", "наголошувати"),  # imperfective, on the present: наголошують
        ("висловившись", "висловитися"),  # reflexive: -сь
    ],
)
def test_ukrainian_gerunds_read_as_their_verb(word, verb):
    assert verb in lemmas(word, "uk")
    assert not is_lemma(word, "uk")  # a gerund is no infinitive: it reports


@pytest.mark.parametrize(
    ("lang", "word"), [("uk", "переконаний"), ("uk", "впевнений"), ("pl", "przekonany")]
)
def test_an_adjective_of_conviction_is_no_infinitive(lang, word):
    # its own dictionary form, as an infinitive is; only the infinitive's ending (-ти, -ć)
    # makes a dictionary form report nothing ("готові заявити")
    pack = pack_for(lang)
    assert pack.infinitive_is_lemma
    assert not word.endswith(pack.infinitive_endings)
    assert pack.verb_set.match_at([frozenset(lemmas(word, lang))], 0) is not None


def test_every_slavic_pack_lists_both_aspects_of_its_common_verbs():
    pairs = {
        "uk": [("пояснити", "пояснювати"), ("нагадати", "нагадувати"), ("уточнити", "уточнювати")],
        "ru": [("пояснить", "пояснять"), ("напомнить", "напоминать"), ("заметить", "замечать")],
        "pl": [
            ("potwierdzić", "potwierdzać"),
            ("oświadczyć", "oświadczać"),
            ("zastrzec", "zastrzegać"),
        ],
    }
    for lang, verbs in pairs.items():
        listed = set(pack_for(lang).speech_verbs)
        for perfective, imperfective in verbs:
            assert {perfective, imperfective} <= listed, (lang, perfective)
