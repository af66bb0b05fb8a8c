"""Word-level comparison of two renderings of the same words (no Django needed).

Used by the cross-outlet comparison: each outlet's wording against the canonical one, with the
kind of each difference named so analysts can tell a house spelling (Kiev / Kyiv) or a change of
quotation marks from an outlet adding its own framing ("so-called", "regime").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from negotiations.text.normalize import normalize_name, strip_diacritics

_TOKEN = re.compile(r"\S+")
_QUOTES = "\"'“”„‟«»‹›‘’‚‛`´"
# Words outlets add to colour a quotation; flagged more strongly than other additions.
FRAMING_WORDS = frozenset(
    {
        "allegedly",
        "alleged",
        "reportedly",
        "claimed",
        "claims",
        "claim",
        "so-called",
        "regime",
        "junta",
        "admitted",
        "insisted",
        "purported",
        "purportedly",
        "self-proclaimed",
        "illegitimate",
        "neo-nazi",
        "puppet",
        "finally",
        "even",
        "supposedly",
    }
)


@dataclass(frozen=True)
class Token:
    """One word of the compared text and how it differs from the base.

    ``kind`` is one of: ``same``, ``quote`` (only quotation marks differ), ``translit`` (a
    spelling variant of the same name), ``changed``, ``added``, ``framing`` (an added word from
    ``FRAMING_WORDS``) or ``removed`` (in the base only; shown struck through).
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


def _added_kind(word: str) -> str:
    return "framing" if _strip_quotes(word).casefold() in FRAMING_WORDS else "added"


def compare_words(
    base: str, other: str, *, equivalent: Callable[[str, str], bool] | None = None
) -> list[Token]:
    """Return ``other``'s words, each marked with how it differs from ``base``.

    ``equivalent(a, b)`` may say that two words name the same thing (from the alias table).
    """
    base_words, other_words = _TOKEN.findall(base), _TOKEN.findall(other)
    # Match on a folded form so a change of quotes or case does not break the alignment.
    matcher = difflib.SequenceMatcher(
        a=[normalize_name(w) or w for w in base_words],
        b=[normalize_name(w) or w for w in other_words],
        autojunk=False,
    )
    tokens: list[Token] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for a, b in zip(base_words[a0:a1], other_words[b0:b1], strict=True):
                tokens.append(Token(b, _pair_kind(a, b, equivalent), a))
        elif op == "insert":
            tokens.extend(Token(w, _added_kind(w)) for w in other_words[b0:b1])
        elif op == "delete":
            tokens.extend(Token(w, "removed", w) for w in base_words[a0:a1])
        else:  # replace: pair words up while both sides have them, then add or remove the rest
            olds, news = base_words[a0:a1], other_words[b0:b1]
            for i in range(max(len(olds), len(news))):
                if i < len(olds) and i < len(news):
                    kind = _pair_kind(olds[i], news[i], equivalent)
                    if kind == "changed" and _strip_quotes(news[i]).casefold() in FRAMING_WORDS:
                        kind = "framing"
                    tokens.append(Token(news[i], kind, olds[i]))
                elif i < len(news):
                    tokens.append(Token(news[i], _added_kind(news[i])))
                else:
                    tokens.append(Token(olds[i], "removed", olds[i]))
    return tokens


def summarize(tokens: list[Token]) -> dict[str, int]:
    """Count the differences by kind (``same`` left out)."""
    counts: dict[str, int] = {}
    for token in tokens:
        if token.kind != "same":
            counts[token.kind] = counts.get(token.kind, 0) + 1
    return counts
