"""Line-end hyphens of a wrapped cell: a hyphenation mark is removed, a compound's hyphen kept.

A producer that hyphenates automatically prints a hyphen glyph where it breaks a word: U+2010
(Chromium's and WeasyPrint's hyphenate character), a soft hyphen U+00AD made visible, or a plain
"-" (fpdf2, word processors).  Between a line that ends in letters and such a mark and a line that
starts with a lower-case letter:

* U+00AD and U+2010 are hyphenation marks (a typed compound uses "-"): the two pieces are one
  word, joined without the mark, unless both pieces are words and their join is not (then the
  mark stands for a compound's hyphen and stays, as "-", with no spaces);
* "-" is removed only when the joined word is a word (listed in the lexicon or printed unbroken in
  the document) and the pieces are not likelier as two words (the language model's scores);
  otherwise it is a compound's hyphen ("көтергіш-" / "көлік") and the line stays as printed (a
  space printed before it, "педагог -" / "зерттеушінің", is kept; the separator choice joins
  after a line-end "-").

Space between the last letter and a removed mark ("коммуникаци ‐") is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from normalize.text import WrapJudge

HYPHENATION_MARKS = ("\u00ad", "\u2010")
LINE_END_HYPHEN = regex.compile(r"(\p{L}+)\s*([-\u2010\u00ad])$")
_LOWER_HEAD = regex.compile(r"^(\p{Ll}+)")


def _is_word(judge: WrapJudge, word: str) -> bool:
    w = word.lower()
    lexicon = judge.lexicon
    return bool(judge.vocabulary[w] > 0 or (lexicon is not None and len(w) > 1 and lexicon.known(w)))


def _compound_likelier(judge: WrapJudge, a: str, b: str) -> bool:
    """The language model finds the two pieces likelier as two words than as one."""
    lexicon = judge.lexicon
    if lexicon is None:
        return True
    return bool(lexicon.score(a.lower()) + lexicon.score(b.lower()) > lexicon.score((a + b).lower()))


def rejoin_hyphenated(lines: Sequence[str], full: Sequence[bool], judge: WrapJudge) -> tuple[list[str], list[bool], int]:
    """The cell's lines with every word hyphenated across a wrap joined back into one line, the
    ``full`` flags of the lines that remain, and how many hyphens were removed.  A compound's
    hyphen at a line end is kept (written "-", nothing else changed)."""
    out, flags = [lines[0]] if lines else [], [bool(full[0]) if full else False] if lines else []
    removed = 0
    for i in range(1, len(lines)):
        nxt, nxt_full = lines[i], bool(full[i]) if i < len(full) else False
        tail, head = LINE_END_HYPHEN.search(out[-1]), _LOWER_HEAD.match(nxt)
        if tail is not None and head is not None:
            a, mark, b = tail.group(1), tail.group(2), head.group(1)
            a_word, b_word, joined = _is_word(judge, a), _is_word(judge, b), _is_word(judge, a + b)
            if mark in HYPHENATION_MARKS:
                drop = joined or not (a_word and b_word)
            else:
                drop = joined and not (b_word and _compound_likelier(judge, a, b))
            if drop:
                out[-1] = out[-1][: tail.start(2)].rstrip() + nxt
                flags[-1] = nxt_full
                removed += 1
                continue
            if mark != "-":  # a hyphenation mark standing for a compound's hyphen
                out[-1] = out[-1][: tail.start(2)].rstrip() + "-"
        out.append(nxt)
        flags.append(nxt_full)
    return out, flags, removed
