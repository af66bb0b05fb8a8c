"""Split news text into paragraphs and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sentencex import get_sentence_boundaries


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
    related one)."""
    result: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        para = text[p_start:p_end]
        for bound in get_sentence_boundaries(lang, para):
            chunk = para[bound["start_index"] : bound["end_index"]]
            if not chunk.strip():
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = p_start + bound["start_index"] + lead
            end = start + len(chunk.strip())
            result.append(Sentence(start, end, text[start:end], index))
    return tuple(result)
