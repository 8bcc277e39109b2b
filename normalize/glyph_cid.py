"""Glyphs without a Unicode mapping ("(cid:NN)") inside Kazakh words -> the letters they draw,
learned from the document itself.

A font that lacks the Kazakh letters is often paired with a second font for them; when that
second font has no ToUnicode map its glyphs come out as "(cid:NN)" (pdfminer's notation, which
the pdfium reader follows): "(cid:3)аза(cid:4)стан". Each code stands for one letter throughout
the document, so the letters are a small substitution cipher over otherwise readable words. It
is solved greedily against the Kazakh lexicon: a code becomes the Kazakh letter (of the right
case for where it stands) that turns most of the words holding it into known words, once at
least ``MIN_WORDS`` distinct words agree and they are ``MIN_SHARE`` of the words it completes.
Words holding several codes are tried again once their other codes are known. A font with no
map at all (every letter a code) is a full cipher and is not attempted; neither is a code that
nothing supports: it stays as printed and is counted (``documents.unmapped_glyphs``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import regex

CID = regex.compile(r"\(cid:(\d+)\)")
# a code: a glyph without a Unicode mapping, or a Latin-1 letter inside a Cyrillic word (a font
# that put the Kazakh letters on Latin-1 code points: "Êàçàê..." never, but "Êазаêстан" does)
CODE = regex.compile(r"\(cid:\d+\)|[À-ÖØ-öø-ÿ]")
_WORD = regex.compile(r"(?:\p{L}|\(cid:\d+\))+")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
KAZAKH_UPPER = "ӘҒҚҢӨҰҮҺІ"
KAZAKH_LOWER = "әғқңөұүһі"
MIN_WORDS = 2
MIN_SHARE = 0.6
MAX_ROUNDS = 4


class Lexicon(Protocol):
    def known(self, word: str) -> bool: ...

    def score(self, word: str) -> float: ...


def _tokens(word: str) -> list[str]:
    """A word as letters and "(cid:N)" codes, one token each."""
    out: list[str] = []
    pos = 0
    for m in CID.finditer(word):
        out.extend(word[pos : m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(word[pos:])
    return out


def _is_code(token: str) -> bool:
    return CODE.fullmatch(token) is not None


def coded_words(line: str) -> list[str]:
    """The words of ``line`` that hold a code and Cyrillic letters besides (a partial map: a
    font with no map at all, or a Latin word, holds no Cyrillic)."""
    return [w for w in _WORD.findall(line) if CODE.search(w) and _CYRILLIC.search(CODE.sub("", w))]


def _fits_case(letter: str, tokens: list[str], i: int) -> bool:
    """An upper-case letter opens a word or stands in an all-capitals word; a lower-case one
    follows a letter or precedes a lower-case letter."""
    letters = [t for t in tokens if len(t) == 1 and not _is_code(t)]
    if letter.isupper():
        return i == 0 or (bool(letters) and all(t.isupper() for t in letters))
    return i > 0 or any(t.islower() for t in letters)


def learn_cids(lines: Sequence[str], lm: Lexicon) -> dict[str, str]:
    """Code ("(cid:N)") -> Kazakh letter, for the codes this document's words support."""
    words: Counter[str] = Counter()
    for line in lines:
        words.update(coded_words(line))
    if not words:
        return {}
    parsed = {w: _tokens(w) for w in words}
    mapping: dict[str, str] = {}
    for _ in range(MAX_ROUNDS):
        progress = False
        codes = Counter(t for w, n in words.items() for t in parsed[w] if _is_code(t) and t not in mapping
                        for _ in range(n))  # fmt: skip
        for code, _count in codes.most_common():
            scores: list[tuple[int, float, int, str]] = []  # (known words, their log-probability, occurrences, letter)
            completed = 0
            for letter in KAZAKH_UPPER + KAZAKH_LOWER:
                if letter in mapping.values():
                    continue
                known = seen = total = 0
                logp = 0.0
                trial = {**mapping, code: letter}
                for w, n in words.items():
                    tokens = parsed[w]
                    spots = [i for i, t in enumerate(tokens) if t == code]
                    if not spots or any(_is_code(t) and t not in trial for t in tokens):
                        continue
                    total += 1
                    word = "".join(trial.get(t, t) for t in tokens)
                    if all(_fits_case(letter, tokens, i) for i in spots) and lm.known(word):
                        known += 1
                        seen += n
                        logp += n * lm.score(word)
                completed = max(completed, total)
                if known:
                    scores.append((known, logp, seen, letter))
            scores.sort(reverse=True)
            if _decisive(scores, completed):
                mapping[code] = scores[0][3]
                progress = True
        if not progress:
            break
    return mapping


SCORE_MARGIN = 3.0  # nats per occurrence: how much likelier the winner's words must be on a tie


def _decisive(scores: list[tuple[int, float, int, str]], completed: int) -> bool:
    """The best letter wins clearly: ``MIN_WORDS`` distinct known words (or one word printed at
    least twice), ``MIN_SHARE`` of the words the code completes, and more known words than the
    runner-up or, as many, much likelier ones ("және" against the listed but rare "жөне")."""
    if not scores:
        return False
    known, logp, seen, _ = scores[0]
    enough = known >= MIN_WORDS or (known == 1 and seen >= 2)
    if not enough or known < MIN_SHARE * completed:
        return False
    if len(scores) == 1 or scores[1][0] < known:
        return True
    return logp - scores[1][1] >= SCORE_MARGIN * seen


def apply_cids(text: str, mapping: dict[str, str]) -> str:
    """``text`` with every learned code replaced by its letter inside the words that hold
    Cyrillic letters (a Latin word keeps its "é"); the other codes stay as printed."""
    if not mapping:
        return text

    def word(m: regex.Match[str]) -> str:
        w = m.group()
        if not CODE.search(w) or not _CYRILLIC.search(CODE.sub("", w)):
            return w
        return CODE.sub(lambda c: mapping.get(c.group(), c.group()), w)

    return _WORD.sub(word, text)
