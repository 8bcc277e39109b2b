"""Wrapped cell lines -> one text, the separators between them chosen for the whole cell at once.

Between two lines of a cell the separator is "" (the wrap cut a word: "мультимедиялы" / "қ") or
" " (a word wrap). Typography decides most of them (:func:`normalize.text.forced_separator`);
where a letter meets a letter, the choice is made jointly for the cell by dynamic programming
over the separators, maximising

    sum of log P(word) over the words the choices form  +  a prior per choice,

with P from the Kazakh language model (:class:`normalize.kazakh_lm.KazakhLexicon`, a unigram
lexicon mixed with a character n-gram model, so P(ab) compares fairly with P(a) * P(b)), a bonus
for words the document itself uses unbroken, and a prior that makes a cut plausible only after a
line that runs up to the column's right text edge. A word cut several times in a very narrow
column ("ма" / "те" / "ма" / "ти" / "ка") is one path through the same search.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from normalize.text import WrapJudge, clean_cell_line, forced_separator, wrap_separator

CUT_PRIOR_FULL = -2.0  # log-odds of a cut after a full line: the language decides
CUT_PRIOR_SHORT = -3.0  # the next glyph would have fitted: a cut needs clear evidence (the line
# breaks may also be explicit, as in HTML rendered with <br>, so geometry is never decisive)
VOCABULARY_BONUS = 4.0  # a word the document prints unbroken elsewhere
KNOWN_BONUS = 8.0  # a word the lexicon lists: an unknown join of two known words must not win on n-grams
# Word lists also hold pieces of words ("лған", "інің", "уға": endings left by wraps and by lost
# letters). A listed form counts as a word only when it also begins other words, as stems do
# ("кен" -> "кендер"), more than it ends them, as endings do.
STEM_MIN_BEGINS = 5
ENDING_RATIO = 10
_LETTERS = regex.compile(r"\p{L}")
_EDGE_PUNCT = regex.compile(r"^\W+|\W+$")


class _AffixIndex:
    """The listed words of one lexicon sorted, and sorted reversed (prefix and suffix counts are
    then two bisections each), and the stem verdicts given so far (they depend on the lexicon
    only, so they hold across documents; bounded)."""

    MAX_VERDICTS = 200_000

    def __init__(self, lexicon: object):
        self.lexicon = lexicon  # held: the index is for this object, never for one at its old address
        words = getattr(lexicon, "words", ())
        self.words = words
        self.forward, self.backward = sorted(words), sorted(w[::-1] for w in words)
        self.stem_like: dict[str, bool] = {}


_AFFIXES: list[_AffixIndex] = []  # the index of the lexicon last asked about


def _affix_index(lexicon: object) -> _AffixIndex:
    """Built once per lexicon object (a sort, not a pass over every affix)."""
    if not _AFFIXES or _AFFIXES[0].lexicon is not lexicon:
        _AFFIXES[:] = [_AffixIndex(lexicon)]
    return _AFFIXES[0]


def _count_prefixed(ordered: list[str], prefix: str) -> int:
    """How many strings of ``ordered`` (sorted) begin with ``prefix``."""
    lo = bisect.bisect_left(ordered, prefix)
    return bisect.bisect_left(ordered, prefix + "\U0010ffff", lo) - lo


def _affix_counts(lexicon: object, word: str) -> tuple[int, int]:
    """How many listed words, other than ``word`` itself, begin / end with ``word``."""
    index = _affix_index(lexicon)
    own = 1 if word in index.words else 0
    return _count_prefixed(index.forward, word) - own, _count_prefixed(index.backward, word[::-1]) - own


def _stem_like(lexicon: object, word: str) -> bool:
    if len(word) > 7:
        return True
    verdicts = _affix_index(lexicon).stem_like
    hit = verdicts.get(word)
    if hit is None:
        if len(verdicts) >= _AffixIndex.MAX_VERDICTS:
            verdicts.clear()
        begins, ends = _affix_counts(lexicon, word)
        hit = verdicts[word] = begins >= STEM_MIN_BEGINS and begins * ENDING_RATIO >= ends
    return hit


FOREIGN_WORD_COST, FOREIGN_LETTER_COST = -8.0, -3.0  # a flat model for words in other scripts
_CYRILLIC = regex.compile(r"\p{Cyrillic}")


def _word_score(judge: WrapJudge, word: str) -> float:
    """log P(word) under the judge's model and vocabulary (memoised per judge)."""
    hit = judge.word_scores.get(word)
    if hit is None:
        hit = judge.word_scores[word] = _score_word(judge, word)
    return hit


