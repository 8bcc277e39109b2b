"""Put displaced Kazakh letters back where they belong, one line at a time.

**The corruption** (measured on seed 002). A text run is emitted without its Kazakh letters and
then followed by a *tail*: its removed letter groups, in order, separated by one space. A removed
group leaves one space when the previous emitted character is not a space (inside a word or at a
word end), and nothing at a word start after a space, at a run start or at a run end. So
``Қазақстан Республикасының Үкіметі`` becomes ``аза стан Республикасыны  кіметіҚ қ ң Ү``.

**Parsing.** In a displaced document every Kazakh letter is a tail letter, so a tail is a maximal
``G( G)*`` match (``G`` a run of Kazakh letters) and it belongs to the text *segment* between the
previous tail (or the line start) and itself. A segment is split into tokens (maximal runs of
non-spaces; NBSP is not a space) and the space runs between them.

**Candidate gaps** for a group in a segment ``S0 T1 S1 T2 ... Tn Sn``:

* the start of any token (a word start after a space, or the run start): insert;
* the first space of any space run after a token (a group removed inside or at the end of a
  word left it): replace that space with the group. When the run is a single space the two
  tokens around it join into one word;
* the run end when the segment has no trailing space: append;
* between two spaces of a run of two or more, or at the run start before its leading spaces (a
  one-letter word): insert, penalised.

**Search.** Groups keep their order, so a placement is a monotone assignment of groups to gaps.
A dynamic programme over tokens does it exactly: ``best[i][k]`` is the best score of the output
words made of tokens ``T1..T(i-1)`` using the first ``k`` groups; a transition builds one output
word from tokens ``Ti..Tj`` (joined through filled single spaces, one group each), optionally with
a group at its start and one filling the first space after it, and scores it with the language
model (:meth:`normalize.kazakh_lm.KazakhLexicon.score`, cached per word). Two spacing terms join
the word scores: the log-odds of a letter touching a punctuation mark or digit rather than a
space (``"Қазақстан`` is common, ``1.Қоса`` is not) and the log-odds of a double space nobody
explains (a group removed at a word end leaves one). A word whose junction with a group holds a
character trigram the lexicon never has (``білім|ғ|беруді``) is not scored at all: that filter
skips most hopeless words and makes the search fast; when it leaves no complete placement the
search runs again without it. Groups the segment has no room for stay where they were, at the
end of the run, and are reported as unplaced. Cost: O(tokens x groups x MAX_JOIN) word scores
per segment; a segment past ``MAX_WORK`` is left alone and its letters reported.

**Letter-spaced cells** (``т ө м е н``) are read differently and searched by
:mod:`normalize.glyph_spaced`.

**Lines.** :mod:`normalize.glyph_lines` runs this per segment over a document and deals with
groups that spilled onto the next line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from normalize.glyph_alphabet import KZ_CLASS
from normalize.glyph_spaced import is_letter_spaced, place_spaced

TAIL = re.compile(f"[{KZ_CLASS}]+(?: [{KZ_CLASS}]+)*")
_TOKENS = re.compile(r"[^ ]+| +")
MAX_JOIN = 6  # tokens one output word may span
MAX_WORK = 200_000  # tokens x groups beyond which a segment is not searched (a pathological line)
STANDALONE_PENALTY = 6.0  # a group forming a word on its own between spaces (rare)
LEAD_PENALTY = 0.0  # a group alone at the run start, before a space: a word's last letters wrapped
NEG = float("-inf")


@dataclass
class Segment:
    """A run's emitted text and the groups of the tail that followed it."""

    text: str
    groups: list[str]


@dataclass
class LineParse:
    """A line as segments; ``segments[-1]`` may have no groups (text after the last tail)."""

    segments: list[Segment]


def parse_line(line: str) -> LineParse:
    """Split ``line`` into segments and their tails."""
    segments: list[Segment] = []
    pos = 0
    for m in TAIL.finditer(line):
        segments.append(Segment(line[pos : m.start()], m.group().split(" ")))
        pos = m.end()
    segments.append(Segment(line[pos:], []))
    return LineParse(segments)


