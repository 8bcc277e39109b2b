"""Positioned characters -> text lines.

Works from pdfplumber's chars (text, x0, x1, top, bottom, size, fontname) rather than from the
content-stream order, so glyphs that a PDF draws out of order (Kazakh letters put in a second
font after the rest of the line) land where they are drawn. Gaps decide spaces; inside a
letter-spaced run a markedly wider gap becomes a double space, which
:func:`normalize.text.collapse_letter_spacing` reads as a word boundary.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Char = Mapping[str, Any]

SPACE_GAP_EM = 0.17  # a gap wider than this share of the font size is a space
FONT_CHANGE_FACTOR = 1.25  # between glyphs of two fonts a space needs a 0.21 em gap
WORD_GAP_RATIO = 1.6  # in a line of spaced gaps, a gap this much wider than the median is a word gap


@dataclass(frozen=True)
class TextLine:
    """One line of text with its box (PDF points, top-left origin) and page (1-based)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    size: float
    char_width: float = 0.0  # median advance of the line's glyphs
    first_width: float = 0.0  # width of the line's first glyph


def _center(c: Char) -> float:
    return (float(c["top"]) + float(c["bottom"])) / 2


def _size(c: Char) -> float:
    return float(c.get("size") or (float(c["bottom"]) - float(c["top"])) or 1.0)


def chars_to_line_groups(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into lines by vertical position; each line sorted left to right."""
    # whitespace glyphs carry no text (gaps make the spaces) and some producers place them off
    # the baseline, so they never steer the grouping
    pending = sorted(
        ((_center(c), _size(c), c) for c in chars if c.get("upright", True) and not str(c["text"]).isspace()),
        key=lambda t: t[0],
    )
    lines: list[list[Char]] = []
    centres: list[list[float]] = []  # per line, the centres of its characters
    last_size = 0.0
    for centre, size, c in pending:
        if lines:
            ref = _median(centres[-1][-8:])
            if abs(centre - ref) <= 0.45 * max(size, last_size):
                lines[-1].append(c)
                centres[-1].append(centre)
                last_size = size
                continue
        lines.append([c])
        centres.append([centre])
        last_size = size
    return [sorted(line, key=lambda c: float(c["x0"])) for line in lines]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _dedupe(chars: Sequence[Char]) -> list[Char]:
    """Drop glyphs drawn twice at the same place (fake bold)."""
    out: list[Char] = []
    for c in chars:
        if out and c["text"] == out[-1]["text"] and abs(float(c["x0"]) - float(out[-1]["x0"])) < 0.7:
            continue
        out.append(c)
    return out


KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһ")


def _kazakh_font_change(a: Char, b: Char) -> bool:
    """A Kazakh letter next to a glyph of another font: the case of fonts that lack those letters."""
    return a.get("fontname") != b.get("fontname") and (a["text"] in KAZAKH_LETTERS or b["text"] in KAZAKH_LETTERS)


def line_chars_to_text(chars: Sequence[Char]) -> str:
    """Characters of one line (sorted by x) -> text with spaces inferred from gaps."""
    glyphs = [c for c in _dedupe(chars) if not str(c["text"]).isspace()]
    if not glyphs:
        return ""
    size = statistics.median(_size(c) for c in glyphs)
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in zip(glyphs, glyphs[1:], strict=False)]
    # a glyph from a second font (Kazakh letters drawn in another font at the first font's
    # advance) leaves a gap of the two fonts' width difference: only a wider gap is a space there
    limits = [SPACE_GAP_EM * size * (FONT_CHANGE_FACTOR if _kazakh_font_change(a, b) else 1.0)
              for a, b in zip(glyphs, glyphs[1:], strict=False)]  # fmt: skip
    spaced = [g for g, lim in zip(gaps, limits, strict=True) if g > lim]
    typical = statistics.median(spaced) if spaced else 0.0
    letter_spaced = len(spaced) >= 2 and len(spaced) >= 0.6 * len(gaps)
    parts = [str(glyphs[0]["text"])]
    for gap, limit, c in zip(gaps, limits, glyphs[1:], strict=False):
        if gap > limit:
            wide = letter_spaced and gap > WORD_GAP_RATIO * typical and gap - typical > 0.2 * size
            parts.append("  " if wide else " ")
        parts.append(str(c["text"]))
    return "".join(parts)


def _char_width(chars: Sequence[Char]) -> float:
    widths = [float(c["x1"]) - float(c["x0"]) for c in chars if not str(c["text"]).isspace()]
    return statistics.median(widths) if widths else 1.0


def _first_width(chars: Sequence[Char]) -> float:
    glyphs = [c for c in chars if not str(c["text"]).isspace()]
    return float(glyphs[0]["x1"]) - float(glyphs[0]["x0"]) if glyphs else 0.0


def chars_to_lines(chars: Iterable[Char], page: int) -> list[TextLine]:
    """Characters (any order) -> text lines, top to bottom."""
    out: list[TextLine] = []
    for group in chars_to_line_groups(chars):
        text = line_chars_to_text(group)
        if not text.strip():
            continue
        out.append(
            TextLine(
                text=text,
                x0=min(float(c["x0"]) for c in group),
                x1=max(float(c["x1"]) for c in group),
                top=min(float(c["top"]) for c in group),
                bottom=max(float(c["bottom"]) for c in group),
                page=page,
                size=statistics.median(_size(c) for c in group),
                char_width=_char_width(group),
                first_width=_first_width(group),
            )
        )
    return out
