"""Cell boxes + positioned characters -> TableGrid. Shared by every lattice backend.

A backend finds the boxes of a ruled table's cells (from drawn lines); here they are placed on
a grid of column and row edges (so spanning cells get a rowspan / colspan), and each cell's
characters are read with :mod:`extract.chars_to_lines`, so letter spacing and out-of-order glyphs are
handled the same way whatever the backend.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import extract.chars_to_lines as _chars_module  # the C line module, set up for cells here
from core.caches import document_cache
from core.grid import BY_POSITION, BBox, GridCell, TableGrid
from core.page import CharList, Glyph, TextLine
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.chars_to_lines import CENTRE_KEY, chars_to_glyphs, glyphs_to_lines, lines_extension
from extract.tables import edges_to_cells as lattice_cells

if _chars_module._lines_c is not None:  # the C cell loop makes GridCells field by field, in this order
    _chars_module._lines_c.setup_cells(tuple(f.name for f in fields(GridCell)))


def cluster_edges(values: Sequence[float], tol: float) -> list[float]:
    """Sorted values, each within ``tol`` of the one before it dropped (one edge)."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: Sequence[float], v: float) -> int:
    """The position of the edge nearest to ``v`` (``edges`` sorted; the first of two as near)."""
    i = bisect.bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return i - 1
    return i - 1 if abs(edges[i - 1] - v) <= abs(edges[i] - v) else i


_BY_CENTRE: dict[int, tuple[Sequence[dict[str, Any]], list[float], list[int]]] = document_cache()


def _by_vertical_centre(chars: Sequence[dict[str, Any]]) -> tuple[list[float], list[int]]:
    """Vertical centres sorted, with the characters' positions: built once per page's list."""
    cached = _BY_CENTRE.get(id(chars))
    if cached is not None and cached[0] is chars:
        return cached[1], cached[2]
    order = sorted(range(len(chars)), key=lambda i: (chars[i]["top"] + chars[i]["bottom"]) / 2)
    centres = [(chars[i]["top"] + chars[i]["bottom"]) / 2 for i in order]
    if len(_BY_CENTRE) > 8:
        _BY_CENTRE.clear()
    _BY_CENTRE[id(chars)] = (chars, centres, order)
    return centres, order


def chars_in_box(chars: Sequence[dict[str, Any]], bbox: BBox) -> list[dict[str, Any]]:
    """Characters whose centre lies inside ``bbox``, in their original order (a page's
    characters are indexed by height once, so each cell costs a bisection, not a scan)."""
    x0, top, x1, bottom = bbox
    centres, order = _by_vertical_centre(chars)
    lo, hi = bisect.bisect_left(centres, top), bisect.bisect_right(centres, bottom)
    picked = sorted(i for i in order[lo:hi] if x0 <= (chars[i]["x0"] + chars[i]["x1"]) / 2 <= x1)
    return [chars[i] for i in picked]


def chars_outside(chars: Sequence[dict[str, Any]], boxes: Sequence[BBox]) -> list[dict[str, Any]]:
    """The characters whose centre lies outside every box (a point of slack around each), in
    their order; a reader's glyph tuples, when the page has them, are filtered alike (the
    centres are the same numbers), so they need not be made again."""
    ready = getattr(chars, "glyphs", None)
    if not boxes:
        copy = CharList(chars)
        copy.glyphs = ready
        return copy
    fast = lines_extension()
    if fast is None or not isinstance(chars, list):
        return _chars_outside_py(chars, boxes)
    slack = [(x0 - 1, top - 1, x1 + 1, bottom + 1) for x0, top, x1, bottom in boxes]
    out = CharList(fast.outside(chars, slack, True))
    if ready is not None:
        out.glyphs = fast.outside(ready, slack, False)
    return out


def _chars_outside_py(chars: Sequence[dict[str, Any]], boxes: Sequence[BBox]) -> list[dict[str, Any]]:
    out = []
    for c in chars:  # a plain loop, as this runs for every character of a page
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1:
                break
        else:
            out.append(c)
    return out


