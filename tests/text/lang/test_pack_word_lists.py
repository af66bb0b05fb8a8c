"""Every word list of every pack is a clean list: no word twice, no two words glued into one.

Both defects came in once through a merge of two branches that had each extended the same lists:
the lists held every word twice, and where the two halves met, the last word of one and the first
of the other had become one string ("einigenvereinbaren", "àva"), so neither word was read there.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator

import pytest

from negotiations.text.lang import COMMITMENT_WORDS, LOADED_WORDS, PACKS


def word_lists(obj: object, path: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(path, words) for every list of strings reachable from ``obj``."""
    if isinstance(obj, tuple | list | frozenset | set):
        items = tuple(obj)
        if items and all(isinstance(item, str) for item in items):
            yield path, items
            return
        for index, item in enumerate(items):
            yield from word_lists(item, f"{path}[{index}]")
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from word_lists(value, f"{path}.{key}")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for field in dataclasses.fields(obj):
            yield from word_lists(getattr(obj, field.name), f"{path}.{field.name}")


ALL_LISTS = [
    *(item for code, pack in PACKS.items() for item in word_lists(pack, code)),
    *(
        item
        for code, words in COMMITMENT_WORDS.items()
        for item in word_lists(words, f"{code}.commitments")
    ),
    *(item for code, words in LOADED_WORDS.items() for item in word_lists(words, f"{code}.loaded")),
]


def test_the_packs_have_word_lists_to_check():
    assert len(ALL_LISTS) > 100


@pytest.mark.parametrize(("path", "words"), ALL_LISTS, ids=[path for path, _ in ALL_LISTS])
def test_no_word_twice_in_a_list(path, words):
    twice = sorted(word for word, count in Counter(words).items() if count > 1)
    assert not twice, f"{path} lists {twice} more than once"


# Words that are two words of their own list and a word of the language all the same.
REAL_COMPOUNDS = frozenset({"gegenüber", "into"})


@pytest.mark.parametrize(("path", "words"), ALL_LISTS, ids=[path for path, _ in ALL_LISTS])
def test_no_two_words_of_a_list_glued_into_one(path, words):
    known = set(words)
    glued = [
        word
        for word in set(words) - REAL_COMPOUNDS
        for cut in range(2, len(word) - 1)
        if word[:cut] in known and word[cut:] in known and " " not in word[cut - 1 : cut + 1]
    ]
    assert not glued, f"{path}: {glued} look like two of its words without the comma between them"
