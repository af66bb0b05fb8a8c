"""Groups, institutions and texts as speakers (issue 11), each from a real sentence (source
noted). A small gazetteer stands for the knowledge base."""

from __future__ import annotations

import datetime as dt

from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.lang import pack_for
from negotiations.text.reading import PersonRef, Reader, extract_statements
from tests.text.reading_helpers import read_with

GAZ = Gazetteer.build(
    [Entry(("party", "ukraine"), n, "party") for n in ("Ucrania", "Ukraine", "Ukrainy", "Kiev")]
    + [Entry(("party", "united-states"), n, "party") for n in ("Estados Unidos", "EE.UU.")]
    + [Entry(("party", "united-arab-emirates"), n, "party") for n in ("ОАЭ",)]
    + [
        Entry(("party", "coalition"), n, "party")
        for n in ("Coalition", "Coalition des volontaires")
    ]
    + [Entry(("party", "united-kingdom"), n, "party") for n in ("Londyn",)]
    + [Entry(("official", "umerov"), n, "name") for n in ("Umerov", "Rustem Umerov")]
    + [Entry(("official", "witkoff"), n, "name") for n in ("Witkoff", "Steve Witkoff")]
    + [Entry(("official", "bessent"), n, "name") for n in ("Scott Bessent",)]
    + [Entry(("official", "zelensky"), n, "name") for n in ("Wołodymyr Zełenski", "Zełenski")]
    + [Entry(("official", "sunak"), n, "name") for n in ("Rishi Sunak",)]
)
DAY = dt.date(2025, 12, 21)


def read(lang: str, text: str):
    return read_with(GAZ, lang, text, DAY)


def test_a_declaration_speaks_for_the_group_that_spoke_before_it():
    # keyt.com (CNN), 2025-12-21: Umerov and Witkoff's joint statement after the Florida talks
    text = (
        "“Ucrania sigue totalmente comprometida con lograr una paz justa y sostenible,” dijeron "
        "Umerov y Witkoff en una declaración conjunta publicada en X. “Nuestra prioridad "
        "compartida es detener la matanza, garantizar la seguridad y crear condiciones para la "
        "recuperación, estabilidad y prosperidad a largo plazo de Ucrania.”\n\n"
        "Las delegaciones de Estados Unidos y Ucrania se reunieron con asesores de seguridad "
        "nacional europeos antes de realizar una reunión separada entre Estados Unidos y "
        "Ucrania.\n\n"
        "Durante la segunda reunión, los negociadores se centraron en desarrollar el plan de paz "
        "de 20 puntos introducido por el presidente de EE.UU.Donald Trump y en un marco de "
        "garantías de seguridad para Ucrania, según la declaración.\n\n"
        "“Se prestó especial atención a discutir los plazos y la secuencia de los próximos "
        "pasos,” decía la declaración.\n\n"
        "La declaración señaló que Ucrania “valora altamente el liderazgo y el apoyo” de Estados "
        "Unidos."
    )
    by_start = {s.text[:12]: s for s in read("es", text)}
    for start in ("Durante la s", "Se prestó es", "valora altam"):
        assert by_start[start].speaker_description == "Umerov y Witkoff", start
        assert by_start[start].attribution == "document"
        assert by_start[start].channel in {"document", "official_statement"}


def test_a_statement_speaks_for_the_ministry_named_in_the_genitive():
    # ria.ru, 2026-01-24: the UAE foreign ministry on the Abu Dhabi talks
    text = (
        "АБУ-ДАБИ, 24 янв — РИА Новости. Двухдневные переговоры по Украине в Абу-Даби касались "
        "нерешенных вопросов мирного плана США, следует из заявления МИД ОАЭ, которое есть в "
        "распоряжении РИА Новости."
    )
    (statement,) = read("ru", text)
    assert statement.speaker is None
    assert statement.speaker_description == "Ministry of Foreign Affairs"
    assert statement.party_hint == ("party", "united-arab-emirates")
    assert statement.attribution == "document"
    assert statement.text.startswith("Двухдневные переговоры по Украине")


def test_the_members_of_a_coalition_speak_for_it():
    # Maroc Diplomatique (Maghress), 2026-01-06: the Paris declaration of the coalition
    text = (
        "Les membres de la Coalition ont souligné que la capacité de l'Ukraine à se défendre "
        "demeure essentielle pour sa sécurité future et pour la sécurité euro-atlantique, "
        "insistant sur le fait que toute paix durable devra impérativement inclure des garanties "
        "solides de souveraineté et de sécurité pour l'Ukraine."
    )
    (statement,) = read("fr", text)
    assert statement.speaker_description == "Les membres de la Coalition"
    assert statement.party_hint == ("party", "coalition")
    assert statement.attribution == "group"


