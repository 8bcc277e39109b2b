"""Any table -> long-form cells (the ``tables`` dataset) and a flat CSV (header row + body rows).

Every table of every document goes through here, whatever its family: nothing is dropped.
The flat CSV's first row is the flattened header path of each column
("Оқу жылында бір маманды оқытуға жұмсалатын орташа шығыстар, теңге / қала"); a spanning body
cell's text sits in its first column and first row.
"""

from __future__ import annotations

from core.grid import TableGrid
from extract.families.table_text import body_rows, cell_text, header_paths
from normalize.text import WrapJudge


def grid_to_cells(grid: TableGrid, source_sha256: str, judge: WrapJudge) -> list[dict[str, object]]:
    """One record per cell (header cells included, ``is_header`` true)."""
    paths = header_paths(grid, judge)
    out: list[dict[str, object]] = []
    for cell in grid.cells:
        out.append({
            "source_file": grid.source_file,
            "source_sha256": source_sha256,
            "table_index": grid.index,
            "page": cell.pages[0],
            "row": cell.row,
            "col": cell.col,
            "rowspan": cell.rowspan,
            "colspan": cell.colspan,
            "is_header": cell.row < grid.header_rows,
            "header_path": paths[cell.col],
            "text": cell_text(cell, judge),
            "text_raw": "\n".join(cell.lines),
            "x0": round(cell.bbox[0], 2),
            "top": round(cell.bbox[1], 2),
            "x1": round(cell.bbox[2], 2),
            "bottom": round(cell.bbox[3], 2),
            "backend": grid.backend,
        })  # fmt: skip
    return out


def grid_to_flat_rows(grid: TableGrid, judge: WrapJudge) -> list[list[str]]:
    """Header row, then one list of column texts per body row."""
    rows = [header_paths(grid, judge)]
    for r in body_rows(grid, judge):
        values = [""] * grid.n_cols
        for cell in grid.row(r):
            values[cell.col] = cell_text(cell, judge)
        if any(values):
            rows.append(values)
    return rows