def _score_word(judge: WrapJudge, word: str) -> float:
    if not _LETTERS.search(word):
        return 0.0
    if not _CYRILLIC.search(word):  # the Kazakh model knows nothing of Latin names ("PISA")
        return FOREIGN_WORD_COST + FOREIGN_LETTER_COST * len(_LETTERS.findall(word))
    assert judge.lexicon is not None
    core = _EDGE_PUNCT.sub("", word).lower()
    bonus = VOCABULARY_BONUS if core and judge.vocabulary[core] > 0 else 0.0
    if core and len(core) > 1 and judge.lexicon.known(core) and _stem_like(judge.lexicon, core):
        bonus += KNOWN_BONUS
    return judge.lexicon.score(word) + bonus


_HYPHEN_TAIL = regex.compile(r"(\p{Ll}+)-$")
_LOWER_HEAD = regex.compile(r"^(\p{Ll}+)")


def drop_soft_hyphens(lines: Sequence[str], judge: WrapJudge) -> list[str]:
    """A hyphen that a word processor added to break a word ("мультимедия-" / "лық") is dropped:
    when the two pieces make a listed word and the second piece is no word of its own. A hyphen
    of a compound ("құрылыс-" / "жол") stays, as the pieces do not make one listed word."""
    out = list(lines)
    if judge.lexicon is None:
        return out
    for i in range(len(out) - 1):
        tail, head = _HYPHEN_TAIL.search(out[i]), _LOWER_HEAD.match(out[i + 1])
        if tail is None or head is None:
            continue
        a, b = tail.group(1), head.group(1)
        b_is_word = judge.lexicon.known(b) and _stem_like(judge.lexicon, b)
        if judge.lexicon.known(a + b) and not b_is_word:
            out[i] = out[i][:-1]
    return out


def _lone_dashes(lines: Sequence[str], seps: list[str]) -> list[str]:
    """A dash alone on a line takes the same separator on both sides: an en or em dash is set
    off by spaces ("математика" / "–" / "470"), so is a hyphen between numbers ("2020" / "-" /
    "2025": a range); any other hyphen joins ("SA" / "-" / "20": "PISA-2021")."""
    out = list(seps)
    for i in range(1, len(lines) - 1):
        if lines[i] in ("-", "–", "—"):
            spaced = lines[i] != "-" or (lines[i - 1][-1].isdigit() and lines[i + 1][0].isdigit())
            out[i - 1] = out[i] = " " if spaced else ""
    return out


def _digit_groups(lines: Sequence[str], seps: list[str]) -> list[str]:
    """A number broken over several lines of a narrow column ("87" / "9" / "94" / "1") is glued
    back, keeping a space where a break falls on a thousands boundary, the documents' own way
    of grouping digits: "879 941", "1 192 604"; "20" / "22" stays "2022"."""
    out = list(seps)
    i = 0
    while i < len(lines) - 1:
        j = i
        while j < len(lines) - 1 and out[j] == "" and lines[j].isdigit() and lines[j + 1].isdigit():
            j += 1
        if j > i:
            total = sum(len(x) for x in lines[i : j + 1])
            pos = 0
            for k in range(i, j):
                pos += len(lines[k])
                if total >= 4 and (total - pos) % 3 == 0:
                    out[k] = " "
        i = j + 1
    return out


