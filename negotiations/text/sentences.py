"""Split news text into paragraphs and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sen|Rep|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|No|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)
# Every upper-case letter (Ż, É, Ü, Ґ, Σ... as well as A-Z): a sentence starts with one.
_UPPER = "".join(c for c in map(chr, range(0x20, 0x2000)) if c.isupper())
# A sentence ends before a capital or a digit, which may come after an opening quotation mark or
# a dialogue dash ("... wojny. - Jesteśmy gotowi - oświadczył").
_BOUNDARY = re.compile(
    rf"[.!?…]+[\"'”’»)]*(?=\s+(?:[-–—]\s+)?[\"“‘«„(]?[0-9{_UPPER}])|[.!?…]+[\"'”’»)]*$"
)


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
def split_sentences(text: str) -> tuple[Sentence, ...]:
    result: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        para = text[p_start:p_end]
        cursor = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end()
            head = para[cursor:end]
            if _ABBREV.search(para[cursor : m.start() + 1]) and end < len(para):
                continue
            if head.strip():
                lead = len(head) - len(head.lstrip())
                s = cursor + lead
                result.append(Sentence(p_start + s, p_start + end, para[s:end], index))
            cursor = end
        tail = para[cursor:]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            s = cursor + lead
            result.append(Sentence(p_start + s, p_end, para[s:].rstrip(), index))
    return tuple(result)
