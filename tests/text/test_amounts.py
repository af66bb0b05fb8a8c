"""Amounts of money read from real sentences: scale words and abbreviations, each language's
thousands and decimal separators, written numbers, ranges, "up to", per-year amounts and
periods, normalised into a number and an ISO 4217 code.

Sources after each sentence (shortened or adapted where noted)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from negotiations.text.amounts import find_amounts, parse_digits, parse_words

B = 10**9
M = 10**6


def one(lang: str, text: str):
    found = find_amounts(text, lang)
    assert len(found) == 1, found
    amount = found[0]
    assert text[amount.start : amount.end]  # the span is the amount as written
    return amount


# (language, sentence, amount, currency, the amount as written)
SCALES = [
    ("en", "The agreement determines that the UK will allocate £2.5 bn in military aid during 2024.", Decimal("2.5") * B, "GBP", "£2.5 bn"),  # euromaidanpress.com, 2024-01-14 (reading set)  # noqa: E501
    ("en", "Britain pledged £2.5bn for 2024.", Decimal("2.5") * B, "GBP", "£2.5bn"),  # after gov.uk, 2024-01-12  # noqa: E501
    ("en", "Within this new package, $1.22 billion is allocated for assistance under the USAI program.", Decimal("1.22") * B, "USD", "$1.22 billion"),  # manipulyator.in.ua, 2024-12-30  # noqa: E501
    ("en", "The president directed Blinken to provide aid worth up to $126 million.", 126 * M, "USD", "$126 million"),  # after nsn.fm  # noqa: E501
    ("de", "Die Bundesregierung hat der Ukraine weitere Militärhilfe in Höhe von insgesamt 5 Mrd. Euro zugesagt.", 5 * B, "EUR", "5 Mrd. Euro"),  # open4business.com.ua  # noqa: E501
    ("de", "Zu diesem Treffen haben wir ein weiteres Paket mit einem Volumen von 500 Millionen Euro gebildet.", 500 * M, "EUR", "500 Millionen Euro"),  # after news-pravda.com (Pistorius), 2024-03-19  # noqa: E501
    ("ru", "США сделали первый взнос в размере $75 млн в американо-украинский инвестиционный фонд.", 75 * M, "USD", "$75 млн"),  # gazeta.ru, 2025-09-17 (reading set)  # noqa: E501
    ("ru", "Ранее министр обороны Эстонии заявил, что Киеву необходимо выделять 120 миллиардов евро.", 120 * B, "EUR", "120 миллиардов евро"),  # nsn.fm  # noqa: E501
    ("uk", "Україна повинна повернути $123 млрд: Трамп вносить нові вимоги в угоду про надра.", 123 * B, "USD", "$123 млрд"),  # gazeta.ua, 2025-03-28 (reading set)  # noqa: E501
    ("uk", "Нацбанк отримав 1,5 млрд гривень від партнерів.", Decimal("1.5") * B, "UAH", "1,5 млрд гривень"),  # after bank.gov.ua  # noqa: E501
    ("fr", "Selon deux diplomates, la France pourrait annoncer un fonds de 200 millions d'euros pour des projets civils.", 200 * M, "EUR", "200 millions d'euros"),  # boursier.com, 2024-02-15 (reading set)  # noqa: E501
    ("it", "I leader hanno raggiunto un accordo sull'esborso di 50 miliardi di dollari a favore dell'Ucraina.", 50 * B, "USD", "50 miliardi di dollari"),  # agi.it, 2024-06-13 (reading set)  # noqa: E501
    ("it", "Le istituzioni europee hanno invece stanziato 124,5 mld di euro.", Decimal("124.5") * B, "EUR", "124,5 mld di euro"),  # after quotedbusiness.com  # noqa: E501
    ("es", "El acuerdo incluye 1.100 millones de euros durante el próximo año en ayuda militar a Ucrania.", Decimal("1.1") * B, "EUR", "1.100 millones de euros"),  # libertaddigital.com, 2024-05-27 (reading set)  # noqa: E501
    ("es", "La UE aprobó 50.000 millones de euros para Ucrania.", 50 * B, "EUR", "50.000 millones de euros"),  # after the Ukraine Facility, 2024-02  # noqa: E501
    ("pl", "Sama pomoc militarna osiągnęła wartość około 3,23 mld euro.", Decimal("3.23") * B, "EUR", "3,23 mld euro"),  # superbiz.se.pl, 2026-01-30  # noqa: E501
    ("pl", "Polski rząd wydał 106 mld zł na wsparcie Ukrainy w latach 2022-2023.", 106 * B, "PLN", "106 mld zł"),  # superbiz.se.pl, 2026-01-30  # noqa: E501
    ("pl", "Wartość przekazanego sprzętu wyniosła 7,23 miliarda złotych.", Decimal("7.23") * B, "PLN", "7,23 miliarda złotych"),  # tvn24.pl, 2025-10-10  # noqa: E501
    ("el", "Η ΕΕ ενέκρινε 50 δισ. ευρώ για την Ουκρανία.", 50 * B, "EUR", "50 δισ. ευρώ"),  # after the Ukraine Facility, 2024-02  # noqa: E501
    ("el", "Η βοήθεια ανέρχεται σε 300 εκατομμύρια δολάρια.", 300 * M, "USD", "300 εκατομμύρια δολάρια"),  # after ertnews.gr  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "value", "currency", "written"), SCALES)
def test_scale_words_currencies_and_separators(lang, text, value, currency, written) -> None:
    amount = one(lang, text)
    assert (amount.value, amount.currency) == (value, currency)
    assert text[amount.start : amount.end] == written


# Each language's thousands and decimal separators, read by Babel with the language's locale.
SEPARATORS = [
    ("en", "1,500", Decimal(1500)),
    ("en", "2.5", Decimal("2.5")),
    ("en", "1,500,000", Decimal(1_500_000)),
    ("de", "1.500", Decimal(1500)),
    ("de", "1,5", Decimal("1.5")),
    ("de", "1.500,75", Decimal("1500.75")),
    ("fr", "7 000", Decimal(7000)),
    ("fr", "7\u202f000", Decimal(7000)),
    ("fr", "4,4", Decimal("4.4")),
    ("it", "1.500", Decimal(1500)),
    ("it", "124,5", Decimal("124.5")),
    ("es", "1.100", Decimal(1100)),
    ("es", "50.000", Decimal(50000)),
    ("pl", "1 500", Decimal(1500)),
    ("pl", "1\u00a0500", Decimal(1500)),
    ("pl", "3,23", Decimal("3.23")),
    ("ru", "1 500 000", Decimal(1_500_000)),
    ("ru", "1,5", Decimal("1.5")),
    ("uk", "40,3", Decimal("40.3")),
    ("uk", "1 000", Decimal(1000)),
    ("el", "1.000", Decimal(1000)),
    ("el", "2,5", Decimal("2.5")),
]


@pytest.mark.parametrize(("lang", "text", "value"), SEPARATORS)
def test_thousands_and_decimal_separators_of_each_language(lang, text, value) -> None:
    assert parse_digits(text, lang) == value


def test_separators_inside_sentences() -> None:
    # Canada's 1.5 million dollars, written the Ukrainian way (ukrinform.ua, adapted)
    amount = one("uk", "Канада передала Україні 1 500 000 доларів.")
    assert (amount.value, amount.currency) == (Decimal(1_500_000), "USD")
    # "7 000 euros", the French way (after service-public.fr)
    assert one("fr", "Une aide jusqu'à 7 000 euros par foyer.").value == Decimal(7000)
    # a German thousands point before a scale word
    amount = one("de", "Deutschland liefert Waffen im Wert von 1.500 Millionen Euro.")
    assert amount.value == Decimal("1.5") * B


WRITTEN = [
    ("en", "The United States promised two billion euros.", 2 * B, "EUR"),
    ("de", "Sein Trost für Selenskij belief sich auf zwei Milliarden Euro neuer französischer Militärhilfe.", 2 * B, "EUR"),  # jungewelt.de, 2025-03-27 (reading set)  # noqa: E501
    ("fr", "La France a promis trois milliards d'euros.", 3 * B, "EUR"),
    ("it", "La Germania da sola ha promesso otto miliardi di euro.", 8 * B, "EUR"),  # globodiroma.it, 2024-01-31  # noqa: E501
    ("es", "El Gobierno aprobó dos mil millones de euros.", 2 * B, "EUR"),
    ("ru", "Послы ЕС согласовали выделение Украине пяти млрд евро военной помощи.", 5 * B, "EUR"),  # nsn.fm, 2024-03  # noqa: E501
    ("ru", "Украинский Минфин оценил ежемесячную потребность страны в три миллиарда долларов.", 3 * B, "USD"),  # newizv.ru, 2023-02-02  # noqa: E501
    ("uk", "Уряд отримав півтора мільярда доларів.", Decimal("1.5") * B, "USD"),
    ("pl", "Niemcy przekazały pięć miliardów euro.", 5 * B, "EUR"),
    ("el", "Η ΕΕ ενέκρινε δύο δισεκατομμύρια ευρώ.", 2 * B, "EUR"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "value", "currency"), WRITTEN)
def test_written_numbers(lang, text, value, currency) -> None:
    amount = one(lang, text)
    assert (amount.value, amount.currency) == (value, currency)


def test_written_numbers_of_languages_text2num_lacks_come_from_the_pack() -> None:
    table = {"двадцять": Decimal(20), "п'ять": Decimal(5), "пять": Decimal(5)}
    assert parse_words(["двадцять", "п'ять"], "uk", table) == Decimal(25)
    assert parse_words(["ten"], "en", {}) == Decimal(10)
    assert parse_words(["minister"], "en", {}) is None


RANGES = [
    ("en", "Japan will provide between 1 and 2 billion dollars.", 1 * B, 2 * B, "USD"),
    ("en", "The EU approved €1bn-€2bn for the facility.", 1 * B, 2 * B, "EUR"),
    ("en", "Analysts expect 500 to 600 million euros.", 500 * M, 600 * M, "EUR"),
    ("de", "Berlin stellt zwischen 1 und 2 Milliarden Euro bereit.", 1 * B, 2 * B, "EUR"),
    ("uk", "Уряд отримає від 1 до 2 млрд гривень.", 1 * B, 2 * B, "UAH"),
    ("ru", "Киев рассчитывает на сумму от 3 до 5 млрд долларов.", 3 * B, 5 * B, "USD"),
    ("fr", "Paris débloquera de 1 à 3 milliards d'euros.", 1 * B, 3 * B, "EUR"),
    ("it", "Roma stanzierà tra 1 e 2 miliardi di euro.", 1 * B, 2 * B, "EUR"),
    ("es", "Madrid aportará entre 1.000 y 2.000 millones de euros.", 1 * B, 2 * B, "EUR"),
    ("pl", "Rząd przeznaczy od 1 do 2 mld zł.", 1 * B, 2 * B, "PLN"),
    ("el", "Η Αθήνα θα διαθέσει από 1 έως 2 δισ. ευρώ.", 1 * B, 2 * B, "EUR"),
]


@pytest.mark.parametrize(("lang", "text", "low", "high", "currency"), RANGES)
def test_ranges(lang, text, low, high, currency) -> None:
    amount = one(lang, text)
    assert (amount.low, amount.value, amount.currency) == (low, high, currency)
    assert not amount.up_to


def test_a_year_or_a_list_is_no_range() -> None:
    # "у 2024 році до 2 млрд": a year, then a ceiling
    amount = one("uk", "У 2024 році до 2 млрд доларів.")
    assert (amount.low, amount.up_to) == (None, True)
    # "300 tanks and 2 billion euros": "and" opens no range without "between"
    amount = one("en", "They sent 300 tanks and 2 billion euros.")
    assert (amount.low, amount.value) == (None, 2 * B)


UP_TO = [
    ("en", "Lloyd Austin announced a military aid package for Ukraine valued up to $6 billion.", 6 * B),  # newsfromrss.com, 2024-04  # noqa: E501
    ("de", "Die Ukraine erhält bis zu 1,5 Mrd. Euro pro Jahr.", Decimal("1.5") * B),
    ("fr", "L'aide pourra atteindre jusqu'à 7 milliards d'euros.", 7 * B),
    ("it", "Il sostegno arriverà fino a 3 miliardi di euro.", 3 * B),
    ("es", "La ayuda llegará hasta 2.000 millones de euros.", 2 * B),
    ("ru", "Байден поручил выделить помощь Киеву на сумму до $126 миллионов.", 126 * M),  # nsn.fm  # noqa: E501
    ("uk", "Канада виділить до 500 млн доларів.", 500 * M),
    ("pl", "Pomoc wyniesie do 2 mld zł.", 2 * B),
    ("el", "Η βοήθεια θα φτάσει έως 1 δισ. ευρώ.", 1 * B),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "value"), UP_TO)
def test_up_to(lang, text, value) -> None:
    amount = one(lang, text)
    assert (amount.value, amount.up_to, amount.low) == (value, True, None)


PER_YEAR = [
    ("en", "Japan will pay $1 billion a year.", "a year"),
    ("de", "Die Ukraine erhält 3 Milliarden Euro pro Jahr.", "pro Jahr"),
    ("fr", "La France versera 3 milliards d'euros par an.", "par an"),
    ("it", "L'Italia verserà 1 miliardo di euro all'anno.", "all'anno"),
    ("es", "España aportará 1.000 millones de euros al año.", "al año"),
    ("ru", "Киеву необходимо выделять 120 миллиардов евро в год.", "в год"),  # nsn.fm (adapted)
    ("uk", "Країна отримуватиме 5 млрд доларів щороку.", "щороку"),
    ("pl", "Polska przeznaczy 2 mld zł rocznie.", "rocznie"),
    ("el", "Η ΕΕ θα δίνει 5 δισ. ευρώ ετησίως.", "ετησίως"),
]


@pytest.mark.parametrize(("lang", "text", "phrase"), PER_YEAR)
def test_per_year(lang, text, phrase) -> None:
    amount = one(lang, text)
    assert amount.per_year
    assert amount.period_phrase == phrase


PERIODS = [
    ("en", "The UK provided £2.3 bn of military aid for Ukraine in 2022.", 2022, 2022, None, "in 2022"),  # euromaidanpress.com (reading set)  # noqa: E501
    ("en", "The US will provide up to $1.5 billion over ten years.", None, None, 10, "over ten years"),  # noqa: E501
    ("en", "The EU approved €50 billion for 2024–2027.", 2024, 2027, None, "for 2024–2027"),
    ("de", "Deutschland stellt der Ukraine 8,25 Milliarden Euro bis 2029 bereit.", 2029, 2029, None, "bis 2029"),  # news-pravda.com (Baerbock), 2025-04-01  # noqa: E501
    ("fr", "L'UE a validé une rallonge de 50 milliards d'euros jusqu'en 2027.", 2027, 2027, None, "jusqu'en 2027"),  # myvideo.cc  # noqa: E501
    ("it", "Uno strumento di 50 miliardi di euro da distribuire fino al 2027.", None, None, None, ""),  # investireoggi.it: "fino al" is no single link  # noqa: E501
    ("es", "España aportará 1.000 millones de euros en 2024.", 2024, 2024, None, "en 2024"),
    ("ru", "Евросоюз одобрил 90 млрд евро для Украины на ближайшие два года.", None, None, 2, "на ближайшие два года"),  # obzoro.com, 2026-01-14  # noqa: E501
    ("uk", "Нідерланди виділять 3,5 мільярда євро на 2025 рік.", 2025, 2025, None, "на 2025"),
    ("pl", "Rząd wydał 106 mld zł na wsparcie Ukrainy w latach 2022-2023.", 2022, 2023, None, "latach 2022-2023"),  # superbiz.se.pl  # noqa: E501
    ("el", "Η ΕΕ ενέκρινε 50 δισ. ευρώ για δέκα χρόνια.", None, None, 10, "για δέκα χρόνια"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "first", "last", "years", "phrase"), PERIODS)
def test_periods(lang, text, first, last, years, phrase) -> None:
    amount = one(lang, text)
    assert (amount.first_year, amount.last_year, amount.years) == (first, last, years)
    assert amount.period_phrase == phrase


def test_several_amounts_in_one_sentence() -> None:
    text = (
        "The agreement highlights that the UK provided £2.3 bn of military aid for Ukraine in "
        "2022, another £2.3 bn in 2023, and will allocate £2.5 bn in military aid during 2024."
    )  # euromaidanpress.com, 2024-01-14 (reading set)
    found = find_amounts(text, "en")
    assert [(a.value, a.first_year) for a in found] == [
        (Decimal("2.3") * B, 2022),
        (Decimal("2.3") * B, 2023),
        (Decimal("2.5") * B, 2024),
    ]


def test_numbers_without_a_currency_are_no_amounts() -> None:
    text = "Polska przekazała Ukrainie 318 czołgów w latach 2022-2024."  # tvn24.pl, 2025-10-10
    assert find_amounts(text, "pl") == []
    assert find_amounts("Zelensky met Biden 3 times in 2023.", "en") == []
