"""Commitments read from real sentences in every supported language: each stage verb, the kind,
the amount, who commits and who receives; a negated verb reports nothing.

The sentences are real reports, shortened or adapted where noted (source after each); the
parties are found as the pipeline finds them, by the country names pycountry translates.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from negotiations.text.commitments import find_commitments
from negotiations.text.gazetteer import Entry, Gazetteer
from negotiations.text.lang import pack_for, supported_languages
from negotiations.text.names import country_names

UKR, DEU, USA, FRA, ITA, ESP, POL, GRC, NLD, SVK, EU, BEL, CZE, DNK, RUS = range(1, 16)
_ISO = {"UKR": UKR, "DEU": DEU, "USA": USA, "FRA": FRA, "ITA": ITA, "ESP": ESP}
_ISO |= {"POL": POL, "GRC": GRC, "NLD": NLD, "SVK": SVK, "BEL": BEL, "CZE": CZE, "DNK": DNK}
_ISO |= {"RUS": RUS}
# Names a country list lacks (the knowledge base's aliases).
_ALIASES = {
    EU: ("European Union", "EU", "ЕС", "Евросоюз", "ЄС", "Union européenne", "UE", "ΕΕ", "Ue"),
    USA: ("United States", "US", "ΗΠΑ", "Stany Zjednoczone", "США"),
    DEU: ("Niemcy", "Німеччина"),
    NLD: ("Нідерланди", "Нідерландів"),
}


def _gazetteer() -> Gazetteer:
    langs = tuple(supported_languages())
    entries = [
        Entry(("party", pk), name, "party")
        for iso, pk in _ISO.items()
        for name in country_names(iso, langs)
    ]
    for pk, names in _ALIASES.items():
        entries += [
            Entry(("party", pk), n, "party", case_sensitive=n.isupper() and len(n) <= 3)
            for n in names
        ]
    return Gazetteer.build(entries, fuzzy_kinds=frozenset())


GAZ = _gazetteer()


def read(lang: str, text: str):
    pack = pack_for(lang)
    mentions = GAZ.find(text, lang=pack.code)
    found = find_commitments(text, pack, mentions, lambda target, _day: {target[1]})
    return found[0] if found else None


def read_all(lang: str, text: str):
    pack = pack_for(lang)
    mentions = GAZ.find(text, lang=pack.code)
    return find_commitments(text, pack, mentions, lambda target, _day: {target[1]})


B = 10**9
M = 10**6

# (language, sentence, stage, kind, amount, currency, party, beneficiary)
CASES = [
    # English
    ("en", "On Monday, December 30, President of the United States Joe Biden announced a new military aid package for Ukraine, amounting to $2.5 billion.", "announced", "military_aid", Decimal("2.5") * B, "USD", USA, UKR),  # manipulyator.in.ua, 2024-12-30  # noqa: E501
    ("en", "NATO allies agreed to provide Ukraine with at least €40 billion in military aid for the coming year.", "agreed", "military_aid", 40 * B, "EUR", None, UKR),  # adapted from linfo.re, 2024-07-10  # noqa: E501
    ("en", "Another aid package valued up to $1 billion was approved earlier this week.", "allocated", "other", 1 * B, "USD", None, None),  # newsfromrss.com, 2024-04  # noqa: E501
    ("en", "The United States sent €42.2 billion in military aid to Ukraine between February 2022 and December 2023.", "delivered", "military_aid", Decimal("42.2") * B, "EUR", USA, UKR),  # adapted from rtl.be, 2024-02-16 (Kiel data)  # noqa: E501
    ("en", "Slovakia's new government scrapped a €40.3 million military aid package for Ukraine prepared by its predecessor.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # German
    ("de", "Deutschland hat der Ukraine weitere Militärhilfe in Höhe von insgesamt 5 Mrd. Euro zugesagt.", "announced", "military_aid", 5 * B, "EUR", DEU, UKR),  # open4business.com.ua (NTV)  # noqa: E501
    ("de", "Die EU-Außenminister einigten sich darauf, der Ukraine weitere 500 Millionen Euro für Waffen zur Verfügung zu stellen.", "agreed", "military_aid", 500 * M, "EUR", EU, UKR),  # kleinezeitung.at, 2022-05  # noqa: E501
    ("de", "Der Bundestag hat für 2024 Militärhilfe für die Ukraine in Höhe von 8 Milliarden Euro bewilligt.", "allocated", "military_aid", 8 * B, "EUR", None, UKR),  # after globodiroma.it, 2024-01-31  # noqa: E501
    ("de", "Deutschland hat der Ukraine zwei weitere Systeme zur Luftverteidigung geliefert.", "delivered", "military_aid", None, None, DEU, UKR),  # after vovworld.vn  # noqa: E501
    ("de", "Die Slowakei hat die Militärhilfe für die Ukraine im Wert von 40,3 Millionen Euro gestrichen.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # Russian
    ("ru", "Евросоюз выделит на военную помощь Украине ещё 500 миллионов евро.", "announced", "military_aid", 500 * M, "EUR", EU, UKR),  # govoritmoskva.ru, 2023-02-02  # noqa: E501
    ("ru", "Послы ЕС согласовали выделение Украине пяти млрд евро военной помощи.", "agreed", "military_aid", 5 * B, "EUR", EU, UKR),  # nsn.fm, 2024-03  # noqa: E501
    ("ru", "Евросоюз одобрил 90 млрд. евро для Украины на ближайшие два года.", "allocated", "other", 90 * B, "EUR", EU, UKR),  # obzoro.com, 2026-01-14  # noqa: E501
    ("ru", "По его словам, Европа поставила Украине вооружений на сумму, в несколько раз превышающую ранее заявленные €1,5 млрд.", "delivered", "military_aid", Decimal("1.5") * B, "EUR", None, UKR),  # dzen.ru, 2022-04-22  # noqa: E501
    ("ru", "Словакия отменила пакет военной помощи Украине на 40,3 млн евро.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # Ukrainian
    ("uk", "Країни ЄС і Канада нададуть Україні військову допомогу на €35 млрд.", "announced", "military_aid", 35 * B, "EUR", EU, UKR),  # expres.kyiv.ua, 2025-06-23  # noqa: E501
    ("uk", "Країни G7 погодили декларацію щодо гарантій безпеки для України.", "agreed", "security_guarantee", None, None, None, UKR),  # pravda.com.ua, 2023-07-12 (reading set)  # noqa: E501
    ("uk", "Уряд Нідерландів виділив 3,5 мільярда євро на військову допомогу Україні у 2025 році.", "allocated", "military_aid", Decimal("3.5") * B, "EUR", NLD, UKR),  # after the Dutch government, 2024  # noqa: E501
    ("uk", "Польща передала Україні 46 пакетів озброєння та боєприпасів.", "delivered", "military_aid", None, None, POL, UKR),  # after tvn24.pl, 2025-10-10  # noqa: E501
    ("uk", "Словаччина скасувала пакет військової допомоги Україні на 40,3 млн євро.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # French
    ("fr", "L'Union européenne a, quant à elle, promis 49,7 milliards d'euros d'aide militaire depuis le début de la guerre.", "announced", "military_aid", Decimal("49.7") * B, "EUR", EU, None),  # rtl.be, 2024-02-16  # noqa: E501
    ("fr", "Les pays membres de l'OTAN ont convenu dans leur déclaration commune que l'aide militaire à l'Ukraine serait d'au moins 40 milliards d'euros.", "agreed", "military_aid", 40 * B, "EUR", None, UKR),  # linfo.re, 2024-07-10  # noqa: E501
    ("fr", "Depuis février 2022, l'Union européenne a alloué 134 milliards d'euros d'aide à l'Ukraine.", "allocated", "other", 134 * B, "EUR", EU, UKR),  # eu.news-pravda.com, 2025-02-03  # noqa: E501
    ("fr", "Quant à la France, elle a versé environ 4,4 milliards d'euros d'aide à l'Ukraine.", "delivered", "other", Decimal("4.4") * B, "EUR", FRA, UKR),  # after myvideo.cc  # noqa: E501
    ("fr", "La Slovaquie a annulé un paquet d'aide militaire de 40,3 millions d'euros destiné à l'Ukraine.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # Italian
    ("it", "La Germania da sola ha promesso otto miliardi di euro di aiuti militari all'Ucraina.", "announced", "military_aid", 8 * B, "EUR", DEU, UKR),  # globodiroma.it, 2024-01-31  # noqa: E501
    ("it", "I leader del G7 hanno raggiunto un accordo sull'esborso di 50 miliardi di dollari a favore dell'Ucraina.", "agreed", "other", 50 * B, "USD", None, UKR),  # agi.it, 2024-06-13 (reading set)  # noqa: E501
    ("it", "Abbiamo appena stanziato 1 miliardo di euro per l'industria della difesa ucraina.", "allocated", "defence_industry", 1 * B, "EUR", None, None),  # zazoom.it (Kallas), 2025-05-09  # noqa: E501
    ("it", "L'Italia ha consegnato all'Ucraina aiuti militari e di altro tipo per 2,5 miliardi di euro.", "delivered", "military_aid", Decimal("2.5") * B, "EUR", ITA, UKR),  # italy.news-pravda.com, 2025-05-11  # noqa: E501
    ("it", "La Slovacchia ha annullato un pacchetto di aiuti militari all'Ucraina da 40,3 milioni di euro.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # Spanish
    ("es", "Alemania prometió 500 millones de euros en ayuda militar a Ucrania.", "announced", "military_aid", 500 * M, "EUR", DEU, UKR),  # after Pistorius at Ramstein, 2024-03-19  # noqa: E501
    ("es", "España y Ucrania firmaron un acuerdo de seguridad que incluye 1.000 millones de euros en ayuda militar para 2024.", "agreed", "military_aid", 1 * B, "EUR", ESP, UKR),  # after La Moncloa, 2024-05-27  # noqa: E501
    ("es", "El Gobierno aprobó 1.100 millones de euros de ayuda militar a Ucrania.", "allocated", "military_aid", Decimal("1.1") * B, "EUR", None, UKR),  # after libertaddigital.com, 2024-05-27 (reading set)  # noqa: E501
    ("es", "España entregó a Ucrania seis lanzadores Hawk y munición.", "delivered", "military_aid", None, None, ESP, UKR),  # after the Spanish defence ministry, 2024  # noqa: E501
    ("es", "Eslovaquia canceló un paquete de ayuda militar a Ucrania de 40,3 millones de euros.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # Polish
    ("pl", "Niemcy zapowiedziały nowy pakiet pomocy wojskowej dla Ukrainy o wartości 500 mln euro.", "announced", "military_aid", 500 * M, "EUR", DEU, UKR),  # after news-pravda.com, 2024-03-19  # noqa: E501
    ("pl", "Kraje G7 uzgodniły gwarancje bezpieczeństwa dla Ukrainy.", "agreed", "security_guarantee", None, None, None, UKR),  # after dziennik.pl, 2023-07 (reading set)  # noqa: E501
    ("pl", "Rząd przeznaczył 2,5 mld zł na pomoc wojskową dla Ukrainy.", "allocated", "military_aid", Decimal("2.5") * B, "PLN", None, UKR),  # after superbiz.se.pl  # noqa: E501
    ("pl", "Polska przekazała Ukrainie pomoc militarną wartą 3,23 mld euro, czyli ponad 14 mld zł.", "delivered", "military_aid", Decimal("3.23") * B, "EUR", POL, UKR),  # dorzeczy.pl (KPRP)  # noqa: E501
    ("pl", "Słowacja wycofała pakiet pomocy wojskowej dla Ukrainy o wartości 40,3 mln euro.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
    # Greek
    ("el", "Η Γερμανία ανακοίνωσε στρατιωτική βοήθεια 500 εκατ. ευρώ για την Ουκρανία.", "announced", "military_aid", 500 * M, "EUR", DEU, UKR),  # after Pistorius at Ramstein, 2024-03-19  # noqa: E501
    ("el", "Οι χώρες της G7 συμφώνησαν εγγυήσεις ασφαλείας για την Ουκρανία.", "agreed", "security_guarantee", None, None, None, UKR),  # after cnn.gr, 2023-07-12  # noqa: E501
    ("el", "Η ΕΕ ενέκρινε οικονομική βοήθεια 50 δισ. ευρώ για την Ουκρανία.", "allocated", "financial_aid", 50 * B, "EUR", EU, UKR),  # after the Ukraine Facility, 2024-02-29  # noqa: E501
    ("el", "Η Ελλάδα παρέδωσε πυρομαχικά στην Ουκρανία.", "delivered", "military_aid", None, None, GRC, UKR),  # after kathimerini.gr, 2023  # noqa: E501
    ("el", "Η Σλοβακία ακύρωσε πακέτο στρατιωτικής βοήθειας 40,3 εκατ. ευρώ για την Ουκρανία.", "withdrawn", "military_aid", Decimal("40.3") * M, "EUR", SVK, UKR),  # after Reuters, 2023-10  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "text", "stage", "kind", "amount", "currency", "party", "beneficiary"), CASES
)
def test_each_stage_verb_in_each_language(
    lang, text, stage, kind, amount, currency, party, beneficiary
) -> None:
    found = read(lang, text)
    assert found is not None
    assert (found.stage, found.kind) == (stage, kind)
    if amount is None:
        assert found.amount is None
    else:
        assert (found.amount.value, found.amount.currency) == (amount, currency)
    assert (found.party, found.beneficiary) == (party, beneficiary)
    assert found.text == text  # the evidence: the sentence as written


def test_every_language_and_stage_is_covered() -> None:
    covered = {(lang, stage) for lang, _t, stage, *_rest in CASES}
    stages = {"announced", "agreed", "allocated", "delivered", "withdrawn"}
    assert covered == {(lang, s) for lang in supported_languages() for s in stages}


NEGATED = [
    ("en", "Japan has not disbursed the $4.5 billion loan to Ukraine."),
    ("de", "Deutschland hat der Ukraine keine Waffen geliefert."),
    ("ru", "Германия не передала Украине оружие на 2 млрд евро."),
    ("uk", "Нідерланди не виділили 3,5 мільярда євро на військову допомогу."),
    ("fr", "La France n'a pas livré les armes promises à l'Ukraine."),
    ("it", "L'Italia non ha consegnato le armi all'Ucraina."),
    ("es", "España no entregó las armas a Ucrania."),
    ("pl", "Polska nie przekazała Ukrainie broni."),
    ("el", "Η Ελλάδα δεν παρέδωσε όπλα στην Ουκρανία."),
]


@pytest.mark.parametrize(("lang", "text"), NEGATED)
def test_a_negated_stage_reports_no_commitment(lang, text) -> None:
    assert read(lang, text) is None


def test_a_stage_to_come_is_a_promise() -> None:
    # "will allocate" is a pledge today (euromaidanpress.com, 2024-01-14, reading set)
    found = read("en", "The UK will allocate £2.5 bn in military aid to Ukraine during 2024.")
    assert found.stage == "announced"
    assert (found.amount.value, found.amount.first_year) == (Decimal("2.5") * B, 2024)
    # a perfective future in Russian: "выделит"
    assert read("ru", "Германия выделит Украине 3 млрд евро военной помощи.").stage == "announced"


def test_a_verb_of_saying_is_no_stage() -> None:
    # "przekazał, że": "said that", not "handed over" (tvn24.pl, 2025-05-01, reading set)
    text = (
        "Departament skarbu USA przekazał, że Stany Zjednoczone i Ukraina podpisały dokument "
        "o partnerstwie ekonomicznym i utworzeniu Funduszu Inwestycyjnego na rzecz Odbudowy."
    )
    found = read("pl", text)
    assert found.stage == "agreed"
    assert found.kind == "reconstruction"


def test_a_verbal_noun_reports_no_stage() -> None:
    # the seed report of 2024-01-15 (seeds/): talks on guarantees, no guarantee provided yet
    text = (
        "Ukraine is to start consultations with the United States this week on providing "
        "security guarantees for Kyiv."
    )
    assert read("en", text) is None


def _read(lang: str, text: str) -> list[tuple]:
    return [
        (c.party, c.beneficiary, c.kind, c.stage, c.amount and c.amount.value)
        for c in read_all(lang, text)
    ]


def test_a_list_of_parties_commits_each() -> None:
    # the list after the verb (Greek puts the subject after it); liberal.gr, 2023-08-13
    # (reading set), the two sentences of the quote joined
    text = (
        "Η Ελλάδα προσχώρησε στη Διακήρυξη των G7 σχετικά με τις εγγυήσεις ασφαλείας για την "
        "Ουκρανία, όπως έχουν προσχωρήσει το Βέλγιο, η Τσεχία, η Δανία."
    )
    parties = [party for party, *_rest in _read("el", text)]
    assert parties == [GRC, BEL, CZE, DNK]
    assert {c.beneficiary for c in read_all("el", text)} == {UKR}


def test_two_parties_that_sign_commit_to_each_other() -> None:
    # "X and Y signed": each side of a bilateral agreement (the service keeps the donor's)
    text = "Stany Zjednoczone i Ukraina podpisały dokument o utworzeniu Funduszu Odbudowy."
    assert _read("pl", text) == [
        (USA, UKR, "reconstruction", "agreed", None),
        (UKR, USA, "reconstruction", "agreed", None),
    ]  # after tvn24.pl, 2025-05-01 (reading set)


def test_the_other_side_of_an_agreement_is_a_party() -> None:
    # "eine Einigung mit": the name after the partner word is a party (after n-tv.de,
    # 2026-01-22, reading set)
    text = (
        "Selenskyj hat eine Einigung mit US-Präsident Trump über Sicherheitsgarantien für die "
        "Ukraine verkündet."
    )
    found = _read("de", text)
    assert found == [(USA, UKR, "security_guarantee", "agreed", None)]


def test_the_target_of_sanctions_is_no_party() -> None:
    # junge Welt, 2025-03-27 (reading set): Russia is what the sanctions are against
    text = "Die Runde verkündete, sie wolle die Sanktionen gegen Russland beibehalten."
    assert [(p, k, st) for p, _b, k, st, _a in _read("de", text)] == [
        (None, "sanctions", "announced")
    ]


def test_ready_to_sign_is_agreed_ready_to_send_is_a_pledge() -> None:
    # upday.com, 2026-01-06 (reading set): documents "ready" to be signed are agreed
    text = "Abbiamo documenti pronti per le garanzie di sicurezza e siamo pronti a firmarli."
    assert _read("it", text)[0][2:4] == ("security_guarantee", "agreed")
    # benborges.com, 2025-04-11 (reading set): a readiness to send troops is a pledge
    text = "The U.K., France and another country stand ready to send their soldiers."
    assert _read("en", text) == [(FRA, None, "troops", "announced", None)]


def test_almost_agreed_is_not_agreed() -> None:
    # lenta.ru, 2025-12-24 (reading set)
    text = "США и Украина почти согласовали гарантии безопасности."
    assert _read("ru", text) == [
        (USA, UKR, "security_guarantee", "announced", None),
        (UKR, USA, "security_guarantee", "announced", None),
    ]


def test_the_inflected_future_is_a_promise() -> None:
    # adnkronos.com, 2023-07-12 (reading set): "forniranno" (fornire: delivered) is to come
    text = (
        "I paesi del G7 forniranno più equipaggiamento di difesa e accelereranno la "
        "condivisione di intelligence."
    )
    assert [(k, st) for _p, _b, k, st, _a in _read("it", text)] == [
        ("military_aid", "announced"),
        ("intelligence", "announced"),
    ]
    # the French future: "fourniront" (tf1info.fr, 2023-07-12, reading set)
    text = "La déclaration détaille les armes que la France fournira à l'Ukraine."
    assert _read("fr", text) == [(FRA, UKR, "military_aid", "announced", None)]


def test_a_verbal_noun_after_a_pledge_is_the_pledge() -> None:
    # dziennik.pl, 2023-07 (reading set): "zobowiązały się do udzielenia" is a pledge, not a
    # delivery ("udzielenia" is the verbal noun of "udzielić")
    text = (
        "Kraje G7 zobowiązały się do udzielenia długoterminowego wsparcia militarnego Ukrainie "
        "oraz gwarancji bezpieczeństwa."
    )
    assert [(k, st) for _p, _b, k, st, _a in _read("pl", text)] == [
        ("military_aid", "announced"),
        ("security_guarantee", "announced"),
    ]


def test_each_amount_at_its_own_verb() -> None:
    # euromaidanpress.com, 2024-01-14 (reading set)
    text = (
        "The agreement highlights that Britain provided £2.3 bn of military aid for Ukraine in "
        "2022, another £2.3 bn in 2023, and will allocate £2.5 bn in military aid during 2024."
    )
    found = read_all("en", text)
    assert [(c.stage, c.amount.value, c.amount.first_year) for c in found] == [
        ("delivered", Decimal("2.3") * B, 2022),
        ("delivered", Decimal("2.3") * B, 2023),
        ("announced", Decimal("2.5") * B, 2024),
    ]


def test_an_agreement_that_provides_for_aid_reports_it_agreed() -> None:
    # mk.ru, 2024-02-16 (reading set): "предусматривает" (the agreement provides for)
    text = "Соглашение предусматривает выделение Германией более 7 млрд евро военной помощи."
    assert _read("ru", text) == [(DEU, None, "military_aid", "agreed", 7 * B)]
    # eltriangle.eu, 2025-05-01 (reading set): "prevé"
    text = "El texto prevé el establecimiento del Fondo de Inversión en Reconstrucción."
    assert _read("es", text)[0][2:4] == ("reconstruction", "agreed")


def test_who_speaks_before_that_does_not_commit() -> None:
    # mk.ru, 2024-02-16 (reading set): Zelensky reports, Germany (instrumental) gives
    text = (
        "Зеленский указал, что соглашение предусматривает выделение Германией более 7 млрд "
        "евро, четкие контракты и поставки вооружений."
    )
    assert _read("ru", text) == [(DEU, None, "military_aid", "agreed", 7 * B)]


def test_the_summit_of_an_organisation_is_no_party() -> None:
    # pravda.com.ua, 2023-07-12 (reading set): "на саміті НАТО" names where, not who
    text = "Країни ЄС на саміті НАТО погодили рамковий документ щодо гарантій безпеки для України."
    assert [(p, k, st) for p, _b, k, st, _a in _read("uk", text)] == [
        (EU, "security_guarantee", "agreed")
    ]


def test_a_participle_the_lemmatiser_leaves_reports_its_verb() -> None:
    # "ha prometido" (simplemma keeps "prometido"): the pack's participles of each stage verb
    text = "Alemania ha prometido 500 millones de euros en ayuda militar a Ucrania."
    assert _read("es", text) == [(DEU, UKR, "military_aid", "announced", 500 * M)]
    # "a fourni" (simplemma keeps "fourni"); after tf1info.fr, 2023-07-12 (reading set)
    text = "La France a fourni des armes à l'Ukraine."
    assert _read("fr", text) == [(FRA, UKR, "military_aid", "delivered", None)]


def test_a_split_separable_verb_reports_its_stage() -> None:
    # German separable verbs: the finite stem, its particle closing the clause (constructed,
    # after the reading set's "sicherte ... zu" and "sagt ... zu" reports)
    text = "Deutschland sicherte der Ukraine Militärhilfe im Wert von 7 Milliarden Euro zu."
    assert _read("de", text) == [(DEU, UKR, "military_aid", "announced", 7 * B)]
    text = "Deutschland gab 8 Milliarden Euro Militärhilfe für die Ukraine frei."
    assert _read("de", text) == [(DEU, UKR, "military_aid", "allocated", 8 * B)]
    text = "Die Slowakei zog ihre Militärhilfe für die Ukraine zurück."
    assert _read("de", text) == [(SVK, UKR, "military_aid", "withdrawn", None)]
    # a particle inside the clause ("zu liefern") or after a comma is no split verb
    text = "Deutschland sagte, die Ukraine brauche Waffen zu."
    assert _read("de", text) == []


# Nationality adjectives stand for their party where no name commits.
_SLUGS = {"germany": DEU, "united-states": USA, "france": FRA, "italy": ITA, "poland": POL}
_SLUGS |= {"ukraine": UKR, "russia": RUS}


def _read_adjectives(lang: str, text: str):
    pack = pack_for(lang)

    def parties_of(target, _day):
        kind, key = target
        return {_SLUGS[key]} if kind == "slug" and key in _SLUGS else {key} - {None}

    found = find_commitments(text, pack, GAZ.find(text, lang=pack.code), parties_of)
    return [(c.party, c.beneficiary, c.kind, c.stage) for c in found]


@pytest.mark.parametrize(
    ("lang", "text", "party"),
    [
        # constructed
        ("en", "The American pledge of $2 billion in military aid was approved.", USA),
        # constructed, after lemonde.fr's "le soutien allemand"
        ("fr", "Le soutien militaire allemand a été livré à l'Ukraine.", DEU),
        # constructed: the adjective inflected ("tedeschi")
        ("it", "Gli aiuti militari tedeschi sono stati consegnati all'Ucraina.", DEU),
        # constructed: the adjective inflected ("polską")
        ("pl", "Sejm zatwierdził polską pomoc wojskową dla Ukrainy.", POL),
    ],
)
def test_a_nationality_adjective_is_the_party(lang, text, party) -> None:
    assert [c[0] for c in _read_adjectives(lang, text)] == [party]


def test_a_name_commits_before_an_adjective() -> None:
    # constructed: the name is the party; "Russian" qualifies what is used
    text = "France will provide €1 billion in military aid from frozen Russian assets to Ukraine."
    assert _read_adjectives("en", text) == [(FRA, UKR, "military_aid", "announced")]


def test_an_elided_article_marks_who_receives() -> None:
    # "all'Ucraina", "à l'Ukraine": the beneficiary link is the elided article (constructed)
    text = "La Germania ha consegnato armi all'Ucraina."
    assert _read("it", text) == [(DEU, UKR, "military_aid", "delivered", None)]


# English breadth: stage verbs (Merriam-Webster senses of giving, approving, agreeing, pledging
# and stopping) and kind nouns; constructed sentences in the wire style.
EN_BREADTH = [
    ("The United States paused intelligence sharing with Ukraine.", "intelligence", "withdrawn"),
    ("The United States suspended military aid to Ukraine.", "military_aid", "withdrawn"),
    ("The Netherlands halted its funding for the project.", "financial_aid", "withdrawn"),
    ("Poland called off the delivery of tanks to Ukraine.", "military_aid", "withdrawn"),
    ("Germany supplied howitzers and munitions to Ukraine.", "military_aid", "delivered"),
    ("Denmark donated armoured vehicles to Ukraine.", "military_aid", "delivered"),
    ("France dispatched military personnel to Ukraine.", "troops", "delivered"),
    ("Germany paid out €2 billion in budgetary support to Ukraine.", "financial_aid", "delivered"),
    ("The United States authorised ATACMS for Ukraine.", "military_aid", "allocated"),
    (
        "The European Union unlocked €50 billion in economic assistance for Ukraine.",
        "financial_aid",
        "allocated",
    ),
    ("Italy and Ukraine sealed a security pact.", "security_guarantee", "agreed"),
    ("Spain and Ukraine inked a defence pact.", "security_guarantee", "agreed"),
    ("Belgium finalised the logistics for Ukraine.", "logistics", "agreed"),
    ("France vowed to provide air cover for Ukraine.", "air_support", "announced"),
    ("The United States confirmed a backstop for Ukraine.", "security_guarantee", "announced"),
    ("Poland undertook to send instructors to Ukraine.", "training", "announced"),
    ("The European Union pledged candidate status for Ukraine.", "eu_path", "announced"),
]


@pytest.mark.parametrize(("text", "kind", "stage"), EN_BREADTH)
def test_english_stage_verbs_and_kinds(text, kind, stage) -> None:
    found = {(c.kind, c.stage) for c in read_all("en", text)}
    assert (kind, stage) in found


def test_a_currency_word_of_a_smaller_currency() -> None:
    # constructed, after swissinfo.ch's reports of Swiss reconstruction money
    text = "Spain pledged 5 billion francs for the reconstruction of Ukraine."
    found = read("en", text)
    assert (found.amount.value, found.amount.currency) == (5 * B, "CHF")


def test_a_name_before_an_event_noun_is_no_party() -> None:
    # "the NATO summit", "des Nato-Gipfels": the name qualifies the meeting (constructed)
    text = "The EU summit in Brussels pledged tanks to Ukraine."
    assert [c.party for c in read_all("en", text)] == [None]
    text = "Am Rande des EU-Gipfels sagte Deutschland der Ukraine Waffen zu."
    assert [c.party for c in read_all("de", text)] == [DEU]


def test_a_comma_ends_the_event_phrase() -> None:
    # constructed: France commits, the summit is where
    text = "At the NATO summit, France pledged air defence systems to Ukraine."
    assert _read("en", text) == [(FRA, UKR, "military_aid", "announced", None)]


def test_an_adjective_of_the_speaker_or_the_venue_does_not_commit() -> None:
    # constructed, after legrandcontinent.eu (reading set): the French president reports
    text = "Le président français a déclaré que 26 pays se sont engagés à envoyer des troupes."
    assert [c[0] for c in _read_adjectives("fr", text)] == [None]
    # constructed, after rheinpfalz.de (reading set): Vilnius is where
    text = "In der litauischen Hauptstadt wurden Waffen für die Ukraine zugesagt."
    assert [c[0] for c in _read_adjectives("de", text)] == [None]


# Breadth in the other languages: stage verbs from each language's dictionary (the verbs of
# stopping, sending, granting, concluding and pledging, Slavic imperfectives), weapon systems,
# economic aid, logistics, air cover; constructed sentences in the wire style.
OTHER_BREADTH = [
    ("fr", "La France a suspendu son aide militaire à l'Ukraine.", "military_aid", "withdrawn"),
    ("fr", "La France a expédié des obus et des chars à l'Ukraine.", "military_aid", "delivered"),
    (
        "fr",
        "L'Union européenne a octroyé une aide macrofinancière à l'Ukraine.",
        "financial_aid",
        "allocated",
    ),
    (
        "fr",
        "La France et l'Ukraine ont scellé un accord de sécurité.",
        "security_guarantee",
        "agreed",
    ),
    ("fr", "L'accord prévoit un soutien logistique à l'Ukraine.", "logistics", "agreed"),
    ("fr", "La France a réaffirmé son soutien aérien à l'Ukraine.", "air_support", "announced"),
    ("it", "L'Italia ha sospeso gli aiuti militari all'Ucraina.", "military_aid", "withdrawn"),
    ("it", "L'Italia ha spedito missili e droni all'Ucraina.", "military_aid", "delivered"),
    ("it", "L'Italia ha sbloccato finanziamenti per l'Ucraina.", "financial_aid", "allocated"),
    (
        "it",
        "L'Italia e l'Ucraina hanno siglato un accordo di sicurezza.",
        "security_guarantee",
        "agreed",
    ),
    ("it", "L'Italia ha ribadito il supporto logistico all'Ucraina.", "logistics", "announced"),
    ("it", "L'Italia ha confermato la copertura aerea per l'Ucraina.", "air_support", "announced"),
    ("es", "España suspendió la ayuda militar a Ucrania.", "military_aid", "withdrawn"),
    ("es", "España donó tanques y municiones a Ucrania.", "military_aid", "delivered"),
    ("es", "España otorgó ayuda económica a Ucrania.", "financial_aid", "allocated"),
    (
        "es",
        "España y Ucrania suscribieron un acuerdo de seguridad.",
        "security_guarantee",
        "agreed",
    ),
    ("es", "España reafirmó su apoyo logístico a Ucrania.", "logistics", "announced"),
    ("es", "España confirmó la cobertura aérea para Ucrania.", "air_support", "announced"),
    (
        "de",
        "Deutschland hat die Militärhilfe für die Ukraine ausgesetzt.",
        "military_aid",
        "withdrawn",
    ),
    (
        "de",
        "Deutschland stellte die Militärhilfe für die Ukraine ein.",
        "military_aid",
        "withdrawn",
    ),
    (
        "de",
        "Deutschland schickte Panzer und Haubitzen an die Ukraine.",
        "military_aid",
        "delivered",
    ),
    (
        "de",
        "Der Bundestag genehmigte Wirtschaftshilfe für die Ukraine.",
        "financial_aid",
        "allocated",
    ),
    (
        "de",
        "Deutschland schloss mit der Ukraine ein Sicherheitsabkommen ab.",
        "security_guarantee",
        "agreed",
    ),
    (
        "de",
        "Deutschland bekräftigte die Luftunterstützung für die Ukraine.",
        "air_support",
        "announced",
    ),
    ("pl", "Polska wstrzymała pomoc wojskową dla Ukrainy.", "military_aid", "withdrawn"),
    ("pl", "Polska dostarcza czołgi i drony dla Ukrainy.", "military_aid", "delivered"),
    ("pl", "Polska przyznaje pomoc gospodarczą dla Ukrainy.", "financial_aid", "allocated"),
    ("pl", "Polska podpisuje umowę o bezpieczeństwie z Ukrainą.", "security_guarantee", "agreed"),
    ("pl", "Polska zapowiada wsparcie logistyczne dla Ukrainy.", "logistics", "announced"),
    ("pl", "Polska obiecuje osłonę powietrzną dla Ukrainy.", "air_support", "announced"),
    ("ru", "Германия приостановила военную помощь Украине.", "military_aid", "withdrawn"),
    ("ru", "Германия отправила танки и снаряды Украине.", "military_aid", "delivered"),
    ("ru", "Германия выделяет экономическую помощь Украине.", "financial_aid", "allocated"),
    (
        "ru",
        "Германия и Украина заключили соглашение о гарантиях безопасности.",
        "security_guarantee",
        "agreed",
    ),
    ("ru", "Германия объявляет о логистической поддержке Украины.", "logistics", "announced"),
    ("uk", "Німеччина призупинила військову допомогу Україні.", "military_aid", "withdrawn"),
    ("uk", "Німеччина відправила танки та снаряди Україні.", "military_aid", "delivered"),
    ("uk", "Німеччина виділяє економічну допомогу Україні.", "financial_aid", "allocated"),
    (
        "uk",
        "Німеччина та Україна уклали угоду про гарантії безпеки.",
        "security_guarantee",
        "agreed",
    ),
    ("uk", "Німеччина оголошує про логістичну підтримку України.", "logistics", "announced"),
]


@pytest.mark.parametrize(("lang", "text", "kind", "stage"), OTHER_BREADTH)
def test_stage_verbs_and_kinds_in_other_languages(lang, text, kind, stage) -> None:
    assert (kind, stage) in {(c.kind, c.stage) for c in read_all(lang, text)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die Schweiz sagte 5 Milliarden Franken für den Wiederaufbau zu."),
        ("pl", "Szwajcaria przeznaczyła 5 miliardów franków na odbudowę."),
        ("ru", "Швейцария выделила 5 миллиардов франков на восстановление."),
        ("uk", "Швейцарія виділила 5 мільярдів франків на відновлення."),
    ],
)
def test_swiss_francs(lang, text) -> None:
    # constructed, after swissinfo.ch's reports of Swiss reconstruction money
    found = read(lang, text)
    assert (found.amount.value, found.amount.currency) == (5 * B, "CHF")


@pytest.mark.parametrize(
    "text",
    [
        # verbs of augmenting a commitment report a pledge (constructed)
        "Germany stepped up its military aid to Ukraine.",
        "Germany will boost its air defence deliveries to Ukraine.",
        "Germany will bolster Ukraine's air defence.",
        "France increased its military support to Ukraine.",
        "Poland plans to scale up training for Ukraine.",
    ],
)
def test_a_verb_of_augmenting_is_a_pledge(text) -> None:
    found = read_all("en", text)
    assert found
    assert all(c.stage == "announced" and c.beneficiary == UKR for c in found)
    assert found[0].party in {DEU, FRA, POL}


def test_whose_capabilities_after_the_verb_receives() -> None:
    # after irishexaminer.com, 2023-07-12 (reading set): "It" continues the sentence before
    text = (
        "Germany pledged security guarantees to Ukraine. It plans to expand training "
        "programmes and military exercises, while also developing Ukraine’s industrial "
        "capabilities."
    )
    found = read_all("en", text)
    later = [(c.party, c.kind) for c in found if c.start > 0]
    assert (DEU, "training") in later
    assert (DEU, "defence_industry") in later
    assert all(c.beneficiary == UKR for c in found)


def test_a_stage_word_after_a_determiner_is_a_noun() -> None:
    # moldova1.md, 2024-06-14 (reading set): "the supply of" names what the agreement provides
    text = "The agreement with the United States contains provisions for the supply of F-16 jets."
    assert [(c.party, c.stage) for c in read_all("en", text)] == [(USA, "agreed")]
    # constructed: talks about "the transfer" report no delivery
    assert read_all("en", "Germany discussed the transfer of tanks to Ukraine.") == []
