"""Track status from the language of events: "will start talks", "started talks", "signed"...

English is read by the regular expressions below (the English pack's ``status_classifier``);
every other language by ``classify_with_pack``: its pack's status phrases on lemmas, in a
sentence that speaks of negotiation, not negated and not in the infinitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TALKS = r"(?:talks|negotiations|consultations|discussions|process)"
_DEAL = r"(?:agreement|agreements|deal|accord|pact|treaty|declaration|memorandum|guarantees)"
_NEG = re.compile(r"\b(?:no|not|never|without|ruled out|no prospect|unlikely)\b", re.I)

# (status, past event?, pattern); the first that matches a sentence wins.
RULES: list[tuple[str, bool, re.Pattern[str]]] = [
    ("in_force", True, re.compile(r"\b(?:entered|came|comes|enters) into force\b|\btook effect\b", re.I)),  # noqa: E501
    ("signed", True, re.compile(rf"\b(?:signed|have signed|has signed)\b(?:[^.]{{0,60}}\b{_DEAL})?", re.I)),  # noqa: E501
    ("abandoned", True, re.compile(rf"\b{_TALKS}\b[^.]{{0,40}}\b(?:collapsed|broke down|were abandoned)\b|\b(?:abandoned|walked away from)\b[^.]{{0,40}}\b{_TALKS}", re.I)),  # noqa: E501
    ("suspended", True, re.compile(rf"\b(?:suspended|paused|put on hold|froze)\b[^.]{{0,40}}\b{_TALKS}|\b{_TALKS}\b[^.]{{0,40}}\b(?:were|have been|was) (?:suspended|paused|put on hold)", re.I)),  # noqa: E501
    ("stalled", True, re.compile(r"\b(?:stalled|deadlocked|at an impasse|at a standstill|stuck)\b", re.I)),  # noqa: E501
    ("agreed", True, re.compile(rf"\b(?:agreed (?:on|to)|reached (?:an? )?{_DEAL}|agreement in principle)\b", re.I)),  # noqa: E501
    ("scheduled", False, re.compile(
        rf"\b(?:will|would|to|set to|due to|expected to|plan to|plans to)\s+(?:start|begin|enter into|hold|open|launch|resume)\b[^.]{{0,50}}\b{_TALKS}"  # noqa: E501
        rf"|\b{_TALKS}\b[^.]{{0,40}}\b(?:will|are expected to|are due to|are set to|to)\s+(?:begin|start|take place|be held)\b"  # noqa: E501
        rf"|\b(?:is|are)\s+to\s+(?:start|begin|hold)\b[^.]{{0,40}}\b{_TALKS}",
        re.I,
    )),
    ("talks_under_way", True, re.compile(
        rf"\b(?:started|began|begun|opened|launched|kicked off|held|are starting|are holding|are conducting)\b[^.]{{0,40}}\b{_TALKS}"  # noqa: E501
        rf"|\b{_TALKS}\b[^.]{{0,30}}\b(?:have started|has started|started|began|are under ?way|are ongoing|are taking place|continue)\b"  # noqa: E501
        r"|\b(?:has|have) started this process\b",
        re.I,
    )),
    ("announced", False, re.compile(rf"\bannounced\b[^.]{{0,40}}\b(?:{_TALKS}|{_DEAL})", re.I)),
    ("proposed", False, re.compile(rf"\bproposed\b[^.]{{0,30}}\b(?:{_TALKS}|{_DEAL})", re.I)),
]  # fmt: skip


@dataclass(frozen=True)
class StatusHit:
    status: str
    past: bool
    start: int  # match offsets within the sentence
    end: int


def classify_sentence(sentence: str) -> StatusHit | None:
    for status, past, pattern in RULES:
        m = pattern.search(sentence)
        if not m:
            continue
        window = sentence[max(0, m.start() - 25) : m.end()]
        if _NEG.search(window):
            continue
        return StatusHit(status, past, m.start(), m.end())
    return None


def compile_keywords(phrases: list[str]) -> re.Pattern[str] | None:
    cleaned = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in cleaned) + r")\b", re.I)


# Statuses that announce what is to come rather than report what happened.
_FORWARD = {"scheduled", "announced", "proposed"}


def classify_with_pack(sentence: str, pack) -> StatusHit | None:
    """The first of the pack's status phrases (in the pack's order) the sentence reports."""
    from negotiations.text.morph import WORD_RE, is_lemma, lemmas

    words = list(WORD_RE.finditer(sentence))
    keys = [frozenset(lemmas(m.group(0), pack.code)) for m in words]
    if not any(pack.talk_set.match_at(keys, i) for i in range(len(keys))):
        return None
    best = None
    order = list(pack.statuses)
    for i in range(len(keys)):
        phrase = pack.status_set.match_at(keys, i)
        if phrase is None:
            continue
        if any(pack.negation_set.match_at(keys, k) for k in range(max(0, i - 3), i)):
            continue
        single = len(phrase.words) == 1  # a verb alone ("подписать"), not "раунд переговоров"
        if single and pack.infinitive_is_lemma and is_lemma(words[i].group(0), pack.code):
            continue  # "готовы подписать": an intention, not an event
        status = phrase.value
        rank = order.index(status)
        if best is None or rank < best[0]:
            last = min(i + len(phrase.words) - 1, len(words) - 1)
            best = (
                rank,
                StatusHit(status, status not in _FORWARD, words[i].start(), words[last].end()),
            )
    return best[1] if best else None