def is_tail_only(line: str) -> bool:
    """A line holding a tail and nothing else (spaces aside): a spilled tail."""
    stripped = line.strip(" ")
    return bool(stripped) and TAIL.fullmatch(stripped) is not None


class PlacementModel(Protocol):
    """What the search needs from a language model (``KazakhLexicon`` provides it)."""

    double_space: float  # ln-odds of two spaces between words rather than one
    double_space_end: float  # the same for the spaces ending a segment

    def score(self, word: str) -> float: ...

    def glue_left(self, ch: str, prev: str = " ") -> float: ...

    def glue_right(self, ch: str, nxt: str = " ") -> float: ...

    def plausible_junction(self, before: str, group: str, after: str) -> bool: ...


@dataclass(frozen=True)
class Placement:
    """Result of placing a segment's groups."""

    text: str  # the segment with the placed groups in it
    placed: int  # how many of the groups (from the first) were placed
    score: float


# a back pointer: (first token, groups used before, start group?, end group?, standalone group?)
_Move = tuple[int, int, int, int, int]


@dataclass
class _Search:
    """The dynamic programme of :func:`place_groups` over one segment."""

    tokens: list[str]
    spaces: list[str]  # spaces[j] follows tokens[j] ("" for a segment ending on a token)
    groups: list[str]
    model: PlacementModel
    lead: str = ""  # spaces before the first token
    prune: bool = True  # skip words whose junctions hold a trigram Kazakh never has

    def run(self) -> tuple[list[list[float]], list[list[_Move | None]]]:
        n, g = len(self.tokens), len(self.groups)
        tokens, spaces, groups, model = self.tokens, self.spaces, self.groups, self.model
        best = [[NEG] * (g + 1) for _ in range(n + 1)]
        back: list[list[_Move | None]] = [[None] * (g + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        if self.lead and g:  # a letter at the run start, before its leading spaces (a wrap)
            best[0][1] = model.score(groups[0]) - LEAD_PENALTY
            back[0][1] = (0, 0, 0, 0, 1)
        for i in range(n):
            for k in range(g + 1):
                base = best[i][k]
                if base == NEG:
                    continue
                for s in (0, 1):
                    used = k + s
                    if used > g:
                        break
                    word = tokens[i]
                    glue = 0.0
                    if s:
                        if not self._fits("^", groups[k], _after(word)):
                            continue
                        word = groups[k] + word
                        glue = model.glue_right(*self._head(i))
                    j = i
                    while True:
                        self._close(best, back, i, j, k, s, used, word, base + glue)
                        if j + 1 >= n or spaces[j] != " " or used >= g or j - i + 1 >= MAX_JOIN:
                            break
                        if not self._fits(_before(word), groups[used], _after(tokens[j + 1])):
                            break
                        glue += model.glue_left(*self._tail(j)) + model.glue_right(*self._head(j + 1))
                        word = word + groups[used] + tokens[j + 1]
                        used += 1
                        j += 1
        return best, back

    def _fits(self, before: str, group: str, after: str) -> bool:
        return not self.prune or self.model.plausible_junction(before, group, after)

    def _head(self, i: int) -> tuple[str, str]:
        """First character of token ``i`` and the character after it."""
        t = self.tokens[i]
        return t[0], t[1] if len(t) > 1 else self.spaces[i][:1]

    def _tail(self, j: int) -> tuple[str, str]:
        """Last character of token ``j`` and the character before it."""
        t = self.tokens[j]
        return t[-1], t[-2] if len(t) > 1 else " "

    def _close(self, best: list[list[float]], back: list[list[_Move | None]], i: int, j: int, k: int,
               s: int, used: int, word: str, base: float) -> None:  # fmt: skip
        """Record the ways to end the output word ``tokens[i..j]``: with or without a group
        filling the first space after it (or appended at the run end), and optionally a
        one-letter word standing alone in the space run after it."""
        groups, model = self.groups, self.model
        g = len(groups)
        space = self.spaces[j]
        last = j == len(self.tokens) - 1
        double = model.double_space_end if last else model.double_space
        can_end = len(space) >= 2 or last
        target, tback = best[j + 1], back[j + 1]
        for e in (0, 1):
            if e and (used >= g or not can_end or not self._fits(_before(word), groups[used], "$")):
                break
            if e:
                w = word + groups[used]
                total = base + model.score(w) + model.glue_left(word[-1], word[-2] if len(word) > 1 else " ")
            else:
                w = word
                total = base + model.score(w)
            left = len(space) - e  # spaces still there after the word
            u = used + e
            plain = total + (double if left >= 2 else 0.0)
            if plain > target[u]:
                target[u] = plain
                tback[u] = (i, k, s, e, 0)
            if u < g and left >= 2:
                alone = total + model.score(groups[u]) - STANDALONE_PENALTY
                if alone > target[u + 1]:
                    target[u + 1] = alone
                    tback[u + 1] = (i, k, s, e, 1)


def _before(word: str) -> str:
    """The up-to-two letters that end ``word``, after ``^`` when a non-letter cuts them."""
    tail = word[-2:]
    if not tail[-1:].isalpha():
        return "^"
    return tail if tail[0].isalpha() else "^" + tail[-1]


def _after(word: str) -> str:
    """The up-to-two letters that open ``word``, before ``$`` when a non-letter cuts them."""
    head = word[:2]
    if not head[:1].isalpha():
        return "$"
    return head if len(head) == 2 and head[1].isalpha() else head[0] + "$"


def place_groups(text: str, groups: list[str], model: PlacementModel) -> Placement:
    """Place ``groups`` (in order) into the gaps of ``text`` maximising the total score.

    See the module docstring for the gaps and the dynamic programme. Returns the rebuilt segment
    text; groups beyond ``placed`` could not be placed (the caller leaves them in the tail).
    """
    parts = _TOKENS.findall(text)
    lead = parts.pop(0) if parts and parts[0][0] == " " else ""
    tokens, spaces = parts[0::2], parts[1::2]
    n, g = len(tokens), len(groups)
    if len(spaces) < n:
        spaces.append("")
    if n == 0 or n * (g + 1) > MAX_WORK:
        return Placement(text, 0, 0.0)
    best, back = _Search(tokens, spaces, groups, model, lead).run()
    if best[n][g] == NEG:  # the junction filter left no room: search again without it
        best, back = _Search(tokens, spaces, groups, model, lead, prune=False).run()
    placement = Placement(text, 0, 0.0)
    for k in range(g, -1, -1):  # most groups placed, then the best score
        if best[n][k] != NEG:
            placement = Placement(_rebuild(lead, tokens, spaces, groups, back, n, k), k, best[n][k])
            break
    if is_letter_spaced(tokens):  # read as a letter-spaced cell too; keep the likelier reading
        spaced = place_spaced(text, groups, model.score)
        if spaced is not None and (placement.placed < g or spaced[0] > placement.score):
            return Placement(spaced[1], g, spaced[0])
    return placement


def _rebuild(lead: str, tokens: list[str], spaces: list[str], groups: list[str],
             back: list[list[_Move | None]], n: int, k: int) -> str:  # fmt: skip
    """Follow the back pointers from ``(n, k)`` and write the repaired segment."""
    words: list[str] = []
    j, u = n, k
    while j > 0 or u > 0:
        move = back[j][u]
        assert move is not None
        i, k0, s, e, alone = move
        if j == 0:  # the one-letter word before the leading spaces
            return groups[0] + lead + "".join(reversed(words))
        gi = k0
        out = []
        if s:
            out.append(groups[gi])
            gi += 1
        for t in range(i, j):
            out.append(tokens[t])
            if t < j - 1:  # a joined single space
                out.append(groups[gi])
                gi += 1
        space = spaces[j - 1]
        if e:
            out.append(groups[gi])
            gi += 1
            space = space[1:]
        if alone:
            space = space[0] + groups[gi] + space[1:]
            gi += 1
        out.append(space)
        words.append("".join(out))
        j, u = i, k0
    return lead + "".join(reversed(words))