def test_a_round_of_leaders_speaks_as_a_group():
    # junge Welt, 2025-03-27: the coalition of the willing in Paris
    text = (
        "Eine französisch-britische Mission werde demnächst in Kiew einen EU-Einsatz im Fall "
        "einer Waffenruhe vorbereiten. Über die Entsendung von EU-Soldaten bestehe »keine "
        "Einstimmigkeit«.\n\n"
        "Die Runde verkündete, sie wolle die Sanktionen gegen Russland beibehalten und "
        "verschärfen."
    )
    said = [s for s in read("de", text) if s.text.startswith("sie wolle")]
    assert len(said) == 1
    assert said[0].speaker is None
    assert said[0].speaker_description == "Die Runde"
    assert said[0].attribution == "group"


def test_the_document_specifies():
    # upday.com, 2026-01-06: the draft declaration of the Paris summit
    text = (
        "Gli Stati Uniti si impegneranno a supervisionare il monitoraggio del cessate il fuoco e a "
        "sostenere la forza multinazionale in caso di attacco russo. Il documento specifica che "
        "il sistema di monitoraggio sarà «guidato dagli Stati Uniti con la partecipazione "
        "internazionale» e includerà «capacità statunitensi come l'intelligence e la logistica»."
    )
    (statement,) = read("it", text)
    assert statement.speaker_description == "Il documento"
    assert statement.attribution == "document"
    assert statement.channel == "document"
    assert statement.text.startswith("il sistema di monitoraggio")


def test_a_text_a_person_spoke_of_is_no_speaker():
    # wgospodarce.pl, 2024-01: "the document, which London called historic"
    text = (
        "Prezydent Ukrainy Wołodymyr Zełenski i premier Wielkiej Brytanii Rishi Sunak podpisali w "
        "piątek w Kijowie porozumienie o współpracy obu państw w sferze bezpieczeństwa. Dokument, "
        "który Londyn nazwał „historycznym”, formalizuje dotychczasowe i przyszłe wsparcie dla "
        "Kijowa."
    )
    assert all(s.attribution != "document" for s in read("pl", text))


def test_a_text_after_the_verb_is_its_object_when_a_person_follows():
    # tvn24.pl, 2025-05-01: Bessent on the minerals agreement
    text = (
        "To sygnał dla rosyjskiego przywództwa. On daje prezydentowi Trumpowi możliwość negocjacji "
        "z Rosją z jeszcze silniejszymi argumentami - ocenił porozumienie w sprawie dostępu USA "
        "do zasobów naturalnych Ukrainy amerykański sekretarz skarbu Scott Bessent."
    )
    assert all(s.speaker_description != "porozumienie" for s in read("pl", text))


def test_both_sides_are_the_pair_named_before_them():
    # n-tv.de, 2026-01-22 (Davos): "beide Seiten" are Trump and Zelensky, named just before
    text = (
        "Zum kurzfristig angesetzten Treffen zwischen Trump und Selenskyj in Davos machten beide "
        "Seiten nur spärliche Angaben."
    )
    gaz = Gazetteer.build(
        [
            Entry(("official", "trump"), "Trump", "name"),
            Entry(("official", "zelensky"), "Selenskyj", "name"),
        ]
    )
    refs = [
        PersonRef(m.start, m.end, m.target, m.possessive, False) for m in gaz.find(text, lang="de")
    ]
    reader = Reader(text, pack_for("de"), refs)
    subjects = reader._subjects(reader.units[0])
    (group,) = [s for s in subjects if s.kind == "group"]
    resolved = reader._resolve(group, subjects, [])
    assert resolved == {
        "speaker_description": "beide Seiten (Trump und Selenskyj)",
        "attribution": "group",
    }


def test_a_ministry_after_a_possessive_is_that_of_the_person_named_before():
    # bfmtv.com, 2025-05-15 (Istanbul): "son ministère" is Hakan Fidan's
    text = (
        "Le ministre turc des Affaires étrangères Hakan Fidan rencontrera ce soir la délégation "
        "russe aux pourparlers avec l'Ukraine à Istanbul, a annoncé son ministère."
    )
    gaz = Gazetteer.build([Entry(("official", "fidan"), "Hakan Fidan", "name")])
    refs = [
        PersonRef(m.start, m.end, m.target, m.possessive, False) for m in gaz.find(text, lang="fr")
    ]
    (statement,) = extract_statements(text, pack_for("fr"), refs, DAY)
    assert statement.speaker is None
    assert statement.speaker_description == "son ministère"
    assert statement.role_owner == ("official", "fidan")
    assert statement.attribution == "institution"