def choose_separators(lines: Sequence[str], full: Sequence[bool], spaced: Sequence[bool],
                      judge: WrapJudge) -> list[str]:  # fmt: skip
    """One separator per pair of consecutive lines."""
    return _digit_groups(lines, _lone_dashes(lines, _choose(lines, full, spaced, judge)))


def _choose(lines: Sequence[str], full: Sequence[bool], spaced: Sequence[bool], judge: WrapJudge) -> list[str]:
    n = len(lines)
    # what came before each wrap (quotes are matched over the whole cell, not one line)
    before = [" ".join(lines[: i + 1]) for i in range(n - 1)]
    forced = [forced_separator(before[i], lines[i + 1], full[i], spaced[i]) for i in range(n - 1)]
    if all(f is not None for f in forced):  # typography decided every wrap (what wrap_separator returns)
        return [f for f in forced if f is not None]
    if judge.lexicon is None:
        return [wrap_separator(before[i], lines[i + 1], judge, full[i], spaced[i]) for i in range(n - 1)]
    tokens = [line.split(" ") for line in lines]
    # state: the word still open at the end of line i -> (score, separators so far)
    states: dict[str, tuple[float, list[str]]] = {tokens[0][-1]: (0.0, [])}
    for i in range(n - 1):
        nxt = tokens[i + 1]
        choice = forced[i]
        options: list[str] = [choice] if choice is not None else ["", " "]
        new: dict[str, tuple[float, list[str]]] = {}
        for open_word, (score, seps) in states.items():
            for sep in options:
                total = score
                if forced[i] is None:
                    total += (CUT_PRIOR_FULL if full[i] else CUT_PRIOR_SHORT) if sep == "" else 0.0
                if sep == "":
                    word = open_word + nxt[0]
                else:
                    total += _word_score(judge, open_word)
                    word = nxt[0]
                if len(nxt) > 1:
                    total += _word_score(judge, word)
                    word = nxt[-1]
                if word not in new or new[word][0] < total:
                    new[word] = (total, seps + [sep])
        states = new
    best = max(states.items(), key=lambda kv: kv[1][0] + _word_score(judge, kv[0]))
    return best[1][1]


def join_wrapped_lines(lines: Sequence[str], judge: WrapJudge | None = None,
                       full: Sequence[bool] = ()) -> str:  # fmt: skip
    """Join the lines of one cell into the text a person reads. ``full[i]`` tells whether line
    ``i`` runs up to the column's right text edge (geometry evidence for a cut word)."""
    return join_wrapped_lines_counted(lines, judge, full)[0]


def join_wrapped_lines_counted(lines: Sequence[str], judge: WrapJudge | None = None,
                               full: Sequence[bool] = ()) -> tuple[str, int, int]:  # fmt: skip
    """:func:`join_wrapped_lines`, and what it repaired (for the run report): the lines whose
    letter spacing was collapsed, and the words rejoined across a wrap (a wrap joined without
    a space between two letters)."""
    if len(lines) == 1:  # nothing to join (most cells)
        collapsed, line = clean_cell_line(lines[0])
        return line, int(collapsed != lines[0]), 0
    judge = judge if judge is not None else WrapJudge()
    kept: list[tuple[str, bool, bool]] = []
    spaced = 0
    for i, raw in enumerate(lines):
        collapsed, line = clean_cell_line(raw)
        spaced += collapsed != raw
        if line:
            kept.append((line, bool(full[i]) if i < len(full) else False, collapsed != raw))
    if not kept:
        return "", spaced, 0
    if len(kept) == 1:  # nothing to join (most cells)
        return kept[0][0], spaced, 0
    texts = drop_soft_hyphens([k[0] for k in kept], judge)
    kept = [(t, f, sp) for t, (_, f, sp) in zip(texts, kept, strict=True)]
    seps = choose_separators([k[0] for k in kept], [k[1] for k in kept], [k[2] for k in kept], judge)
    out = kept[0][0]
    rejoined = 0
    for sep, (line, _, _) in zip(seps, kept[1:], strict=True):
        rejoined += sep == "" and out[-1].isalpha() and line[0].isalpha()
        out += sep + line
    return out, spaced, rejoined
