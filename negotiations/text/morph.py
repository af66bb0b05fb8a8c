"""Word forms to lemmas, per language, with maintained libraries.

Russian and Ukrainian go through pymorphy3 and its OpenCorpora / VESUM dictionaries (every
normal form a word can have, so a name that is also a common noun keeps both: Песков -> песок,
песков). The other languages go through simplemma's lookup tables. Both ship their data in the
package; nothing is downloaded. Results are cached: news repeats its words.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import simplemma

from negotiations.text.normalize import normalize_name

# A word, hyphens and inner apostrophes kept (Kosiniak-Kamysz, O'Brien, інтерв'ю); the elided
# articles and prepositions of French and Italian are words of their own (d'Istanbul,
# l'Ukraine, dell'Ucraina), so the name after them is found.
# French puts the subject pronoun after the verb with a hyphen ("a-t-il précisé", "ajoute-t-elle",
# "dit-il"): the pronoun is a word of its own, so the reading finds the speaker.
WORD_RE = re.compile(
    r"\b(?i:qu|[dlcjmnst]|dell|dall|nell|sull|all|quell|un)['’](?=[^\W\d_])"
    r"|[^\W_]+(?:(?!-t-(?:il|elle)\b|-(?:il|elle|ils|elles)\b)[-'’ʼ][^\W_]+)*",
    re.UNICODE,
)
PYMORPHY_LANGS = {"ru", "uk"}


@cache
def _analyzer(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=400_000)
def lemmas(word: str, lang: str) -> tuple[str, ...]:
    """The matching keys of a word: its folded form first, then its lemmas (folded)."""
    folded = normalize_name(word)
    keys = [folded] if folded else []
    if not folded:
        return ()
    if lang in PYMORPHY_LANGS:
        for parse in _analyzer(lang).parse(word.lower())[:4]:
            normal = parse.normal_form
            if "GRND" in parse.tag and normal == word.lower():
                normal = _gerund_verb(normal, lang) or normal
            key = normalize_name(normal)
            if key and key not in keys:
                keys.append(key)
    elif lang:
        for form in (word, word.lower()) if word[:1].isupper() else (word,):
            # a capitalised word may start a sentence: its lower-case reading counts too
            try:
                lemma = simplemma.lemmatize(form, lang=lang)
            except ValueError:  # a language simplemma does not know: the word as it is
                break
            key = normalize_name(lemma)
            if key and key not in keys:
                keys.append(key)
    return tuple(keys)


def _gerund_verb(gerund: str, lang: str) -> str | None:
    """The verb of a gerund that the dictionary lists as a word of its own (VESUM, Ukrainian:
    заявивши, наголошуючи, висловившись). The gerund is built on the verb's own forms: the
    perfective one on the masculine past (заявив + ши), the imperfective one on the third
    person plural present less its -ть (наголошують -> наголошую + чи); the reflexive adds -сь
    (висловився -> висловившись). The verb is the one of that form, read by the dictionary."""
    stem, reflexive = (gerund[:-2], True) if gerund.endswith("сь") else (gerund, False)
    if stem.endswith("ши"):
        base = stem[:-2]
    elif stem.endswith("чи"):
        base = stem[:-2] + "ть"
    else:
        return None
    if reflexive:
        base += "ся"
    for parse in _analyzer(lang).parse(base):
        if parse.tag.POS == "VERB":
            return parse.normal_form
    return None


@lru_cache(maxsize=100_000)
def is_lemma(word: str, lang: str) -> bool:
    """Whether the word is in its dictionary form (for verbs of most languages: the infinitive)."""
    folded = normalize_name(word)
    if lang in PYMORPHY_LANGS:
        return any(
            normalize_name(p.normal_form) == folded and "GRND" not in p.tag
            for p in _analyzer(lang).parse(word.lower())[:2]
        )
    try:
        return normalize_name(simplemma.lemmatize(word.lower(), lang=lang)) == folded
    except ValueError:
        return False


@lru_cache(maxsize=50_000)
def name_parses(word: str, lang: str) -> tuple[str, ...]:
    """For Russian and Ukrainian: the nominative forms of a word read as a first or last name."""
    if lang not in PYMORPHY_LANGS:
        return ()
    out = []
    for parse in _analyzer(lang).parse(word):
        if {"Name", "Surn", "Patr"} & set(str(parse.tag).replace(" ", ",").split(",")):
            form = parse.normal_form
            if form not in out:
                out.append(form)
    return tuple(out)


@lru_cache(maxsize=20_000)
def phrase_keys(phrase: str, lang: str) -> tuple[frozenset[str], ...]:
    """A phrase as a sequence of words, each the set of its matching keys."""
    return tuple(
        frozenset(lemmas(m.group(0), lang))
        for m in WORD_RE.finditer(phrase)
        if normalize_name(m.group(0))
    )


def name_nominative(name: str, lang: str) -> str:
    """A person's name as a dictionary would list it: Майка Уолтца -> Майк Уолтц (Russian and
    Ukrainian, through pymorphy3's first- and last-name readings); other languages as written."""
    if lang not in PYMORPHY_LANGS:
        return name
    words = []
    for m in WORD_RE.finditer(name):
        word = m.group(0)
        forms = name_parses(word, lang)
        words.append(forms[0].capitalize() if forms else word)
    return " ".join(words) or name


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")


