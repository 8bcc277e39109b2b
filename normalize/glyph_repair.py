"""Repair the Kazakh letters an Adilet text layer lost, displaced or mis-encoded.

Entry points:

* :func:`detect_kind` — what the whole document suffers from (:mod:`normalize.glyph_detect`);
* :func:`repair_text` — the repaired document, same lines, with what was done and what could not
  be (letters of displaced tails put back by :mod:`normalize.glyph_displaced`, foreign code points
  mapped by :mod:`normalize.glyph_legacy`). A document the detector calls clean comes back
  byte-for-byte unchanged;
* :func:`repair_legacy_chars` — only the code-point mapping.

Lines are split on ``"\\n"`` alone; a ``"\\r"`` before it stays with its line, untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from normalize.glyph_alphabet import KZ_LETTERS
from normalize.glyph_detect import detect_kind_with
from normalize.glyph_legacy import TABLES, apply_table, learn_letters
from normalize.glyph_lines import repair_lines
from normalize.kazakh_lm import KazakhLexicon
from normalize.lexicon import load_lexicon


@dataclass(frozen=True)
class TextRepair:
    text: str  # repaired text, same number of lines as the input
    kind: str  # "clean" | "displaced" | "kz1048" | "legacy_codepoints"
    lines_changed: int
    letters_placed: int
    # (1-based line number, letters that could not be placed: left at the end of their run)
    unplaced: tuple[tuple[int, str], ...]
    unsure: int = 0  # words a lost-letter reading was not sure of, left as printed


def _lexicon() -> KazakhLexicon | None:
    return load_lexicon()


def detect_kind(text: str) -> str:
    """``clean`` | ``displaced`` | ``kz1048`` | ``legacy_codepoints`` for the whole document."""
    return detect_kind_with(text, _lexicon)


def _split(text: str) -> tuple[list[str], list[str]]:
    """Lines without their ``\\r`` and the ``\\r`` (or nothing) each had."""
    lines = text.split("\n")
    ends = ["\r" if line.endswith("\r") else "" for line in lines]
    return [line[:-1] if end else line for line, end in zip(lines, ends, strict=True)], ends


def repair_text(text: str) -> TextRepair:
    """Repair ``text`` according to what :func:`detect_kind` finds; never raises on a ``str``."""
    return repair_text_with(text, _lexicon)


def repair_text_with(text: str, lm_loader: Callable[[], KazakhLexicon | None]) -> TextRepair:
    """:func:`repair_text` with the language model given (the benchmark passes its own)."""
    kind = detect_kind_with(text, lm_loader)
    if kind == "clean":
        return _repair_lost(text, lm_loader)
    lm = lm_loader()
    if lm is None:  # pragma: no cover - cannot repair without the model
        return TextRepair(text, kind, 0, 0, ())
    if kind in TABLES:
        new = apply_table(text, _table_for(kind, text, lm), lm)
        before, after = text.split("\n"), new.split("\n")
        changed = sum(a != b for a, b in zip(before, after, strict=True))
        placed = sum(a != b for a, b in zip(text, new, strict=True))
        return TextRepair(new, kind, changed, placed, ())
    lines, ends = _split(text)
    fixed, placed, unplaced = repair_lines(lines, lm)
    changed = sum(a != b for a, b in zip(lines, fixed, strict=True))
    out = "\n".join(line + end for line, end in zip(fixed, ends, strict=True))
    return TextRepair(out, kind, changed, placed, tuple((i + 1, s) for i, s in unplaced))


def _repair_lost(text: str, lm_loader: Callable[[], KazakhLexicon | None]) -> TextRepair:
    """Letters lost without a tail (look-alikes, gaps, dropped) or Latin look-alikes, detected for
    the document and decided per line in context (:mod:`normalize.glyph_lost`); a text with none
    comes back unchanged. Kind ``lost_<mode>`` or ``latin_lookalikes``."""
    from normalize.glyph_lost import detect_lost, fold_latin, quick_gate, repair_line
    from normalize.word_model import russian_words

    if not quick_gate(text):
        return TextRepair(text, "clean", 0, 0, ())
    lm = lm_loader()
    if lm is None:  # pragma: no cover - cannot repair without the model
        return TextRepair(text, "clean", 0, 0, ())
    ru = russian_words()
    found = detect_lost(text, lm, ru)
    if found.mode is None and not found.latin:
        return TextRepair(text, "clean", 0, 0, ())
    lines, ends = _split(text)
    fixed: list[str] = []
    unsure = 0
    sentence_start = True  # the first line, or the previous one ended a sentence or was blank
    for line in lines:
        new = line
        if found.latin:
            new, _, n_unsure = fold_latin(new, lm)
            unsure += n_unsure
        if found.mode is not None:
            res = repair_line(new, found.mode, lm, ru, sentence_start=sentence_start)
            new, unsure = res.text, unsure + res.unsure
        fixed.append(new)
        end = line.rstrip()
        sentence_start = not end or end[-1] in ".!?"
    changed = sum(a != b for a, b in zip(lines, fixed, strict=True))
    placed = sum(max(0, sum(ch in KZ_LETTERS for ch in b) - sum(ch in KZ_LETTERS for ch in a))
                 for a, b in zip(lines, fixed, strict=True))  # fmt: skip
    kind = f"lost_{found.mode}" if found.mode is not None else "latin_lookalikes"
    if not changed:
        return TextRepair(text, "clean", 0, 0, (), unsure)
    out = "\n".join(line + end for line, end in zip(fixed, ends, strict=True))
    return TextRepair(out, kind, changed, placed, (), unsure)


def repair_legacy_chars(text: str) -> str:
    """Map kz1048 mojibake or legacy-font code points to Kazakh letters when the document-level
    detector finds one of them; any other text is returned unchanged."""
    kind = detect_kind(text)
    if kind not in TABLES:
        return text
    lm = _lexicon()
    return text if lm is None else apply_table(text, _table_for(kind, text, lm), lm)


def _table_for(kind: str, text: str, lm: KazakhLexicon) -> dict[str, str]:
    """The code-point table of ``kind``; for legacy fonts with the letters this document's font
    put on unattested code points learned from the document (:func:`learn_letters`)."""
    table = TABLES[kind]
    return learn_letters(text, table, lm) if kind == "legacy_codepoints" else table
