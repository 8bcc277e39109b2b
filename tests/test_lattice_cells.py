"""The fast lattice cell finder finds exactly pdfplumber's cells (same boxes, same order).

Every page of every sample and every real PDF, read with pdfplumber (its own edges), and the
pdfium backend's pages too; plus small hand-made grids with spanning cells, a missing rule and
edges that end short of a corner, where the definitions differ most easily.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import TableFinder, TableSettings

from extract.readers.pdf_to_pages import open_pdf
from extract.tables.edges_to_cells import edges_to_intersections, intersections_to_cells, page_to_cell_boxes
from extract.tables.ruled import page_to_ruled_page, table_settings
from tests.conftest import REAL_PDFS, SAMPLES

PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(REAL_PDFS.glob("*.pdf"))


def _both(page: object) -> tuple[list[tuple[float, ...]], list[tuple[float, ...]]]:
    ruled = page_to_ruled_page(page)
    settings = table_settings(ruled)
    theirs = [tuple(c) for c in TableFinder(ruled, TableSettings.resolve(settings)).cells]  # type: ignore[arg-type]
    return theirs, page_to_cell_boxes(ruled, settings)


@pytest.mark.slow
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_same_cells_as_pdfplumber_on_every_page(pdf: Path) -> None:
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            theirs, ours = _both(page)
            assert ours == theirs, f"{pdf.name} p.{page.page_number}"
            page.flush_cache()
    with open_pdf(pdf, "pdfium") as doc:
        for page in doc.pages:
            theirs, ours = _both(page)
            assert ours == theirs, f"{pdf.name} p.{page.page_number} (pdfium)"


def _h(x0: float, x1: float, y: float) -> dict[str, object]:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}


def _v(x: float, top: float, bottom: float) -> dict[str, object]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}


def _pdfplumber_cells(edges: list[dict[str, object]]) -> list[tuple[float, ...]]:
    from pdfplumber.table import edges_to_intersections as their_points
    from pdfplumber.table import intersections_to_cells as their_cells

    return [tuple(c) for c in their_cells(their_points(edges, 3, 3))]


GRIDS = {
    "plain 2x2": [_h(0, 100, 0), _h(0, 100, 10), _h(0, 100, 20), _v(0, 0, 20), _v(50, 0, 20), _v(100, 0, 20)],
    "spanning header": [_h(0, 100, 0), _h(0, 100, 20), _h(0, 100, 30), _h(50, 100, 10),
                        _v(0, 0, 30), _v(50, 10, 30), _v(100, 0, 30)],
    "missing inner rule": [_h(0, 100, 0), _h(0, 40, 10), _h(0, 100, 20), _v(0, 0, 20), _v(50, 0, 20), _v(100, 0, 20)],
    "rules ending short": [_h(0, 98, 0), _h(2, 100, 10), _v(1, 0, 9), _v(99, 1, 10), _v(50, 0, 10)],
    "two tables": [_h(0, 50, 0), _h(0, 50, 10), _v(0, 0, 10), _v(50, 0, 10),
                   _h(0, 50, 40), _h(0, 50, 52), _v(0, 40, 52), _v(25, 40, 52), _v(50, 40, 52)],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(GRIDS))
def test_same_cells_as_pdfplumber_on_drawn_grids(name: str) -> None:
    edges = GRIDS[name]
    ours = intersections_to_cells(edges_to_intersections(edges, 3, 3))
    assert ours == _pdfplumber_cells(edges)
    assert ours, "every grid here has at least one cell"
    from extract.tables import edges_to_cells as lattice_cells

    if lattice_cells._lattice_c is not None:
        assert lattice_cells._lattice_c.edges_to_cells(edges, 3, 3) == ours


@pytest.mark.skipif(__import__("extract.tables.edges_to_cells").tables.edges_to_cells._lattice_c is None, reason="not built")
def test_c_cells_same_as_pdfplumber_on_random_rules() -> None:
    """Random rules on a coarse grid (so ends meet, cross, fall short and repeat), -0.0 among
    the coordinates: the C steps give pdfplumber's cells, in its order."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extract.tables import edges_to_cells as lattice_cells

    coord = st.sampled_from([-0.0, 0.0, 2.5, 10.0, 12.0, 20.0, 30.0, 31.5, 40.0])
    h = st.builds(lambda a, b, y: _h(min(a, b), max(a, b), y), coord, coord, coord)
    v = st.builds(lambda a, b, x: _v(x, min(a, b), max(a, b)), coord, coord, coord)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.one_of(h, v), max_size=14))
    def check(edges: list[dict[str, object]]) -> None:
        ours = lattice_cells._lattice_c.edges_to_cells(edges, 3, 3)
        assert ours == _pdfplumber_cells(edges)
        assert ours == intersections_to_cells(edges_to_intersections(edges, 3, 3))

    check()


@pytest.mark.skipif(__import__("extract.tables.edges_to_cells").tables.edges_to_cells._lattice_c is None, reason="not built")
def test_c_grouping_of_cell_boxes_same_as_python() -> None:
    """Boxes sharing a corner after rounding to 0.1 (values on the rounding boundaries, -0.0)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extract.tables.cells_to_grid import group_cell_boxes, group_cell_boxes_py

    coord = st.sampled_from([-0.0, 0.0, 0.05, 0.15, 0.25, 10.0, 10.04, 10.05, 10.06, 20.0, 20.25, 30.35])
    box = st.tuples(coord, coord, coord, coord).map(lambda b: (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(box, max_size=12))
    def check(boxes: list[tuple[float, float, float, float]]) -> None:
        assert group_cell_boxes(boxes) == group_cell_boxes_py(boxes)

    check()


@pytest.mark.skipif(__import__("extract.tables.edges_to_cells").tables.edges_to_cells._lattice_c is None, reason="not built")
def test_c_edge_merging_same_as_pdfplumber() -> None:
    """Snapping (clusters chained within the tolerance, moved to their average), joining and the
    length filter: the same edges, in the same order, as pdfplumber's merge_edges + filter_edges."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from pdfplumber.table import merge_edges
    from pdfplumber.utils import filter_edges

    from extract.tables import edges_to_cells as lattice_cells

    coord = st.sampled_from([0.0, 0.5, 1.1, 2.9, 3.0, 3.2, 6.3, 10.0, 10.7, 14.0, 20.0, 21.5, 40.0])
    h = st.builds(lambda a, b, y: _h(min(a, b), max(a, b), y), coord, coord, coord)
    v = st.builds(lambda a, b, x: _v(x, min(a, b), max(a, b)), coord, coord, coord)

    def shape(edges: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return [(e["x0"], e["top"], e["x1"], e["bottom"], e["orientation"]) for e in edges]

    @settings(max_examples=400, deadline=None)
    @given(st.lists(v, max_size=10), st.lists(h, max_size=10), st.sampled_from([0, 1, 3]))
    def check(vs: list[dict[str, object]], hs: list[dict[str, object]], tol: int) -> None:
        ours = lattice_cells._lattice_c.merge_edges(vs, hs, tol, tol, tol, tol, 3)
        theirs = filter_edges(merge_edges([dict(e) for e in vs + hs], tol, tol, tol, tol), min_length=3)
        assert shape(ours) == shape(theirs)

    check()