@lru_cache(maxsize=100_000)
def cases(word: str, lang: str) -> frozenset[str]:
    """The grammatical cases the word can be in (Russian and Ukrainian; empty elsewhere)."""
    if lang not in PYMORPHY_LANGS:
        return frozenset()
    found: set[str] = set()
    for parse in _analyzer(lang).parse(word)[:3]:
        tag = str(parse.tag)
        found.update(case for case in _CASES if case in tag)
    return frozenset(found)


def name_cases(word: str, lang: str) -> frozenset[str]:
    """The cases a state's or place's name can be in: its plural readings do not count unless
    it has no singular ("України" is a genitive, not "Ukraines"; "США" stays plural)."""
    if lang not in PYMORPHY_LANGS:
        return frozenset()
    found: set[str] = set()
    for parse in _analyzer(lang).parse(word)[:3]:
        tag = str(parse.tag)
        if "plur" in tag and "Pltm" not in tag:
            continue
        found.update(case for case in _CASES if case in tag)
    return frozenset(found)


@lru_cache(maxsize=16)  # the passes over one article (tracks, relevance, statements) share it
def tokenise(
    text: str, lang: str
) -> tuple[tuple[tuple[int, int, str], ...], tuple[frozenset[str], ...]]:
    """The words of a text ((start, end, word), ...) and the matching keys of each."""
    words = tuple((m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text))
    return words, tuple(word_keys(w, lang) for _s, _e, w in words)


@lru_cache(maxsize=400_000)
def word_keys(word: str, lang: str) -> frozenset[str]:
    """The matching keys of a word as a set (``lemmas``), built once per word."""
    return frozenset(lemmas(word, lang))


_GENDERS = ("masc", "femn", "neut")


@lru_cache(maxsize=100_000)
def past_genders(word: str, lang: str) -> frozenset[str]:
    """The genders a past-tense verb agrees with (Russian and Ukrainian: заявил masc, заявила
    femn); empty for other words and languages."""
    if lang not in PYMORPHY_LANGS:
        return frozenset()
    found: set[str] = set()
    for parse in _analyzer(lang).parse(word.lower()):
        tag = str(parse.tag)
        if tag.startswith("VERB") and "past" in tag:
            found.update(g for g in _GENDERS if g in tag)
    return frozenset(found)


@lru_cache(maxsize=100_000)
def nominative_genders(word: str, lang: str) -> frozenset[str]:
    """The genders of the word's nominative readings (Умерова: femn, as a woman's surname)."""
    if lang not in PYMORPHY_LANGS:
        return frozenset()
    found: set[str] = set()
    for parse in _analyzer(lang).parse(word):
        tag = str(parse.tag)
        if "nomn" in tag:
            found.update(g for g in _GENDERS if g in tag)
    return frozenset(found)


@lru_cache(maxsize=100_000)
def is_future(word: str, lang: str) -> bool:
    """Whether a verb is in the future tense by its form (Russian and Ukrainian: выделит,
    виділять); False elsewhere, where the future is a word of its own ("will", "wird")."""
    if lang not in PYMORPHY_LANGS:
        return False
    parses = [p for p in _analyzer(lang).parse(word.lower())[:3] if p.tag.POS == "VERB"]
    return any("futr" in p.tag for p in parses)


@lru_cache(maxsize=50_000)
def impersonal_form(word: str, lang: str) -> bool:
    """Whether a verb form has no subject (Russian and Ukrainian): Ukrainian's impersonal in
    -но/-то (заявлено, повідомлено: pymorphy3 tags it ``Impe``) and Russian's short neuter
    passive participle (было заявлено, сообщено)."""
    if lang not in PYMORPHY_LANGS:
        return False
    for parse in _analyzer(lang).parse(word.lower())[:2]:
        grammemes = set(str(parse.tag).replace(" ", ",").split(","))
        if "Impe" in grammemes or {"PRTS", "pssv", "neut", "sing"} <= grammemes:
            return True
    return False
