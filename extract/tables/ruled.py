"""pdfplumber-like page (either reader's) -> ruled table grids (lattice).

pdfplumber finds the cells of ruled tables from the drawn lines; :mod:`extract.tables.cells_to_grid`
turns them into grids. Only *rules* count as cell boundaries: drawn lines, thin filled
rectangles (how MS Word and browsers draw borders) and the edges of stroked rectangles. Filled
shading rectangles (cell backgrounds, padding, one per text line in Word's HTML export) are
ignored, so they do not cut a cell into fragments. Tables cut open by a page break (no closing
rule at the page bottom or top) are closed by explicit lines at the ends of the vertical rules.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from core.grid import TableGrid
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.tables.cells_to_grid import boxes_to_grid, group_cell_boxes, simplify_grid
from extract.tables.edges_to_cells import page_to_cell_boxes

BACKEND = "pdfplumber-lattice"


def is_rule_object(obj: dict[str, Any], max_thickness: float = DEFAULT_LAYOUT.rule_max_thickness) -> bool:
    """Whether a page object can bound a cell: not a filled background rectangle."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    return min(float(obj["width"]), float(obj["height"])) <= max_thickness


def page_to_ruled_page(page: Any, layout: LayoutSettings = DEFAULT_LAYOUT) -> Any:
    """The page without its shading rectangles (chars, lines and rules kept)."""
    return page.filter(partial(is_rule_object, max_thickness=layout.rule_max_thickness))


def closing_lines(page: Any, min_length: float = DEFAULT_LAYOUT.closing_rule_min_length) -> list[float]:
    """y positions that close tables left open by a page break: ends of the vertical rules."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > min_length]
    if not verticals:
        return []
    return [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]


def table_settings(ruled: Any, layout: LayoutSettings = DEFAULT_LAYOUT) -> dict[str, Any]:
    """pdfplumber's table settings for the ruled tables of a page without its shading."""
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "explicit_horizontal_lines": closing_lines(ruled, layout.closing_rule_min_length),
        "snap_tolerance": layout.snap_tolerance,
        "intersection_tolerance": layout.intersection_tolerance,
    }


def page_to_ruled_grids(page: Any, page_no: int, source: str, layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TableGrid]:
    """Ruled tables of one pdfplumber-like page, top to bottom."""
    ruled = page_to_ruled_page(page, layout)
    settings = table_settings(ruled, layout)
    chars = page.chars
    grids = []
    for boxes in group_cell_boxes(page_to_cell_boxes(ruled, settings)):
        grid = boxes_to_grid(boxes, chars, page_no, source, BACKEND, layout)
        if grid is not None:
            grid = simplify_grid(grid)
        if grid is not None:
            under = rules_along(ruled.edges, grid.bbox[3], grid.bbox[0], grid.bbox[2], layout.bottom_rule_tolerance)
            grids.append(replace(grid, bottom_rules=under))
    return sorted(grids, key=lambda g: g.bbox[1])


def rules_along(edges: Any, y: float, x0: float, x1: float,
                tol: float = DEFAULT_LAYOUT.bottom_rule_tolerance) -> tuple[tuple[float, float], ...]:  # fmt: skip
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
