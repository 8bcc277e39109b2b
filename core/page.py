"""What a reader hands on for each page: positioned characters, their glyph tuples, text lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Char = Mapping[str, Any]  # pdfplumber's char keys: text, x0, x1, top, bottom, size, fontname, upright


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


# A glyph, prepared once: (vertical centre, size, x0, x1, top, bottom, text, fontname, the char).
# The hot loops read tuples, not the characters' dicts (a tenth of the pipeline's time).
Glyph = tuple[float, float, float, float, float, float, str, Any, Char]


class CharList(list[dict[str, Any]]):
    """A page's characters with their glyph tuples, for a reader that builds both in one pass
    (``glyphs`` must be what :func:`extract.lines.chars_to_glyphs` makes of the list)."""

    glyphs: list[Glyph] | None = None