_GLYPHS: dict[int, tuple[Sequence[dict[str, Any]], list[float], list[Glyph]]] = document_cache()


def page_glyphs(chars: Sequence[dict[str, Any]]) -> tuple[list[float], list[Glyph]]:
    """A page's glyphs in order of their vertical centres (ties in page order), with the
    centres: built once per page's list of characters."""
    cached = _GLYPHS.get(id(chars))
    if cached is not None and cached[0] is chars:
        return cached[1], cached[2]
    glyphs = sorted(chars_to_glyphs(chars), key=CENTRE_KEY)
    centres = [g[0] for g in glyphs]
    if len(_GLYPHS) > 8:
        _GLYPHS.clear()
    _GLYPHS[id(chars)] = (chars, centres, glyphs)
    return centres, glyphs


def glyphs_in_box(chars: Sequence[dict[str, Any]], bbox: BBox) -> list[Glyph]:
    """The glyphs of the page's ``chars`` whose centre lies inside ``bbox``, in order of their
    vertical centres (what :func:`extract.chars_to_lines.glyphs_to_lines` takes with ``by_centre``)."""
    x0, top, x1, bottom = bbox
    centres, glyphs = page_glyphs(chars)
    lo, hi = bisect.bisect_left(centres, top), bisect.bisect_right(centres, bottom)
    return [g for g in glyphs[lo:hi] if x0 <= (g[2] + g[3]) / 2 <= x1]


def box_to_lines(chars: Sequence[dict[str, Any]], bbox: BBox, page_no: int,
                 layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TextLine]:  # fmt: skip
    """The text lines of the glyphs inside ``bbox``."""
    return glyphs_to_lines(glyphs_in_box(chars, bbox), page_no, by_centre=True, layout=layout)


def is_numbering(texts: Sequence[str]) -> bool:
    """A row of column numbers ("1 2 3 4 5 6"): at least two, consecutive, nothing else."""
    values = [t.strip() for t in texts if t.strip()]
    if len(values) < 2 or not all(t.isdigit() for t in values):
        return False
    start = int(values[0])
    return [int(t) for t in values] == list(range(start, start + len(values)))


def _spanned_rows(cells: Sequence[GridCell], row: int) -> int:
    """End (exclusive) of the rows that the cells starting in ``row`` span down into."""
    return max((c.row + c.rowspan for c in cells if c.row == row), default=row)


