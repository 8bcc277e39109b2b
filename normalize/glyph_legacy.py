"""Kazakh letters on foreign code points: KZ-1048 bytes read as Windows-1251, and legacy fonts.

Two old ways of typing Kazakh survive in Adilet text layers:

* **kz1048 mojibake**: text stored as KZ-1048 bytes and decoded as Windows-1251. The sixteen bytes
  where the two code pages differ (taken from Python's own ``kz1048`` codec, not hand-written) turn
  ``Қазақстан`` into ``Ќазаќстан`` and ``Үкімет`` into ``Їкімет``.
* **legacy code points**: pre-Unicode Kazakh fonts drew Kazakh letters on the Serbian/Macedonian
  letters of Windows-1251 (``Қ->Ќ ң->њ ғ->ѓ ұ->ђ ү->џ ә->ѕ`` and their case pairs). Ө and Һ have no
  attested legacy code point, so they are not guessed.

Both tables share ``Ќ ќ Ѕ ѕ`` (``ѕ`` is ``ң`` in one and ``ә`` in the other), so which table applies
is a document-level decision (:func:`choose_table`): convert every word holding a marker both ways
and keep the table whose converted words the Kazakh lexicon knows, provided it knows most of them.
Russian never holds a marker; Serbian, Macedonian, Ukrainian or Belarusian words do, but their
converted forms are not Kazakh words, so such documents are left alone. Inside a converted
document a word is converted only when its converted form is a known Kazakh word, two known words
glued together, or scores as very plausible Kazakh (:func:`convert_word`), so a Serbian or
Macedonian name quoted inside a Kazakh act keeps its letters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Protocol

#: cp1251 character -> Kazakh letter, for every byte where kz1048 and cp1251 disagree.
KZ1048_TABLE: dict[str, str] = {
    bytes([b]).decode("cp1251"): bytes([b]).decode("kz1048")
    for b in range(0x80, 0x100)
    if bytes([b]).decode("cp1251", "replace") != bytes([b]).decode("kz1048", "replace")
}

#: Serbian/Macedonian code point -> Kazakh letter, as legacy Kazakh fonts drew them.
LEGACY_TABLE: dict[str, str] = {
    "Ќ": "Қ", "ќ": "қ", "Њ": "Ң", "њ": "ң", "Ѓ": "Ғ", "ѓ": "ғ",
    "Ђ": "Ұ", "ђ": "ұ", "Џ": "Ү", "џ": "ү", "Ѕ": "Ә", "ѕ": "ә",
}  # fmt: skip

TABLES: dict[str, dict[str, str]] = {"kz1048": KZ1048_TABLE, "legacy_codepoints": LEGACY_TABLE}
MARKERS = frozenset(KZ1048_TABLE) | frozenset(LEGACY_TABLE)

#: A word: letters (any script) possibly joined by hyphens or apostrophes.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

#: Per-character score (natural log) a converted unknown word must reach to be converted anyway.
#: Known Kazakh words average about -2.6 per character, Macedonian/Serbian words converted by the
#: tables score below -3.5 (measured by tests/test_glyph_legacy.py's examples).
PLAUSIBLE_PER_CHAR = -2.9


class WordScorer(Protocol):
    def known(self, word: str) -> bool: ...

    def score(self, word: str) -> float: ...


def marker_words(text: str) -> Counter[str]:
    """Words of ``text`` that hold at least one marker character, with their counts."""
    return Counter(m.group() for m in _WORD.finditer(text) if not MARKERS.isdisjoint(m.group()))


def _convert(word: str, table: Mapping[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in word)


def _foreign(word: str, table: Mapping[str, str]) -> bool:
    """True when ``word`` still holds a marker the table does not map (``ј`` under legacy...)."""
    return any(ch in MARKERS and ch not in table for ch in word)


def convert_word(word: str, table: Mapping[str, str], lm: WordScorer) -> str:
    """``word`` with the table applied when the result is (very plausibly) Kazakh, else ``word``."""
    if (MARKERS.isdisjoint(word) and table.keys().isdisjoint(word)) or _foreign(word, table):
        return word
    new = _convert(word, table)
    parts = [p for p in re.split(r"[-'’]", new) if p]
    if all(lm.known(p) for p in parts):
        return new
    letters = sum(len(p) for p in parts)
    if letters >= 4 and sum(lm.score(p) for p in parts) / letters >= PLAUSIBLE_PER_CHAR:
        return new
    if len(parts) == 1 and _two_known_words(new, lm):
        return new
    return word


def _two_known_words(word: str, lm: WordScorer) -> bool:
    """Two known words of three letters or more glued together (``балалардыәлеуметтік``)."""
    return any(lm.known(word[:i]) and lm.known(word[i:]) for i in range(3, len(word) - 2))


def choose_table(text: str, lm: WordScorer, min_known: float = 0.5) -> str | None:
    """The table name (``kz1048``/``legacy_codepoints``) that turns this document's marker words
    into known Kazakh words, or None when neither does for at least ``min_known`` of them."""
    words = marker_words(text)
    if not words:
        return None
    total = sum(words.values())
    best: tuple[float, str] | None = None
    for name, table in TABLES.items():
        known = sum(n for w, n in words.items() if convert_word(w, table, lm) != w)
        share = known / total
        if share >= min_known and (best is None or share > best[0]):
            best = (share, name)
    return best[1] if best else None


#: Cyrillic letters that are neither Kazakh nor Russian, nor in the legacy table: where a legacy
#: font may have put the Kazakh letters the table does not attest (Ө ө Һ һ).
_SPARE_LETTERS = frozenset("ЄєЋћҐґЇїЎўЉљЈјЅѕЃѓЌќЂђЏџЊњ") - frozenset(LEGACY_TABLE)
_UNATTESTED = {True: ("Ө", "Һ"), False: ("ө", "һ")}  # by case
LEARN_MIN_WORDS = 2  # a learned letter must make at least this many distinct words known
LEARN_MIN_SHARE = 0.5  # ... and most of the words that hold it


def learn_letters(text: str, table: Mapping[str, str], lm: WordScorer) -> dict[str, str]:
    """``table`` plus the unattested letters (Ө ө Һ һ) this document's legacy font put on other
    code points, learned from the document itself: a spare letter (``є``) becomes the Kazakh letter
    that turns most of the words holding it into known Kazakh words (with the table applied to
    their other letters), when it does so for most of them. Nothing is learned without evidence."""
    learned = dict(table)
    words = Counter(m.group() for m in _WORD.finditer(text) if not _SPARE_LETTERS.isdisjoint(m.group()))
    taken = set(table.values())
    for spare in sorted({ch for w in words for ch in w if ch in _SPARE_LETTERS}):
        holding = [w for w in words if spare in w]
        best: tuple[int, str] | None = None
        for target in _UNATTESTED[spare.isupper()]:
            if target in taken:
                continue
            trial = {**learned, spare: target}
            known = sum(1 for w in holding if _foreign(w, trial) is False and lm.known(_convert(w, trial)))
            if best is None or known > best[0]:
                best = (known, target)
        if best is not None and best[0] >= LEARN_MIN_WORDS and best[0] >= LEARN_MIN_SHARE * len(holding):
            learned[spare] = best[1]
            taken.add(best[1])
    return learned


_LONE_BEFORE = re.compile(r"(?:^|\s)[^\W\d_] +$")
_LONE_AFTER = re.compile(r"^ +[^\W\d_](?:\s|$)")


def _letter_spaced(text: str, start: int, end: int) -> bool:
    """Is the one-letter word ``text[start:end]`` next to another one-letter word (``т ґ м``)?"""
    return bool(_LONE_BEFORE.search(text[max(0, start - 4) : start])) or bool(
        _LONE_AFTER.match(text[end : end + 4])
    )


_LAST_WORD = re.compile(r"([^\W\d_]+)\s*$")


def _ends_word_above(text: str, start: int, letter: str, table: Mapping[str, str], lm: WordScorer) -> bool:
    """Is the one-letter word at ``start`` the first thing on its line, and the last letter of
    the word that ends the line above (a narrow cell cut "оқушылардың" as "оқушыларды" / "њ")?"""
    if start == 0 or text[start - 1] != "\n":
        return False
    above = _LAST_WORD.search(text[max(0, start - 60) : start - 1])
    return above is not None and lm.known(_convert(above.group(1) + letter, table).lower())


def apply_table(text: str, table: Mapping[str, str], lm: WordScorer) -> str:
    """``text`` with every convertible word converted (see :func:`convert_word`).

    A one-letter word says nothing on its own; it is converted when it stands in letter-spaced
    text (``т ґ м е н`` -> ``т ө м е н``), where its neighbours are one-letter words too.
    """
    cache: dict[str, str] = {}

    def repl(m: re.Match[str]) -> str:
        w = m.group()
        if len(w) == 1:
            if w in table and (_letter_spaced(text, m.start(), m.end()) or _ends_word_above(text, m.start(), w, table, lm)):
                return table[w]
            return w
        if w not in cache:
            cache[w] = convert_word(w, table, lm)
        return cache[w]

    return _WORD.sub(repl, text)
