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


def _lines(chars: Sequence[dict[str, Any]], layout: LayoutSettings) -> list[_Line]:
    out = []
    gutter_em = layout.gutter_em
    for group in chars_to_line_groups(chars, layout):
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
    """Runs of consecutive, closely spaced lines of which at least three are cut by gutters, with
    the lines just above the first of them that belong to the table (:func:`_with_lead`)."""
    lines = _lines(chars, layout)
    runs: list[list[_Line]] = []
    run: list[_Line] = []
    singles = 0

    def close() -> None:
        # trailing single lines stay when they start right of the run's left edge (the wrapped
        # name of its last row); a line at the left edge may be the text after the table
        left = min((x.segments[0][0] for x in run if len(x.segments) > 1), default=0.0)
        while run and len(run[-1].segments) < 2 and run[-1].segments[0][0] <= left + run[-1].size:
            run.pop()
        while run and len(run[-1].segments) < 2 and not any(len(x.segments) > 1 for x in run):
            run.pop()
        if sum(len(x.segments) > 1 for x in run) >= layout.min_table_lines:
            runs.append(list(run))
        run.clear()

    for line in lines:
        multi = len(line.segments) > 1
        near = bool(run) and line.top - run[-1].bottom <= layout.line_gap_em * line.size
        if multi:
            if not near:
                close()
            run.append(line)
            singles = 0
        elif near and singles < layout.max_wrap_lines and _starts_in(line, run, layout.wrap_start_em * line.size):
            run.append(line)
            singles += 1
        else:
            close()
            singles = 0
    close()
    regions: list[list[_Line]] = []
    taken = 0  # index in ``lines`` after the last region
    for found in runs:
        start = next(i for i, x in enumerate(lines) if x is found[0])
        end = next(i for i, x in enumerate(lines) if x is found[-1]) + 1
        regions.append(_with_lead(lines[taken:start], found, layout))
        taken = end
    return regions


def _with_lead(before: Sequence[_Line], run: Sequence[_Line], layout: LayoutSettings) -> list[_Line]:
    """``run`` with the lines just above it that belong to the table: each close to the next, within
    the run's width, and either cut by gutters (a header line) or narrow against the run's width
    (a header's wrapped title, the rest of a row that the page break cut); at most
    ``layout.max_lead_lines``.  Prose and titles above a table are wider, or further away; the
    short last lines of a paragraph just above start where its wide lines do and are left out."""
    left = min(x.segments[0][0] for x in run)
    right = max(x.segments[-1][1] for x in run)
    lead: list[_Line] = []
    below = run[0]
    for line in reversed(before):
        if len(lead) >= layout.max_lead_lines or below.top - line.bottom > layout.line_gap_em * line.size:
            break
        if line.segments[0][0] < left - line.size or line.segments[-1][1] > right + line.size:
            break
        wide = line.segments[-1][1] - line.segments[0][0] > layout.lead_line_width * (right - left)
        if len(line.segments) < 2 and wide:
            # prose just above: its last lines start at its left edge and are no part of the table
            while lead and abs(lead[0].segments[0][0] - line.segments[0][0]) <= line.size:
                lead.pop(0)
            break
        lead.insert(0, line)
        below = line
    return [*lead, *run]


def _region_bbox(region: Sequence[_Line]) -> BBox:
    return (min(x.segments[0][0] for x in region), region[0].top,
            max(x.segments[-1][1] for x in region), region[-1].bottom)  # fmt: skip


def gutter_edges(region: Sequence[_Line], min_gutter_em: float = DEFAULT_LAYOUT.min_gutter_em,
                 bridge_share: float = 0.0, space_em: float = DEFAULT_LAYOUT.space_gap_em) -> list[float]:
    """Column edges from the gutters: x ranges that no text segment of the region covers, or that
    only a few lines run across (at most ``bridge_share`` of them: a long key, an overlong header
    word).  Where lines run across a gutter, its edge goes into a word gap of theirs if one lies in it."""
    size = statistics.median(x.size for x in region)
    spans = sorted(s for x in region for s in x.segments)
    allowed = int(bridge_share * len(region))
    points = sorted({p for s in spans for p in s})
    gutters: list[tuple[float, float]] = []
    start: float | None = None
    for a, b in zip(points, points[1:], strict=False):
        mid = (a + b) / 2
        open_ = sum(x0 < mid < x1 for x0, x1 in spans) <= allowed
        if open_ and start is None:
            start = a
        elif not open_ and start is not None:
            gutters.append((start, a))
            start = None
    edges = [spans[0][0] - 1]
    for g0, g1 in gutters:
        if g1 - g0 < min_gutter_em * size:
            continue
        free = [(g0, g1)]  # the gutter less the words of the lines that run into it
        for line in region:
            for w0, w1 in _words(line, space_em):
                if w1 > g0 and w0 < g1:
                    free = [piece for a, b in free for piece in ((a, min(b, w0)), (max(a, w1), b)) if piece[1] > piece[0]]
        # every free piece wide enough is a candidate edge (the ones no line needs go below)
        wide = [ab for ab in free if ab[1] - ab[0] >= min_gutter_em * size]
        for a, b in wide or [max(free, key=lambda ab: ab[1] - ab[0]) if free else (g0, g1)]:
            edges.append((a + b) / 2)
    edges.append(max(s[1] for s in spans) + 1)
    return _supported(edges, region, space_em)


