"""Split news text into paragraphs and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from sentencex import get_sentence_boundaries

# "… potrebbe durare anche 6-7 ore. Trump si è detto …": a lower-case word, a full stop, and a
# capitalised word (or an opening quotation mark) after it; sentencex keeps such a stop inside
# its sentence when its list of abbreviations holds the word.
_STOP_RE = re.compile(r"\b([^\W\d_]{2,})\.[ \t]+(?=[«\"“„]?[^\W\d_])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            spans.append((m.start() + lead, m.start() + len(m.group(0).rstrip())))
    return spans


@lru_cache(maxsize=16)  # the statement and status passes split the same article
def split_sentences(text: str, lang: str = "en") -> tuple[Sentence, ...]:
    """The sentences of each paragraph, by sentencex's rules for ``lang`` (abbreviations,
    initials, quotations that hold several sentences; a language it lacks falls back to a
    related one), split again after an inflected word that its lists take for an
    abbreviation (``_inflected_word``)."""
    result: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        para = text[p_start:p_end]
        for bound in get_sentence_boundaries(lang, para):
            for a, b in _inner_stops(para, bound["start_index"], bound["end_index"], lang):
                chunk = para[a:b]
                if not chunk.strip():
                    continue
                lead = len(chunk) - len(chunk.lstrip())
                start = p_start + a + lead
                end = start + len(chunk.strip())
                result.append(Sentence(start, end, text[start:end], index))
    return tuple(_rejoin_clock_times(result, text))


# "just before 5 p.m. Abu Dhabi time (1300 GMT) that …": a clock time and the place whose time it
# is; the splitter takes "p.m." before a capitalised word for a sentence's end.
_CLOCK_END_RE = re.compile(r"\d\s?[ap]\.m\.$")
_ZONE_START_RE = re.compile(r"(?:[A-Z][\w-]*\s){1,3}time\b")


def _rejoin_clock_times(sentences: list[Sentence], text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for s in sentences:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.paragraph == s.paragraph
            and _CLOCK_END_RE.search(prev.text)
            and _ZONE_START_RE.match(s.text)
        ):
            out[-1] = Sentence(prev.start, s.end, text[prev.start : s.end], s.paragraph)
            continue
        out.append(s)
    return out


def _inner_stops(para: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """The sentence [start, end) cut after each full stop that follows an inflected word."""
    out = []
    for m in _STOP_RE.finditer(para, start, end):
        word = m.group(1)
        if (
            word.islower()
            and m.end() < end
            and not _in_quotation(para[start : m.start()])
            and _inflected_word(word, lang)
        ):
            out.append((start, m.start(1) + len(word) + 1))
            start = m.end()
    out.append((start, end))
    return out


def _in_quotation(text: str) -> bool:
    """Whether a quotation opened in the text is still open at its end (sentencex keeps the
    sentences of a quotation together: «… разрешили. И я думаю …»)."""
    if text.count("«") != text.count("»") or text.count('"') % 2:
        return True
    if "„" in text:  # „…“ (German), „…” (Polish)
        return text.count("„") > text.count("“") + text.count("”")
    return text.count("“") > text.count("”")


@lru_cache(maxsize=20_000)
def _inflected_word(word: str, lang: str) -> bool:
    """Whether a word is an inflected form of a dictionary word ("ore" of "ora", "lat" of "rok"),
    not an abbreviation: simplemma gives an abbreviation its expansion, which starts with it
    ("prof" -> "professore", "godz" -> "godzina", "ok" -> "około")."""
    try:
        lemma = simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return False
    return lemma != word and not lemma.startswith(word)
