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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import regex

_WS = regex.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
# A run of >= 3 one-character tokens (letters, brackets, quotes) separated by one or two spaces.
_SPACED_UNIT = r"[\p{L}()«»\"“”„']"
_SPACED_RUN = regex.compile(
    rf"(?<![^\s]){_SPACED_UNIT}(?:[ \u00a0]{{1,3}}{_SPACED_UNIT}(?![^\s])){{2,}}"
)
_OPENERS = tuple("([{«“„\"'")
_CLOSERS = tuple(")]}»”,.;:!?%")
_WORD_TAIL = regex.compile(r"(\p{L}+)$")
_WORD_HEAD = regex.compile(r"^(\p{L}+)")


def normalize_whitespace(text: str) -> str:
    """Every run of whitespace (NBSP, thin space, newline) -> one space; stripped."""
    return _WS.sub(" ", text).strip()


def collapse_letter_spacing(line: str) -> str:
    """Collapse letter-spaced runs in one line: "С ә н д і к  қолданбалы" -> "Сәндік қолданбалы".

    Only runs of three or more single-character tokens are touched, so "қ дизайн" or a lone
    "(" stay as they are; digits never form a run (a "1 2 3 4" numbering row is kept).
    """

    def _collapse(match: regex.Match[str]) -> str:
        words = regex.split(r"[ \u00a0]{2,}", match.group(0))
        return " ".join(w.replace(" ", "").replace("\u00a0", "") for w in words)

    return _SPACED_RUN.sub(_collapse, line)


class WordModel(Protocol):
    """What a lexicon offers the wrap judge (see normalize.kazakh_lm.KazakhLexicon)."""

    def known(self, word: str) -> bool: ...

    def score(self, word: str) -> float: ...


@dataclass
class WrapJudge:
    """Decides whether a line break inside a cell cut a word in two.

    Evidence, summed: the joined form is a known word (+2 each from the lexicon and from the
    document's own vocabulary) while the two halves are not (-1 each). On a tie the language
    model compares P(joined) with P(left) * P(right).
    """

    lexicon: WordModel | None = None
    vocabulary: Counter[str] = field(default_factory=Counter)

    def is_cut(self, left: str, right: str) -> bool:
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
        if len(b) == 1:
            return True  # a lone letter opening a line is never a Kazakh word on its own
        if self.lexicon is not None:
            return self.lexicon.score(joined) > self.lexicon.score(a) + self.lexicon.score(b)
        return False


def wrap_separator(prev: str, nxt: str, judge: WrapJudge) -> str:
    """The text to put between two wrapped lines of one cell: "" or " "."""
    if not prev or not nxt:
        return ""
    if prev.endswith(_OPENERS) or nxt.startswith(_CLOSERS):
        return ""
    if prev.endswith(("-", "/")) and not prev.endswith((" -", " /")):
        return ""
    tail, head = _WORD_TAIL.search(prev), _WORD_HEAD.match(nxt)
    if tail is None or head is None or not head.group(1)[0].islower():
        return " "
    left = tail.group(1)
    if "-" in prev.rsplit(" ", 1)[-1]:
        left = prev.rsplit("-", 1)[-1]
    return "" if judge.is_cut(left, head.group(1)) else " "


def join_wrapped_lines(lines: Sequence[str], judge: WrapJudge | None = None) -> str:
    """Join the lines of one cell into the text a person reads."""
    judge = judge if judge is not None else WrapJudge()
    out = ""
    for raw in lines:
        line = normalize_whitespace(collapse_letter_spacing(raw))
        if not line:
            continue
        out = line if not out else out + wrap_separator(out, line, judge) + line
    return out


def vocabulary_from_cells(cells: Iterable[Sequence[str]]) -> Counter[str]:
    """Count the words of a document that no wrap can have cut: not the last word of a line
    that another line follows, nor the first word of a continuation line."""
    vocab: Counter[str] = Counter()
    for lines in cells:
        cleaned = [normalize_whitespace(collapse_letter_spacing(x)) for x in lines]
        cleaned = [x for x in cleaned if x]
        for i, line in enumerate(cleaned):
            words = regex.findall(r"\p{L}+", line.lower())
            lo = 1 if i > 0 else 0
            hi = len(words) - 1 if i < len(cleaned) - 1 else len(words)
            vocab.update(words[lo:hi])
    return vocab


def repair_counts(lines: Sequence[str], judge: WrapJudge) -> Counter[str]:
    """What :func:`join_wrapped_lines` repairs in one cell: letter-spaced lines collapsed and
    words rejoined across a wrap (counted for the run report; the text is not changed here)."""
    counts: Counter[str] = Counter()
    prev = ""
    for raw in lines:
        collapsed = collapse_letter_spacing(raw)
        if collapsed != raw:
            counts["letter_spaced_collapsed"] += 1
        line = normalize_whitespace(collapsed)
        if not line:
            continue
        if prev and wrap_separator(prev, line, judge) == "" and prev[-1].isalpha() and line[0].isalpha():
            counts["words_rejoined"] += 1
        prev = line
    return counts
