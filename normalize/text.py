"""Cell text repair: letter-spaced words, whitespace, and lines wrapped inside a cell.

Two stages, in this order (letter spacing must be collapsed per line, before lines are joined,
or "(" + "т ү р л е р і" would glue the bracket to the first letter):

* :func:`collapse_letter_spacing` turns a justified single-word line "С ә н д і к" into
  "Сәндік"; inside such a run a double gap is a word boundary ("т і л  м е н" -> "тіл мен").
* :func:`join_wrapped_lines` joins the lines of a cell with one space, except where the wrap
  cut a word ("мультимедиялы" + "қ дизайн") or follows an opening bracket. Whether a wrap cut a
  word is decided from evidence by a :class:`WrapJudge`: a Kazakh lexicon and language model
  and the document's own vocabulary, never from a list of known words.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import regex

_WS = regex.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
# A run of >= 3 one-character tokens (letters, brackets, quotes) separated by one or two spaces.
_SPACED_UNIT = r"[\p{L}\p{N}()«»\"“”„';:,.!?]"
_SPACED_SEP = r"[ \u00a0]{1,3}"
# a hyphen or dash may sit between two units of a run ("P I S A - 2 0 2 1"), never at its ends
_SPACED_RUN = regex.compile(
    rf"(?<![^\s]){_SPACED_UNIT}(?:{_SPACED_SEP}(?:[-–]{_SPACED_SEP})?{_SPACED_UNIT}(?![^\s])){{2,}}"
)
_OPENERS = tuple("([{«“„")
_STRAIGHT_QUOTES = ('"', "'")
_CLOSERS = tuple(")]}»”,.;:!?%")
# patterns anchored at the end are searched backwards ((?r)): the same match as a forward search,
# which tries every start in a run of letters (quadratic on a long word; tested equal)
_WORD_TAIL = regex.compile(r"(?r)(\p{L}+)$")
_WORD_HEAD = regex.compile(r"^(\p{L}+)")


_WORD_GAP = regex.compile(r"[ \u00a0]{2,}")
_NUMERIC_TAIL = regex.compile(r"(?r)\p{N}[.,]?$")
_THREE_DIGITS = regex.compile(r"\d{3}")
_DIGIT_TAIL = regex.compile(r"(?r)\d+$")
_WORD = regex.compile(r"\p{L}+")


def starts_lower(text: str) -> bool:
    """Whether the first letter or digit of ``text`` is a lower-case letter (text going on)."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.islower()


def normalize_whitespace(text: str) -> str:
    """Every run of whitespace (NBSP, thin space, newline) -> one space; stripped."""
    return _WS.sub(" ", text).strip()


def collapse_letter_spacing(line: str) -> str:
    """Collapse letter-spaced runs in one line: "С ә н д і к  қолданбалы" -> "Сәндік қолданбалы".

    Only runs of three or more single-character tokens are touched, so "қ дизайн" or a lone
    "(" stay as they are; digits never form a run (a "1 2 3 4" numbering row is kept).
    """

    def _collapse(match: regex.Match[str]) -> str:
        words = [w.replace(" ", "").replace("\u00a0", "") for w in _WORD_GAP.split(match.group(0))]
        # a dash set off by a word gap on one side only is still a separate dash ("2020 - 2025")
        words = [f"{w[0]} {w[1:]}" if i and len(w) > 1 and w[0] in "-–" else w for i, w in enumerate(words)]
        return " ".join(words)

    return _SPACED_RUN.sub(_collapse, line)


@functools.lru_cache(maxsize=1 << 16)
def clean_cell_line(raw: str) -> tuple[str, str]:
    """One raw cell line -> (letter spacing collapsed, then whitespace normalised); memoised, as
    the vocabulary, the wrap joining and the run report each read every line."""
    collapsed = collapse_letter_spacing(raw)
    return collapsed, normalize_whitespace(collapsed)


