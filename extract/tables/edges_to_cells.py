"""Ruling edges -> cell boxes, as pdfplumber's lattice finder defines them, in near-linear time.

pdfplumber's ``TableFinder`` finds the same cells, but its two inner steps are quadratic in
Python: ``edges_to_intersections`` re-sorts every horizontal edge for each vertical one, and
``intersections_to_cells`` scans all later points for each point and rebuilds the sets of edge
boxes on every comparison. On a page of a dense ruled table that was a tenth of the pipeline's
time. Here the horizontal edges are bisected by height, the points are indexed by column and
row, and each point's edge boxes are built once. The definitions are pdfplumber's (same
tolerances, same comparisons), so the cells are the same: ``tests/test_lattice_cells.py`` checks
that on every page of the samples and real PDFs.

Edges come from pdfplumber itself (``TableFinder.get_edges``: snapping, joining, explicit lines),
which is cheap, so only what is slow is rewritten.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import filter_edges

BBox = tuple[float, float, float, float]
Point = tuple[float, float]
Edge = dict[str, Any]


def _bbox(e: Edge) -> BBox:
    return (e["x0"], e["top"], e["x1"], e["bottom"])


def edges_to_intersections(edges: Sequence[Edge], x_tolerance: float = 1,
                           y_tolerance: float = 1) -> dict[Point, tuple[frozenset[BBox], frozenset[BBox]]]:  # fmt: skip
    """Points where a vertical and a horizontal edge meet (within the tolerances), each with
    the boxes of its vertical and of its horizontal edges (pdfplumber's conditions)."""
    v_edges = [e for e in edges if e["orientation"] == "v"]
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: e["top"])
    tops = [h["top"] for h in h_edges]
    found: dict[Point, tuple[set[BBox], set[BBox]]] = {}
    for v in v_edges:
        vx, vtop, vbottom = v["x0"], v["top"], v["bottom"]
        # a window a little wider than the condition; the exact test follows
        lo = bisect.bisect_left(tops, vtop - y_tolerance - 1e-6)
        hi = bisect.bisect_right(tops, vbottom + y_tolerance + 1e-6)
        for h in h_edges[lo:hi]:
            htop = h["top"]
            if (vtop <= htop + y_tolerance and vbottom >= htop - y_tolerance
                    and vx >= h["x0"] - x_tolerance and vx <= h["x1"] + x_tolerance):  # fmt: skip
                sets = found.get((vx, htop))
                if sets is None:
                    sets = found[(vx, htop)] = (set(), set())
                sets[0].add(_bbox(v))
                sets[1].add(_bbox(h))
    return {p: (frozenset(vs), frozenset(hs)) for p, (vs, hs) in found.items()}


def intersections_to_cells(points: dict[Point, tuple[frozenset[BBox], frozenset[BBox]]]) -> list[BBox]:
    """For each point (in sorted order), the smallest cell whose top-left corner it is: the
    first point below and the first to the right joined to it by an edge, whose bottom-right
    corner exists and is joined to both (pdfplumber's ``intersections_to_cells``)."""
    ordered = sorted(points)
    column: dict[float, list[Point]] = {}  # points sharing x, by y
    row: dict[float, list[Point]] = {}  # points sharing y, by x
    for p in ordered:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    position: dict[Point, tuple[int, int]] = {}  # index in its column, index in its row
    for pts in column.values():
        for k, p in enumerate(pts):
            position[p] = (k, 0)
    for pts in row.values():
        for k, p in enumerate(pts):
            position[p] = (position[p][0], k)

    def v_joined(a: Point, b: Point) -> bool:
        return not points[a][0].isdisjoint(points[b][0])

    def h_joined(a: Point, b: Point) -> bool:
        return not points[a][1].isdisjoint(points[b][1])

    cells: list[BBox] = []
    for pt in ordered:
        at_col, at_row = position[pt]
        below = column[pt[0]][at_col + 1 :]
        right = row[pt[1]][at_row + 1 :]
        if not below or not right:
            continue
        rights: list[Point] = []  # the points of ``right`` joined to pt, found as far as needed
        unseen = iter(right)
        cell = None
        for b in below:
            if not v_joined(pt, b):
                continue
            k = 0
            while True:
                if k == len(rights):
                    r = next((r for r in unseen if h_joined(pt, r)), None)
                    if r is None:
                        break
                    rights.append(r)
                r = rights[k]
                k += 1
                corner = (r[0], b[1])
                if corner in points and v_joined(corner, r) and h_joined(corner, b):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def page_to_cell_boxes(page: Any, settings: dict[str, Any]) -> list[BBox]:
    """The cells of the ruled tables of a pdfplumber-like page (``edges``, ``chars``, ``bbox``)
    under pdfplumber table ``settings``: pdfplumber's edges, then the fast steps above."""
    resolved = TableSettings.resolve(settings)
    x_tol, y_tol = resolved.intersection_x_tolerance, resolved.intersection_y_tolerance
    fast = _lattice_c is not None and FAST_CELLS
    edges = _merged_edges_c(page, resolved) if fast else None
    if edges is None:
        finder = TableFinder.__new__(TableFinder)  # only its edge step: the rest is done here
        finder.page, finder.settings = page, resolved
        edges = finder.get_edges()
    if fast:
        return _lattice_c.edges_to_cells(edges, x_tol, y_tol)
    return intersections_to_cells(edges_to_intersections(edges, x_tol, y_tol))


def _merged_edges_c(page: Any, s: TableSettings) -> list[Edge] | None:
    """``TableFinder.get_edges`` for the "lines" strategies with explicit horizontal lines given
    as heights (what the pipeline asks): pdfplumber's pre-filter and explicit lines here, its
    snapping, joining and length filter in C (the geometry only, which is all the cells read).
    None for any other settings (pdfplumber's own code then)."""
    if s.vertical_strategy != "lines" or s.horizontal_strategy != "lines" or s.explicit_vertical_lines:
        return None
    explicit = list(s.explicit_horizontal_lines or [])
    if not all(isinstance(y, int | float) for y in explicit):
        return None
    x0, _, x1, _ = page.bbox
    v = filter_edges(page.edges, "v", min_length=s.edge_min_length_prefilter)
    h = filter_edges(page.edges, "h", min_length=s.edge_min_length_prefilter)
    h += [{"x0": x0, "x1": x1, "width": x1 - x0, "top": y, "bottom": y, "orientation": "h"} for y in explicit]
    return _lattice_c.merge_edges(v, h, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance,
                                  s.join_y_tolerance, s.edge_min_length)  # fmt: skip


# Both steps in C (extract/_lattice.c, the same cells; tested); None when not built.
try:
    from extract import _lattice as _lattice_c
except ImportError:  # pragma: no cover - built by ``pip install``; the Python steps stand in
    _lattice_c = None  # type: ignore[assignment]
FAST_CELLS = True  # False: always the Python steps (tests compare the two)
