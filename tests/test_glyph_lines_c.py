"""Glyph tuples -> text lines in C (extract/_glyph_lines.c) against the Python reference."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extract.chars_to_lines as chars
from core.page import Glyph
from extract.readers.pdfium_pages import PdfiumPDF
from tests.conftest import REAL_PDFS, SAMPLES

PDFS = sorted(SAMPLES.glob("*.pdf")) + (sorted(REAL_PDFS.glob("*.pdf")) if REAL_PDFS.is_dir() else [])
built = pytest.mark.skipif(chars._lines_c is None, reason="extension not built")


def test_the_extension_is_built() -> None:
    assert chars._lines_c is not None, "extract/_glyph_lines.c was not compiled: run `make setup`"


@built
@pytest.mark.parametrize("path", [*PDFS[:3], *(pytest.param(p, marks=pytest.mark.slow) for p in PDFS[3:])],
                         ids=lambda p: p.name)  # fmt: skip
def test_same_lines_as_python_on_every_page(path: Path) -> None:
    """Whole pages and random subsets of their glyphs (like the cells of a table)."""
    rnd = random.Random(path.name)
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            glyphs = chars.chars_to_glyphs(page.chars)
            for subset in (glyphs, [g for g in glyphs if rnd.random() < 0.3]):
                ordered = sorted(subset, key=chars.CENTRE_KEY)
                assert chars.glyphs_to_lines(subset, page.page_number) == chars.glyphs_to_lines_py(subset, page.page_number)
                assert chars.glyphs_to_lines(ordered, 1, by_centre=True) == chars.glyphs_to_lines_py(ordered, 1, by_centre=True)


LETTERS = "абвҚқӘәҒғ" + "Aa1,.;:)%»"  # Kazakh letters (font change rule) and no-break-before marks


@st.composite
def glyph_lists(draw: st.DrawFn) -> list[Glyph]:
    """Glyphs on a few baselines, with ties, duplicates (fake bold), two fonts and odd sizes."""
    n = draw(st.integers(0, 60))
    out = []
    for _ in range(n):
        base = draw(st.sampled_from([100.0, 100.5, 103.0, 112.0, 130.0]))
        size = draw(st.sampled_from([0.0, 6.0, 9.5, 10.0, 12.0]))
        x0 = draw(st.floats(0, 300, allow_nan=False).map(lambda v: round(v, 1)))
        w = draw(st.sampled_from([0.0, 2.5, 5.0, 6.1]))
        top, bottom = base - size, base + draw(st.sampled_from([0.0, 2.0]))
        text = draw(st.sampled_from(list(LETTERS) + ["(cid:3)"]))
        font = draw(st.sampled_from(["F1", "F2", None]))
        g = ((top + bottom) / 2, size or (bottom - top) or 1.0, x0, x0 + w, top, bottom, text, font, {})
        out.append(g)
    return out


@built
@settings(max_examples=400, deadline=None)
@given(glyph_lists(), st.booleans())
def test_same_lines_as_python_on_generated_glyphs(glyphs: list[Glyph], by_centre: bool) -> None:
    if by_centre:
        glyphs = sorted(glyphs, key=chars.CENTRE_KEY)
    assert chars.glyphs_to_lines(glyphs, 2, by_centre) == chars.glyphs_to_lines_py(glyphs, 2, by_centre)


@built
@pytest.mark.parametrize("path", PDFS[:6], ids=lambda p: p.name)
def test_box_lines_same_as_python(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells read by bisection on the page's centres: boxes with edges exactly on glyph centres
    (the bisection's boundaries), random boxes, the whole page and an empty box."""
    from extract.tables import cells_to_grid as grid_build

    rnd = random.Random(path.name)
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            chars_ = page.chars
            centres, glyphs = grid_build.page_glyphs(chars_)
            boxes = [(0.0, 0.0, 2000.0, 2000.0), (10.0, 10.0, 10.0, 10.0)]
            for _ in range(20):
                if glyphs:
                    a, b = rnd.choice(glyphs), rnd.choice(glyphs)
                    boxes.append((min(a[2], b[2]), min(a[0], b[0]), max(a[3], b[3]), max(a[0], b[0])))
                x0, y0 = rnd.uniform(0, 500), rnd.uniform(0, 700)
                boxes.append((x0, y0, x0 + rnd.uniform(0, 200), y0 + rnd.uniform(0, 100)))
            for box in boxes:
                monkeypatch.setattr(chars, "FAST_LINES", True)
                fast = grid_build.box_to_lines(chars_, box, 1)
                assert chars._lines_c.box_glyphs(centres, glyphs, *box) == grid_build.glyphs_in_box(chars_, box)
                monkeypatch.setattr(chars, "FAST_LINES", False)
                assert fast == grid_build.box_to_lines(chars_, box, 1), box


@built
@pytest.mark.parametrize("path", PDFS[:6], ids=lambda p: p.name)
def test_chars_outside_same_as_python_and_keeps_the_glyphs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract import pdf_to_document as document
    from extract.tables import cells_to_grid as grid_build

    rnd = random.Random(path.name)
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            chars_ = page.chars
            for _ in range(5):
                x0, y0 = rnd.uniform(0, 400), rnd.uniform(0, 600)
                boxes = [(x0, y0, x0 + rnd.uniform(0, 300), y0 + rnd.uniform(0, 300))] * rnd.randint(0, 2)
                if chars_:  # a box edge exactly on a character's centre (less the slack)
                    c = rnd.choice(chars_)
                    boxes.append(((c["x0"] + c["x1"]) / 2 + 1, 0.0, 900.0, (c["top"] + c["bottom"]) / 2 - 1))
                fast = grid_build.chars_outside(chars_, boxes)
                assert list(fast) == grid_build._chars_outside_py(chars_, boxes)
                assert fast.glyphs == chars.chars_to_glyphs(list(fast))  # type: ignore[attr-defined]
                grids = [type("G", (), {"bbox": b})() for b in boxes]
                expect = document._outside(chars_, grids, 1.0)  # type: ignore[arg-type]
                monkeypatch.setattr(chars, "FAST_LINES", False)
                assert document._outside(chars_, grids, 1.0) == expect  # type: ignore[arg-type]
                monkeypatch.setattr(chars, "FAST_LINES", True)


@built
@pytest.mark.parametrize("path", [*PDFS[:3], *(pytest.param(p, marks=pytest.mark.slow) for p in PDFS[3:])],
                         ids=lambda p: p.name)  # fmt: skip
def test_documents_read_the_same_with_and_without_the_c_code(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end over the reader: tables (cells, spans, lines, full-line flags) and the text
    outside them are the same whichever code grouped the glyphs and placed the cells."""
    from core.errors import AdiletError
    from extract.pdf_to_document import pdf_to_document

    def read() -> object:
        try:
            return pdf_to_document(path, "pdfium")
        except AdiletError as exc:  # a scan: the same error either way
            return str(exc)

    fast = read()
    monkeypatch.setattr(chars, "FAST_LINES", False)
    assert read() == fast


@built
@settings(max_examples=300, deadline=None)
@given(glyph_lists())
def test_same_line_groups_as_python(glyphs: list[Glyph]) -> None:
    ordered = sorted(glyphs, key=chars.CENTRE_KEY)
    assert chars._lines_c.groups(ordered) == chars.glyph_line_groups_py(ordered)
    assert chars.glyphs_to_line_groups(glyphs) == chars.glyph_line_groups_py(ordered)
