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
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Protocol

from negotiations.text.amounts import Amount, find_amounts
from negotiations.text.lang import LanguagePack, Phrase
from negotiations.text.morph import (
    PYMORPHY_LANGS,
    WORD_RE,
    is_future,
    is_lemma,
    name_cases,
    tokenise,
    word_keys,
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


@dataclass
class Demonym:
    """A nationality adjective read as its party ("the British pledge", "le soutien allemand",
    "niemiecka pomoc"); its target is ``("slug", party slug)``."""

    start: int
    end: int
    text: str
    target: Hashable
    kind: str = "demonym"


def _demonyms(sentence: Sentence, pack: LanguagePack, taken: list[MentionLike]) -> list[Demonym]:
    """The sentence's nationality adjectives (the pack's demonyms, matched on lemmas: "tedeschi",
    "немецкая") that no resolved name covers; offsets into the whole text."""
    toks, keys = tokenise(sentence.text, pack.code)
    found: list[Demonym] = []
    i = 0
    while i < len(keys):
        phrase = pack.demonym_set.match_at(keys, i)
        if phrase is None:
            i += 1
            continue
        last = i + len(phrase.words) - 1
        start, end = sentence.start + toks[i][0], sentence.start + toks[last][1]
        if not any(m.start < end and start < m.end for m in taken):
            text = sentence.text[toks[i][0] : toks[last][1]]
            found.append(Demonym(start, end, text, ("slug", str(phrase.value))))
        i = last + 1
    return found


def _after_venue_link(text: str, mention: MentionLike, pack: LanguagePack) -> bool:
    """Whether a venue word stands just before the mention, an article between them at most
    ("in der litauischen Hauptstadt", "in the Polish capital"): where, not who."""
    words = pack.commitment_words
    venues = {w.lower() for w in words.venue_links} if words else set()
    venues -= {w.lower() for w in words.beneficiary_links} if words else set()  # "à", "a"
    articles = {w.lower() for w in pack.articles}
    before = _words_before(text, mention.start)[-2:]
    while before and before[-1] in articles:
        before.pop()
    return bool(before) and before[-1] in venues


def _stage_hits(sentence: str, pack: LanguagePack) -> list[tuple[int, str, str]]:
    """Every stage the sentence's verbs report: (offset of the verb, stage, the words)."""
    words = pack.commitment_words
    if words is None:
        return []
    toks, keys = tokenise(sentence, pack.code)
    future_words = {w.lower() for w in words.future}
    ready_words = {w.lower() for w in words.ready}
    noun_markers = {w.lower() for w in words.noun_markers}
    hits: list[tuple[int, str, str]] = []
    for i in range(len(keys)):
        phrase = words.stage_set.match_at(keys, i)
        split = phrase is None and _split_verb(sentence, toks, keys, i, words)
        if split:
            phrase = split
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
        if i and toks[i - 1][2].lower() in noun_markers and not split:
            continue  # "the supply of Patriots", "a pledge": a noun, no event reported
        stage = str(phrase.value)
        word = toks[i][2]
        if word.lower().endswith(words.verbal_nouns):  # endswith(()) is False
            continue  # "talks on providing guarantees": no event reported
        before = {toks[k][2].lower() for k in range(max(0, i - 3), i)}
        if before & ready_words:
            # "100 % ready to sign": the text is agreed; "stand ready to send troops": a pledge
            hits.append((toks[i][0], stage if stage == "agreed" else "announced", phrase.text))
            continue
        future = bool(before & future_words) or is_future(word, pack.code)
        if not future and words.future_endings and len(phrase.words) == 1:
            lower = word.lower()
            future = lower.endswith(words.future_endings) and not is_lemma(lower, pack.code)
        finite = bool(split) or normalize_name(word) in words.finite_forms
        if (
            len(phrase.words) == 1
            and pack.infinitive_is_lemma
            and not finite
            and is_lemma(word, pack.code)
        ):
            future = True  # "готовы передать": an intention
        if future and stage != "announced":
            if stage == "withdrawn":
                continue  # "may withdraw": nothing withdrawn yet
            stage = "announced"
        hits.append((toks[i][0], stage, phrase.text))
    return hits


def _split_verb(sentence: str, toks, keys, i: int, words) -> Phrase | None:
    """A separable stage verb split in its clause (German): the finite stem at word ``i``, its
    particle a later word with the clause's end (punctuation or the sentence's) right after
    it: "Deutschland sicherte der Ukraine 7 Milliarden Euro zu" (zusichern)."""
    stems = {p.value: p for p in words.split_stage_set.all_at(keys, i)}
    if not stems:
        return None
    by_particle = {particle: stage for particle, stage in stems}
    for k in range(i + 1, min(i + 20, len(toks))):
        if any(ch in sentence[toks[k - 1][1] : toks[k][0]] for ch in ",;:()–—"):
            return None
        stage = by_particle.get(toks[k][2].lower())
        if stage is None:
            continue
        after = sentence[toks[k][1] : toks[k + 1][0] if k + 1 < len(toks) else len(sentence)]
        if k + 1 == len(toks) or any(ch in after for ch in ',.;:!?"«»„“”–—'):
            return Phrase(words=(keys[i],), value=stage, text=toks[k][2] + toks[i][2])
    return None


def _kinds(sentence: str, pack: LanguagePack) -> list[tuple[str, str, int]]:
    """The kinds the sentence names, each once, in their order, with the words and where they
    stand: "weapons, training and intelligence" lists three commitments. A compound's last
    part names its kind too ("US-Sicherheitsgarantien", "defence-industrial")."""
    words = pack.commitment_words
    if words is None:
        return []
    toks, keys = tokenise(sentence, pack.code)
    keys = tuple(
        k | word_keys(w.rsplit("-", 1)[1], pack.code) if "-" in w.strip("-") else k
        for (_s, _e, w), k in zip(toks, keys, strict=True)
    )
    found: dict[str, tuple[str, str, int]] = {}
    for i in range(len(keys)):
        phrase = words.kind_set.match_at(keys, i)
        if phrase is not None:
            found.setdefault(str(phrase.value), (str(phrase.value), phrase.text, toks[i][0]))
    return list(found.values())


def _receives(text: str, mention: MentionLike, pack: LanguagePack) -> bool:
    """Whether the mention names who receives: after a beneficiary word ("to Ukraine", "für die
    Ukraine") or, in Russian and Ukrainian, a name in the dative ("Украине", "Україні")."""
    words = pack.commitment_words
    if words is None:
        return False
    before = _words_before(text, mention.start)
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


def _words_before(text: str, start: int) -> list[str]:
    """The words before ``start``, an elided article whole ("all'Ucraina", "dell'Italia",
    "à l'Ukraine"): its apostrophe counts only before the letter that follows it."""
    lo = max(0, start - 30)
    words = WORD_RE.finditer(text[lo : start + 1])
    return [m.group(0).lower() for m in words if lo + m.start() < start]


def _venue(text: str, mention: MentionLike, pack: LanguagePack) -> bool:
    """A place named as where something happened ("in Vilnius", "w Warszawie", "à Berlin"):
    no party to the commitment. A capital named otherwise stands for its state ("Paris")."""
    words = pack.commitment_words
    if words is None or getattr(mention, "kind", "") != "place":
        return False
    before = _words_before(text, mention.start)
    return bool(before) and before[-1] in {w.lower() for w in words.venue_links}


def _listed(text: str, left: MentionLike, right: MentionLike, pack: LanguagePack) -> bool:
    """Whether two names stand in one list: only commas, conjunctions and articles between them
    ("Belgium, Czechia and Denmark", "το Βέλγιο, η Τσεχία")."""
    words = pack.commitment_words
    between = text[left.end : right.start]
    if words is None or len(between) > 40 or not re.fullmatch(r"[\w\s,;'’-]*", between):
        return False
    links = {w.lower() for w in (*pack.conjunctions, *words.list_words)}
    fillers = links | {w.lower() for w in pack.articles}
    tokens = [m.group(0).lower() for m in WORD_RE.finditer(between)]
    # an article alone joins no list: "sagte Deutschland der Ukraine ... zu" (a dative)
    return all(t in fillers for t in tokens) and ("," in between or bool(set(tokens) & links))


def _group(text: str, ordered: list[MentionLike], at: int, pack: LanguagePack) -> list[int]:
    """The indexes of the list the mention ``ordered[at]`` belongs to."""
    lo = hi = at
    while lo > 0 and _listed(text, ordered[lo - 1], ordered[lo], pack):
        lo -= 1
    while hi + 1 < len(ordered) and _listed(text, ordered[hi], ordered[hi + 1], pack):
        hi += 1
    return list(range(lo, hi + 1))


def _parties(
    text: str,
    mentions: list[MentionLike],
    verbs: list[tuple[int, int]],
    pack: LanguagePack,
    parties_of: Callable[[Hashable, dt.date | None], Iterable[int]],
    day: dt.date | None,
    *,
    clause: int = 0,
    agreed: bool = False,
) -> tuple[list[int], int | None]:
    """(committing parties, beneficiary) among the sentence's mentions. ``verbs``: where the
    stage verbs start and end (offsets into ``text``), the first first.

    Who commits is the first name before the verb (after it if none), with every name listed
    beside it ("Britain, France and Germany pledged"); a list right after a stage verb is a list
    of parties too ("have joined Belgium, Czechia, Denmark"). Names before ``clause`` (the
    start of the verb's clause: "Zelensky said that Germany will ...") say, they do not commit.
    ``agreed``: the verb reports an agreement, whose other side ("signed with X") is a party."""
    verb_at = verbs[0][0]
    givers: list[tuple[MentionLike, int]] = []
    receivers: list[tuple[int, int]] = []
    words = pack.commitment_words
    targets = {w.lower() for w in words.target_links} if words else set()
    partners = {w.lower() for w in words.partner_links} if words else set()
    events = words.event_keys if words else frozenset()
    for m in mentions:
        if _venue(text, m, pack):
            continue
        before_m = _words_before(text, m.start)
        if before_m and before_m[-1] in targets:
            continue  # "sanctions against Russia": the target, neither side of the pledge
        same_phrase = re.split(r"[,;:.!?()]", text[max(0, m.start - 30) : m.start])[-1]
        near = [w.lower() for w in WORD_RE.findall(same_phrase)][-2:]
        if events and any(word_keys(w, pack.code) & events for w in near):
            continue  # "на саміті НАТО", "au sommet de l'Otan": where, not who
        next_word = WORD_RE.search(text, m.end, m.end + 30)
        if (
            events
            and next_word is not None
            and not text[m.end : next_word.start()].strip(" -‑")
            and word_keys(next_word.group(0), pack.code) & events
        ):
            continue  # "the NATO summit", "des Nato-Gipfels": where, not who
        ids = sorted(parties_of(m.target, day))
        if len(ids) != 1:
            continue  # an official with no party that day, or several: not read here
        owner_after = getattr(m, "possessive", False) and m.start >= verb_at
        if _receives(text, m, pack) or owner_after:
            # "to Ukraine"; "bolster Ukraine's defences": whose they are receives
            receivers.append((m.start, ids[0]))
        else:
            givers.append((m, ids[0]))
    # Who receives follows the verb ("pledged ... to Ukraine"); a name marked before it ("Quant
    # à la France, elle a versé ... à l'Ukraine") receives only when none after it does.
    after_verb = [r for r in receivers if r[0] >= verb_at]
    chosen = (after_verb or receivers)[:1]
    beneficiary = chosen[0][1] if chosen else None
    marked = beneficiary is not None
    by_start = {m.start: m for m, _pid in givers}
    for start, pid in receivers:
        if (start, pid) not in chosen:
            by_start.setdefault(start, next(m for m in mentions if m.start == start))
    ordered = sorted(by_start.values(), key=lambda m: m.start)
    pid_of = {m.start: pid for m, pid in givers} | {
        start: pid for start, pid in receivers if (start, pid) not in chosen
    }
    before = [i for i, m in enumerate(ordered) if clause <= m.start < verb_at]
    after = [i for i, m in enumerate(ordered) if m.start >= verb_at]
    if not ordered:
        return [], beneficiary
    if not before and not after:  # "Macron said that they will send troops": the speaker's
        before = [i for i, m in enumerate(ordered) if m.start < verb_at]
    # the subject stands nearest the verb, or first where the verb comes last (German)
    first = (
        (before[-1] if words is None or words.subject_nearest else before[0])
        if before
        else after[0]
    )
    picked = _group(text, ordered, first, pack)
    for i, m in enumerate(ordered):  # "signed with Scholz", "einigt sich mit Trump"
        near = _words_before(text, m.start)[-2:]
        if agreed and i not in picked and m.start > verb_at and partners & set(near):
            picked += [i]
            break
    for _start, end in verbs:  # "έχουν προσχωρήσει το Βέλγιο, η Τσεχία, …"
        nxt = next((i for i, m in enumerate(ordered) if m.start >= end), None)
        if nxt is None or len(WORD_RE.findall(text[end : ordered[nxt].start])) > 2:
            continue
        group = _group(text, ordered, nxt, pack)
        if len(group) > 1:
            picked += [i for i in group if i not in picked]
    parties: list[int] = []
    for i in picked:
        pid = pid_of[ordered[i].start]
        if pid not in parties:
            parties.append(pid)
    if beneficiary is None:  # "pledged Ukraine €7bn", "hat der Ukraine ... zugesagt"
        rest = [pid_of[ordered[i].start] for i in after + before if i not in picked]
        beneficiary = next((pid for pid in rest if pid not in parties), None)
    if beneficiary is None and not marked and len(parties) == 2:
        # "Spain and Ukraine signed": each party commits to the other
        return parties, None
    parties = [pid for pid in parties if pid != beneficiary]
    return parties, beneficiary


def find_commitments(
    text: str,
    pack: LanguagePack,
    mentions: Iterable[MentionLike],
    parties_of: Callable[[Hashable, dt.date | None], Iterable[int]],
    day: dt.date | None = None,
) -> list[CommitmentCandidate]:
    """The commitments the text reports: a sentence with a stage verb and a kind or an amount
    reports one per party that commits and per kind it lists ("will provide weapons, training
    and intelligence"), or per amount it states ("provided £2.3bn in 2022 and will allocate
    £2.5bn in 2024": each at the stage of the verb before it). A sentence that names no party
    continues the commitments of the sentence before it in its paragraph ("It plans to expand
    training"). ``mentions``: the names the reading resolved (offsets into ``text``);
    ``parties_of(target, day)``: the parties a name stands for on ``day``."""
    if pack.commitment_words is None:
        return []
    mentions = sorted(mentions, key=lambda m: m.start)
    found: list[CommitmentCandidate] = []
    last: tuple[int, list[int], int | None] | None = None  # paragraph, parties, beneficiary
    for sentence in _sentences(text, pack.code):
        hits = _stage_hits(sentence.text, pack)
        if not hits:
            continue
        kinds = _kinds(sentence.text, pack)
        amounts = _converted_dropped(find_amounts(sentence.text, pack.code))
        if not kinds and not amounts:
            continue
        _rank, stage, verb = min((STAGE_ORDER.index(st), st, t) for _o, st, t in hits)
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        verbs = sorted(
            (sentence.start + o, sentence.start + o + len(t.split()[0])) for o, _st, t in hits
        )
        clause = sentence.start + _clause_start(sentence.text, verbs[0][0] - sentence.start, pack)
        parties, beneficiary = _parties(
            text, inside, verbs, pack, parties_of, day, clause=clause, agreed=stage == "agreed"
        )
        reason = f"stage verb “{verb}”"
        if not parties:  # no name commits: a nationality adjective may ("German aid")
            adjectives = [
                d
                for d in _demonyms(sentence, pack, inside)
                if d.start >= clause and not _after_venue_link(text, d, pack)
            ]
            if adjectives:
                parties, beneficiary = _parties(
                    text,
                    sorted([*inside, *adjectives], key=lambda m: m.start),
                    verbs,
                    pack,
                    parties_of,
                    day,
                    clause=clause,
                    agreed=stage == "agreed",
                )
                reason += " + a nationality adjective" if parties else ""
        if not parties and last is not None and last[0] == sentence.paragraph:
            parties, beneficiary = last[1], beneficiary or last[2]
            reason += " + the parties of the sentence before"
        if parties:
            last = (sentence.paragraph, parties, beneficiary)
        items: list[tuple[tuple[str, str, int] | None, Amount | None, str]] = []
        several = len(amounts) > 1  # several amounts: each at its own verb's stage
        for a in amounts:
            # the kind named nearest the amount ("€1bn in military aid") is the amount's
            kind = min(kinds, key=lambda k: abs(k[2] - a.start), default=None)
            items.append((kind, a, _stage_at(hits, a.start) if several else stage))
        given = {item[0] for item in items}
        items += [(kind, None, stage) for kind in kinds if kind not in given]
        committing: list[int | None] = list(parties) or [None]
        for party in committing:
            to = beneficiary
            if to is None and len(parties) == 2:
                to = parties[1] if party == parties[0] else parties[0]
            for kind, amount, at_stage in items:
                why = reason + (f" + kind “{kind[1]}”" if kind else "")
                why += " + amount" if amount else ""
                found.append(
                    CommitmentCandidate(
                        start=sentence.start,
                        end=sentence.end,
                        text=sentence.text,
                        stage=at_stage,
                        kind=kind[0] if kind else "other",
                        amount=amount,
                        party=party,
                        beneficiary=to,
                        reason=why,
                    )
                )
    return found


def _converted_dropped(amounts: list[Amount]) -> list[Amount]:
    """The amounts less those that restate the one before in another currency ("3,23 mld euro,
    czyli ponad 14 mld zł", "£2.5bn ($3.2bn)"): one commitment, told in two currencies."""
    out: list[Amount] = []
    for amount in amounts:
        prev = out[-1] if out else None
        if prev and prev.currency != amount.currency and amount.start - prev.end <= 25:
            continue
        out.append(amount)
    return out


def _clause_start(sentence: str, verb: int, pack: LanguagePack) -> int:
    """Where the stage verb's clause starts: after the last complementiser before it ("said
    that", "указал, что"), else the sentence's start (offsets into the sentence)."""
    toks, keys = tokenise(sentence, pack.code)
    start = 0
    for i in range(len(keys)):
        if toks[i][0] >= verb:
            break
        if pack.complementiser_set.match_at(keys, i):
            start = toks[i][1]
    return start


def _stage_at(hits: list[tuple[int, str, str]], offset: int) -> str:
    """The stage of the verb nearest before an amount ("provided £2.3bn in 2022 ... and will
    allocate £2.5bn"), or of the first verb when the amount comes before every verb."""
    before = [h for h in hits if h[0] < offset]
    return before[-1][1] if before else hits[0][1]


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


__all__ = ["CommitmentCandidate", "find_commitments"]
