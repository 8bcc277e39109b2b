"""Grid cells -> the text a person reads, and columns -> header paths.

Shared by every family: cell text goes through letter-spacing collapse and wrap joining
(:mod:`normalize.text`) with one :class:`~normalize.text.WrapJudge` per document.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.grid import GridCell, TableGrid
from normalize.text import WrapJudge, join_wrapped_lines

TOTAL_WORDS = regex.compile(r"^\s*(барлығы|жиыны|жиынтығы|итого|всего)\b", regex.I)


def cell_text(cell: GridCell | None, judge: WrapJudge) -> str:
    return "" if cell is None else join_wrapped_lines(cell.lines, judge, cell.full_lines)


def cell_at(grid: TableGrid, row: int, col: int) -> GridCell | None:
    """The cell covering (row, col), spanning cells included."""
    for c in grid.cells:
        if c.row <= row < c.row + c.rowspan and c.col <= col <= c.last_col:
            return c
    return None


def is_numbering_row(texts: Sequence[str]) -> bool:
    """A row of column numbers ("1 2 3 4 5 6") under a header."""
    values = [t for t in texts if t]
    return len(values) >= 2 and all(t.isdigit() for t in values) and [int(t) for t in values] == list(
        range(int(values[0]), int(values[0]) + len(values))
    )


def header_paths(grid: TableGrid, judge: WrapJudge) -> list[str]:
    """Per column, the header texts covering it from top to bottom, joined with " / "."""
    paths: list[str] = []
    for col in range(grid.n_cols):
        parts: list[str] = []
        for r in range(grid.header_rows):
            cell = cell_at(grid, r, col)
            text = cell_text(cell, judge)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(" / ".join(parts))
    return paths


def body_rows(grid: TableGrid, judge: WrapJudge) -> list[int]:
    """Row indexes below the header, skipping a column-numbering row."""
    rows = []
    for r in range(grid.header_rows, grid.n_rows):
        texts = [cell_text(c, judge) for c in grid.row(r)]
        if r == grid.header_rows and is_numbering_row(texts):
            continue
        rows.append(r)
    return rows


def row_pages(grid: TableGrid, row: int) -> tuple[int, int]:
    pages = [p for c in grid.row(row) for p in c.pages]
    return min(pages), max(pages)
