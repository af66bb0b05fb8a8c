"""Names in every form: inflected country names (matched on the lemmas of both sides), common-noun
party names in lower case, hyphen and accent variants, title-case acronyms, and the country names
that pycountry and Babel carry. The sentences are quoted from reports of the reading set
(bench/reading_set/articles, tuning half); each test names its source."""

from __future__ import annotations

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.names import country_names

US, UK, FRANCE, GERMANY = ("party", 1), ("party", 2), ("party", 3), ("party", 4)
NATO, G7, COALITION, UN = ("party", 5), ("party", 6), ("party", 7), ("party", 8)
LANGS = ("de", "el", "en", "es", "fr", "it", "pl", "ru", "uk")


def gazetteer() -> Gazetteer:
    """Built as ``entity_index_get`` builds it: names from the packages, aliases as listed."""
    entries = []
    for target, iso in ((US, "USA"), (UK, "GBR"), (FRANCE, "FRA"), (GERMANY, "DEU")):
        entries += [Entry(target, name, "party") for name in country_names(iso, LANGS)]
    entries += [
        Entry(US, "US", "party", case_sensitive=True),
        Entry(US, "USA", "party", case_sensitive=True),
        Entry(US, "États-Unis", "party"),
        Entry(UK, "Британія", "party"),
        Entry(NATO, "NATO", "party", case_sensitive=True),
        Entry(NATO, "OTAN", "party", case_sensitive=True),
        Entry(UN, "ONU", "party", case_sensitive=True),
        Entry(G7, "G7", "party", case_sensitive=True),
        Entry(COALITION, "Koalicja chętnych", "party"),
        Entry(COALITION, "Коаліція охочих", "party"),
        Entry(COALITION, "Коаліція рішучих", "party"),
        Entry(COALITION, "coalition des volontaires", "party"),
    ]
    return Gazetteer.build(entries, fuzzy_kinds=frozenset({"name"}))


def found(text: str, lang: str) -> list[tuple[str, object]]:
    return [(m.text, m.target) for m in gazetteer().find(text, lang=lang)]


def test_polish_inflected_country_names():
    # pl-portalobronny-2025-07-starmer-macron-koalicja-chetnych
    assert found(
        "„Właśnie po raz pierwszy współprzewodniczyliśmy spotkaniu koalicji chętnych, w tym "
        "przedstawicieli Stanów Zjednoczonych.",
        "pl",
    ) == [("koalicji chętnych", COALITION), ("Stanów Zjednoczonych", US)]
    # pl-polsatnews-2025-09-04-koalicja-chetnych-paryz: Francja's genitive is also a word of
    # "Republika Francji", the official name; it still reads as France
    assert found(
        "Z doniesień medialnych wynika, że zdalnie wezmą udział w naradzie szefowie rządów "
        "Wielkiej Brytanii, Niemiec i Włoch. W stolicy Francji jest też Wołodymyr Zełenski.",
        "pl",
    ) == [("Wielkiej Brytanii", UK), ("Niemiec", GERMANY), ("Francji", FRANCE)]


def test_ukrainian_short_and_inflected_names():
    # uk-delo-2026-01-06-paryzka-deklaratsiia-koalitsiia-okhochykh (Британія is an alias of the
    # knowledge base; "Британії" is also a word of pycountry's official name)
    text = (
        "У Парижі підписано спільну декларацію всіх учасників Коаліції охочих та тристоронню "
        "декларацію України, Франції та Британії. І це сигнал, наскільки Європа і вся коаліція "
        "охочих готові працювати заради безпеки"
    )
    assert found(text, "uk") == [
        ("Коаліції охочих", COALITION),
        ("Франції", FRANCE),
        ("Британії", UK),
        ("коаліція охочих", COALITION),
    ]
    # uk-unn-2025-09-01-makron-rutte
    assert found("прем'єр Великої Британії Кір Стармер", "uk") == [("Великої Британії", UK)]
    assert found('наступна зустріч "коаліції рішучих" відбудеться у Парижі', "uk") == [
        ("коаліції рішучих", COALITION)
    ]


def test_proper_names_stay_capitalised():
    # a name made of proper nouns does not match its words in lower case ("stany" are states)
    assert found("wszystkie stany zjednoczone jednym celem", "pl") == []
    assert found("He told us the plan", "en") == []


def test_hyphens_accents_and_numbers_fold():
    # fr-blick-2025-12-berlin-garanties-tres-fortes: "Etats-Unis" without its accent
    assert found(
        "avec les négociateurs ukrainiens, dont le président Volodymyr Zelensky, les Etats-Unis "
        "ont offert des «garanties de sécurité très fortes»",
        "fr",
    ) == [("Etats-Unis", US)]
    # pl-wgospodarce-2024-01-zelenski-sunak-umowa-bezpieczenstwo
    assert found("Porozumienie nawiązuje do ustaleń krajów G-7, dotyczących", "pl") == [("G-7", G7)]


def test_acronyms_in_title_case_inside_a_sentence():
    # it-adnkronos-2023-07-12-g7-vilnius-sunak
    assert found(
        "l'Ucraina sarà nella Nato: con gli Usa avremo la stessa intesa e la stessa visione", "it"
    ) == [("Nato", NATO), ("Usa", US)]
    # it-notizie-2026-01-23-abu-dhabi-trilaterale: inside a compound
    assert ("Usa", US) in found("Abu Dhabi, al via il trilaterale Ucraina-Russia-Usa", "it")
    # fr-boursorama-2025-08-20-lavrov-garanties-utopique
    assert found("La Russie considère l'expansion de l'Otan à ses frontières", "fr") == [
        ("Otan", NATO)
    ]
    # at the start of a sentence the title case is a word: "Nato a Roma" (born in Rome)
    assert found("Nato a Roma nel 1960, ha studiato a Milano.", "it") == []
    assert found("Il segretario dell'Onu", "it") == [("Onu", UN)]


def test_country_names_from_babel_and_pycountry():
    names = country_names("GBR", ("uk", "pl"))
    assert "Велика Британія" in names  # Babel (CLDR)
    # pycountry's translation of the ISO name
    assert "Об’єднане Королівство Великої Британії та Північної Ірландії" in names
    assert "Wielka Brytania" in names
    assert "Watykan" in country_names("VAT", ("pl",))


def test_short_lemmas_of_names_are_not_names():
    # es-lostubos-2025-02-18-rubio-lavrov-riad: simplemma reads Irán as "ir" (to go), the lemma
    # of "Vamos"; a name's word keeps only lemmas of four letters or more
    iran = ("party", 9)
    gaz = Gazetteer.build(
        [Entry(iran, name, "party") for name in country_names("IRN", ("es",))],
        fuzzy_kinds=frozenset({"name"}),
    )
    text = "“Vamos a designar un equipo de alto nivel de nuestra parte”, dijo. Irán no estuvo."
    assert [(m.text, m.target) for m in gaz.find(text, lang="es")] == [("Irán", iran)]
