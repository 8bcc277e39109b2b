"""Table grids with provenance: the hand-off between backends, stitching and the families."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import attrgetter

from core.caches import document_cache

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class GridCell:
    """One (possibly spanning) cell. ``lines`` are the cell's text lines, letter spacing intact;
    a row split by a page break merges into one cell whose ``pages`` lists both pages."""

    row: int
    col: int
    rowspan: int
    colspan: int
    lines: tuple[str, ...]
    pages: tuple[int, ...]
    bbox: BBox
    # per line: does it run up to the table's right text edge (a wrap there may cut a word)?
    full_lines: tuple[bool, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(x.strip() for x in self.lines)

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


BY_POSITION = attrgetter("row", "col")  # sort key of cells: top to bottom, left to right


@dataclass(frozen=True)
class TableGrid:
    """A table: cells on a grid of ``n_rows`` x ``n_cols``; ``header_rows`` rows of header on top."""

    source_file: str
    index: int
    pages: tuple[int, ...]
    bbox: BBox
    col_edges: tuple[float, ...]
    n_rows: int
    cells: tuple[GridCell, ...]  # in position order (BY_POSITION: row, then column)
    header_rows: int
    backend: str
    quality: dict[str, float] = field(default_factory=dict)
    # x ranges along the bottom edge of the table (its last page part) under which a rule is
    # drawn; empty when not known. A row cut by a page break has no rule under it at the page
    # foot (the finder closes the table there itself), a finished row has one.
    bottom_rules: tuple[tuple[float, float], ...] = ()

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def row(self, r: int) -> list[GridCell]:
        """Cells that start in row ``r``, left to right."""
        return list(_rows_of(self).get(r, ()))

    def rows(self) -> list[list[GridCell]]:
        by_row: dict[int, list[GridCell]] = {r: [] for r in range(self.n_rows)}
        for c in self.cells:
            by_row[c.row].append(c)
        return [sorted(by_row[r], key=lambda c: c.col) for r in range(self.n_rows)]

    def with_index(self, index: int) -> TableGrid:
        return replace(self, index=index)


_ROWS: dict[int, tuple[TableGrid, dict[int, list[GridCell]]]] = document_cache()


def _col(c: GridCell) -> int:
    return c.col


def _rows_of(grid: TableGrid) -> dict[int, list[GridCell]]:
    """row -> its cells left to right, built once per grid (the last few grids are kept)."""
    cached = _ROWS.get(id(grid))
    if cached is not None and cached[0] is grid:
        return cached[1]
    rows: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        rows.setdefault(c.row, []).append(c)
    for cells in rows.values():  # each row left to right (a stable sort: the order of a sort by (row, col))
        cells.sort(key=_col)
    if len(_ROWS) > 16:
        _ROWS.clear()
    _ROWS[id(grid)] = (grid, rows)
    return rows
