"""pdfplumber page -> ruled table grids (lattice), each cell with its text lines and box.

pdfplumber finds the cells of ruled tables from the drawn lines; we then place the cells on a
grid of column and row edges (so spanning cells get a rowspan / colspan) and read each cell's
characters ourselves (:mod:`extract.chars`), so that letter spacing and out-of-order glyphs
are handled the same way everywhere. Tables cut open by a page break (no closing rule at the
page bottom or top) are closed by explicit lines at the ends of the vertical rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.chars import chars_to_lines
from extract.grid import BBox, GridCell, TableGrid

SNAP = 2.0  # points: edges closer than this are the same edge


def _cluster(values: Sequence[float], tol: float = SNAP) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: Sequence[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _closing_lines(page: Any) -> list[float]:
    """y positions that close tables left open by a page break: ends of the vertical rules."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 4]
    if not verticals:
        return []
    return [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]


def _chars_in(chars: Sequence[dict[str, Any]], bbox: BBox) -> list[dict[str, Any]]:
    x0, top, x1, bottom = bbox
    return [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]


def _header_rows(cells: Sequence[GridCell]) -> int:
    first = [c for c in cells if c.row == 0]
    return max((c.row + c.rowspan for c in first), default=0)


def table_to_grid(table: Any, chars: Sequence[dict[str, Any]], page_no: int, source: str) -> TableGrid | None:
    """One pdfplumber Table -> TableGrid, or None when it is a lone box rather than a table."""
    boxes: list[BBox] = [tuple(c) for c in table.cells]  # type: ignore[misc]
    if not boxes:
        return None
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells: list[GridCell] = []
    for b in boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0:
            continue
        lines = tuple(line.text for line in chars_to_lines(_chars_in(chars, b), page_no))
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, lines, (page_no,), b))
    if not cells:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows * n_cols < 2:
        return None
    return TableGrid(
        source_file=source,
        index=0,
        pages=(page_no,),
        bbox=tuple(table.bbox),  # type: ignore[arg-type]
        col_edges=tuple(xs),
        n_rows=n_rows,
        cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))),
        header_rows=_header_rows(cells),
        backend="pdfplumber-lattice",
    )


def page_to_grids(page: Any, page_no: int, source: str) -> list[TableGrid]:
    """Ruled tables of one pdfplumber page, top to bottom."""
    settings = {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "explicit_horizontal_lines": _closing_lines(page),
        "snap_tolerance": 3,
        "intersection_tolerance": 3,
    }
    chars = page.chars
    grids = []
    for table in page.find_tables(table_settings=settings):
        grid = table_to_grid(table, chars, page_no, source)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.bbox[1])
