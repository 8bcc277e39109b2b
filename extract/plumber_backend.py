"""pdfplumber page -> ruled table grids (lattice).

pdfplumber finds the cells of ruled tables from the drawn lines; :mod:`extract.grid_build`
turns them into grids. Only *rules* count as cell boundaries: drawn lines, thin filled
rectangles (how MS Word and browsers draw borders) and the edges of stroked rectangles. Filled
shading rectangles (cell backgrounds, padding, one per text line in Word's HTML export) are
ignored, so they do not cut a cell into fragments. Tables cut open by a page break (no closing
rule at the page bottom or top) are closed by explicit lines at the ends of the vertical rules.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from core.grid import TableGrid
from extract.grid_build import boxes_to_grid, group_cell_boxes, simplify_grid
from extract.lattice_cells import page_to_cell_boxes

BACKEND = "pdfplumber-lattice"
RULE_MAX_THICKNESS = 2.5  # points: a filled rectangle thinner than this is a drawn rule


def is_rule_object(obj: dict[str, Any]) -> bool:
    """Whether a page object can bound a cell: not a filled background rectangle."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    return min(float(obj["width"]), float(obj["height"])) <= RULE_MAX_THICKNESS


def page_to_ruled_page(page: Any) -> Any:
    """The page without its shading rectangles (chars, lines and rules kept)."""
    return page.filter(is_rule_object)


def _closing_lines(page: Any) -> list[float]:
    """y positions that close tables left open by a page break: ends of the vertical rules."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 4]
    if not verticals:
        return []
    return [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]


def page_to_grids(page: Any, page_no: int, source: str) -> list[TableGrid]:
    """Ruled tables of one pdfplumber page, top to bottom."""
    ruled = page_to_ruled_page(page)
    settings = {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "explicit_horizontal_lines": _closing_lines(ruled),
        "snap_tolerance": 3,
        "intersection_tolerance": 3,
    }
    chars = page.chars
    grids = []
    for boxes in group_cell_boxes(page_to_cell_boxes(ruled, settings)):
        grid = boxes_to_grid(boxes, chars, page_no, source, BACKEND)
        if grid is not None:
            grid = simplify_grid(grid)
        if grid is not None:
            grids.append(replace(grid, bottom_rules=rules_along(ruled.edges, grid.bbox[3], grid.bbox[0], grid.bbox[2])))
    return sorted(grids, key=lambda g: g.bbox[1])


def rules_along(edges: Any, y: float, x0: float, x1: float, tol: float = 2.0) -> tuple[tuple[float, float], ...]:
    """The x ranges of [x0, x1] under which a drawn horizontal rule runs at height ``y``."""
    spans = sorted((max(x0, float(e["x0"])), min(x1, float(e["x1"]))) for e in edges
                   if e["orientation"] == "h" and abs(float(e["top"]) - y) <= tol)  # fmt: skip
    merged: list[tuple[float, float]] = []
    for a, b in spans:
        if b <= a:
            continue
        if merged and a <= merged[-1][1] + tol:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)
