"""Find known names (and close unknown variants of them) in a text.

A gazetteer is built from (name, target) pairs, where a target is any hashable key such as
("official", 3). Matching is on ``normalize_name`` keys token by token, longest name first, so
"Andriy Yermak's" and "ANDRIY YERMAK" find the same person. Given the text's language, a
capitalised word also matches through its lemmas (``negotiations.text.morph``: Єрмака -> Єрмак,
Zełenskiego -> Zełenski) and, for names the dictionaries do not know, through an inflected ending
on a known name (Віткоффа, Sikorskiego, Selenskyjs: at most four letters past a stem that keeps
all but the last two letters of the name). The names of parties and places also match word by
word on the lemmas of both sides, so an inflected adjective or plural finds its name (Stanów
Zjednoczonych / Stany Zjednoczone, Wielkiej Brytanii / Wielka Brytania, коаліції охочих /
Коаліція охочих); such a name made of common nouns ("koalicja chętnych") matches in lower case
too. Hyphens and spaces are the same (États-Unis / Etats Unis, G-7 / G 7 / G7), and an acronym
of three letters or more also matches in title case inside a sentence (Usa, Otan).

Capitalised names that match nothing but are close to a known name (Kyslytsia / Kyslytsya) are
reported as fuzzy matches, scored by rapidfuzz, so the caller can turn them into alias
suggestions instead of missing them.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from negotiations.text.morph import PYMORPHY_LANGS, WORD_RE, lemmas
from negotiations.text.normalize import normalize_name

TOKEN_RE = WORD_RE  # the words of names are the words of the reading
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# Capitalised words that start sentences or name things other than people.
_STOP_CAPITALS = {
    "the", "a", "an", "in", "on", "at", "as", "and", "but", "or", "if", "it", "its", "he", "she",
    "they", "we", "i", "this", "that", "these", "those", "there", "their", "his", "her", "our",
    "for", "from", "with", "under", "over", "after", "before", "meanwhile", "however", "also",
    "despite", "according", "then", "when", "while", "yet", "neither", "nor", "both",
    "members", "president", "minister",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "previous", "next", "latest", "story", "news", "read",
}  # fmt: skip


SINGLE_WORD_CUTOFF = 88.0  # a lone word must be closer to a name than a full name must


# A lone letter before a number is one word with it: G-7, G 7 and G7 are one name.
_LETTER_NUMBER_RE = re.compile(r"\b([^\W\d_]) (?=\d)")
_PHRASE_KINDS = frozenset({"party", "place"})  # names matched on the lemmas of their words


def name_key(name: str) -> str:
    """The matching key of a name or of a word of the text (``normalize_name``, G 7 -> g7)."""
    return _LETTER_NUMBER_RE.sub(r"\1", normalize_name(name))


_name_key_cached = lru_cache(maxsize=200_000)(name_key)


def _normalize_token(token: str) -> str:
    if token.isascii() and token.isalnum():
        return token.lower()  # the common case, and what normalize_name returns for it
    return _name_key_cached(token)


@dataclass(frozen=True)
class Entry:
    target: Hashable
    name: str
    kind: str = ""
    case_sensitive: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    target: Hashable
    kind: str
    possessive: bool = False
    fuzzy_score: float = 0.0  # 0 for exact matches
    # the last word matched through its lemma or an inflected ending, not as written
    # ("Macrona", "Zełenskiego" for Macron, Zełenski): a name in another case than the name's
    inflected: bool = False

    @property
    def is_fuzzy(self) -> bool:
        return self.fuzzy_score > 0


_FORMS_CACHE_MAX = 200_000


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    max_tokens: int = 1
    fuzzy_cutoff: float = 85.0
    _first_tokens: set[str] = field(default_factory=set)
    _fuzzy_choices: list[str] = field(default_factory=list)
    _fuzzy_targets: list[list[Entry]] = field(default_factory=list)
    _fuzzy_cache: dict[str, tuple[str, float, int] | None] = field(default_factory=dict)
    _stems: dict[str, set[str]] = field(default_factory=dict)  # stem -> token keys of names
    _tokens: set[str] = field(default_factory=set)  # every token key of every name
    _forms_cache: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    _phrase_names: list[tuple[str, str]] = field(default_factory=list)  # (name, entries key)
    # language -> first word's key -> [(each word's keys, entries key)], longest first
    _phrase_index: dict[str, dict[str, list[tuple[tuple[frozenset[str], ...], str]]]] = field(
        default_factory=dict
    )

    @classmethod
    def build(cls, items: Iterable[Entry], *, fuzzy_kinds: frozenset[str] | None = None):
        gaz = cls()
        for entry in items:
            key = name_key(entry.name)
            if not key:
                continue
            if entry.kind in _PHRASE_KINDS and not entry.case_sensitive:
                gaz._phrase_names.append((entry.name, key))
            bucket = gaz.entries.setdefault(key, [])
            if all(e.target != entry.target for e in bucket):
                bucket.append(entry)
            gaz.max_tokens = max(gaz.max_tokens, key.count(" ") + 1)
            gaz._first_tokens.add(key.split(" ", 1)[0])
            for token in key.split(" "):
                gaz._tokens.add(token)
                if len(token) >= 4 and entry.kind != "description":
                    for cut in (0, 1, 2):
                        if len(token) - cut >= 4:
                            gaz._stems.setdefault(token[: len(token) - cut], set()).add(token)
        for key, bucket in gaz.entries.items():
            usable = [
                e
                for e in bucket
                if (fuzzy_kinds is None or e.kind in fuzzy_kinds) and not e.case_sensitive
            ]
            if usable and len(key) >= 5:
                gaz._fuzzy_choices.append(key)
                gaz._fuzzy_targets.append(usable)
        return gaz

    def _forms(self, token: str, key: str, lang: str) -> tuple[str, ...]:
        """The keys a word can match: itself, its lemmas, a known name it inflects (kept per
        word: the names of a gazetteer do not change)."""
        if not lang or not token[:1].isupper() or key in self._tokens:
            return (key,)
        cached = self._forms_cache.get((token, lang))
        if cached is None:
            if len(self._forms_cache) >= _FORMS_CACHE_MAX:
                self._forms_cache.clear()  # a long-lived worker's memory stays bounded
            cached = self._forms_cache[(token, lang)] = self._inflected_forms(token, key, lang)
        return cached

    def _inflected_forms(self, token: str, key: str, lang: str) -> tuple[str, ...]:
        forms = [key]
        word_lemmas = lemmas(token, lang)
        for lemma in word_lemmas:
            if lemma in self._tokens and lemma not in forms:
                forms.append(lemma)
        if lang not in PYMORPHY_LANGS and any(lemma != key for lemma in word_lemmas[1:]):
            # simplemma reads words of its dictionary only: a form of another word ("Indicó":
            # indicar, at a sentence's start) is no unknown inflection of a name (India)
            return tuple(forms)
        if len(forms) == 1 and len(key) >= 4 and lang != "en":  # English names do not inflect
            for cut in range(0, 5):
                stem = key[: len(key) - cut]
                if len(stem) < 4:
                    break
                for name in self._stems.get(stem, ()):
                    if name not in forms and _inflects(key, name):
                        forms.append(name)
        return tuple(forms)

    def find(self, text: str, *, fuzzy: bool = True, lang: str = "") -> list[Mention]:
        tokens = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(text)]
        keys = [_normalize_token(tok) for _, _, tok in tokens]
        forms = [
            self._forms(tok, key, lang) for (_, _, tok), key in zip(tokens, keys, strict=False)
        ]
        mentions: list[Mention] = []
        i = 0
        n = len(tokens)
        phrases = self._phrase_index_for(lang) if lang else {}
        while i < n:
            # a hyphenated word is several words of a name (États-Unis: "etats unis")
            exact = any(f.split(" ", 1)[0] in self._first_tokens for f in forms[i])
            by_lemma = self._phrase_at(i, text, tokens, forms, lang, phrases) if phrases else None
            if not exact and by_lemma is None:
                i += 1
                continue
            matched = False
            for length in range(
                min(max(self.max_tokens, by_lemma[0] if by_lemma else 0), n - i), 0, -1
            ):
                if not keys[i + length - 1] or not keys[i]:
                    continue
                bucket = None
                inflected = False
                if exact:
                    for combo in _combinations(forms[i : i + length]):
                        bucket = self.entries.get(" ".join(combo))
                        if bucket:
                            inflected = combo[-1] != forms[i + length - 1][0]
                            break
                if not bucket and by_lemma is not None and by_lemma[0] == length:
                    bucket = self.entries[by_lemma[1]]
                if not bucket:
                    continue
                start, end = tokens[i][0], tokens[i + length - 1][1]
                surface = text[start:end]
                entry = self._choose(bucket, surface, initial=_sentence_initial(text, start))
                if entry is None:
                    continue
                mentions.append(
                    Mention(
                        start,
                        end,
                        surface,
                        entry.target,
                        entry.kind,
                        possessive=bool(_POSSESSIVE_RE.search(tokens[i + length - 1][2]))
                        or text[end : end + 2] in {"'s", "’s"},
                        inflected=inflected,
                    )
                )
                i += length
                matched = True
                break
            if not matched:
                i += 1
        mentions.extend(self._in_compounds(text, tokens, mentions, lang))
        if fuzzy and self._fuzzy_choices:
            mentions.extend(self._fuzzy(text, tokens, keys, mentions))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _phrase_index_for(self, lang: str):
        """The names of parties and places as the lemmas of their words, in one language (built
        on first use: a gazetteer reads a few languages)."""
        index = self._phrase_index.get(lang)
        if index is None:
            index = self._phrase_index[lang] = {}
            for name, key in self._phrase_names:
                words = tuple(_name_word_keys(m.group(0), lang) for m in TOKEN_RE.finditer(name))
                if not words or not all(words):
                    continue
                for first in words[0]:
                    bucket = index.setdefault(first, [])
                    if (words, key) not in bucket:
                        bucket.append((words, key))
            for bucket in index.values():
                bucket.sort(key=lambda item: -len(item[0]))
        return index

    def _phrase_at(self, i, text, tokens, forms, lang, index) -> tuple[int, str] | None:
        """The longest party or place name whose words share a lemma with the words from i on
        (separated by spaces only): (number of words, entries key)."""
        here = self._word_keys(tokens[i][2], forms[i], lang)
        for first in here:
            for words, key in index.get(first, ()):
                length = len(words)
                if i + length > len(tokens):
                    continue
                if all(
                    text[tokens[i + k - 1][1] : tokens[i + k][0]] == " "
                    and words[k] & self._word_keys(tokens[i + k][2], forms[i + k], lang)
                    for k in range(1, length)
                ):
                    return length, key
        return None

    @staticmethod
    def _word_keys(token: str, forms: tuple[str, ...], lang: str) -> frozenset[str]:
        return frozenset((*forms, *lemmas(token, lang)))

    def _closest(self, candidate: str):
        if candidate not in self._fuzzy_cache:
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[candidate] = process.extractOne(
                candidate, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff
            )
        return self._fuzzy_cache[candidate]

    @staticmethod
    def _choose(bucket: list[Entry], surface: str, *, initial: bool = False) -> Entry | None:
        """The entry the words stand for; ``initial``: they start a sentence."""
        for entry in bucket:
            if entry.case_sensitive and not _same_acronym(surface, entry.name, initial=initial):
                continue
            if (
                entry.kind != "description"
                and not surface[:1].isupper()
                and not _common_noun_phrase(entry)
            ):
                continue  # names are capitalised; "us" is not the US
            return entry
        return None

    def _in_compounds(self, text, tokens, found: list[Mention], lang: str) -> list[Mention]:
        """Names inside hyphenated compounds: US-Präsident, G7-Staaten, Russia-Ukraine."""
        covered = {m.start for m in found}
        out = []
        for start, _end, tok in tokens:
            if "-" not in tok or start in covered:
                continue
            offset = start
            for part in tok.split("-"):
                key = _normalize_token(part)
                bucket = self.entries.get(key) if key else None
                if bucket is None and part[:1].isupper():
                    bucket = next(
                        (
                            self.entries[f]
                            for f in self._forms(part, key, lang)
                            if f in self.entries
                        ),
                        None,
                    )
                initial = offset == start and _sentence_initial(text, start)
                entry = self._choose(bucket, part, initial=initial) if bucket else None
                if entry is not None:
                    out.append(Mention(offset, offset + len(part), part, entry.target, entry.kind))
                offset += len(part) + 1
        return out

    def _fuzzy(self, text, tokens, keys, exact: list[Mention]) -> list[Mention]:
        covered: set[int] = set()
        for m in exact:
            covered.update(range(m.start, m.end))
        found: list[Mention] = []
        i = 0
        n = len(tokens)
        while i < n:
            start, end, tok = tokens[i]
            if start in covered or not tok[:1].isupper() or keys[i] in _STOP_CAPITALS:
                i += 1
                continue
            j = i
            while (
                j + 1 < n
                and j - i < 2
                and tokens[j + 1][2][:1].isupper()
                and tokens[j + 1][0] not in covered
                and text[tokens[j][1] : tokens[j + 1][0]] == " "
            ):
                j += 1
            for first in range(i, j + 1):  # "Then Serhii Kyslytsia": drop leading words
                candidate = " ".join(keys[first : j + 1])
                if len(candidate) < 5:
                    continue
                best = self._closest(candidate)
                if best is None:
                    continue
                choice, score, index = best
                if first == j and score < SINGLE_WORD_CUTOFF:
                    break  # one capitalised word ("Guerre") is too often a common word
                if score < 100:
                    entry = self._fuzzy_targets[index][0]
                    s, e = tokens[first][0], tokens[j][1]
                    found.append(
                        Mention(
                            s,
                            e,
                            text[s:e],
                            entry.target,
                            entry.kind,
                            possessive=bool(_POSSESSIVE_RE.search(tokens[j][2]))
                            or text[e : e + 2] in {"'s", "’s"},
                            fuzzy_score=score,
                        )
                    )
                break
            i = j + 1
        return found


def _name_word_keys(word: str, lang: str) -> frozenset[str]:
    """A word of a name and its lemmas of four letters or more: short lemmas are pronouns,
    articles and verbs (Us -> we, Irán -> ir, the Spanish "to go")."""
    key = _normalize_token(word)
    return frozenset((key, *(lemma for lemma in lemmas(word, lang) if len(lemma) >= 4)))


def _inflects(word: str, name: str) -> bool:
    """``word`` is ``name`` with an inflected ending: Sikorskiego / sikorski, Віткоффа / віткофф."""
    common = 0
    for a, b in zip(word, name, strict=False):
        if a != b:
            break
        common += 1
    return common >= max(4, len(name) - 2) and len(word) - common <= 4


def _combinations(options: list[tuple[str, ...]]):
    """Every key sequence the words can form, the surface forms first (at most 64)."""
    combos: list[tuple[str, ...]] = [()]
    for opts in options:
        combos = [(*c, o) for c in combos for o in opts][:64]
    return combos


def _letters(value: str) -> str:
    return re.sub(r"\W", "", value)


def _same_acronym(surface: str, name: str, *, initial: bool) -> bool:
    """The case-sensitive short name as written, or an acronym of three letters or more in title
    case (Usa, Nato, Otan, Onu: Italian and French house style) inside a sentence; at its start
    the title case is too often a word (Nato a Roma, Uno dei...)."""
    written, letters = _letters(surface), _letters(name)
    if written == letters:
        return True
    return (
        not initial
        and len(letters) >= 3
        and letters.isalpha()
        and letters.isupper()
        and written == letters.capitalize()
    )


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'«„“‘(—–-")
    return not before or before[-1] in ".!?:\n"


def _common_noun_phrase(entry: Entry) -> bool:
    """A party's name made of common nouns (Koalicja chętnych, coalition of the willing): the
    press writes it in lower case as often as not."""
    if entry.kind != "party":
        return False
    words = TOKEN_RE.findall(entry.name)
    return len(words) > 1 and any(w[:1].islower() for w in words[1:])


def strip_possessive(name: str) -> str:
    return re.sub(r"['’]s?$", "", name.strip())
