"""Commitments read from a sentence: who commits what to whom, how much, at which stage.

"Britain pledged £2.5bn in military aid to Ukraine in 2024": the committing party (a name the
reading already resolved: a party, its capital, one of its officials), the beneficiary (the party
after "to", "für", "для", or in the dative in Russian and Ukrainian), the kind (the pack's kind
nouns), the amount (``negotiations.text.amounts``) and the stage from the sentence's verb:
pledged -> announced, signed -> agreed, approved/allocated -> allocated, disbursed/delivered ->
delivered, withdrawn/cancelled -> withdrawn. A stage still to come ("will deliver", "выделит")
is a promise: announced. A negated verb ("has not delivered") reports no stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Protocol

from negotiations.text.amounts import Amount, find_amounts
from negotiations.text.lang import LanguagePack
from negotiations.text.morph import (
    PYMORPHY_LANGS,
    WORD_RE,
    is_future,
    is_lemma,
    name_cases,
    tokenise,
)
from negotiations.text.normalize import normalize_name
from negotiations.text.sentences import Sentence, split_sentences

# The stages from the furthest along; a sentence reporting several reports the furthest.
STAGE_ORDER = ("withdrawn", "delivered", "allocated", "agreed", "announced")


class MentionLike(Protocol):
    start: int
    end: int
    text: str
    target: Hashable


@dataclass(frozen=True)
class CommitmentCandidate:
    """A commitment a sentence reports; offsets are into the whole text."""

    start: int
    end: int
    text: str  # the sentence: the evidence
    stage: str
    kind: str
    amount: Amount | None
    party: int | None
    beneficiary: int | None
    reason: str


def _stage(sentence: str, pack: LanguagePack) -> tuple[str, str] | None:
    """The stage the sentence's verbs report and the words that report it."""
    words = pack.commitment_words
    if words is None:
        return None
    toks, keys = tokenise(sentence, pack.code)
    hits: list[tuple[int, str, str]] = []
    for i in range(len(keys)):
        phrase = words.stage_set.match_at(keys, i)
        if phrase is None:
            continue
        if any(pack.negation_set.match_at(keys, k) for k in range(max(0, i - 3), i)):
            continue
        after = i + len(phrase.words)
        if any(
            pack.complementiser_set.match_at(keys, k)
            for k in range(after, min(after + 2, len(keys)))
        ):
            continue  # "przekazał, że", "announced that": a verb of saying, not a stage
        stage = str(phrase.value)
        word = toks[i][2]
        if word.lower().endswith(words.verbal_nouns):  # endswith(()) is False
            continue  # "talks on providing guarantees": no event reported
        before = {toks[k][2].lower() for k in range(max(0, i - 2), i)}
        future = bool(before & {w.lower() for w in words.future}) or is_future(word, pack.code)
        finite = normalize_name(word) in words.finite_forms
        if (
            len(phrase.words) == 1
            and pack.infinitive_is_lemma
            and not finite
            and is_lemma(word, pack.code)
        ):
            future = True  # "готовы передать": an intention
        if future:
            if stage == "withdrawn":
                continue  # "may withdraw": nothing withdrawn yet
            stage = "announced"
        hits.append((STAGE_ORDER.index(stage), stage, phrase.text))
    if not hits:
        return None
    _rank, stage, text = min(hits)
    return stage, text


def _kinds(sentence: str, pack: LanguagePack) -> list[tuple[str, str]]:
    """The kinds the sentence names, each once, in their order: "weapons, training and
    intelligence" lists three commitments."""
    words = pack.commitment_words
    if words is None:
        return []
    _toks, keys = tokenise(sentence, pack.code)
    found: dict[str, str] = {}
    for i in range(len(keys)):
        phrase = words.kind_set.match_at(keys, i)
        if phrase is not None:
            found.setdefault(str(phrase.value), phrase.text)
    return list(found.items())


def _receives(text: str, mention: MentionLike, pack: LanguagePack) -> bool:
    """Whether the mention names who receives: after a beneficiary word ("to Ukraine", "für die
    Ukraine") or, in Russian and Ukrainian, a name in the dative ("Украине", "Україні")."""
    words = pack.commitment_words
    if words is None:
        return False
    before = [
        m.group(0).lower()
        for m in WORD_RE.finditer(text[max(0, mention.start - 30) : mention.start])
    ]
    links = {w.lower() for w in words.beneficiary_links}
    if before and (before[-1] in links or (len(before) > 1 and before[-2] in links)):
        return True
    if pack.code in PYMORPHY_LANGS:
        if before and before[-1] in {w.lower() for w in words.place_links}:
            return False
        parts = mention.text.split()
        found = name_cases(parts[-1], pack.code) if parts else frozenset()
        return "datv" in found and "nomn" not in found
    return False


