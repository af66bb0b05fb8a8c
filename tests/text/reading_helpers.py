"""Reading a sentence as the pipeline does, with a small gazetteer standing for the knowledge
base: the names it finds become the reader's person references."""

from __future__ import annotations

import datetime as dt

from negotiations.text.gazetteer import Gazetteer
from negotiations.text.lang import pack_for
from negotiations.text.reading import PersonRef, extract_statements


def read_with(gazetteer: Gazetteer, lang: str, text: str, day: dt.date):
    refs = [
        PersonRef(m.start, m.end, m.target, m.possessive, m.target[0] == "party", m.inflected)
        for m in gazetteer.find(text, lang=lang)
    ]
    return extract_statements(text, pack_for(lang), refs, day)
