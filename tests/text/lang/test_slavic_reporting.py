"""The verbs and frames of reporting in Russian, Ukrainian and Polish (issue 11, breadth).

The inventories come from the verbs of speech of each language (глаголы речи, дієслова
мовлення, verba dicendi) in both aspects, not from the reading set. Every sentence here is
constructed for the test; one sentence per verb, in the form news uses (the past, or the
present for verbs of opinion).
"""

from __future__ import annotations

import datetime as dt

import pytest

from negotiations.text.gazetteer import Entry, Gazetteer
from tests.text.reading_helpers import read_with

GAZ = Gazetteer.build(
    [Entry(("official", "lavrov"), n, "name") for n in ("Лавров", "Сергей Лавров", "Ławrow")]
    + [Entry(("official", "sybiha"), n, "name") for n in ("Сибіга", "Андрій Сибіга")]
    + [Entry(("official", "sikorski"), n, "name") for n in ("Sikorski", "Radosław Sikorski")]
    + [Entry(("official", "witkoff"), n, "name") for n in ("Уиткофф", "Віткофф", "Witkoff")]
)
DAY = dt.date(2025, 11, 24)

RU = "переговоры в Женеве продолжатся на следующей неделе."
UK = "переговори в Женеві продовжаться наступного тижня."
PL = "rozmowy w Genewie będą kontynuowane w przyszłym tygodniu."


def speakers(lang: str, text: str) -> list[str]:
    return [s.speaker[1] for s in read_with(GAZ, lang, text, DAY)]


RU_VERBS = (
    # reporting on their own
    "акцентировал",
    "оговорился",
    "поведал",
    # reporting with "что" after them (complement_verbs)
    "проинформировал",
    "доложил",
    "докладывал",
    "уведомил",
    "уведомлял",
    "известил",
    "извещал",
    "повторил",
    "повторял",
    "упрекнул",
    "упрекал",
    "отрицал",
    "поделился",
    "делился",
    "пожаловался",
    "жаловался",
    "посетовал",
    "сетовал",
    "пригрозил",
    "грозил",
    "угрожал",
    "упомянул",
    "упоминал",
    "предположил",
    "предполагал",
    "спрогнозировал",
    "прогнозировал",
    "предсказал",
    "предсказывал",
    "настоял",
    "озвучил",
    "озвучивал",
    "не исключил",
    "не исключает",
    "потребовал",
    "требовал",
    "попросил",
    "просил",
    "посоветовал",
    "советовал",
    "рекомендовал",
    "согласился",
    "соглашался",
    "усомнился",
    "сомневался",
    "надеется",
    "возмутился",
    "возмущался",
    "изложил",
    "провозгласил",
    "огласил",
)


@pytest.mark.parametrize("verb", RU_VERBS)
def test_russian_verbs_of_speech(verb):
    assert speakers("ru", f"Сергей Лавров {verb}, что {RU}") == ["lavrov"]


UK_VERBS = (
    "проінформував",
    "доповів",
    "доповідав",
    "сповістив",
    "повторив",
    "повторював",
    "дорікнув",
    "дорікав",
    "поділився",
    "ділився",
    "поскаржився",
    "скаржився",
    "нарікав",
    "пригрозив",
    "погрожував",
    "згадав",
    "згадував",
    "спрогнозував",
    "прогнозував",
    "наполіг",
    "озвучив",
    "озвучував",
    "не виключив",
    "не виключає",
    "вимагав",
    "зажадав",
    "попросив",
    "просив",
    "порадив",
    "радив",
    "погодився",
    "погоджувався",
    "засумнівався",
    "сумнівався",
    "сподівається",
    "обурився",
    "обурювався",
    "прозвітував",
)


@pytest.mark.parametrize("verb", UK_VERBS)
def test_ukrainian_verbs_of_speech(verb):
    assert speakers("uk", f"Андрій Сибіга {verb}, що {UK}") == ["sybiha"]


PL_VERBS = (
    "wypowiedział się",
    "wypowiadał się",
    "odparł",
    "odpiera",
    "nadmienił",
    "nadmienia",
    "zakomunikował",
    "komunikuje",
    "doprecyzował",
    "uściślił",
    "uściśla",
    "skonstatował",
    "konstatuje",
    "obwieścił",
    "rzekł",
    "napomknął",
    "zripostował",
    "sprostował",
    "prostuje",
    "wyjaśniał",
    # with "że" after them (complement_verbs)
    "nie wykluczył",
    "nie wyklucza",
    "zagroził",
    "grozi",
    "poskarżył się",
    "skarży się",
    "pochwalił się",
    "chwali się",
    "wyjawił",
    "powtórzył",
    "powtarza",
    "uprzedził",
    "uprzedza",
    "prognozuje",
    "przewiduje",
    "przewidział",
    "spodziewa się",
    "liczy",
    "ma nadzieję",
    "wytknął",
    "zażądał",
    "żąda",
    "poprosił",
    "zgodził się",
    "zgadza się",
    "wątpił",
    "powątpiewa",
    "zwierzył się",
    "wyznał",
    "zaprotestował",
    "upiera się",
    "dorzucił",
)