def header_row_count(cells: Sequence[GridCell]) -> int:
    """Rows of header: the first row plus every row its cells span down into. A first row of
    column numbers is header numbering: the header then goes on with the row below it, unless
    that row holds numbers (the table is numbering + data)."""
    end = _spanned_rows(cells, 0)
    first = [" ".join(c.lines) for c in cells if c.row == 0]
    if end == 1 and is_numbering(first):
        below = [" ".join(c.lines).strip() for c in cells if c.row == 1]
        worded = [t for t in below if t and any(ch.isalpha() for ch in t)]
        if below and len(worded) >= max(1, len([t for t in below if t]) // 2):
            end = _spanned_rows(cells, 1)
    return end


def group_cell_boxes(boxes: Sequence[BBox]) -> list[list[BBox]]:
    """Cell boxes -> tables: boxes that share a corner belong together. Unlike pdfplumber's
    grouping, a table of one cell is kept (the top of a table cut by a page break often is).
    In C when the extension is built (:func:`group_cell_boxes_py` is the reference)."""
    if lattice_cells._lattice_c is not None and lattice_cells.FAST_CELLS and isinstance(boxes, list):
        return lattice_cells._lattice_c.group_boxes(boxes)
    return group_cell_boxes_py(boxes)


def group_cell_boxes_py(boxes: Sequence[BBox]) -> list[list[BBox]]:
    """:func:`group_cell_boxes` in Python."""
    corner_owner: dict[tuple[float, float], int] = {}
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (x0, top, x1, bottom) in enumerate(boxes):
        rx0, rtop, rx1, rbottom = round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)
        for key in ((rx0, rtop), (rx0, rbottom), (rx1, rtop), (rx1, rbottom)):
            if key in corner_owner:
                parent[find(i)] = find(corner_owner[key])
            else:
                corner_owner[key] = i
    groups: dict[int, list[BBox]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault(find(i), []).append(b)
    return sorted(groups.values(), key=lambda g: min((b[1], b[0]) for b in g))


def _right_gaps(box: BBox, lines: Sequence[TextLine]) -> tuple[tuple[float, float], ...]:
    """Per line: room left to the cell's right edge, and the width of the next line's first glyph."""
    if not lines:
        return ()
    nexts = [x.first_width for x in lines[1:]] + [float("inf")]
    return tuple((box[2] - x.x1, w) for x, w in zip(lines, nexts, strict=True))


def _full_lines(gaps: list[tuple[tuple[float, float], ...]], slack: float) -> list[tuple[bool, ...]]:
    """Per cell, per line: would the next line's first glyph not have fitted after it? Only
    there can a renderer have cut a word (the wrap judge weighs this with the lexicon). The
    tightest room over all wrapped lines of the table is taken as the cell padding; a line that
    runs past its cell's edge (a word wider than a narrow column, negative room) says nothing
    about it. Empty flags when no cell has a wrapped line."""
    rooms = [room for g in gaps for room, _ in g[:-1]]
    if not rooms:
        return [()] * len(gaps)
    padding = min((room for room in rooms if room >= 0), default=0.0)
    return [tuple(room - padding < slack * w for room, w in g) for g in gaps]


def _place_boxes(boxes: Sequence[BBox], xs: list[float], ys: list[float], chars: Sequence[dict[str, Any]],
                 page_no: int, layout: LayoutSettings) -> list[GridCell]:  # fmt: skip
    """Each box on the grid edges, with its text lines and their full-line flags."""
    placed: list[tuple[int, int, int, int, tuple[str, ...], BBox]] = []
    gaps: list[tuple[tuple[float, float], ...]] = []
    pages = (page_no,)
    for b in boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0:
            continue
        text_lines = box_to_lines(chars, b, page_no, layout)
        placed.append((r0, c0, r1 - r0, c1 - c0, tuple(x.text for x in text_lines), b))
        gaps.append(_right_gaps(b, text_lines))
    return [GridCell(r, c, rs, cs, lines, pages, b, full)
            for (r, c, rs, cs, lines, b), full in zip(placed, _full_lines(gaps, layout.full_line_slack), strict=True)]  # fmt: skip


def boxes_to_grid(boxes: Sequence[BBox], chars: Sequence[dict[str, Any]], page_no: int, source: str,
                  backend: str, layout: LayoutSettings = DEFAULT_LAYOUT) -> TableGrid | None:  # fmt: skip
    """Cell boxes of one table -> TableGrid, or None when they do not form a table."""
    if not boxes:
        return None
    xs = cluster_edges([b[0] for b in boxes] + [b[2] for b in boxes], layout.cell_edge_snap)
    ys = cluster_edges([b[1] for b in boxes] + [b[3] for b in boxes], layout.cell_edge_snap)
    if len(xs) < 2 or len(ys) < 2:
        return None
    fast = lines_extension(layout)
    if fast is not None:  # the loop below in one C call (the same cells, tested)
        centres, glyphs = page_glyphs(chars)
        cells = fast.box_cells(list(boxes), xs, ys, centres, glyphs, page_no, (page_no,), GridCell,
                               layout.full_line_slack)
    else:
        cells = _place_boxes(boxes, xs, ys, chars, page_no, layout)
    if not cells:
        return None
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return TableGrid(
        source_file=source,
        index=0,
        pages=(page_no,),
        bbox=bbox,
        col_edges=tuple(xs),
        n_rows=len(ys) - 1,
        cells=tuple(sorted(cells, key=BY_POSITION)),
        header_rows=header_row_count(cells),
        backend=backend,
    )


def simplify_grid(grid: TableGrid) -> TableGrid | None:
    """Drop a grid without any text (a drawn frame, an empty input box)."""
    if all(c.empty for c in grid.cells):
        return None
    return grid
