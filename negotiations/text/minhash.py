"""MinHash signatures and LSH band keys for near-duplicate detection (datasketch).

An article's text becomes a set of word 5-shingles, a 128-value MinHash, and 16 bands of 8 rows.
Two texts with Jaccard similarity s share at least one band with probability 1 - (1 - s^8)^16:
about 0.5 at s = 0.7 and above 0.99 at s = 0.85, while unrelated texts (s < 0.3) almost never do.
Looking up candidates is one indexed query on 16 keys, whatever the number of articles stored.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 16
ROWS = 8
SHINGLE = 5
SEED = 1
THRESHOLD = 0.7  # estimated Jaccard similarity above which two texts are one story

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    # CRC-32 as the base hash: a C call per shingle, stable across processes and machines.
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    items = list(shingles(text))
    if items:
        m.update_batch(items)
    return m.hashvalues.astype(np.uint32)


def to_bytes(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<u4")


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: a hash of the band number and its rows."""
    keys = []
    for band in range(BANDS):
        rows = values[band * ROWS : (band + 1) * ROWS].astype("<u4").tobytes()
        digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)
