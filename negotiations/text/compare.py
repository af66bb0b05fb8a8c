"""Word-level comparison of two outlets' renderings of the same words (no Django needed).

Used by the cross-outlet comparison: each outlet's wording against a reference outlet's, with the
kind of each difference named so analysts can tell a house spelling (Kiev / Kyiv) or a change of
quotation marks from an outlet adding its own framing ("so-called", "regime"). An outlet's words
are kept as it wrote them: what it left out of the reference is a mark between its words, never
the reference's words put into its text. Loaded words come from the language packs
(``negotiations.text.lang.loaded_words``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from negotiations.text.lang import loaded_words
from negotiations.text.morph import tokenise
from negotiations.text.normalize import normalize_name, strip_diacritics

_TOKEN = re.compile(r"\S+")
_QUOTES = "\"'“”„‟«»‹›‘’‚‛`´"


@dataclass(frozen=True)
class Token:
    """One word of the compared text and how it differs from the reference.

    ``kind`` is one of: ``same``, ``quote`` (only quotation marks differ), ``translit`` (a
    spelling variant of the same name), ``changed``, ``added``, ``framing`` (a loaded word of the
    text's language, wherever it stands) or ``omitted`` (no word of the text: the reference's
    words it leaves out here, in ``base``, shown as a mark).
    """

    text: str
    kind: str
    base: str = ""


_PUNCTUATION = ",.;:!?()[]…"


def _strip_punct(word: str) -> str:
    return word.strip(_PUNCTUATION)


def _strip_quotes(word: str) -> str:
    return word.strip(_QUOTES + _PUNCTUATION)


def _is_translit(a: str, b: str) -> bool:
    a, b = normalize_name(_strip_quotes(a)), normalize_name(_strip_quotes(b))
    if not a or not b or a == b or not a[0].isalpha() or not b[0].isalpha():
        return False
    a, b = strip_diacritics(a), strip_diacritics(b)
    return fuzz.ratio(a, b) >= 60


def _pair_kind(a: str, b: str, equivalent: Callable[[str, str], bool] | None) -> str:
    if a == b or _strip_punct(a) == _strip_punct(b):
        return "same"  # trailing punctuation moves with sentence boundaries: not worth a mark
    if _strip_quotes(a) == _strip_quotes(b):
        return "quote"
    if normalize_name(a) == normalize_name(b):
        return "quote" if any(c in _QUOTES for c in a + b) else "same"
    if equivalent is not None and equivalent(_strip_quotes(a), _strip_quotes(b)):
        return "translit"
    # Names are capitalised; a close spelling of a capitalised word is a transliteration.
    if _strip_quotes(a)[:1].isupper() and _strip_quotes(b)[:1].isupper() and _is_translit(a, b):
        return "translit"
    return "changed"


def loaded_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The character spans of the loaded words and phrases of ``text`` (its language's)."""
    phrases = loaded_words(lang)
    words, keys = tokenise(text, lang)
    spans = []
    i = 0
    while i < len(words):
        phrase = phrases.match_at(keys, i)
        if phrase is None:
            i += 1
            continue
        last = min(i + len(phrase.words), len(words)) - 1
        spans.append((words[i][0], words[last][1]))
        i = last + 1
    return spans


def _loaded_flags(text: str, lang: str) -> list[bool]:
    """For each whitespace-separated word of ``text``: is it (part of) a loaded word?"""
    spans = loaded_spans(text, lang)
    return [any(m.start() < e and s < m.end() for s, e in spans) for m in _TOKEN.finditer(text)]


def mark_loaded(text: str, *, lang: str) -> list[Token]:
    """``text``'s words with only its loaded words marked (a reference, or a text in another
    language than the reference)."""
    flags = _loaded_flags(text, lang)
    return [
        Token(w, "framing" if flag else "same")
        for w, flag in zip(_TOKEN.findall(text), flags, strict=True)
    ]


def compare_words(
    reference: str,
    other: str,
    *,
    lang: str = "en",
    equivalent: Callable[[str, str], bool] | None = None,
) -> list[Token]:
    """Return ``other``'s words, each marked with how it differs from ``reference``, and marks
    where it leaves the reference's words out. Both are in ``lang``.

    ``equivalent(a, b)`` may say that two words name the same thing (from the alias table).
    """
    base_words, other_words = _TOKEN.findall(reference), _TOKEN.findall(other)
    loaded = _loaded_flags(other, lang)
    # Match on a folded form so a change of quotes or case does not break the alignment.
    matcher = difflib.SequenceMatcher(
        a=[normalize_name(w) or w for w in base_words],
        b=[normalize_name(w) or w for w in other_words],
        autojunk=False,
    )
    tokens: list[Token] = []

    def add(j: int, kind: str, base: str = "") -> None:
        tokens.append(Token(other_words[j], "framing" if loaded[j] else kind, base))

    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                add(j, _pair_kind(base_words[i], other_words[j], equivalent), base_words[i])
        elif op == "insert":
            for j in range(b0, b1):
                add(j, "added")
        elif op == "delete":
            tokens.append(Token("", "omitted", " ".join(base_words[a0:a1])))
        else:  # replace: pair words up while both sides have them, then add or omit the rest
            pairs = min(a1 - a0, b1 - b0)
            for k in range(pairs):
                add(
                    b0 + k,
                    _pair_kind(base_words[a0 + k], other_words[b0 + k], equivalent),
                    base_words[a0 + k],
                )
            for j in range(b0 + pairs, b1):
                add(j, "added")
            if a1 - a0 > pairs:
                tokens.append(Token("", "omitted", " ".join(base_words[a0 + pairs : a1])))
    return tokens


def summarize(tokens: list[Token]) -> dict[str, int]:
    """Count the differences by kind (``same`` left out; an omission counts its words)."""
    counts: dict[str, int] = {}
    for token in tokens:
        if token.kind == "omitted":
            counts["omitted"] = counts.get("omitted", 0) + len(token.base.split())
        elif token.kind != "same":
            counts[token.kind] = counts.get(token.kind, 0) + 1
    return counts
