"""The per-character pdfium reader in C (extract/_pdfium_read.c) against its Python reference.

Both must give the same characters (every key, every float to the last bit) and the same glyph
tuples on every page: the datasets then cannot depend on whether the extension was built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import extract.pdfium_backend as backend
from extract.pdfium_backend import PdfiumPDF
from tests.conftest import REAL_PDFS, SAMPLES
from tests.test_pdfium_backend import _made_pdf

PDFS = sorted(SAMPLES.glob("*.pdf")) + (sorted(REAL_PDFS.glob("*.pdf")) if REAL_PDFS.is_dir() else [])


def test_the_extension_is_built() -> None:
    """``pip install`` compiles it (gcc and the Python headers are on every machine we target);
    without it the pipeline still works, at a third of the reading speed."""
    assert backend._read_c is not None, "extract/_pdfium_read.c was not compiled: run `make setup`"


def _both(path: Path) -> list[tuple[int, list, list, list, list]]:
    pages = []
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            tp = page._page.get_textpage()
            try:
                addr = backend._addr(tp.raw)
                ref = backend.page_chars_py(addr, page._geo, page._descents)
                fast = backend.page_chars(addr, page._geo, page._descents)
            finally:
                tp.close()
            glyphs = [[g[:8] for g in getattr(chars, "glyphs", None) or []] for chars in (ref, fast)]
            pages.append((page.page_number, list(ref), list(fast), glyphs[0], glyphs[1]))
    return pages


@pytest.mark.skipif(backend._read_c is None, reason="extension not built")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_c_reader_gives_the_python_readers_characters(path: Path) -> None:
    for page_no, ref, fast, ref_glyphs, fast_glyphs in _both(path):
        assert fast == ref, f"page {page_no}"
        assert fast_glyphs == ref_glyphs, f"page {page_no}"


@pytest.mark.skipif(backend._read_c is None, reason="extension not built")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_c_reader_gives_the_python_readers_path_objects(path: Path) -> None:
    """Matrices (through form XObjects), fill and stroke flags and subpaths, object for object."""
    with PdfiumPDF(path) as pdf:
        for page in pdf.pages:
            handle = backend._addr(page._page.raw)
            ref_memo: dict[float, float] = {}
            fast_memo: dict[float, float] = {}
            ref = backend.page_path_objects_py(handle, ref_memo)
            assert backend.page_path_objects(handle, fast_memo) == ref, f"page {page.page_number}"
            assert fast_memo == ref_memo


@pytest.mark.skipif(backend._read_c is None, reason="extension not built")
def test_c_reader_on_a_turned_page_with_forms_and_offset_mediabox(tmp_path: Path) -> None:
    made = _made_pdf(tmp_path)
    pages = _both(made)
    assert any(not c["upright"] for _, _, fast, _, _ in pages for c in fast)
    for page_no, ref, fast, ref_glyphs, fast_glyphs in pages:
        assert fast == ref and fast_glyphs == ref_glyphs, f"page {page_no}"
    subpaths = []
    with PdfiumPDF(made) as pdf:
        for page in pdf.pages:
            handle = backend._addr(page._page.raw)
            objects = backend.page_path_objects(handle, {})
            assert objects == backend.page_path_objects_py(handle, {})
            subpaths.append(sum(len(o[3]) for o in objects))
    assert subpaths[0] >= 9 + 1  # the form's 9 lines and its rect, read inside the XObject


@pytest.mark.skipif(backend._read_c is None, reason="extension not built")
def test_glyph_tuples_point_at_their_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    with PdfiumPDF(PDFS[0]) as pdf:
        chars = next(p.chars for p in pdf.pages)
        glyphs = chars.glyphs  # type: ignore[attr-defined]
        ids = {id(c) for c in chars}
        assert glyphs and all(id(g[8]) in ids and g[8]["text"] == g[6] and g[8]["x0"] == g[2] for g in glyphs)
    monkeypatch.setattr(backend, "FAST_READER", False)
    with PdfiumPDF(PDFS[0]) as pdf:
        assert next(p.chars for p in pdf.pages) == chars