class WordModel(Protocol):
    """What a lexicon offers the wrap judge (see normalize.kazakh_lm.KazakhLexicon)."""

    def known(self, word: str) -> bool: ...

    def score(self, word: str) -> float: ...


@dataclass
class WrapJudge:
    """Decides whether a line break inside a cell cut a word in two.

    Evidence, summed: the joined form is a known word (+2 each from the lexicon and from the
    document's own vocabulary) while the two halves are not (-1 each). Without such evidence
    the language model compares P(joined) with P(left) * P(right), and a line that runs up to
    the column's right text edge (``full``) weighs towards a cut.
    """

    lexicon: WordModel | None = None
    vocabulary: Counter[str] = field(default_factory=Counter)
    # "a b": two words the document prints side by side on one line (see pairs_from_cells)
    pairs: Counter[str] = field(default_factory=Counter)
    full_line_bonus: float = 2.0  # log-probability units
    # id(cell) -> (cell, joined text, letter-spaced lines collapsed, words rejoined): by identity,
    # as hashing a cell hashes all its lines and boxes (the cell is held, so its id cannot be
    # reused while the entry lives); the counts are the run report's
    texts: dict[int, tuple[object, str, int, int]] = field(default_factory=dict, repr=False, compare=False)
    _cuts: dict[tuple[str, str, bool], bool] = field(default_factory=dict, repr=False, compare=False)
    word_scores: dict[str, float] = field(default_factory=dict, repr=False, compare=False)  # memo of wraps

    @functools.cached_property
    def vocabulary_total(self) -> int:
        """How many words the vocabulary counts (the document cache's denominator)."""
        return sum(self.vocabulary.values())

    def is_cut(self, left: str, right: str, full: bool = False) -> bool:
        """Whether the wrap between ``left`` and ``right`` cut a word (memoised per judge: a
        table repeats its wraps, and the run report asks again)."""
        key = (left, right, full)
        hit = self._cuts.get(key)
        if hit is None:
            hit = self._cuts[key] = self._is_cut(left, right, full)
        return hit

    def _is_cut(self, left: str, right: str, full: bool) -> bool:
        a, b = left.lower(), right.lower()
        joined = a + b
        score = 0
        if self.lexicon is not None:
            score += 2 * self.lexicon.known(joined) - self.lexicon.known(a)
            score -= self.lexicon.known(b) if len(b) > 1 else 0
        score += 2 * (self.vocabulary[joined] > 0) - (self.vocabulary[a] > 0)
        score -= (self.vocabulary[b] > 0) if len(b) > 1 else 0
        if score != 0:
            return score > 0
        if len(b) == 1 and b.isalpha():
            return True  # a lone letter opening a line is never a word on its own
        bonus = self.full_line_bonus if full else 0.0
        if self.lexicon is not None:
            return self.lexicon.score(joined) + bonus > self.lexicon.score(a) + self.lexicon.score(b)
        return full


def _opens_quote(text: str) -> bool:
    """Whether a straight quote ending ``text`` opens a quotation: it stands alone or after a
    space or an opening bracket; a quote glued to the word before it closes one."""
    return len(text) == 1 or text[-2].isspace() or text[-2] in "([{«“„"


def _numeric_tail(token: str) -> bool:
    return bool(_NUMERIC_TAIL.search(token))


