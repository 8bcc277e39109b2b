"""Tables that are not (fully) ruled: found from text alignment, kept only when they score well.

The lattice finder (:mod:`extract.tables.ruled`) needs every cell boundary drawn. Here, on
the characters *outside* the ruled grids already found, we look for runs of consecutive text
lines that are cut into several segments by wide gaps (column gutters). Such a run is a
candidate region; its columns are decided by up to three strategies, each a candidate grid:

* ``pdfplumber-text``: gutters of pdfplumber's characters -- x ranges that no text segment of
  the region covers (pdfplumber's own ``TableFinder`` text strategy was measured too, and
  rejected: it draws column edges through words, "Маманд | ық атауы");
* ``camelot-network`` / ``camelot-stream``: the column edges camelot finds in the same area
  (second opinions, run only on pages with a candidate region: camelot re-reads the page).

Rows are the region's text lines; a line with an empty first column is the wrap of the row
above when the first column is otherwise filled. Each candidate grid gets a quality score in
[0, 1] from measured properties (:func:`score_grid`), and the best candidate is kept when it
passes the gates and the threshold; its backend and score components go into the grid
(``TableGrid.backend``, ``TableGrid.quality``).

Conservative on purpose: running prose, numbered paragraphs, two-column (bilingual) text,
signature blocks and letterheads must not become tables. Without a horizontal rule above and
below the region a table needs at least three columns (two-column text, signatures and
letterheads have two), every column must be aligned, cells must be short (not prose), and no
column edge may cut a word.
"""

from __future__ import annotations

import statistics
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.grid import BBox, TableGrid
from core.page import Char
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.chars_to_lines import chars_to_line_groups
from extract.tables.cells_to_grid import boxes_to_grid, chars_in_box, chars_outside

BACKEND_TEXT = "pdfplumber-text"


@dataclass(frozen=True)
class _Line:
    chars: tuple[Char, ...]
    segments: tuple[tuple[float, float], ...]  # x0, x1 of each run of text between gutters
    top: float
    bottom: float
    size: float


def _glyphs(group: Sequence[Char]) -> list[Char]:
    return [c for c in group if not str(c["text"]).isspace()]


def _split(glyphs: Sequence[Char], gap: float) -> list[tuple[float, float]]:
    """x extents of the runs of ``glyphs`` (sorted by x) separated by gaps wider than ``gap``."""
    runs: list[tuple[float, float]] = []
    for c in glyphs:
        x0, x1 = float(c["x0"]), float(c["x1"])
        if runs and x0 - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], max(runs[-1][1], x1))
        else:
            runs.append((x0, x1))
    return runs


def _lines(chars: Sequence[dict[str, Any]], gutter_em: float) -> list[_Line]:
    out = []
    for group in chars_to_line_groups(chars):
        glyphs = _glyphs(group)
        if not glyphs:
            continue
        size = statistics.median(float(c.get("size") or (c["bottom"] - c["top"]) or 1.0) for c in glyphs)
        out.append(_Line(tuple(glyphs), tuple(_split(glyphs, gutter_em * size)),
                         min(float(c["top"]) for c in glyphs), max(float(c["bottom"]) for c in glyphs), size))  # fmt: skip
    return sorted(out, key=lambda x: x.top)


def _starts_in(line: _Line, run: Sequence[_Line], tol: float) -> bool:
    starts = [s[0] for x in run if len(x.segments) > 1 for s in x.segments]
    return any(abs(line.segments[0][0] - s) <= tol for s in starts)


def candidate_regions(chars: Sequence[dict[str, Any]], layout: LayoutSettings = DEFAULT_LAYOUT) -> list[list[_Line]]:
    """Runs of consecutive, closely spaced lines of which at least three are cut by gutters."""
    regions: list[list[_Line]] = []
    run: list[_Line] = []
    singles = 0

    def close() -> None:
        while run and len(run[-1].segments) < 2:
            run.pop()
        if sum(len(x.segments) > 1 for x in run) >= layout.min_table_lines:
            regions.append(list(run))
        run.clear()

    for line in _lines(chars, layout.gutter_em):
        multi = len(line.segments) > 1
        near = bool(run) and line.top - run[-1].bottom <= layout.line_gap_em * line.size
        if multi:
            if not near:
                close()
            run.append(line)
            singles = 0
        elif near and singles < layout.max_wrap_lines and _starts_in(line, run, 0.5 * line.size):
            run.append(line)
            singles += 1
        else:
            close()
            singles = 0
    close()
    return regions


