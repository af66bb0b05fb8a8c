"""Normalisation of names and texts for matching and fingerprints.

``normalize_name`` folds the differences that never distinguish two names (case, diacritics,
apostrophes and quotation marks, punctuation, spacing): "Zelenskyy's" and "ZELENSKYY" meet, while
real transliteration variants (Ermak / Yermak) stay distinct and are linked through aliases.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´ʹ′"), "'")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def strip_diacritics(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(value: str) -> str:
    """Return the matching key of a name: lower case, no diacritics, words joined by one space."""
    folded = strip_diacritics(value.translate(_APOSTROPHES)).casefold()
    folded = folded.replace("'s ", " ").removesuffix("'s").replace("'", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def normalize_text(value: str) -> str:
    """Fold a text for fingerprinting: Unicode NFKC, unified quotes, collapsed white space."""
    value = unicodedata.normalize("NFKC", value).translate(_APOSTROPHES)
    value = value.translate(dict.fromkeys(map(ord, "“”„«»"), '"'))
    return _SPACES.sub(" ", value).strip()


def content_fingerprint(text: str) -> str:
    """SHA-256 of the normalised text: equal for byte-different copies of the same body."""
    return hashlib.sha256(normalize_text(text).casefold().encode("utf-8")).hexdigest()