def _parties(
    text: str,
    mentions: list[MentionLike],
    verb_at: int,
    pack: LanguagePack,
    parties_of: Callable[[Hashable, dt.date | None], Iterable[int]],
    day: dt.date | None,
) -> tuple[int | None, int | None]:
    """(committing party, beneficiary) among the sentence's mentions."""
    givers: list[tuple[int, int]] = []
    receivers: list[tuple[int, int]] = []
    for m in mentions:
        ids = sorted(parties_of(m.target, day))
        if len(ids) != 1:
            continue  # an official with no party that day, or several: not read here
        (receivers if _receives(text, m, pack) else givers).append((m.start, ids[0]))
    # Who receives follows the verb ("pledged ... to Ukraine"); a name marked before it ("Quant
    # à la France, elle a versé ... à l'Ukraine") receives only when none after it does.
    after_verb = [r for r in receivers if r[0] >= verb_at]
    chosen = (after_verb or receivers)[:1]
    beneficiary = chosen[0][1] if chosen else None
    givers = sorted(givers + [r for r in receivers if r not in chosen])
    before = [pid for start, pid in givers if start < verb_at]
    after = [pid for start, pid in givers if start >= verb_at]
    party = before[0] if before else (after[0] if after else None)
    if beneficiary is None:  # "pledged Ukraine €7bn", "hat der Ukraine ... zugesagt"
        beneficiary = next((pid for pid in after + before if pid != party), None)
    if beneficiary == party:
        beneficiary = None
    return party, beneficiary


def find_commitments(
    text: str,
    pack: LanguagePack,
    mentions: Iterable[MentionLike],
    parties_of: Callable[[Hashable, dt.date | None], Iterable[int]],
    day: dt.date | None = None,
) -> list[CommitmentCandidate]:
    """The commitments the text reports: a sentence with a stage verb and a kind or an amount
    reports one; without an amount, one per kind it lists ("will provide weapons, training and
    intelligence"), since an amount is a package's while a list of kinds is a list of
    commitments. ``mentions``: the names the reading resolved (offsets into ``text``);
    ``parties_of(target, day)``: the parties a name stands for on ``day``."""
    if pack.commitment_words is None:
        return []
    mentions = sorted(mentions, key=lambda m: m.start)
    found = []
    for sentence in _sentences(text, pack.code):
        stage = _stage(sentence.text, pack)
        if stage is None:
            continue
        kinds = _kinds(sentence.text, pack)
        amounts = find_amounts(sentence.text, pack.code)
        if not kinds and not amounts:
            continue
        verb = _verb_offset(sentence.text, stage[1], pack)
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        party, beneficiary = _parties(text, inside, sentence.start + verb, pack, parties_of, day)
        listed: list[tuple[str, str] | None] = list(kinds) if kinds else [None]
        if amounts:
            listed = listed[:1]
        for kind in listed:
            reason = f"stage verb “{stage[1]}”"
            reason += f" + kind “{kind[1]}”" if kind else ""
            reason += " + amount" if amounts else ""
            found.append(
                CommitmentCandidate(
                    start=sentence.start,
                    end=sentence.end,
                    text=sentence.text,
                    stage=stage[0],
                    kind=kind[0] if kind else "other",
                    amount=amounts[0] if amounts else None,
                    party=party,
                    beneficiary=beneficiary,
                    reason=reason,
                )
            )
    return found


def _sentences(text: str, lang: str) -> list[Sentence]:
    """The text's sentences, a split after an abbreviation mended: "2,5 δισ. ευρώ", "1,5 Mrd.
    Euro" (a sentence that starts in lower case continues the one before)."""
    out: list[Sentence] = []
    for sentence in split_sentences(text, lang):
        last = out[-1] if out else None
        if last and last.paragraph == sentence.paragraph and sentence.text[:1].islower():
            out[-1] = Sentence(
                last.start, sentence.end, text[last.start : sentence.end], last.paragraph
            )
        else:
            out.append(sentence)
    return out


def _verb_offset(sentence: str, phrase: str, pack: LanguagePack) -> int:
    """Where the stage verb stands in the sentence (its first word's lemma keys)."""
    words = pack.commitment_words
    if words is None:
        return 0
    toks, keys = tokenise(sentence, pack.code)
    for i in range(len(keys)):
        hit = words.stage_set.match_at(keys, i)
        if hit is not None and hit.text == phrase:
            return toks[i][0]
    return 0


__all__ = ["CommitmentCandidate", "find_commitments"]
