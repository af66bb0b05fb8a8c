"""A refusal to speak says nothing; a denial nearby says something (the packs' ``refusals``).

"se negó a comentar" (negarse a + infinitive) and "lehnte es ab, … zu kommentieren" are made
of a verb of saying (negar, ablehnen) that reports only in its other frames ("negó que …",
"wies zurück, dass …"). The other languages refuse with a verb that is no verb of saying or
with a negation, and are kept here so they stay unread. All sentences are constructed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from negotiations.text.gazetteer import Entry, Gazetteer
from tests.text.reading_helpers import read_with

PESKOV = ("official", "peskov")
GAZ = Gazetteer.build(
    [
        Entry(PESKOV, name, "name")
        for name in ("Dmitri Peskov", "Peskov", "Peskow", "Дмитрий Песков", "Песков", "Пєсков")
    ]
)
DAY = dt.date(2025, 5, 16)

REFUSALS = [
    (
        "es",
        "El portavoz del Kremlin, Dmitri Peskov, se negó a comentar las conversaciones de Ginebra.",
    ),
    ("es", "Peskov se ha negado a comentar las conversaciones de Ginebra."),
    ("es", "Peskov se negó a hacer comentarios sobre las conversaciones de Ginebra."),
    ("es", "Peskov, negándose a comentar las conversaciones de Ginebra, abandonó la sala."),
    ("es", "Peskov se rehusó a comentar las conversaciones de Ginebra."),
    ("es", "Peskov declinó comentar las conversaciones de Ginebra."),
    ("es", "Peskov no quiso comentar las conversaciones de Ginebra."),
    ("de", "Dmitri Peskov lehnte es ab, die Gespräche in Genf zu kommentieren."),
    ("de", "Peskow lehnte es am Freitag ab, sich zu den Gesprächen in Genf zu äußern."),
    ("de", "Peskow hat es abgelehnt, die Gespräche in Genf zu kommentieren."),
    ("de", "Peskow, der es ablehnte, die Gespräche in Genf zu kommentieren, verließ den Saal."),
    ("de", "Dmitri Peskov lehnte einen Kommentar zu den Gesprächen in Genf ab."),
    ("de", "Dmitri Peskov verweigerte einen Kommentar zu den Gesprächen in Genf."),
    ("de", "Dmitri Peskov weigerte sich, die Gespräche in Genf zu kommentieren."),
    ("de", "Dmitri Peskov wollte sich nicht zu den Gesprächen in Genf äußern."),
    ("en", "Peskov declined to comment on the Geneva talks."),
    ("en", "Peskov refused to comment on the Geneva talks."),
    ("fr", "Dmitri Peskov a refusé de commenter les discussions de Genève."),
    ("fr", "Dmitri Peskov n'a pas souhaité commenter les discussions de Genève."),
    ("it", "Dmitri Peskov si è rifiutato di commentare i colloqui di Ginevra."),
    ("it", "Dmitri Peskov non ha voluto commentare i colloqui di Ginevra."),
    ("pl", "Dmitri Peskov odmówił komentarza w sprawie rozmów w Genewie."),
    ("pl", "Dmitri Peskov nie chciał komentować rozmów w Genewie."),
    ("ru", "Дмитрий Песков отказался комментировать переговоры в Женеве."),
    ("ru", "Дмитрий Песков не стал комментировать переговоры в Женеве."),
    ("uk", "Пєсков відмовився коментувати переговори в Женеві."),
    ("uk", "Пєсков не захотів коментувати переговори в Женеві."),
]

# (language, sentence, words of what was said): denials and statements next to the refusals
STATEMENTS = [
    ("es", "Peskov negó que Rusia haya rechazado las conversaciones de Ginebra.", "Rusia haya"),
    (
        "es",
        "Peskov negó a la prensa que Rusia haya rechazado las conversaciones de Ginebra.",
        "Rusia haya",
    ),
    ("es", "Peskov dijo que las conversaciones de Ginebra continuarán.", "continuarán"),
    (
        "de",
        "Dmitri Peskov wies zurück, dass Russland die Gespräche in Genf blockiere.",
        "Russland die Gespräche",
    ),
    ("de", "Dmitri Peskov sagte, die Gespräche in Genf würden fortgesetzt.", "fortgesetzt"),
    ("en", "Peskov denied that Russia had blocked the Geneva talks.", "Russia had blocked"),
    (
        "fr",
        "Dmitri Peskov a démenti que la Russie ait bloqué les discussions de Genève.",
        "la Russie ait bloqué",
    ),
    (
        "it",
        "Dmitri Peskov ha negato che la Russia abbia bloccato i colloqui di Ginevra.",
        "la Russia abbia bloccato",
    ),
    ("pl", "Dmitri Peskov zaprzeczył, że Rosja blokuje rozmowy w Genewie.", "Rosja blokuje"),
    (
        "ru",
        "Дмитрий Песков опроверг, что Россия блокирует переговоры в Женеве.",
        "Россия блокирует",
    ),
    ("uk", "Пєсков заперечив, що Росія блокує переговори в Женеві.", "Росія блокує"),
]


@pytest.mark.parametrize(("lang", "sentence"), REFUSALS)
def test_a_refusal_to_speak_is_no_statement(lang, sentence):
    assert read_with(GAZ, lang, sentence, DAY) == []


@pytest.mark.parametrize(("lang", "sentence", "words"), STATEMENTS)
def test_a_denial_next_to_a_refusal_stays_a_statement(lang, sentence, words):
    found = read_with(GAZ, lang, sentence, DAY)
    assert len(found) == 1
    assert found[0].speaker == PESKOV
    assert words in found[0].text
