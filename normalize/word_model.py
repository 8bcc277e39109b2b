"""Word unigram and word-pair model of Kazakh, and word frequencies of Russian.

Counts come from running text (see ``normalize/data/README.md``); this module reads the binary
files written by ``tools/build_kazakh_lm.py`` and answers two questions:

* :meth:`WordModel.pair_logp` — ``ln P(word | prev)`` under an interpolated Kneser-Ney bigram
  model whose lower order is any unigram estimate the caller passes (the Kazakh lexicon's
  :meth:`normalize.kazakh_lm.KazakhLexicon.key_logp`, which gives every string a probability);
* :meth:`WordModel.count`, :meth:`WordModel.capitalised` — corpus facts of one word.

The units of both models are the *keys* of :func:`units`: lower-case alpha runs with Latin
look-alikes folded (:func:`normalize.glyph_alphabet.lm_key`), ``<num>`` for a number, and
``<s>`` after a sentence mark or at a line start, so "2020 жылғы" and "Қазақстан Республикасы"
are pairs the model knows.

File format (``*.words.gz``, gzip of): an 8-byte little-endian header length, a JSON header naming arrays
(dtype, offset, length), then the arrays; the vocabulary is one ``\\n``-joined UTF-8 blob in id
order. Arrays are read with :func:`numpy.frombuffer` over the file's bytes, not parsed.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import struct
from functools import lru_cache
from pathlib import Path

import numpy as np

from normalize.glyph_alphabet import lm_key

DATA_DIR = Path(__file__).resolve().parent / "data"
KK_FILE = "kk.words.gz"
RU_FILE = "ru.words.gz"
BOS = "<s>"
NUM = "<num>"
KN_DISCOUNT = 0.75

_UNIT = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[.!?;:]")


def units(line: str) -> list[str]:
    """The model keys of a line, ``<s>`` first and after each sentence mark."""
    out = [BOS]
    for m in _UNIT.finditer(line):
        tok = m.group()
        if tok[0].isdigit():
            out.append(NUM)
        elif tok in ".!?;:":
            if out[-1] != BOS:
                out.append(BOS)
        else:
            out.append(lm_key(tok))
    return out


def write_arrays(path: Path, vocab: list[str], arrays: dict[str, np.ndarray], meta: dict[str, object]) -> None:
    """Write the vocabulary blob and ``arrays`` in the format above."""
    blob = "\n".join(vocab).encode("utf-8")
    header: dict[str, object] = {"meta": meta, "vocab": [0, len(blob)], "arrays": {}}
    offset = len(blob)
    parts = [blob]
    for name, arr in arrays.items():
        pad = (-offset) % 8
        parts.append(b"\0" * pad)
        offset += pad
        data = np.ascontiguousarray(arr).tobytes()
        header["arrays"][name] = [arr.dtype.str, offset, int(arr.size)]  # type: ignore[index]
        parts.append(data)
        offset += len(data)
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    data = b"".join([struct.pack("<Q", len(head)), head, *parts])
    if path.suffix == ".gz":  # fixed header time: rebuilds are byte-identical
        data = gzip.compress(data, 9, mtime=0)
    path.write_bytes(data)


def read_arrays(path: Path) -> tuple[list[str], dict[str, np.ndarray], dict[str, object]]:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    body = memoryview(raw)[8 + n :]
    start, length = header["vocab"]
    vocab = bytes(body[start : start + length]).decode("utf-8").split("\n") if length else []
    arrays = {
        name: np.frombuffer(body, dtype=np.dtype(dt), count=size, offset=off)
        for name, (dt, off, size) in header["arrays"].items()
    }
    return vocab, arrays, header["meta"]


class WordModel:
    """Kazakh unigram counts, pair counts (Kneser-Ney) and capitalisation, from one file."""

    def __init__(self, path: Path) -> None:
        vocab, arr, meta = read_arrays(path)
        self.meta = meta
        self.vocab = vocab
        self.ids = {w: i for i, w in enumerate(vocab)}
        self.counts = arr["count"]  # occurrences of the word
        self.left_total = arr["left_total"]  # pairs with the word on the left (before pruning)
        self.left_types = arr["left_types"]  # distinct right neighbours (before pruning)
        self.caps = arr["caps"]  # 1 when mostly written with a capital inside a sentence
        self.pair_keys = arr["pair_keys"]  # sorted left_id << 32 | right_id
        self.pair_counts = arr["pair_counts"]
        self.total = int(self.counts.sum())
        self._pair_cache: dict[tuple[str, str], int] = {}

    def count(self, word: str) -> int:
        i = self.ids.get(word)
        return 0 if i is None else int(self.counts[i])

    def capitalised(self, word: str) -> bool:
        i = self.ids.get(word)
        return i is not None and bool(self.caps[i])

    def pair_count(self, prev: str, word: str) -> int:
        key = (prev, word)
        hit = self._pair_cache.get(key)
        if hit is not None:
            return hit
        a, b = self.ids.get(prev), self.ids.get(word)
        n = 0
        if a is not None and b is not None:
            k = (a << 32) | b
            j = int(np.searchsorted(self.pair_keys, k))
            if j < len(self.pair_keys) and int(self.pair_keys[j]) == k:
                n = int(self.pair_counts[j])
        if len(self._pair_cache) > 500_000:
            self._pair_cache.clear()
        self._pair_cache[key] = n
        return n

    def pair_logp(self, prev: str, word: str, lower_logp: float) -> float:
        """``ln P(word | prev)``: interpolated Kneser-Ney over ``exp(lower_logp)``."""
        a = self.ids.get(prev)
        if a is None or not self.left_total[a]:
            return lower_logp
        total = float(self.left_total[a])
        c = self.pair_count(prev, word)
        gamma = KN_DISCOUNT * float(self.left_types[a]) / total
        p = max(c - KN_DISCOUNT, 0.0) / total + gamma * math.exp(lower_logp)
        return math.log(p) if p > 0 else lower_logp


class RussianWords:
    """Russian word frequencies: ``zipf(word)`` = log10 of occurrences per billion words."""

    def __init__(self, path: Path) -> None:
        vocab, arr, meta = read_arrays(path)
        zipf = arr["zipf_x10"]
        self._zipf = {w: int(z) / 10 for w, z in zip(vocab, zipf.tolist(), strict=True)}
        self.meta = meta

    def zipf(self, word: str) -> float:
        return self._zipf.get(word.lower().replace("ё", "е"), 0.0)


@lru_cache(maxsize=1)
def kazakh_words() -> WordModel | None:
    path = DATA_DIR / KK_FILE
    return WordModel(path) if path.exists() else None


@lru_cache(maxsize=1)
def russian_words() -> RussianWords | None:
    path = DATA_DIR / RU_FILE
    return RussianWords(path) if path.exists() else None