@pytest.mark.parametrize("verb", PL_VERBS)
def test_polish_verbs_of_speech(verb):
    assert speakers("pl", f"Radosław Sikorski {verb}, że {PL}") == ["sikorski"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a verb of another act without a clause of what was said: no statement
        ("ru", "Сергей Лавров пригрозил санкциями участникам переговоров в Женеве."),
        ("ru", "Сергей Лавров поделился впечатлениями от переговоров в Женеве."),
        ("ru", "Сергей Лавров упомянул переговоры в Женеве в числе прочих встреч."),
        ("uk", "Андрій Сибіга поділився враженнями від переговорів у Женеві."),
        ("uk", "Андрій Сибіга згадав переговори в Женеві серед інших зустрічей."),
        ("pl", "Radosław Sikorski zagroził sankcjami uczestnikom rozmów w Genewie."),
        ("pl", "Radosław Sikorski powtórzył apel o rozmowy w Genewie."),
    ],
)
def test_a_verb_that_needs_its_clause_reports_nothing_without_it(lang, text):
    assert speakers(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # a verb that needs its clause reports as an incise after the words said
        ("ru", f"«{RU[:-1]}», — посетовал Сергей Лавров.", "lavrov"),
        ("uk", f"«{UK[:-1]}», — поскаржився Андрій Сибіга.", "sybiha"),
        ("pl", f"„{PL[:-1]}” – zagroził Radosław Sikorski.", "sikorski"),
        # frames of the speaker's own statement, admission or version
        ("ru", f"По заявлению Лаврова, {RU}", "lavrov"),
        ("ru", f"По утверждению Лаврова, {RU}", "lavrov"),
        ("ru", f"По признанию Лаврова, {RU}", "lavrov"),
        ("ru", f"Со слов Лаврова, {RU}", "lavrov"),
        ("ru", f"По версии Лаврова, {RU}", "lavrov"),
        ("uk", f"Згідно із Сибігою, {UK}", "sybiha"),
        ("uk", f"За заявою Сибіги, {UK}", "sybiha"),
        ("uk", f"За твердженням Сибіги, {UK}", "sybiha"),
        ("uk", f"За визнанням Сибіги, {UK}", "sybiha"),
        ("uk", f"Зі слів Сибіги, {UK}", "sybiha"),
        ("uk", f"За версією Сибіги, {UK}", "sybiha"),
        ("pl", f"W przekonaniu Sikorskiego {PL}", "sikorski"),
        ("pl", f"W mniemaniu Sikorskiego {PL}", "sikorski"),
    ],
)
def test_incises_and_frames(lang, text, speaker):
    assert speakers(lang, text) == [speaker]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("ru", f"Сергей Лавров провёл брифинг. По его признанию, {RU}", "lavrov"),
        ("ru", f"Сергей Лавров провёл брифинг. По его утверждению, {RU}", "lavrov"),
        ("ru", f"Сергей Лавров провёл брифинг. С его слов, {RU}", "lavrov"),
        ("uk", f"Андрій Сибіга провів брифінг. За його твердженням, {UK}", "sybiha"),
        ("uk", f"Андрій Сибіга провів брифінг. За його визнанням, {UK}", "sybiha"),
        ("uk", f"Андрій Сибіга провів брифінг. З його слів, {UK}", "sybiha"),
        ("pl", f"Radosław Sikorski spotkał się z prasą. W jego przekonaniu {PL}", "sikorski"),
    ],
)
def test_pronoun_frames_continue_the_last_speaker(lang, text, speaker):
    assert speakers(lang, text) == [speaker]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("ru", f"Москва надеется, что {RU[:-1]}, заявил во вторник Сергей Лавров.", "lavrov"),
        ("uk", f"Київ сподівається, що {UK[:-1]}, заявив у вівторок Андрій Сибіга.", "sybiha"),
        (
            "pl",
            f"Warszawa ma nadzieję, że {PL[:-1]}, powiedział we wtorek Radosław Sikorski.",
            "sikorski",
        ),
    ],
)
def test_a_postposed_attribution_takes_the_weaker_verb_before_it_as_said(lang, text, speaker):
    # "X hopes that …, said Y": the hope is what Y said, Y speaks
    assert speakers(lang, text) == [speaker]