def _supported(edges: list[float], region: Sequence[_Line], space_em: float) -> list[float]:
    """Column edges less those that no line needs: an edge stays when some line has a word in the
    columns on both sides of it and none across it.  A header title printed left in its column
    over numbers printed right leaves two gutters with only the title between them; the one that
    no line crosses from word to word goes."""
    words = [_words(x, space_em) for x in region]
    out = list(edges)

    def needed(i: int) -> bool:
        lo, e, hi = out[i - 1], out[i], out[i + 1]
        return any(any(lo <= (a + b) / 2 < e for a, b in ws) and any(e <= (a + b) / 2 < hi for a, b in ws)
                   and not any(a < e < b for a, b in ws) for ws in words)  # fmt: skip

    while len(out) > 2:
        weak = next((i for i in range(1, len(out) - 1) if not needed(i)), None)
        if weak is None:
            break
        del out[weak]
    return out


def _words(line: _Line, space_em: float, word_gap_ratio: float = DEFAULT_LAYOUT.word_gap_ratio) -> list[tuple[float, float]]:
    """x extents of a line's words: glyphs apart by more than a space, or, in a letter-spaced line,
    by more than ``word_gap_ratio`` times the line's own median letter gap."""
    gaps = sorted(float(b["x0"]) - float(a["x1"]) for a, b in zip(line.chars, line.chars[1:], strict=False))
    letter_gap = gaps[len(gaps) // 2] if gaps else 0.0
    return _split(line.chars, max(space_em * line.size, word_gap_ratio * letter_gap))


def _is_number(text: str) -> bool:
    t = text.replace(" ", "").replace("\u00a0", "")
    return bool(t) and all(ch.isdigit() or ch in ".,/-–—" for ch in t) and any(ch.isdigit() for ch in t)


def _row_bands(region: Sequence[_Line], xs: Sequence[float],
               numeric_share: float = DEFAULT_LAYOUT.numeric_column_share,
               rules: Sequence[float] = ()) -> list[tuple[float, float]]:
    """One band per row; a row never runs across a horizontal rule (``rules``: their y, e.g. the
    rule under a header).  The lines above a first key that is not a number ("№") are the header's
    top.  A line that leaves the first (key) column empty continues the row above
    when the first column is filled somewhere in the region and the line adds nothing to a
    number column that the row above already filled (a wrapped name; a row whose numbers stand on
    its last line); a line with its own numbers under a row that has them ("Барлығы 1 100") is a
    row of its own."""
    n = len(xs) - 1

    def cells(line: _Line) -> list[str]:
        out = [""] * n
        for c in line.chars:
            mid = (float(c["x0"]) + float(c["x1"])) / 2
            for i in range(n):
                if xs[i] <= mid < xs[i + 1]:
                    out[i] += str(c["text"])
                    break
        return out

    texts = [cells(x) for x in region]
    numeric = set()
    for col in range(1, n):
        filled = [t[col] for t in texts if t[col]]
        if filled and sum(_is_number(v) for v in filled) >= numeric_share * len(filled):
            numeric.add(col)
    first_key = next((i for i, t in enumerate(texts) if t[0]), None)
    # lines above a first key that is no number ("№") are the top of the header row: its wrapped titles
    lead = first_key if first_key is not None and not _is_number(texts[first_key][0]) else 0
    bands: list[tuple[float, float]] = []
    row_numbers: set[int] = set()
    for k, (line, t) in enumerate(zip(region, texts, strict=True)):
        own = {c for c in numeric if _is_number(t[c])}
        ruled_off = k > 0 and any(region[k - 1].bottom - 1 <= y <= line.top + 1 for y in rules)
        if bands and not ruled_off and k <= lead:
            bands[-1] = (bands[-1][0], line.bottom)
            row_numbers = own
        elif bands and not ruled_off and first_key is not None and not t[0] and not (own & row_numbers):
            bands[-1] = (bands[-1][0], line.bottom)
            row_numbers |= own
        else:
            bands.append((line.top, line.bottom))
            row_numbers = own
    edges = (
        [bands[0][0] - 1]
        + [(a[1] + b[0]) / 2 for a, b in zip(bands, bands[1:], strict=False)]
        + [bands[-1][1] + 1]
    )
    return list(zip(edges, edges[1:], strict=False))


def _boxes(xs: Sequence[float], rows: Sequence[tuple[float, float]], region: Sequence[_Line] = (),
           space_em: float = DEFAULT_LAYOUT.space_gap_em) -> list[BBox]:
    """The cell boxes of each row band: one per column, except that a word running across a column
    edge (a letter-spaced group title, a title wider than its column) makes the cells it touches
    one spanning cell."""
    out: list[BBox] = []
    for top, bottom in rows:
        words = [w for x in region if top <= (x.top + x.bottom) / 2 < bottom for w in _words(x, space_em)]
        keep = [xs[0]] + [e for e in xs[1:-1] if not any(w0 < e < w1 for w0, w1 in words)] + [xs[-1]]
        out.extend((a, top, b, bottom) for a, b in zip(keep, keep[1:], strict=False))
    return out


def _rules_across(page: Any, bbox: BBox, rule_span: float, join: float = 1.0) -> list[float]:
    """y of the horizontal rules inside the region that span ``rule_span`` of its width; the
    pieces of one rule (a border drawn cell by cell) are joined when they lie on one y and meet
    within ``join``."""
    width = bbox[2] - bbox[0]
    pieces = sorted((round(float(e["top"]) / join), float(e["x0"]), float(e["x1"]))
                    for e in getattr(page, "edges", ()) if e.get("orientation") == "h"
                    and bbox[1] - join <= float(e["top"]) <= bbox[3] + join)  # fmt: skip
    rules: list[tuple[int, float, float]] = []
    for y, x0, x1 in pieces:
        if rules and rules[-1][0] == y and x0 <= rules[-1][2] + join:
            rules[-1] = (y, rules[-1][1], max(rules[-1][2], x1))
        else:
            rules.append((y, x0, x1))
    return [y * join for y, x0, x1 in rules if min(x1, bbox[2]) - max(x0, bbox[0]) >= rule_span * width]


def _is_ruled(page: Any, bbox: BBox, size: float, layout: LayoutSettings) -> bool:
    """A horizontal rule spanning the region just above its first line and another below its last."""
    rule_span, reach, overlap = layout.rule_span, layout.rule_reach_em * size, layout.rule_overlap
    width = bbox[2] - bbox[0]
    ys = [float(e["top"]) for e in getattr(page, "edges", ()) if e.get("orientation") == "h"
          and min(float(e["x1"]), bbox[2]) - max(float(e["x0"]), bbox[0]) >= rule_span * width]  # fmt: skip
    above = any(bbox[1] - reach <= y <= bbox[1] + overlap for y in ys)
    below = any(bbox[3] - overlap <= y <= bbox[3] + reach for y in ys)
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
    tol = max(layout.align_tolerance_min, layout.align_tolerance_em * size)
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
    worst = layout.worst_column_weight
    alignment = min(per_col) * worst + statistics.mean(per_col) * (1 - worst) if per_col else 0.0
    words = [w for group in chars_to_line_groups(chars_in_box(chars, grid.bbox), layout)
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
    path: Path, page_no: int, page_height: float, bbox: BBox, flavor: str, pad: float
) -> list[float] | None:
    """Column edges camelot (``flavor``: stream or network) finds in the region, or None."""
    try:
        import camelot
    except ImportError:  # pragma: no cover - camelot is a declared dependency
        return None
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
        is_ruled = _is_ruled(page, bbox, size, layout)
        rules = _rules_across(page, bbox, layout.rule_span, layout.cell_edge_snap)
        region_chars = chars_in_box(chars, (bbox[0] - 1, bbox[1] - 1, bbox[2] + 1, bbox[3] + 1))
        best: TableGrid | None = None
        src = path or _source_path(page)
        for strategy in (BACKEND_TEXT, "camelot-network", "camelot-stream"):
            if strategy == BACKEND_TEXT:
                edges = gutter_edges(region, layout.min_gutter_em, layout.gutter_bridge_share, layout.space_gap_em)
            elif not camelot or src is None or (best is not None and best.quality["score"] >= layout.perfect_score):
                break  # camelot is a second opinion: only asked while the text strategy is not perfect
            else:
                edges = _camelot_edges(src, page_no, float(page.height), bbox, strategy.split("-")[1],
                                       layout.camelot_area_pad) or []
            xs = sorted(edges)
            if len(xs) < 3:
                continue
            grid = boxes_to_grid(_boxes(xs, _row_bands(region, xs, layout.numeric_column_share, rules), region, layout.space_gap_em), region_chars, page_no, source, strategy,
                                 layout)  # fmt: skip
            if grid is None:
                continue
            quality = score_grid(grid, region_chars, size, is_ruled, layout)
            if quality["score"] >= layout.min_score and (best is None or quality["score"] > best.quality["score"]):
                best = replace(grid, quality=quality)
        if best is not None:
            out.append(best)
    return out
