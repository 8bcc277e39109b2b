"""The per-character pdfium reader in C (extract/_pdfium_read.c) against its Python reference.

Both must give the same characters (every key, every float to the last bit) and the same glyph
tuples on every page: the datasets then cannot depend on whether the extension was built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers import pdfium_calls, pdfium_chars, pdfium_paths
from extract.readers.pdfium_pages import PdfiumPDF
from tests.conftest import REAL_PDFS, SAMPLES
from tests.test_pdfium_reader import _made_pdf

PDFS = sorted(SAMPLES.glob("*.pdf")) + (sorted(REAL_PDFS.glob("*.pdf")) if REAL_PDFS.is_dir() else [])


def test_the_extension_is_built() -> None:
    """``pip install`` compiles it (gcc and the Python headers are on every machine we target);
    without it the pipeline still works, at a third of the reading speed."""
    assert pdfium_calls._read_c is not None, "extract/_pdfium_read.c was not compiled: run `make setup`"


def _both(path: Path) -> list[tuple[int, list, list, list, list]]:
    pages = []
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            tp = page._page.get_textpage()
            try:
                addr = pdfium_calls._addr(tp.raw)
                ref = pdfium_chars.page_chars_py(addr, page._geo, page._descents)
                fast = pdfium_chars.page_chars(addr, page._geo, page._descents)
            finally:
                tp.close()
            glyphs = [[g[:8] for g in getattr(chars, "glyphs", None) or []] for chars in (ref, fast)]
            pages.append((page.page_number, list(ref), list(fast), glyphs[0], glyphs[1]))
    return pages


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_c_reader_gives_the_python_readers_characters(path: Path) -> None:
    for page_no, ref, fast, ref_glyphs, fast_glyphs in _both(path):
        assert fast == ref, f"page {page_no}"
        assert fast_glyphs == ref_glyphs, f"page {page_no}"


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_c_reader_gives_the_python_readers_path_objects(path: Path) -> None:
    """Matrices (through form XObjects), fill and stroke flags and subpaths, object for object."""
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            handle = pdfium_calls._addr(page._page.raw)
            ref_memo: dict[float, float] = {}
            fast_memo: dict[float, float] = {}
            ref = pdfium_paths.page_path_objects_py(handle, ref_memo)
            assert pdfium_paths.page_path_objects(handle, fast_memo) == ref, f"page {page.page_number}"
            assert fast_memo == ref_memo


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
def test_c_reader_on_a_turned_page_with_forms_and_offset_mediabox(tmp_path: Path) -> None:
    made = _made_pdf(tmp_path)
    pages = _both(made)
    assert any(not c["upright"] for _, _, fast, _, _ in pages for c in fast)
    for page_no, ref, fast, ref_glyphs, fast_glyphs in pages:
        assert fast == ref and fast_glyphs == ref_glyphs, f"page {page_no}"
    subpaths = []
    with PdfiumPDF(made) as pdf:
        for page in pdf.pages:
            handle = pdfium_calls._addr(page._page.raw)
            objects = pdfium_paths.page_path_objects(handle, {})
            assert objects == pdfium_paths.page_path_objects_py(handle, {})
            subpaths.append(sum(len(o[3]) for o in objects))
    assert subpaths[0] >= 9 + 1  # the form's 9 lines and its rect, read inside the XObject


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
def test_glyph_tuples_point_at_their_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    with PdfiumPDF(PDFS[0]) as pdf:
        chars = next(p.chars for p in pdf.pages)
        glyphs = chars.glyphs  # type: ignore[attr-defined]
        ids = {id(c) for c in chars}
        assert glyphs and all(id(g[8]) in ids and g[8]["text"] == g[6] and g[8]["x0"] == g[2] for g in glyphs)
    monkeypatch.setattr(pdfium_calls, "FAST_READER", False)
    with PdfiumPDF(PDFS[0]) as pdf:
        assert next(p.chars for p in pdf.pages) == chars


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
def test_c_characters_read_as_the_python_readers_dicts() -> None:
    """The C reader's characters (Char, not dicts: a third of the cost) answer every way a dict
    is read: keys in the same order, values, get, in, len, iteration, ==, dict(), pickling."""
    import copy
    import pickle
    from collections.abc import Mapping

    for page_no, ref, fast, _, _ in _both(PDFS[0])[:2]:
        assert ref and len(fast) == len(ref), f"page {page_no}"
        for c, r in zip(fast, ref, strict=True):
            assert type(c) is pdfium_calls._read_c.Char and isinstance(c, Mapping)
            assert list(c) == list(r) and c.keys() == list(r.keys()) and c.values() == list(r.values())
            assert c.items() == list(r.items()) and dict(c) == r and {**c} == r and len(c) == len(r)
            assert c == r and r == c and not (c != r) and c == c
            assert all(c[k] == r[k] and c.get(k) == r[k] and k in c for k in r)
            assert c.get("missing") is None and c.get("missing", 7) == 7 and "missing" not in c
            assert pickle.loads(pickle.dumps(c)) == r and type(copy.copy(c)) is dict
            assert repr(c) == repr(r)
        c = fast[0]
        assert c != dict(r, text="?")
        with pytest.raises(KeyError):
            c["missing"]
        with pytest.raises(TypeError):
            hash(c)
        with pytest.raises(TypeError):
            c["text"] = "x"  # type: ignore[index]


def _shapes_pdf(tmp_path: Path) -> Path:
    """Lines, rectangles (stroked, filled, drawn as four lines and closed), curves, a circle."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "shapes.pdf"
    c = Canvas(str(path), pagesize=(400, 400), invariant=1)
    c.line(10, 10, 200, 10)
    c.rect(20, 20, 100, 50, stroke=1, fill=0)
    c.rect(20, 80, 100, 0.5, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(150, 150)
    p.lineTo(250, 150)
    p.lineTo(250, 200)
    p.lineTo(150, 200)
    p.lineTo(150, 150)
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    q = c.beginPath()
    q.moveTo(10, 300)
    q.curveTo(50, 350, 100, 250, 150, 300)
    q.lineTo(160, 320)
    c.drawPath(q, stroke=1, fill=0)
    c.circle(300, 300, 30, stroke=1, fill=1)
    c.showPage()
    c.save()
    return path


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
def test_painted_paths_same_as_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines, rects and curves painted in C: the same object dicts (keys in the same order)."""
    for path in [_shapes_pdf(tmp_path), *PDFS[:8]]:
        with PdfiumPDF(path) as pdf:
            for page in pdf.pages:
                handle = pdfium_calls._addr(page._page.raw)
                fast = pdfium_paths.page_paths(handle, page._geo)
                monkeypatch.setattr(pdfium_calls, "FAST_READER", False)
                ref = pdfium_paths.page_paths(handle, page._geo)
                monkeypatch.setattr(pdfium_calls, "FAST_READER", True)
                assert fast == ref, f"{path.name} p{page.page_number}"
                assert [list(o) for k in fast for o in fast[k]] == [list(o) for k in ref for o in ref[k]]
                if path.name == "shapes.pdf":
                    assert fast["line"] and fast["rect"] and fast["curve"]


@pytest.mark.skipif(pdfium_calls._read_c is None, reason="extension not built")
def test_edges_made_in_c_are_pdfplumbers(tmp_path: Path) -> None:
    """pdfplumber's line_to_edge and rect_to_edges in C: the same edge dicts (keys in the same
    order, values of the same types) on every page of the shapes PDF, the samples and the real
    PDFs; odd values (int coordinates, a line with top != bottom) too."""
    for path in [_shapes_pdf(tmp_path), *PDFS]:
        with PdfiumPDF(path) as pdf:
            for page in pdf.pages:
                objects = pdfium_paths.page_paths(pdfium_calls._addr(page._page.raw), page._geo)
                fast, ref = pdfium_paths.paths_to_edges(objects), pdfium_paths.paths_to_edges_py(objects)
                assert fast == ref, f"{path.name} p{page.page_number}"
                assert [list(e.items()) for e in fast] == [list(e.items()) for e in ref]
                assert [type(v) for e in fast for v in e.values()] == [type(v) for e in ref for v in e.values()]
    odd = {"line": [{"x0": 1, "top": 2, "bottom": 3, "x1": 4}],
           "rect": [{"x0": 1, "y0": 2, "x1": 3, "y1": 4, "top": 5, "bottom": 6, "height": 1.5, "doctop": 7,
                     "width": 2, "extra": None}]}  # fmt: skip
    assert pdfium_paths.paths_to_edges(odd) == pdfium_paths.paths_to_edges_py(odd)
    with pytest.raises(KeyError):
        pdfium_paths.paths_to_edges({"line": [], "rect": [{"x0": 1}]})


def test_characters_of_a_line_share_their_float_objects() -> None:
    """One float object per repeated value (top, bottom, doctop, size along a line; a glyph's x0
    that is the x1 before it): several times fewer objects to make and free per character, and
    each value still the Python reader's to the last bit (the tests above)."""
    import struct

    for _, ref, fast, _, _ in _both(PDFS[0])[:2]:
        objects = {id(c[k]) for c in fast for k in ("x0", "x1", "top", "bottom", "doctop", "size")}
        assert len(objects) < 3 * len(fast)  # six per character before
        for c, r in zip(fast, ref, strict=True):
            for k in ("x0", "x1", "top", "bottom", "doctop", "size"):
                assert struct.pack("<d", c[k]) == struct.pack("<d", r[k])  # -0.0 stays -0.0