def forced_separator(prev: str, nxt: str, full: bool = False, prev_spaced: bool = False) -> str | None:
    """The separator between two wrapped lines when typography decides it ("" or " "), or None
    when a letter meets a letter and only the language can tell a cut word from a word wrap."""
    if not prev or not nxt:
        return ""
    if prev.endswith(_OPENERS) or (prev.endswith(_STRAIGHT_QUOTES) and _opens_quote(prev)):
        return ""
    if nxt.startswith(_CLOSERS) or (nxt[0] in _STRAIGHT_QUOTES and prev.count(nxt[0]) % 2 == 1
                                    and (len(nxt) == 1 or not nxt[1].isalnum())):  # fmt: skip
        return ""  # a closing bracket, mark or quote sticks to the text it closes
    if prev.endswith(("-", "/")) and not prev.endswith((" -", " /")):
        return ""
    last_token = prev.rsplit(" ", 1)[-1]
    if " " in prev and len(last_token) == 1 and last_token.isalpha() and not prev_spaced:
        return " "  # a one-letter word ending a line ("и", "с", "в") is a word: a cut leaves more on the line
    if _numeric_tail(last_token) and nxt[0].isdigit():
        # a number broken by a narrow column continues on the next line, unless the next line
        # starts with a group of three digits after a whole group: a thousands separator
        first = nxt.split(" ", 1)[0]
        tail = _DIGIT_TAIL.search(last_token)  # the digits the line ends with ("/509" -> "509")
        if tail is not None and _THREE_DIGITS.fullmatch(first) and len(tail.group()) <= 3:
            return " "
        return "" if full else " "
    tail, head = _WORD_TAIL.search(prev), _WORD_HEAD.match(nxt)
    if tail is None or head is None or prev_spaced:
        return " "  # a letter-spaced line is a justified whole word: the wrap after it is a word wrap
    if head.group(1)[0].isupper() and not (tail.group(1)[-1].isupper() and full):
        return " "
    return None


def wrap_separator(prev: str, nxt: str, judge: WrapJudge, full: bool = False, prev_spaced: bool = False) -> str:
    """The text to put between two wrapped lines of one cell, deciding pair by pair."""
    forced = forced_separator(prev, nxt, full, prev_spaced)
    if forced is not None:
        return forced
    last_token = prev.rsplit(" ", 1)[-1]
    tail, head = _WORD_TAIL.search(prev), _WORD_HEAD.match(nxt)
    assert tail is not None and head is not None
    left = last_token.rsplit("-", 1)[-1] if "-" in last_token else tail.group(1)
    return "" if judge.is_cut(left, head.group(1), full) else " "


def vocabulary_from_cells(cells: Iterable[Sequence[str]]) -> Counter[str]:
    """Count the words of a document that no wrap can have cut: not the last word of a line
    that another line follows, nor the first word of a continuation line."""
    vocab: Counter[str] = Counter()
    single: list[str] = []  # the words of one-line cells, counted in one update
    for lines in cells:
        if len(lines) == 1:  # a single line: every word counts
            single += _WORD.findall(clean_cell_line(lines[0])[1].lower())
            continue
        cleaned = [clean_cell_line(x)[1] for x in lines]
        cleaned = [x for x in cleaned if x]
        for i, line in enumerate(cleaned):
            words = _WORD.findall(line.lower())
            lo = 1 if i > 0 else 0
            hi = len(words) - 1 if i < len(cleaned) - 1 else len(words)
            vocab.update(words[lo:hi])
    vocab.update(single)
    return vocab


def _unbroken_words(lines: Sequence[str]) -> Iterable[list[str]]:
    """Per line of a cell, its space-separated tokens that no wrap can have cut."""
    cleaned = [x for x in (clean_cell_line(x)[1] for x in lines) if x]
    for i, line in enumerate(cleaned):
        tokens = line.split(" ")
        yield tokens[1 if i > 0 else 0 : len(tokens) - 1 if i < len(cleaned) - 1 else len(tokens)]


def pairs_from_cells(cells: Iterable[Sequence[str]]) -> Counter[str]:
    """Count the word pairs a document prints side by side on one line ("руководитель кружка"),
    keyed ``"a b"`` (lower case, only tokens that are one word each, none cut by a wrap): the
    document's own bigrams, evidence that a wrap between ``a`` and ``b`` is a space."""
    pairs: Counter[str] = Counter()
    for lines in cells:
        for tokens in _unbroken_words(lines):
            for a, b in zip(tokens, tokens[1:], strict=False):
                head = _WORD_HEAD.match(b)  # "кружка," still follows "руководитель"
                if head is not None and _WORD.fullmatch(a):
                    pairs[a.lower() + " " + head.group(1).lower()] += 1
    return pairs


