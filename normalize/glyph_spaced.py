"""Displaced letters in letter-spaced text (``т ө м е н`` table headers).

Letter-spaced cells put one space between letters and two between words. A removed letter there
is always preceded by a space (or opens the run), so it leaves nothing behind: ``т ө м е н``
becomes ``т  м е н`` with ``ө`` in the tail. The word-level search of
:mod:`normalize.glyph_displaced` cannot read such a cell, so a segment whose tokens are mostly
single letters is searched here instead:

* gaps: the run start, between any two spaces of a run of two or more (a letter between two
  spaces), and the run end when the segment ends on a space;
* every monotone assignment of the groups to distinct gaps is tried (a cell holds a handful of
  groups and gaps; past :data:`MAX_ASSIGNMENTS` the caller falls back to the word search);
* a candidate is scored by reading it back: runs of two or more spaces separate words, single
  spaces are dropped (``т ө м е н`` reads ``төмен``), and the words are scored by the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations
from math import comb

MAX_ASSIGNMENTS = 5000
_WORD_GAP = re.compile(r" {2,}")


def is_letter_spaced(tokens: list[str]) -> bool:
    """At least three tokens, and half of them, are single letters: worth reading letter-spaced
    (the caller keeps whichever reading scores better)."""
    singles = sum(1 for t in tokens if len(t) == 1 and t.isalpha())
    return singles >= 3 and singles >= 0.5 * len(tokens)


def read_spaced(text: str) -> list[str]:
    """The words a letter-spaced text spells (two or more spaces between words)."""
    return [w.replace(" ", "") for w in _WORD_GAP.split(text.strip(" ")) if w.strip(" ")]


def spaced_gaps(text: str) -> list[int]:
    """Insertion offsets where a removed letter can sit in letter-spaced ``text``: the run start,
    between any two spaces, and the run end after a space."""
    gaps = {0}
    for m in _WORD_GAP.finditer(text):
        gaps.update(range(m.start() + 1, m.end()))
    if text.endswith(" "):
        gaps.add(len(text))
    return sorted(gaps)


def place_spaced(text: str, groups: list[str], score: Callable[[str], float]) -> tuple[float, str] | None:
    """``(score, text)`` of the best letter-spaced reading with every group placed, or None when
    the groups do not fit or there are too many assignments to try."""
    gaps = spaced_gaps(text)
    if len(groups) > len(gaps) or comb(len(gaps), len(groups)) > MAX_ASSIGNMENTS:
        return None
    best: tuple[float, str] | None = None
    for chosen in combinations(gaps, len(groups)):
        pieces, last = [], 0
        for offset, group in zip(chosen, groups, strict=True):
            pieces.append(text[last:offset])
            pieces.append(group)
            last = offset
        pieces.append(text[last:])
        candidate = "".join(pieces)
        total = sum(score(w) for w in read_spaced(candidate))
        if best is None or total > best[0]:
            best = (total, candidate)
    return best
