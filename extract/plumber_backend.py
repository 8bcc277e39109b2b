"""pdfplumber page -> ruled table grids (lattice).

pdfplumber finds the cells of ruled tables from the drawn lines; :mod:`extract.grid_build`
turns them into grids. Tables cut open by a page break (no closing rule at the page bottom or
top) are closed by explicit lines at the ends of the vertical rules.
"""

from __future__ import annotations

from typing import Any

from extract.grid import BBox, TableGrid
from extract.grid_build import boxes_to_grid

BACKEND = "pdfplumber-lattice"


def _closing_lines(page: Any) -> list[float]:
    """y positions that close tables left open by a page break: ends of the vertical rules."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 4]
    if not verticals:
        return []
    return [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]


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
        boxes: list[BBox] = [tuple(c) for c in table.cells]  # type: ignore[misc]
        grid = boxes_to_grid(boxes, chars, page_no, source, BACKEND)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.bbox[1])
