"""Page grids -> document tables: a table continued over pages becomes one table.

A grid continues the previous page's last grid when it is the first thing on its page (no body
text above it), the previous grid is the last thing on its page, and their columns line up
(same edges within a tolerance, after allowing for a shifted page margin). On the continuation
a repeated header (same text as the first part's header) is dropped, and a first row whose
key column is empty is a row split by the page break: its lines are appended to the previous
row's cells, column by column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extract.chars import TextLine
from extract.families.table_text import is_numbering_row
from extract.grid import GridCell, TableGrid
from normalize.text import normalize_whitespace

COLUMN_TOL = 3.0  # points


def _is_page_furniture(line: TextLine) -> bool:
    """Page numbers and similar one-token lines in the margin do not break a table."""
    text = normalize_whitespace(line.text)
    return len(text) <= 6 and any(ch.isdigit() for ch in text)


def _columns_match(a: TableGrid, b: TableGrid) -> bool:
    if a.n_cols != b.n_cols:
        return False
    shift = b.col_edges[0] - a.col_edges[0]
    return all(abs(x - y - shift) <= COLUMN_TOL for x, y in zip(b.col_edges, a.col_edges, strict=True))


def _nothing_between(lines: Sequence[TextLine], page: int, *, above: float | None, below: float | None) -> bool:
    for line in lines:
        if line.page != page or _is_page_furniture(line):
            continue
        if above is not None and line.bottom <= above + 1:
            return False
        if below is not None and line.top >= below - 1:
            return False
    return True


def continues(prev: TableGrid, nxt: TableGrid, text_lines: Sequence[TextLine]) -> bool:
    """Whether ``nxt`` (first grid of its page) continues ``prev`` (last grid of the page before)."""
    if nxt.pages[0] != prev.pages[-1] + 1 or not _columns_match(prev, nxt):
        return False
    return _nothing_between(text_lines, prev.pages[-1], above=None, below=prev.bbox[3]) and _nothing_between(
        text_lines, nxt.pages[0], above=nxt.bbox[1], below=None
    )


def _row_texts(grid: TableGrid, r: int) -> list[tuple[int, str]]:
    return [(c.col, normalize_whitespace(" ".join(c.lines))) for c in grid.row(r)]


def _repeated_header_rows(first: TableGrid, cont: TableGrid) -> int:
    """Rows at the top of a continuation that repeat the header: the header rows themselves when
    their text matches, and a row of column numbers ("1 2 3 4 5 6") right under them (or alone)."""
    k = first.header_rows
    skip = k if k and cont.n_rows >= k and all(_row_texts(first, r) == _row_texts(cont, r) for r in range(k)) else 0
    if skip < cont.n_rows and is_numbering_row([t for _, t in _row_texts(cont, skip)]):
        skip += 1
    return skip


def _shift(cells: Sequence[GridCell], rows: int) -> list[GridCell]:
    return [replace(c, row=c.row + rows) for c in cells]


def _merge_split_row(base: list[GridCell], last_row: int, first: list[GridCell]) -> tuple[list[GridCell], bool]:
    """Append the cells of a continuation's first row to the base's last row, by column."""
    key = next((c for c in first if c.col == 0), None)
    last = [c for c in base if c.row == last_row]
    if key is None or not key.empty or len(first) < 2 or all(c.empty for c in first):
        return base, False
    if len(last) < 2 or next((c for c in last if c.col == 0), None) is None:
        return base, False
    merged = list(base)
    for part in first:
        target = next((c for c in last if c.col <= part.col <= c.last_col), None)
        if target is None:
            return base, False
        if part.empty:
            continue
        i = merged.index(target)
        merged[i] = replace(
            merged[i],
            lines=merged[i].lines + part.lines,
            full_lines=_fulls(merged[i]) + _fulls(part),
            pages=tuple(sorted(set(merged[i].pages) | set(part.pages))),
        )
        last = [merged[i] if c is target else c for c in last]
    return merged, True


def _fulls(cell: GridCell) -> tuple[bool, ...]:
    return cell.full_lines if len(cell.full_lines) == len(cell.lines) else (False,) * len(cell.lines)


def append_grid(base: TableGrid, cont: TableGrid) -> TableGrid:
    """Join a continuation grid onto ``base`` (header dropped, split row merged)."""
    skip = _repeated_header_rows(base, cont)
    cells = [replace(c, row=c.row - skip) for c in cont.cells if c.row >= skip]
    rows = cont.n_rows - skip
    merged = list(base.cells)
    first = [c for c in cells if c.row == 0]
    merged, did_merge = _merge_split_row(merged, base.n_rows - 1, first)
    offset = base.n_rows
    if did_merge:
        cells = [c for c in cells if c.row != 0]
        offset -= 1
    merged += _shift(cells, offset)
    quality = dict(base.quality)
    quality["split_rows_merged"] = quality.get("split_rows_merged", 0) + did_merge
    quality["repeated_headers_dropped"] = quality.get("repeated_headers_dropped", 0) + (skip > 0)
    return replace(
        base,
        pages=tuple(sorted(set(base.pages) | set(cont.pages))),
        n_rows=offset + rows,
        cells=tuple(sorted(merged, key=lambda c: (c.row, c.col))),
        quality=quality,
    )


def stitch_grids(grids: Sequence[TableGrid], text_lines: Sequence[TextLine]) -> list[TableGrid]:
    """Page grids in reading order -> document tables, numbered from 1."""
    tables: list[TableGrid] = []
    tails: list[TableGrid] = []  # the last page part of each table, where a continuation must join
    for grid in grids:
        if (
            tables
            and _first_on_page(grid, grids)
            and _last_on_page(tails[-1], grids)
            and continues(tails[-1], grid, text_lines)
        ):
            tables[-1] = append_grid(tables[-1], grid)
            tails[-1] = grid
        else:
            tables.append(grid)
            tails.append(grid)
    return [t.with_index(i + 1) for i, t in enumerate(tables)]


def _first_on_page(grid: TableGrid, grids: Sequence[TableGrid]) -> bool:
    return all(g.bbox[1] >= grid.bbox[1] for g in grids if g.pages[0] == grid.pages[0])


def _last_on_page(grid: TableGrid, grids: Sequence[TableGrid]) -> bool:
    return all(g.bbox[1] <= grid.bbox[1] for g in grids if g.pages[0] == grid.pages[-1])