def _region_bbox(region: Sequence[_Line]) -> BBox:
    return (min(x.segments[0][0] for x in region), region[0].top,
            max(x.segments[-1][1] for x in region), region[-1].bottom)  # fmt: skip


def gutter_edges(region: Sequence[_Line], min_gutter_em: float = DEFAULT_LAYOUT.min_gutter_em) -> list[float]:
    """Column edges from the gutters: x ranges that no text segment of the region covers."""
    size = statistics.median(x.size for x in region)
    spans = sorted(s for x in region for s in x.segments)
    edges = [spans[0][0] - 1]
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - right >= min_gutter_em * size:
            edges.append((right + x0) / 2)
        right = max(right, x1)
    edges.append(right + 1)
    return edges


def _row_bands(region: Sequence[_Line], xs: Sequence[float]) -> list[tuple[float, float]]:
    """One band per row: lines, a wrapped line (empty first column) joined to the row above when
    the first column is otherwise filled."""
    first_filled = [any(s[0] < xs[1] for s in x.segments) for x in region]
    merge = sum(first_filled) >= 0.6 * len(region) and first_filled[0]
    bands: list[tuple[float, float]] = []
    for line, filled in zip(region, first_filled, strict=True):
        if merge and not filled and bands:
            bands[-1] = (bands[-1][0], line.bottom)
        else:
            bands.append((line.top, line.bottom))
    edges = (
        [bands[0][0] - 1]
        + [(a[1] + b[0]) / 2 for a, b in zip(bands, bands[1:], strict=False)]
        + [bands[-1][1] + 1]
    )
    return list(zip(edges, edges[1:], strict=False))


def _boxes(xs: Sequence[float], rows: Sequence[tuple[float, float]]) -> list[BBox]:
    return [(a, top, b, bottom) for top, bottom in rows for a, b in zip(xs, xs[1:], strict=False)]


def _is_ruled(page: Any, bbox: BBox, size: float, rule_span: float) -> bool:
    """A horizontal rule spanning the region just above its first line and another below its last."""
    width = bbox[2] - bbox[0]
    ys = [float(e["top"]) for e in getattr(page, "edges", ()) if e.get("orientation") == "h"
          and min(float(e["x1"]), bbox[2]) - max(float(e["x0"]), bbox[0]) >= rule_span * width]  # fmt: skip
    above = any(bbox[1] - 2 * size <= y <= bbox[1] + 0.5 for y in ys)
    below = any(bbox[3] - 0.5 <= y <= bbox[3] + 2 * size for y in ys)
    return above and below


def _align_share(values: Sequence[float], tol: float) -> float:
    if not values:
        return 1.0
    mid = statistics.median(values)
    return sum(abs(v - mid) <= tol for v in values) / len(values)


def score_grid(
    grid: TableGrid, chars: Sequence[dict[str, Any]], size: float, ruled: bool,
    layout: LayoutSettings = DEFAULT_LAYOUT,
) -> dict[str, float]:
    """Quality of a candidate grid: components in [0, 1] and their weighted ``score``.

    * ``fill``: share of non-empty cells;
    * ``alignment``: per column, the share of body cells whose text starts (or ends, or is
      centred) where the column's other cells do, averaged over the columns;
    * ``intact``: share of the region's words not cut by a column edge;
    * ``short_cells``: share of filled cells without a prose line (``layout.prose_words`` words or more).

    ``score`` is 0 when a gate fails: fewer than 3 rows or 2 columns (3 without rules above and
    below), alignment, fill or intact under their minimums."""
    filled = [c for c in grid.cells if not c.empty]
    fill = len(filled) / max(1, len(grid.cells))
    tol = max(1.5, 0.4 * size)
    per_col = []
    for col in range(grid.n_cols):
        spans = []
        for c in filled:
            if c.col == col and c.colspan == 1 and c.row >= grid.header_rows:
                inside = chars_in_box(chars, c.bbox)
                if inside:
                    spans.append((min(float(x["x0"]) for x in inside), max(float(x["x1"]) for x in inside)))
        if spans:
            per_col.append(max(_align_share([a for a, _ in spans], tol), _align_share([b for _, b in spans], tol),
                               _align_share([(a + b) / 2 for a, b in spans], tol)))  # fmt: skip
    alignment = min(per_col) * 0.5 + statistics.mean(per_col) * 0.5 if per_col else 0.0
    words = [w for group in chars_to_line_groups(chars_in_box(chars, grid.bbox))
             for w in _split(_glyphs(group), layout.space_gap_em * size)]  # fmt: skip
    inner = grid.col_edges[1:-1]
    cut = sum(any(a < x < b for x in inner) for a, b in words)
    intact = 1 - cut / max(1, len(words))
    prose = sum(any(len(line.split()) >= layout.prose_words for line in c.lines) for c in filled)
    short_cells = 1 - prose / max(1, len(filled))
    parts = {"fill": fill, "alignment": alignment, "intact": intact, "short_cells": short_cells}
    weights = layout.score_weights
    score = sum(weights[k] * v for k, v in parts.items())
    gates = (
        grid.n_rows >= 3
        and grid.n_cols >= (2 if ruled else 3)
        and alignment >= layout.min_alignment
        and fill >= layout.min_fill
        and intact >= layout.min_intact
    )
    return {"score": round(score if gates else 0.0, 4), **{k: round(v, 4) for k, v in parts.items()},
            "rows": float(grid.n_rows), "cols": float(grid.n_cols), "ruled": float(ruled)}  # fmt: skip


