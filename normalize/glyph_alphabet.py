"""Alphabet facts shared by the Kazakh glyph repair, the language model and its builder.

Windows-1251 has every Kazakh letter except the sixteen in :data:`KZ_LETTERS` (І і are in it), so
those are the letters an Adilet text layer loses or displaces. The helpers here split text into the
units the language model scores: *alpha runs* (maximal runs of letters, scored as words) and
everything else (digits, punctuation, spaces), and fold Latin look-alikes inside Cyrillic words
(``шiлдедегі`` is typed with a Latin ``i``) so that they score as the Cyrillic letter they mimic.
"""

from __future__ import annotations

import re

KZ_UPPER = "ӘҒҚҢӨҰҮҺ"
KZ_LOWER = "әғқңөұүһ"
#: The sixteen letters that Windows-1251 lacks.
KZ_LETTERS = frozenset(KZ_UPPER + KZ_LOWER)
KZ_CLASS = KZ_UPPER + KZ_LOWER

#: Cyrillic letters of the Kazakh alphabet, lower case (Russian ё ъ ь щ ц ч э included: Kazakh uses
#: them in loanwords).
CYRILLIC_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіәғқңөұүһ"


def is_cyrillic_letter(ch: str) -> bool:
    """True for a Cyrillic-block letter (U+0400..U+04FF, letters only)."""
    return "\u0400" <= ch <= "\u04ff" and ch.isalpha()


#: Latin letters that look like Cyrillic ones, mapped to the Cyrillic letter they imitate.
_HOMOGLYPHS = str.maketrans(
    {
        "a": "а",
        "c": "с",
        "e": "е",
        "i": "і",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "A": "А",
        "B": "В",
        "C": "С",
        "E": "Е",
        "H": "Н",
        "I": "І",
        "K": "К",
        "M": "М",
        "O": "О",
        "P": "Р",
        "T": "Т",
        "X": "Х",
        "Y": "У",
    }
)

_ALPHA_RUN = re.compile(r"[^\W\d_]+")


def alpha_runs(token: str) -> list[str]:
    """The maximal runs of letters in ``token`` (digits, punctuation and marks split them)."""
    return _ALPHA_RUN.findall(token)


def alpha_run_spans(token: str) -> list[tuple[int, str]]:
    """``(start, run)`` for each alpha run of ``token``."""
    return [(m.start(), m.group()) for m in _ALPHA_RUN.finditer(token)]


#: Kazakh case and derivation suffixes that are written attached to the word (or, after a number,
#: after a hyphen: ``10-ға``, ``2-ші``) and never stand alone as a word. Homographs of real words
#: (``да``/``де``/``та``/``те`` particles, ``не``, ``мен``, ``нан``, ``тағы``) are left out.
BOUND_SUFFIXES = frozenset(
    "ға ге қа ке ың ің дың дің тың тің ның нің ды ді ты ті ны ні ғы гі қы кі шы ші сы сі "
    "дағы дегі тегі ндағы ндегі дан ден тан тен нен ында інде нда нде".split()
)


def lm_key(run: str) -> str:
    """The form of an alpha run that the model scores: lower case, Latin look-alikes folded to
    Cyrillic when most of the run is Cyrillic (``шiлдедегі``); a Latin word stays Latin."""
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in run)
    if cyrillic and 2 * cyrillic > len(run):
        run = run.translate(_HOMOGLYPHS)
    return run.lower()


def case_shape(run: str) -> str:
    """``lower``, ``title``, ``upper`` or ``mixed``: the capitalisation pattern of an alpha run.

    A displaced capital (``Қ`` of ``Қазақстан``) belongs at a word start or inside an all-caps word;
    the shape lets the scorer penalise ``азаҚстан``-like placements whatever the lexicon says.
    """
    if run.islower():
        return "lower"
    if run.isupper():
        return "upper" if len(run) > 1 else "title"
    if run[0].isupper() and (len(run) == 1 or run[1:].islower()):
        return "title"
    return "mixed"


def spacing_class(ch: str) -> str:
    """Class of a character for the spacing statistics: ``L`` letter, ``S`` space or tab, ``0``
    digit, ``E`` line end (empty string), else the character itself (NBSP included: the
    corruption treats it as a non-space)."""
    if not ch:
        return "E"
    return "L" if ch.isalpha() else "S" if ch in " \t" else "0" if ch.isdigit() else ch
