"""A name set off by commas after its title, or before a long appositive, is the subject of the
verb that follows (issue 11: wrong speakers in every language). Real sentences, source noted."""

from __future__ import annotations

import datetime as dt

from negotiations.text.gazetteer import Entry, Gazetteer
from tests.text.reading_helpers import read_with

GAZ = Gazetteer.build(
    [
        Entry(("official", "medinsky"), "Vladímir Medinski", "name"),
        Entry(("official", "fidan"), "Hakan Fidan", "name"),
        Entry(("official", "zelensky"), "Volodimir Zelensky", "name"),
        Entry(("official", "witkoff"), "Witkoff", "name"),
        Entry(("official", "umerov"), "Rustem Umerov", "name"),
        Entry(("official", "rubio"), "Rubio", "name"),
    ]
)
DAY = dt.date(2025, 11, 24)


def test_spanish_title_comma_name_comma_verb():
    # eldestape.com.ar, 2026-01-25 (Abu Dhabi talks); the sentence before names Witkoff
    text = (
        "El mensaje aparece publicado junto con una fotografía del encuentro con Witkoff.\n\n"
        'También el presidente ucraniano, Volodimir Zelensky, calificó de "constructivos" los '
        'contactos. "Nuestra delegación informó que la reunión de Emiratos Árabes Unidos '
        'terminó", explicó Zelensky en X.'
    )
    statements = read_with(GAZ, "es", text, DAY)
    assert statements
    assert all(s.speaker == ("official", "zelensky") for s in statements)  # never Witkoff


def test_spanish_leader_of_the_delegation_is_the_named_one():
    # diariopopular.com.ar, 2025-05-16 (Istanbul); Fidan spoke in the paragraph before
    text = (
        "El canciller turco Hakan Fidan dijo que las negociaciones en Estambul fueron útiles.\n"
        'El líder de la delegación rusa, Vladímir Medinski, declaró: "Las negociaciones '
        'directas con la parte ucraniana acaban de concluir."'
    )
    statements = read_with(GAZ, "es", text, DAY)
    assert statements[-1].speaker == ("official", "medinsky")


def test_italian_name_then_long_title_then_auxiliary_and_participle():
    # liberoquotidiano.it, 2025-11-24 (Geneva); Rubio spoke in the sentence before
    text = (
        "«Siamo fiduciosi di poter arrivare a un accordo», ha dichiarato Rubio alla stampa dopo "
        "la riunione.\nSu Facebook, Rustem Umerov, capo del Consiglio per la sicurezza e la "
        "difesa nazionale ucraino, ha affermato che «la versione attuale del documento, sebbene "
        "sia ancora nelle ultime fasi di approvazione, riflette già la maggior parte delle "
        "priorità ucraine»."
    )
    statements = read_with(GAZ, "it", text, DAY)
    assert statements[-1].speaker == ("official", "umerov")
