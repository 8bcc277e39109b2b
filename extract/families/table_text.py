"""Grid cells -> the text a person reads, and columns -> header paths.

Shared by every family: cell text goes through letter-spacing collapse and wrap joining
(:mod:`normalize.text`) with one :class:`~normalize.text.WrapJudge` per document.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from core.caches import document_cache
from core.grid import GridCell, TableGrid
from extract.tables.cells_to_grid import is_numbering
from normalize.text import WrapJudge
from normalize.wraps import join_wrapped_lines_counted

TOTAL_WORDS = regex.compile(r"^\s*(барлығы|жиыны|жиынтығы|итого|всего)\b", regex.I)


def cell_text(cell: GridCell | None, judge: WrapJudge) -> str:
    """The text a person reads in ``cell`` (computed once per cell and judge)."""
    if cell is None:
        return ""
    return _joined(cell, judge)[1]


def cell_repairs(cell: GridCell, judge: WrapJudge) -> tuple[int, int]:
    """What joining ``cell``'s lines repaired: letter-spaced lines collapsed, words rejoined."""
    hit = _joined(cell, judge)
    return hit[2], hit[3]


def _joined(cell: GridCell, judge: WrapJudge) -> tuple[object, str, int, int]:
    hit = judge.texts.get(id(cell))
    if hit is not None and hit[0] is cell:
        return hit
    hit = judge.texts[id(cell)] = (cell, *join_wrapped_lines_counted(cell.lines, judge, cell.full_lines))
    return hit


_COVERING: dict[int, tuple[TableGrid, dict[tuple[int, int], GridCell]]] = document_cache()


def _covering(grid: TableGrid) -> dict[tuple[int, int], GridCell]:
    """(row, col) -> the cell covering it, built once per grid (the last few grids are kept)."""
    cached = _COVERING.get(id(grid))
    if cached is not None and cached[0] is grid:
        return cached[1]
    index: dict[tuple[int, int], GridCell] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                index.setdefault((r, k), c)
    if len(_COVERING) > 16:
        _COVERING.clear()
    _COVERING[id(grid)] = (grid, index)
    return index


def cell_at(grid: TableGrid, row: int, col: int) -> GridCell | None:
    """The cell covering (row, col), spanning cells included."""
    return _covering(grid).get((row, col))


def is_numbering_row(texts: Sequence[str]) -> bool:
    """A row of column numbers ("1 2 3 4 5 6") under a header."""
    return is_numbering(texts)


def header_paths(grid: TableGrid, judge: WrapJudge) -> list[str]:
    """Per column, the header texts covering it from top to bottom, joined with " / ". A row of
    column numbers is left out; a cell across the whole width (a title row) is read once, in the
    first column, as a spreadsheet shows a merged cell."""
    paths: list[str] = []
    numbering = {r for r in range(grid.header_rows) if is_numbering_row([" ".join(c.lines) for c in grid.row(r)])}
    for col in range(grid.n_cols):
        parts: list[str] = []
        for r in range(grid.header_rows):
            cell = cell_at(grid, r, col)
            if r in numbering or (cell is not None and col > 0 and grid.n_cols > 1 and cell.colspan == grid.n_cols):
                continue
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
