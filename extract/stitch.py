"""Page grids -> document tables: a table continued over pages becomes one table.

A grid continues the table on the page before when it is the first thing on its page (no body
text above it), the table's last part is the last thing on its page, and the two line up by
geometry: same outer edges (after allowing for a shifted page margin) and interior column
edges of which one set contains the other, so a part whose page cut through spanning cells (or
a lone title row) still joins. The joined table's columns are the union of both parts' edges;
every cell is placed on them by its own edges, never by a fixed column count.

On the continuation a repeated header (same text as the header) and a row of column numbers
are dropped. Its first row is the rest of a row split by the page break when its key column is
empty or every filled cell starts in lower case (a sentence cut by the break); its lines are
appended to the previous row's cells, column by column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.grid import BY_POSITION, GridCell, TableGrid
from core.page import TextLine
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.tables.cells_to_grid import header_row_count, is_numbering
from normalize.text import normalize_whitespace, starts_lower


def _is_page_furniture(line: TextLine) -> bool:
    """Page numbers and similar one-token lines in the margin do not break a table."""
    text = normalize_whitespace(line.text)
    return len(text) <= 6 and any(ch.isdigit() for ch in text)


def _near(v: float, values: Sequence[float], tol: float) -> bool:
    return any(abs(v - w) <= tol for w in values)


def joined_edges(a: TableGrid, b: TableGrid, tol: float = DEFAULT_LAYOUT.column_tolerance) -> list[float] | None:
    """Column edges of ``a`` and ``b`` together (in ``a``'s coordinates) when ``b`` can continue
    ``a``: same outer edges after the margin shift, one part's interior edges inside the other's."""
    shift = b.col_edges[0] - a.col_edges[0]
    bs = [x - shift for x in b.col_edges]
    if abs(bs[-1] - a.col_edges[-1]) > tol:
        return None
    inner_a, inner_b = a.col_edges[1:-1], bs[1:-1]
    if not (all(_near(x, inner_a, tol) for x in inner_b) or all(_near(x, inner_b, tol) for x in inner_a)):
        return None
    edges = list(a.col_edges)
    for x in inner_b:
        if not _near(x, edges, tol):
            edges.append(x)
    return sorted(edges)


def _nothing_between(lines: Sequence[TextLine], page: int, *, above: float | None, below: float | None) -> bool:
    for line in lines:
        if line.page != page or _is_page_furniture(line):
            continue
        if above is not None and line.bottom <= above + 1:
            return False
        if below is not None and line.top >= below - 1:
            return False
    return True


def continues(prev: TableGrid, nxt: TableGrid, text_lines: Sequence[TextLine], table: TableGrid | None = None,
              layout: LayoutSettings = DEFAULT_LAYOUT) -> bool:  # fmt: skip
    """Whether ``nxt`` (first grid of its page) continues ``prev`` (the last part, on the page
    before, of ``table``; ``table`` defaults to ``prev``)."""
    if nxt.pages[0] != prev.pages[-1] + 1 or joined_edges(table or prev, nxt, layout.column_tolerance) is None:
        return False
    return _nothing_between(text_lines, prev.pages[-1], above=None, below=prev.bbox[3]) and _nothing_between(
        text_lines, nxt.pages[0], above=nxt.bbox[1], below=None
    )


def regrid_columns(grid: TableGrid, edges: Sequence[float], shift: float = 0.0) -> TableGrid:
    """The grid with its cells placed on ``edges`` (a superset of its own edges, shifted by
    ``shift``): column indexes and spans follow each cell's own edges."""
    index = [min(range(len(edges)), key=lambda j: abs(edges[j] - (x - shift))) for x in grid.col_edges]
    cells = [replace(c, col=index[c.col], colspan=max(1, index[c.col + c.colspan] - index[c.col])) for c in grid.cells]
    return replace(grid, col_edges=tuple(edges), cells=tuple(sorted(cells, key=BY_POSITION)))


def _top_row_cells(grid: TableGrid, r: int) -> list[GridCell]:
    """``grid.row(r)`` for a row near the top, read from the start of the cells (which every grid
    keeps in position order) instead of indexing every row of a long stitched table."""
    found = []
    for c in grid.cells:
        if c.row > r:
            break
        if c.row == r:
            found.append(c)
    return sorted(found, key=lambda c: c.col)


def _row_texts(grid: TableGrid, r: int) -> list[tuple[int, str]]:
    return [(c.col, normalize_whitespace(" ".join(c.lines))) for c in _top_row_cells(grid, r)]


def repeats_header_row(header: Sequence[tuple[int, str]], row: Sequence[tuple[int, str]]) -> bool:
    """Whether ``row`` repeats the header row ``header``: the same cells, each with the same text
    or the beginning of it (Word and LibreOffice print a repeated header cut to the row height
    they give it: "Білім деңгейінің, мамандық және біліктілік" for "... біліктілік коды"), or
    nothing where the cut left nothing; at least one cell must have text."""
    if [col for col, _ in header] != [col for col, _ in row]:
        return False
    matched = 0
    for (_, full), (_, seen) in zip(header, row, strict=True):
        a, b = full.replace(" ", ""), seen.replace(" ", "")
        if b == a or (b and a.startswith(b)):
            matched += bool(b)
        elif b:
            return False
    return matched > 0


def _repeated_header_rows(first: TableGrid, cont: TableGrid) -> int:
    """Rows at the top of a continuation that repeat the header: the header rows themselves when
    their text matches (in full or cut short), and a row of column numbers ("1 2 3 4 5 6") right
    under them (or alone)."""
    k = first.header_rows
    skip = k if k and cont.n_rows >= k and all(repeats_header_row(_row_texts(first, r), _row_texts(cont, r))
                                               for r in range(k)) else 0  # fmt: skip
    if skip < cont.n_rows and is_numbering([t for _, t in _row_texts(cont, skip)]):
        skip += 1
    return skip


def _shift(cells: Sequence[GridCell], rows: int) -> list[GridCell]:
    return [GridCell(c.row + rows, c.col, c.rowspan, c.colspan, c.lines, c.pages, c.bbox, c.full_lines) for c in cells]


def _starts_lower(cell: GridCell) -> bool:
    return starts_lower(" ".join(cell.lines))


def _same_span(part: GridCell, last: Sequence[GridCell]) -> bool:
    return any(c.col == part.col and c.last_col == part.last_col for c in last)


def _covered(x0: float, x1: float, rules: Sequence[tuple[float, float]]) -> float:
    """Share of [x0, x1] under a rule."""
    width = x1 - x0
    if width <= 0:
        return 1.0
    return sum(max(0.0, min(x1, b) - max(x0, a)) for a, b in rules) / width


def closed_under(cells: Sequence[GridCell], rules: Sequence[tuple[float, float]],
                 share: float = DEFAULT_LAYOUT.ruled_under) -> bool:  # fmt: skip
    """Whether a rule is drawn under every one of ``cells`` (the row was finished on its page)."""
    return bool(rules) and bool(cells) and all(_covered(c.bbox[0], c.bbox[2], rules) >= share for c in cells)


def is_split_remainder(first: Sequence[GridCell], last: Sequence[GridCell],
                       bottom_rules: Sequence[tuple[float, float]] = (),
                       ruled_under: float = DEFAULT_LAYOUT.ruled_under) -> bool:  # fmt: skip
    """Whether a continuation's first row is the rest of the row ``last`` cut by the page break:
    its key column is empty (and something else is filled), or every filled cell goes on in lower
    case under a cell of the same span (a lower-case section row across the table is not). Not
    when the page drew a rule under the cells of ``last`` above the filled ones but none under its
    key cell (``bottom_rules``): that row was finished, and the empty key column is a cell spanning
    down into the next row ("1." over two indicator rows). Some producers (reportlab) close even a
    cut row at the page foot, so a rule under every cell decides nothing."""
    filled = [c for c in first if not c.empty]
    if not filled or any(c.rowspan > 1 for c in first):
        return False
    key_above = next((c for c in last if c.col == 0), None)
    above = [c for c in last if c is not key_above and any(c.col <= f.last_col and f.col <= c.last_col for f in filled)]
    if (key_above is not None and closed_under(above, bottom_rules, ruled_under)
            and not closed_under([key_above], bottom_rules, ruled_under)):  # fmt: skip
        return False
    key = next((c for c in first if c.col == 0), None)
    if key is not None and key.empty and len(first) >= 2:
        return True
    return all(_starts_lower(c) and _same_span(c, last) for c in filled)


def _merge_split_row(base: list[GridCell], last_row: int, first: list[GridCell],
                     bottom_rules: Sequence[tuple[float, float]], ruled_under: float) -> tuple[list[GridCell], bool]:  # fmt: skip
    """Append the cells of a continuation's first row to the base's last row, by column."""
    last = [c for c in base if c.row <= last_row < c.row + c.rowspan]
    if not last or not is_split_remainder(first, last, bottom_rules, ruled_under):
        return base, False
    merged = list(base)
    for part in first:
        target = next((c for c in last if c.col <= part.col <= c.last_col), None)
        if target is None:
            return base, False
        if part.empty:
            continue
        # the cell itself (by identity, searched from the end, where the last row is), not the
        # first equal one: comparing dataclasses field by field over a long table was quadratic
        i = next(k for k in range(len(merged) - 1, -1, -1) if merged[k] is target)
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


def _on_common_columns(base: TableGrid, cont: TableGrid, tol: float) -> tuple[TableGrid, TableGrid]:
    edges = joined_edges(base, cont, tol)
    if edges is None or list(edges) == list(base.col_edges) and base.n_cols == cont.n_cols:
        return base, cont
    shift = cont.col_edges[0] - base.col_edges[0]
    return regrid_columns(base, edges), regrid_columns(cont, edges, shift)


def append_grid(base: TableGrid, cont: TableGrid, layout: LayoutSettings = DEFAULT_LAYOUT) -> TableGrid:
    """Join a continuation grid onto ``base`` (header dropped, split row merged)."""
    base, cont = _on_common_columns(base, cont, layout.column_tolerance)
    skip = _repeated_header_rows(base, cont)
    cells = _shift([c for c in cont.cells if c.row >= skip], -skip)
    rows = cont.n_rows - skip
    merged = list(base.cells)
    first = [c for c in cells if c.row == 0]
    merged, did_merge = _merge_split_row(merged, base.n_rows - 1, first, base.bottom_rules, layout.ruled_under)
    offset = base.n_rows
    if did_merge:
        cells = [c for c in cells if c.row != 0]
        offset -= 1
    merged += _shift(cells, offset)
    quality = dict(base.quality)
    quality["split_rows_merged"] = quality.get("split_rows_merged", 0) + did_merge
    quality["repeated_headers_dropped"] = quality.get("repeated_headers_dropped", 0) + (skip > 0)
    grown = replace(
        base,
        pages=tuple(sorted(set(base.pages) | set(cont.pages))),
        n_rows=offset + rows,
        cells=tuple(sorted(merged, key=BY_POSITION)),
        quality=quality,
        bottom_rules=cont.bottom_rules,
    )
    return replace(grown, header_rows=_header_rows_after_join(base, grown))


def _header_rows_after_join(base: TableGrid, grown: TableGrid) -> int:
    """A table whose first part was only its header (or a title row) gets its header rows
    counted again on the joined grid."""
    if base.n_rows > base.header_rows:
        return base.header_rows
    return min(header_row_count(grown.cells), grown.n_rows)


def is_table(grid: TableGrid) -> bool:
    """A lone framed box (one cell) is not a table; it is kept only while it may start one."""
    return len(grid.cells) > 1 and not all(c.empty for c in grid.cells)


def stitch_grids(grids: Sequence[TableGrid], text_lines: Sequence[TextLine],
                 layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TableGrid]:  # fmt: skip
    """Page grids in reading order -> document tables, numbered from 1."""
    tables: list[TableGrid] = []
    tails: list[TableGrid] = []  # the last page part of each table, where a continuation must join
    for grid in grids:
        if (
            tables
            and _first_on_page(grid, grids)
            and _last_on_page(tails[-1], grids)
            and continues(tails[-1], grid, text_lines, tables[-1], layout)
        ):
            tables[-1] = append_grid(tables[-1], grid, layout)
            tails[-1] = grid
        else:
            tables.append(grid)
            tails.append(grid)
    kept = [t for t in tables if is_table(t)]
    return [t.with_index(i + 1) for i, t in enumerate(kept)]


def _first_on_page(grid: TableGrid, grids: Sequence[TableGrid]) -> bool:
    return all(g.bbox[1] >= grid.bbox[1] for g in grids if g.pages[0] == grid.pages[0])


def _last_on_page(grid: TableGrid, grids: Sequence[TableGrid]) -> bool:
    return all(g.bbox[1] <= grid.bbox[1] for g in grids if g.pages[0] == grid.pages[-1])
