"""The pdfium backend reads what the pdfplumber backend reads, and the datasets come out the same.

* characters and ruling edges of every sample page agree with pdfplumber's (rotated pages, a
  MediaBox that does not start at 0,0 and form XObjects included, on a PDF made here);
* ``adilet extract`` writes the same CSVs with either backend for every sample: every column of
  every dataset and every per-table CSV, except ``tables.backend`` (which names the backend) and
  the cell boxes of ``tables``, which may differ by one unit of their last decimal (pdfium keeps
  coordinates in single precision; pdfminer composes the page matrices in double precision);
* broken inputs get the same ``documents`` status with either backend.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pdfplumber
import pypdfium2 as pdfium
import pytest

from adilet.pipeline import run_extract
from adilet.process import process_file
from adilet.settings import ExtractSettings
from extract.readers.pdf_to_pages import open_pdf
from extract.readers.pdfium_pages import PdfiumPage
from tests.conftest import REAL_PDFS, SAMPLES, read_csv

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))
COORDS = ("x0", "top", "x1", "bottom")


def _glyphs(chars: list[dict]) -> list[dict]:
    return sorted((c for c in chars if not c["text"].isspace()), key=lambda c: (round(c["top"], 1), c["x0"], c["text"]))


def _unmatched_edges(a: list[dict], b: list[dict], tol: float = 0.02) -> list[tuple]:
    """Edges of ``a`` with no edge of ``b`` of the same orientation within ``tol`` on every side
    (and the edges of ``b`` left over), matched one to one."""
    key = ("x0", "top", "x1", "bottom")
    left = [e for e in b if e["orientation"]]
    missing = []
    for e in (e for e in a if e["orientation"]):
        hit = next((i for i, f in enumerate(left) if f["orientation"] == e["orientation"]
                    and all(abs(e[k] - f[k]) <= tol for k in key)), None)  # fmt: skip
        if hit is None:
            missing.append(("only pdfplumber", e["orientation"], *(round(e[k], 3) for k in key)))
        else:
            left.pop(hit)
    return missing + [("only pdfium", f["orientation"], *(round(f[k], 3) for k in key)) for f in left]


def _compare_pages(path: Path, x_tol: float) -> None:
    with pdfplumber.open(path) as plumber, open_pdf(path, "pdfium") as pdf:
        for page, fast in zip(plumber.pages, pdf.pages, strict=True):
            assert (fast.width, fast.height) == pytest.approx((page.width, page.height), abs=1e-3)
            a, b = _glyphs(page.chars), _glyphs(fast.chars)
            assert [c["text"] for c in a] == [c["text"] for c in b], f"{path.name} p{page.page_number}"
            for ca, cb in zip(a, b, strict=True):
                assert ca["upright"] == cb["upright"]
                if not ca["upright"]:
                    continue  # turned text is not read by the pipeline; its boxes are approximate
                assert (cb["x0"], cb["x1"]) == pytest.approx((ca["x0"], ca["x1"]), abs=x_tol), ca["text"]
                assert (cb["top"], cb["bottom"]) == pytest.approx((ca["top"], ca["bottom"]), abs=0.1), ca["text"]
                assert cb["size"] == pytest.approx(ca["size"], abs=0.01)
            assert _unmatched_edges(page.edges, fast.edges) == [], f"{path.name} p{page.page_number}"
            page.flush_cache()


# Known: WeasyPrint sets a whole justified body line as one text run; pdfium's integer glyph widths
# drift 0.98 pt from pdfminer's (and poppler's) positions by its end (page 1 of 107_..._kk, an act
# paragraph, not a table: the datasets are the same with either reader, see
# test_samples_same_datasets_with_either_backend). Strict: the mark fails once the drift is gone.
DRIFT_OVER_TOLERANCE = {"107_higher_education_universities_kk"}


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="pdfium width drift "
                                  "over a long WeasyPrint run")) if p.stem in DRIFT_OVER_TOLERANCE else p
                                  for p in SAMPLE_PDFS], ids=lambda p: p.stem)  # fmt: skip
def test_chars_and_edges_match_pdfplumber(path: Path) -> None:
    # pdfium keeps glyph widths as integers of 1/1000 em, so positions along a long run of text
    # drift from pdfminer's by up to ~0.5 pt where a font's widths are fractional (reportlab)
    _compare_pages(path, x_tol=0.6)


def _made_pdf(tmp_path: Path) -> Path:
    """A table drawn in a form XObject, on a page turned 90 degrees whose MediaBox starts at (30, 40)."""
    from reportlab.pdfgen.canvas import Canvas

    src = tmp_path / "made.pdf"
    c = Canvas(str(src), pagesize=(600, 800), invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(72, 740, "Title outside the table")
    c.beginForm("grid")
    for i in range(5):
        c.line(72, 700 - 20 * i, 372, 700 - 20 * i)
    for x in (72, 172, 272, 372):
        c.line(x, 700, x, 620)
    c.rect(400, 620, 100, 80, stroke=1, fill=0)
    for i in range(4):
        c.drawString(80, 685 - 20 * i, f"row {i} code 0{i}11")
    c.endForm()
    c.doForm("grid")
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(100, 500, "second page, not turned")
    c.line(100, 480, 400, 480)
    c.save()
    pdf = pdfium.PdfDocument(str(src))
    page = pdf[0]
    page.set_mediabox(30, 40, 630, 840)
    page.set_rotation(90)
    out = tmp_path / "turned.pdf"
    pdf.save(str(out))
    pdf.close()
    return out


def test_turned_page_offset_mediabox_and_forms(tmp_path: Path) -> None:
    _compare_pages(_made_pdf(tmp_path), x_tol=0.01)
    with open_pdf(_made_pdf(tmp_path), "pdfium") as pdf:
        pages = iter(pdf.pages)
        first = next(pages)
        assert isinstance(first, PdfiumPage) and first.rotation == 90
        assert len(first.edges) >= 9 + 4  # the form's 9 lines and its rect, found inside the XObject
        assert [c["text"] for c in first.chars if not c["upright"]][:5] == list("Title")


def _differences(a: Path, b: Path) -> list[str]:
    """CSV differences between two output folders, ignoring ``tables.backend`` and allowing the
    cell boxes of ``tables`` one unit of their last decimal."""
    names = sorted({p.relative_to(a) for p in a.rglob("*.csv")} | {p.relative_to(b) for p in b.rglob("*.csv")})
    problems = []
    for name in names:
        if not (a / name).is_file() or not (b / name).is_file():
            problems.append(f"{name}: only in one output")
            continue
        x, y = read_csv(a / name), read_csv(b / name)
        if list(x.columns) != list(y.columns) or len(x) != len(y):
            problems.append(f"{name}: shape {x.shape} != {y.shape}")
            continue
        for col in x.columns:
            if str(name) == "tables.csv" and col == "backend":
                continue
            if str(name) == "tables.csv" and col in COORDS:
                d = (pd.to_numeric(x[col]) - pd.to_numeric(y[col])).abs()
                bad = d > 0.0100001
            else:
                bad = x[col] != y[col]
            if bad.any():
                i = bad.idxmax()
                problems.append(f"{name}:{col}: {int(bad.sum())} rows, e.g. row {i}: {x[col][i]!r} != {y[col][i]!r}")
    return problems


def _extract_both(inputs: list[Path], tmp: Path) -> tuple[Path, Path]:
    outs = []
    for backend in ("pdfplumber", "pdfium"):
        out = tmp / backend
        run_extract(inputs, ExtractSettings(out_dir=out, reader=backend, workers=1, report=False))
        outs.append(out)
    return outs[0], outs[1]


def test_samples_same_datasets_with_either_backend(tmp_path: Path) -> None:
    plumber_out, pdfium_out = _extract_both(SAMPLE_PDFS, tmp_path)
    assert _differences(plumber_out, pdfium_out) == []
    tables = read_csv(pdfium_out / "tables.csv")
    assert set(tables["backend"]) == {"pdfium-lattice"}


ADILET_PDFS = sorted(REAL_PDFS.glob("adilet_*.pdf")) if REAL_PDFS.is_dir() else []


@pytest.mark.skipif(not ADILET_PDFS, reason="../shared/real_pdfs is not here")
def test_real_adilet_pdfs_same_table_csvs(tmp_path: Path) -> None:
    plumber_out, pdfium_out = _extract_both(ADILET_PDFS, tmp_path)
    assert _differences(plumber_out, pdfium_out) == []


def test_broken_inputs_same_status(tmp_path: Path) -> None:
    good = SAMPLE_PDFS[0].read_bytes()
    cases = {
        "truncated.pdf": good[: len(good) // 3],
        "garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
        "notpdf.pdf": b"hello, not a PDF",
    }
    from reportlab.pdfgen.canvas import Canvas

    enc = tmp_path / "encrypted.pdf"
    c = Canvas(str(enc), encrypt="secret")
    c.drawString(72, 720, "locked")
    c.save()
    paths = [enc]
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    for p in paths:
        a, b = process_file(p, "pdfplumber").document, process_file(p, "pdfium").document
        assert (a["status"], a["pages"]) == (b["status"], b["pages"]), (p.name, a["error"], b["error"])
        if p.name == "encrypted.pdf":
            assert "password" in str(b["error"])


def test_glyphs_without_unicode_map_read_as_cid_like_pdfminer(tmp_path: Path) -> None:
    """Regression: for a font without a ToUnicode map pdfium gave the glyph codes as characters
    (control characters for a subset font, tab and newline among them, so glyphs vanished as
    spaces); pdfminer writes "(cid:N)", which the pipeline keeps as printed and counts."""
    import pikepdf
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("NoMapDejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    drawn = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(drawn))
    c.setFont("NoMapDejaVu", 12)
    c.drawString(72, 700, "Қазақстан 2025 жыл, барлығы 12")
    c.save()
    unmapped = tmp_path / "unmapped.pdf"
    with pikepdf.open(drawn) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(unmapped)
    with pdfplumber.open(unmapped) as doc:
        theirs = [ch["text"] for ch in doc.pages[0].chars]
    with open_pdf(unmapped, "pdfium") as doc:
        ours = [ch["text"] for page in doc.pages for ch in page.chars]
    assert ours == theirs
    assert sum(t.startswith("(cid:") for t in ours) >= 10 and "2" in ours
    result = process_file(unmapped, reader="pdfium")
    # most of its glyphs do not decode (issue 16): named, with the advice, never a silent "ok"
    assert result.document["status"] == "bad_text_layer", result.document
    assert "rerun with --ocr" in str(result.document["error"])


def test_text_hidden_by_a_clipping_path_is_not_read(tmp_path: Path) -> None:
    """Regression (LibreOffice exports): the overflow of a repeated header row is drawn, then
    hidden by a clipping path; it was read into the first body cell ("көлемі (білім" among the
    places). A glyph whose centre lies outside its clip is left out; one cut by it is kept."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("ClipDejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    path = tmp_path / "clipped.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("ClipDejaVu", 10)
    c.drawString(72, 760, "Visible line")
    c.saveState()
    clip = c.beginPath()
    clip.rect(70, 700, 200, 30)  # y 700..730
    c.clipPath(clip, stroke=0, fill=0)
    c.drawString(72, 715, "Inside the clip")
    c.drawString(72, 690, "Hidden below")  # entirely under the clip's bottom
    c.drawString(250, 715, "Cut")  # starts inside, runs past the right edge at 270
    c.restoreState()
    c.save()
    with open_pdf(path, "pdfium") as doc:
        text = "".join(ch["text"] for page in doc.pages for ch in page.chars)
    assert "Visiblel" in text.replace(" ", "") and "Insidetheclip" in text.replace(" ", "")
    assert "Hidden" not in text
    assert "C" in text  # the glyph that starts inside stays
