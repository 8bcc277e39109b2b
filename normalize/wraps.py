"""Wrapped cell lines -> one text, the separators between them chosen for the whole cell at once.

Between two lines of a cell the separator is "" (the wrap cut a word: "мультимедиялы" / "қ") or
" " (a word wrap). Typography decides most of them (:func:`normalize.text.forced_separator`);
where a letter meets a letter, the choice is made jointly for the cell by dynamic programming
over the separators, maximising

    sum of ln P(word | previous word) over the words the choices form  +  a prior per cut,

with P a probability, never a bonus per word (so a split into many short listed pieces pays for
every piece): the Kazakh model (:class:`normalize.kazakh_lm.KazakhLexicon`, discounted unigram
counts of running text over a character n-gram model, so P(ab) compares fairly with P(a) * P(b)),
or a Russian word's frequency (wordfreq), whichever is likelier, mixed with the document as a
cache model (the words and side-by-side pairs it prints unbroken). The prior per cut reads the
geometry: a line that runs up to the column's right text edge makes a cut plausible; a cut whose
joined word the column could have held, or after a word that follows others on its line, is
unlikely, as renderers cut only a word wider than its column, on a line of its own. A word cut
several times in a very narrow column ("ма" / "те" / "ма" / "ти" / "ка") is one path through the
same search.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

import regex

from normalize.hyphens import rejoin_hyphenated
from normalize.text import WrapJudge, clean_cell_line, forced_separator, wrap_separator
from normalize.word_model import russian_words

CUT_PRIOR_FULL = -2.0  # log-odds of a cut after a full line: the language decides
CUT_PRIOR_SHORT = -3.0  # the next glyph would have fitted: a cut needs clear evidence (the line
# breaks may also be explicit, as in HTML rendered with <br>, so geometry is never decisive)
FIT_PENALTY = -6.0  # log-odds of a cut whose joined word would have fitted on one line (see _fits)
FIT_SHARE = 0.85  # a word of at most this share of the longest line's characters fits the column
# A renderer that must break a word wider than its column first carries it to a line of its own,
# so the first piece of a cut word begins its line ("қазақстанд" / "ық"); a cut after a word
# that follows others on its line ("қазбалар кен" / "орындарын") needs break-anywhere wrapping
MIDLINE_CUT_PENALTY = -3.0
# Word lists also hold pieces of words ("лған", "інің", "уға": endings left by wraps and by lost
# letters). A listed form counts as a word only when it also begins other words, as stems do
# ("кен" -> "кендер"), more than it ends them, as endings do.
STEM_MIN_BEGINS = 5
ENDING_RATIO = 10
_LETTERS = regex.compile(r"\p{L}")
_ONE_WORD = regex.compile(r"\p{L}+")
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


def build_affix_index(lexicon: object) -> None:
    """Build the lexicon's affix index now (it is built once per lexicon, on first use): a pool
    worker does it before its first document."""
    _affix_index(lexicon)


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
_LN10 = math.log(10)
# The document as a cache model (Kuhn & De Mori): P(w) = (1 - CACHE_WEIGHT) * P_language(w) +
# CACHE_WEIGHT * count_doc(w) / words_doc over the words the document prints unbroken, and a pair
# the document prints side by side on one line ("руководитель кружка") likewise for P(b | a).
CACHE_WEIGHT = 0.1
PAIR_CACHE_WEIGHT = 0.5
# ln of the share of Russian words (a Russian word's P is this times its Russian frequency): small
# in a cell that prints a Kazakh letter ("ұйымдары" / "на" is "ұйымдарына", not Russian "на")
RUSSIAN_SHARE_IN_KAZAKH = math.log(0.01)
RUSSIAN_SHARE_ELSEWHERE = math.log(0.5)
_KAZAKH_LETTER = regex.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _logaddexp(a: float, b: float) -> float:
    return max(a, b) + math.log1p(math.exp(-abs(a - b)))


def _word_score(judge: WrapJudge, word: str, kazakh: bool = True) -> float:
    """ln P(word) under the judge's model and the document cache (memoised per judge), in a
    cell that is Kazakh (prints a Kazakh letter) or not."""
    key = word if kazakh else word + "\0ru"
    hit = judge.word_scores.get(key)
    if hit is None:
        hit = judge.word_scores[key] = _score_word(judge, word, kazakh)
    return hit


def _score_word(judge: WrapJudge, word: str, kazakh: bool = True) -> float:
    """A probability, never a bonus per word: a split into many short listed pieces ("жа" / "ра"
    / "тылы") then pays for every piece, as a language model does."""
    if not _LETTERS.search(word):
        return 0.0
    if not _CYRILLIC.search(word):  # the Kazakh model knows nothing of Latin names ("PISA")
        return FOREIGN_WORD_COST + FOREIGN_LETTER_COST * len(_LETTERS.findall(word))
    assert judge.lexicon is not None
    lexicon = judge.lexicon
    logp = lexicon.score(word)
    core = _EDGE_PUNCT.sub("", word).lower()
    russian = russian_words()
    if russian is not None:  # acts mix Russian in: a Russian word is as likely as Russian makes it
        share = RUSSIAN_SHARE_IN_KAZAKH if kazakh else RUSSIAN_SHARE_ELSEWHERE
        runs = _ONE_WORD.findall(core)
        if len(runs) == 1:
            logp = max(logp, share + _russian_logp(russian.zipf(core)))
        elif runs:  # "отделения,руководители": each run in its likelier language
            logp = max(logp, sum(max(lexicon.score(r), share + _russian_logp(russian.zipf(r))) for r in runs))
    seen = judge.vocabulary[core] if core else 0
    if seen:
        cached = math.log(CACHE_WEIGHT * seen / max(1, judge.vocabulary_total))
        logp = _logaddexp(math.log(1.0 - CACHE_WEIGHT) + logp, cached)
    return logp


def _russian_logp(zipf: float) -> float:
    """ln P of a Russian word of this Zipf frequency (log10 of uses per 10^9 words); 0 -> none."""
    return (zipf - 9.0) * _LN10 if zipf > 0 else -math.inf


def _pair_score(judge: WrapJudge, prev: str | None, word: str, kazakh: bool = True) -> float:
    """ln P(word | prev): the word's own score, mixed with the document's pair cache."""
    logp = _word_score(judge, word, kazakh)
    if prev is None or not judge.pairs:
        return logp
    core = _EDGE_PUNCT.sub("", word).lower()
    together = judge.pairs[prev.lower() + " " + core] if _ONE_WORD.fullmatch(prev) is not None else 0
    if not together:
        return logp
    share = together / max(1, judge.vocabulary[prev.lower()], together)
    return _logaddexp(math.log(1.0 - PAIR_CACHE_WEIGHT) + logp, math.log(PAIR_CACHE_WEIGHT * share))


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


def _fits(word: str, width: int) -> bool:
    """Would ``word`` have fitted on one line of a column whose longest line is ``width``
    characters? Then no renderer had to break it: a word is cut without a hyphen only when it
    is wider than its column (character counts stand in for widths, with a margin)."""
    return len(word) <= FIT_SHARE * width


def _choose(lines: Sequence[str], full: Sequence[bool], spaced: Sequence[bool], judge: WrapJudge) -> list[str]:
    """The separators of the most probable reading: a Viterbi search over (previous word, word
    still open at the line end), scoring each word given the one before it (the document's pair
    cache), a prior per cut from the line's geometry (full line or not), and a penalty for a cut
    whose joined word the column could have held."""
    n = len(lines)
    # what came before each wrap (quotes are matched over the whole cell, not one line)
    before = [" ".join(lines[: i + 1]) for i in range(n - 1)]
    forced = [forced_separator(before[i], lines[i + 1], full[i], spaced[i]) for i in range(n - 1)]
    if all(f is not None for f in forced):  # typography decided every wrap (what wrap_separator returns)
        return [f for f in forced if f is not None]
    if judge.lexicon is None:
        return [wrap_separator(before[i], lines[i + 1], judge, full[i], spaced[i]) for i in range(n - 1)]
    tokens = [line.split(" ") for line in lines]
    width = max(len(line) for line in lines)
    kazakh = any(_KAZAKH_LETTER.search(line) for line in lines)
    first = tokens[0]
    # state: (the last closed word or None, the word still open) -> (score, separators so far)
    states: dict[tuple[str | None, str], tuple[float, list[str]]] = {
        (first[-2] if len(first) > 1 else None, first[-1]): (0.0, [])
    }
    for i in range(n - 1):
        nxt = tokens[i + 1]
        choice = forced[i]
        options: list[str] = [choice] if choice is not None else ["", " "]
        new: dict[tuple[str | None, str], tuple[float, list[str]]] = {}
        for (prev, open_word), (score, seps) in states.items():
            for sep in options:
                total, last = score, prev
                if sep == "":
                    if choice is None:
                        total += CUT_PRIOR_FULL if full[i] else CUT_PRIOR_SHORT
                        if _fits(open_word + nxt[0], width):
                            total += FIT_PENALTY
                        if len(tokens[i]) > 1:
                            total += MIDLINE_CUT_PENALTY
                    word = open_word + nxt[0]
                else:
                    total += _pair_score(judge, last, open_word, kazakh)
                    last, word = open_word, nxt[0]
                if len(nxt) > 1:  # the words inside the line after nxt[1] score alike on every path
                    total += _pair_score(judge, last, word, kazakh)
                    if len(nxt) > 2:
                        total += _pair_score(judge, word, nxt[1], kazakh)
                    last, word = nxt[-2], nxt[-1]
                key = (last, word)
                if key not in new or new[key][0] < total:
                    new[key] = (total, seps + [sep])
        states = new
    best = max(states.items(), key=lambda kv: kv[1][0] + _pair_score(judge, kv[0][0], kv[0][1], kazakh))
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
    lines_, fulls, unhyphenated = rejoin_hyphenated([k[0] for k in kept], [k[1] for k in kept], judge)
    if unhyphenated:  # a line joined to the one before is no longer letter-spaced on its own
        kept = [(t, f, False) for t, f in zip(lines_, fulls, strict=True)]
    else:  # a compound's hyphen may have lost the space before it
        kept = [(t, f, sp) for t, (_, f, sp) in zip(lines_, kept, strict=True)]
    if len(kept) == 1:
        return kept[0][0], spaced, unhyphenated
    texts = drop_soft_hyphens([k[0] for k in kept], judge)
    kept = [(t, f, sp) for t, (_, f, sp) in zip(texts, kept, strict=True)]
    seps = choose_separators([k[0] for k in kept], [k[1] for k in kept], [k[2] for k in kept], judge)
    out = kept[0][0]
    rejoined = unhyphenated
    for sep, (line, _, _) in zip(seps, kept[1:], strict=True):
        rejoined += sep == "" and out[-1].isalpha() and line[0].isalpha()
        out += sep + line
    return out, spaced, rejoined
