"""Stitching page grids into document tables: columns matched by geometry (not by count),
repeated headers and numbering rows dropped, rows cut by a page break merged, lone title boxes.

Grids are built here from cell boxes and synthetic characters, through the same
:func:`extract.tables.cells_to_grid.boxes_to_grid` every backend uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.grid import BBox, TableGrid
from extract.stitch import joined_edges, repeats_header_row, stitch_grids
from extract.tables.cells_to_grid import boxes_to_grid, group_cell_boxes, header_row_count, is_numbering

Cell = tuple[BBox, str]


def _chars(box: BBox, text: str) -> list[dict[str, object]]:
    x, top = box[0] + 2, box[1] + 2
    out = []
    for ch in text:
        out.append({"text": ch, "x0": x, "x1": x + 5, "top": top, "bottom": top + 8, "size": 8.0, "upright": True})
        x += 5 if ch != " " else 3
    return out


def _grid(page: int, cells: Sequence[Cell]) -> TableGrid:
    chars = [c for box, text in cells for c in _chars(box, text)]
    grid = boxes_to_grid([box for box, _ in cells], chars, page, "t.pdf", "test")
    assert grid is not None
    return grid


def _rows(top: float, texts: Sequence[Sequence[str]], xs: Sequence[float], h: float = 20) -> list[Cell]:
    out: list[Cell] = []
    for i, row in enumerate(texts):
        y = top + i * h
        out += [((xs[j], y, xs[j + 1], y + h), t) for j, t in enumerate(row)]
    return out


def _texts(t: TableGrid) -> list[list[str]]:
    return [[" ".join(c.lines) for c in t.row(r)] for r in range(t.n_rows)]


XS = (50.0, 100.0, 300.0, 500.0)


def test_split_row_with_empty_key_is_merged() -> None:
    first = _grid(1, _rows(600, [["No", "Name", "Value"], ["1", "Alpha", "one"]], XS))
    second = _grid(2, _rows(40, [["", "beta", "two"], ["2", "Gamma", "three"]], XS))
    [table] = stitch_grids([first, second], [])
    assert _texts(table) == [["No", "Name", "Value"], ["1", "Alpha beta", "one two"], ["2", "Gamma", "three"]]
    assert table.row(1)[1].pages == (1, 2) and table.pages == (1, 2)


def test_lower_case_continuation_under_same_spans_is_merged() -> None:
    first = _grid(1, _rows(600, [["Key", "Text"], ["Grounds set by", "the first part of"]], (50.0, 200.0, 500.0)))
    second = _grid(2, _rows(40, [["law", "the second part"], ["Other", "Row"]], (50.0, 200.0, 500.0)))
    [table] = stitch_grids([first, second], [])
    assert _texts(table)[1] == ["Grounds set by law", "the first part of the second part"]


def test_repeated_header_and_numbering_row_dropped() -> None:
    first = _grid(1, _rows(600, [["No", "Name", "Value"], ["1", "2", "3"], ["1", "Alpha", "x"]], XS))
    second = _grid(2, _rows(40, [["No", "Name", "Value"], ["1", "2", "3"], ["2", "Beta", "y"]], XS))
    [table] = stitch_grids([first, second], [])
    assert _texts(table)[-2:] == [["1", "Alpha", "x"], ["2", "Beta", "y"]]
    assert table.quality["repeated_headers_dropped"] == 1


def test_columns_matched_by_geometry_when_counts_differ() -> None:
    # the continuation's page has a row that splits the last column in two: its edges contain
    # the first part's, so it joins, and every cell lands on the union of the edges
    first = _grid(1, _rows(600, [["No", "Name", "Value"], ["1", "Alpha", "x"]], XS))
    xs2 = (50.0, 100.0, 300.0, 400.0, 500.0)
    second = _grid(2, _rows(40, [["2", "Beta", "y", "z"]], xs2))
    assert joined_edges(first, second) == list(xs2)
    [table] = stitch_grids([first, second], [])
    assert table.n_cols == 4
    assert [(c.col, c.colspan) for c in table.row(0)] == [(0, 1), (1, 1), (2, 2)]
    assert [(c.col, c.colspan) for c in table.row(2)] == [(0, 1), (1, 1), (2, 1), (3, 1)]


def test_shifted_margin_still_joins_but_other_widths_do_not() -> None:
    first = _grid(1, _rows(600, [["No", "Name", "Value"], ["1", "Alpha", "x"]], XS))
    shifted = _grid(2, _rows(40, [["2", "Beta", "y"]], tuple(x + 20 for x in XS)))
    assert len(stitch_grids([first, shifted], [])) == 1
    narrower = _grid(2, _rows(40, [["2", "Beta", "y"]], (50.0, 100.0, 300.0, 450.0)))
    assert len(stitch_grids([first, narrower], [])) == 2


def test_lone_title_box_joins_its_table_or_is_dropped() -> None:
    title = _grid(1, [((50.0, 700.0, 500.0, 720.0), '"Service standard" of the state')])
    rest = _grid(2, [((50.0, 40.0, 500.0, 60.0), "service")] + _rows(60, [["1", "Name", "Text"]], XS))
    [table] = stitch_grids([title, rest], [])
    assert _texts(table)[0] == ['"Service standard" of the state service']
    assert len(stitch_grids([title], [])) == 0


def test_singletons_grouped_and_numbering_header() -> None:
    boxes = [(0.0, 0.0, 10.0, 10.0), (10.0, 0.0, 20.0, 10.0), (50.0, 50.0, 60.0, 60.0)]
    assert [len(g) for g in group_cell_boxes(boxes)] == [2, 1]
    assert is_numbering(["1", "2", "3"]) and not is_numbering(["1", "3"]) and not is_numbering(["1"])
    grid = _grid(1, _rows(100, [["1", "2", "3"], ["Code", "Name", "Count"], ["01", "A", "5"]], XS))
    assert header_row_count(grid.cells) == 2


def test_repeated_header_cut_short_is_dropped_and_the_split_row_merged() -> None:
    """Regression (LibreOffice / Word exports): the repeated header is printed cut to its row
    height ("Specialty code" for "Specialty code of the level"), so it did not match, was kept
    as a body row, and the row cut by the page break under it was not merged."""
    first = _grid(1, _rows(600, [["No", "Specialty code of the level", "Name of the specialty"],
                                 ["1", "0101", "Alpha and"]], XS))
    second = _grid(2, _rows(40, [["No", "Specialty code", "Name of"], ["", "", "omega"], ["2", "0102", "Beta"]], XS))
    [table] = stitch_grids([first, second], [])
    assert _texts(table)[1:] == [["1", "0101", "Alpha and omega"], ["2", "0102", "Beta"]]
    assert table.quality["repeated_headers_dropped"] == 1 and table.quality["split_rows_merged"] == 1


def test_a_body_row_is_not_taken_for_a_cut_header() -> None:
    assert repeats_header_row([(0, "No"), (1, "Name of the specialty")], [(0, "No"), (1, "Name")])
    assert repeats_header_row([(0, "No"), (1, "Name")], [(0, ""), (1, "Name")])
    assert not repeats_header_row([(0, "No"), (1, "Name")], [(0, "1"), (1, "Name")])
    assert not repeats_header_row([(0, "No"), (1, "Name")], [(0, ""), (1, "")])
    assert not repeats_header_row([(0, "No"), (1, "Name")], [(0, "No")])


def test_a_word_wider_than_its_column_does_not_set_the_padding() -> None:
    """Regression: a header word that runs past its narrow cell's edge (negative room) was taken
    as the table's cell padding, so no wrapped line of the table counted as full and words cut by
    the wrap were joined with a space."""
    wide = ("Name", "Overlonghe")  # ends 2 pt past its cell
    cells = [((50.0, 600.0, 100.0, 620.0), wide[0]), ((100.0, 600.0, 150.0, 620.0), wide[1]),
             ((50.0, 620.0, 100.0, 660.0), "abcdefgh"), ((100.0, 620.0, 150.0, 660.0), "x")]
    chars = []
    for box, text in cells:
        chars += _chars(box, text)
    # the body cell wraps: a second line under the first, its first glyph would not have fitted
    chars += [{"text": "ij", "x0": 52.0, "x1": 62.0, "top": 640.0, "bottom": 648.0, "size": 8.0, "upright": True}]
    # the header word runs past its cell's right edge (150) on a line that another line follows
    chars += [{"text": "z", "x0": 102.0, "x1": 107.0, "top": 611.0, "bottom": 619.0, "size": 8.0, "upright": True}]
    grid = boxes_to_grid([b for b, _ in cells], chars, 1, "t.pdf", "test")
    assert grid is not None
    header = next(c for c in grid.cells if c.row == 0 and c.col == 1)
    assert header.lines == ("Overlonghe", "z")
    body = next(c for c in grid.cells if c.row == 1 and c.col == 0)
    assert body.lines == ("abcdefgh", "ij") and body.full_lines[0]


def test_row_under_a_cell_spanning_the_page_break_is_not_merged() -> None:
    """Regression: a cell spanning two rows ("1." over two indicator rows) cut by the page break
    leaves the next page's row with an empty key column; it was glued to the row above as the rest
    of a cut row. The page drew a rule under the finished row's other cells but not under the
    spanning key cell: that row was finished."""
    from dataclasses import replace

    first = _grid(1, _rows(600, [["No", "Name", "Value"], ["1.", "Indicator one", "81"]], XS))
    second = _grid(2, _rows(40, [["", "Indicator two", "100"], ["2.", "Indicator three", "7"]], XS))
    finished = replace(first, bottom_rules=((100.0, 500.0),))  # no rule under the key cell (50-100)
    [table] = stitch_grids([finished, second], [])
    assert _texts(table)[1:] == [["1.", "Indicator one", "81"], ["", "Indicator two", "100"],
                                 ["2.", "Indicator three", "7"]]  # fmt: skip
    # a rule under every cell (reportlab closes a cut row at the page foot) or none: merged
    for rules in (((50.0, 500.0),), ()):
        [table] = stitch_grids([replace(first, bottom_rules=rules), second], [])
        assert _texts(table)[1] == ["1.", "Indicator one Indicator two", "81 100"]


def test_rules_along_the_bottom_edge_are_merged_and_clipped() -> None:
    from extract.tables.ruled import rules_along

    edges = [{"orientation": "h", "top": 700.5, "x0": 40.0, "x1": 120.0},
             {"orientation": "h", "top": 700.0, "x0": 119.0, "x1": 300.0},
             {"orientation": "h", "top": 650.0, "x0": 40.0, "x1": 600.0},  # another height
             {"orientation": "v", "top": 600.0, "x0": 300.0, "x1": 300.0},
             {"orientation": "h", "top": 701.0, "x0": 400.0, "x1": 700.0}]  # fmt: skip
    assert rules_along(edges, 700.0, 50.0, 500.0) == ((50.0, 300.0), (400.0, 500.0))


def test_a_number_cut_before_its_comma_counts_the_comma_in_what_had_to_fit() -> None:
    """Regression: "8" / "1,7" in a narrow column: a renderer cannot break before the comma, so
    "1," had to fit after "8"; measuring only "1" (and asking for 10 % more room than that) left
    the line not full and the number came out "8 1,7"."""
    from extract.chars_to_lines import chars_to_lines

    line = [{"text": t, "x0": x, "x1": x + w, "top": 100.0, "bottom": 108.0, "size": 8.0, "upright": True}
            for t, x, w in (("1", 10.0, 4.5), (",", 14.5, 2.0), ("7", 16.5, 4.5))]  # fmt: skip
    [text_line] = chars_to_lines(line, 1)
    assert text_line.text == "1,7" and text_line.first_width == 6.5


def test_grids_keep_their_cells_in_position_order() -> None:
    """Stitching reads header rows from the start of ``cells`` (``_top_row_cells``): every grid
    the pipeline makes, stitched ones included, keeps its cells sorted by (row, col)."""
    from core.grid import BY_POSITION
    from extract.pdf_to_document import pdf_to_document
    from extract.stitch import _top_row_cells
    from tests.conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.pdf")):
        for table in pdf_to_document(path, "pdfium").tables:
            assert list(table.cells) == sorted(table.cells, key=BY_POSITION), (path.name, table.index)
            for r in range(min(3, table.n_rows)):
                assert _top_row_cells(table, r) == table.row(r)