def _camelot_edges(
    path: Path, page_no: int, page_height: float, bbox: BBox, flavor: str
) -> list[float] | None:
    """Column edges camelot (``flavor``: stream or network) finds in the region, or None."""
    try:
        import camelot
    except ImportError:  # pragma: no cover - camelot is a declared dependency
        return None
    pad = 2.0
    area = f"{bbox[0] - pad},{page_height - bbox[1] + pad},{bbox[2] + pad},{page_height - bbox[3] - pad}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages=str(page_no), flavor=flavor, table_areas=[area])
    except Exception:  # noqa: BLE001 - a second opinion that fails is simply not given
        return None
    if not tables.n:
        return None
    best = max(tables, key=lambda t: t.df.size)
    cols = [c for c in best.cols]
    if len(cols) < 2:
        return None
    return [cols[0][0]] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:], strict=False)] + [cols[-1][1]]


def _source_path(page: Any) -> Path | None:
    name = getattr(getattr(getattr(page, "pdf", None), "stream", None), "name", None)
    return Path(name) if isinstance(name, str) and Path(name).is_file() else None


def _overlaps(a: BBox, b: BBox) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def page_to_text_grids(page: Any, page_no: int, source: str, ruled: Sequence[TableGrid],
                       path: Path | None = None, camelot: bool = True,
                       layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TableGrid]:  # fmt: skip
    """Tables of one pdfplumber-like page that the ruled grids (``ruled``) do not cover, top to bottom."""
    boxes = [g.bbox for g in ruled]
    chars = chars_outside(page.chars, boxes)
    out: list[TableGrid] = []
    for region in candidate_regions(chars, layout):
        bbox = _region_bbox(region)
        if any(_overlaps(bbox, b) for b in boxes):
            continue
        size = statistics.median(x.size for x in region)
        is_ruled = _is_ruled(page, bbox, size, layout.rule_span)
        region_chars = chars_in_box(chars, (bbox[0] - 1, bbox[1] - 1, bbox[2] + 1, bbox[3] + 1))
        best: TableGrid | None = None
        src = path or _source_path(page)
        for strategy in (BACKEND_TEXT, "camelot-network", "camelot-stream"):
            if strategy == BACKEND_TEXT:
                edges = gutter_edges(region, layout.min_gutter_em)
            elif not camelot or src is None or (best is not None and best.quality["score"] >= layout.perfect_score):
                break  # camelot is a second opinion: only asked while the text strategy is not perfect
            else:
                edges = _camelot_edges(src, page_no, float(page.height), bbox, strategy.split("-")[1]) or []
            xs = sorted(edges)
            if len(xs) < 3:
                continue
            grid = boxes_to_grid(_boxes(xs, _row_bands(region, xs)), region_chars, page_no, source, strategy,
                                 layout)  # fmt: skip
            if grid is None:
                continue
            quality = score_grid(grid, region_chars, size, is_ruled, layout)
            if quality["score"] >= layout.min_score and (best is None or quality["score"] > best.quality["score"]):
                best = replace(grid, quality=quality)
        if best is not None:
            out.append(best)
    return out
