"""Types of the C extension extract/_glyph_lines.c (glyph tuples -> text lines)."""

from typing import Any

def setup(kazakh_letters: frozenset[str], no_break_before: frozenset[str], space_gap_em: float,
          font_change_factor: float, word_gap_ratio: float, text_line_fields: tuple[str, ...]) -> None: ...
def lines(glyphs: list[Any], page: int, text_line: type) -> list[Any]: ...
