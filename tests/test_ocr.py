"""OCR of scanned PDFs (extract/ocr_to_document.py, extract/readers/ocr_*.py): a generated scan with known text, and the three
real scans in ../shared/real_pdfs. Skipped when tesseract or its kaz/rus data are missing."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from core.document import Document
from core.grid import TableGrid
from extract.ocr_to_document import pdf_to_document_ocr
from extract.readers.ocr_tesseract import tesseract_languages, tesseract_path

REAL_PDFS = Path(__file__).resolve().parents[2] / "shared" / "real_pdfs"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

pytestmark = pytest.mark.skipif(
    tesseract_path() is None or not {"kaz", "rus", "osd"} <= tesseract_languages(),
    reason="needs tesseract with kaz, rus and osd data (apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)",
)

# --------------------------------------------------------------------------- a generated scan

HEADER = ["№", "Мамандық атауы", "Наименование", "Орын саны"]
BODY = [
    ["1", "Бағдарламалық қамтамасыз ету", "Программное обеспечение", "125"],
    ["2", "Электр энергетикасы", "Электроэнергетика", "75"],
    ["3", "Құрылыс және пайдалану", "Строительство и эксплуатация", "250"],
    ["4", "Тамақтандыру ұйымдары", "Организация питания", "50"],
    ["5", "Есеп және аудит", "Учёт и аудит", "100"],
]
COLS = [40.0, 70.0, 250.0, 430.0, 520.0]  # x of the rules, points
TOP, ROW_H = 120.0, 28.0
DPI = 200  # the scan's resolution (the real scans are 150 and 200 dpi)


def _text_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("OcrTestSans", str(FONT)))
    width, height = 595.0, 842.0
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont("OcrTestSans", 13)
    c.drawString(COLS[0], height - 80, "Мемлекеттік білім беру тапсырысы")
    rows = [HEADER, *BODY]
    bottom = TOP + ROW_H * len(rows)
    c.setLineWidth(1)
    for i in range(len(rows) + 1):
        y = height - (TOP + i * ROW_H)
        c.line(COLS[0], y, COLS[-1], y)
    for x in COLS:
        c.line(x, height - TOP, x, height - bottom)
    c.setFont("OcrTestSans", 10)
    for r, row in enumerate(rows):
        y = height - (TOP + r * ROW_H + ROW_H / 2 + 3.5)
        for k, text in enumerate(row):
            c.drawString(COLS[k] + 5, y, text)
    c.showPage()
    c.save()


def make_scan(tmp: Path, rotate: int = 0) -> Path:
    """A ruled table drawn with reportlab, rasterised (pypdfium2) and saved as an image-only PDF
    (no text layer); ``rotate``: degrees counter-clockwise, as a page scanned sideways."""
    import pypdfium2 as pdfium

    text_pdf = tmp / "table.pdf"
    _text_pdf(text_pdf)
    pdf = pdfium.PdfDocument(str(text_pdf))
    image = pdf[0].render(scale=DPI / 72).to_pil().convert("L")
    pdf.close()
    if rotate:
        image = image.rotate(rotate, expand=True)
    scan = tmp / f"scan_{rotate}.pdf"
    image.save(scan, "PDF", resolution=DPI)
    return scan


def _cell_texts(grid: TableGrid) -> list[list[str]]:
    return [[" ".join(" ".join(c.lines).split()) for c in row] for row in grid.rows()]


@pytest.mark.skipif(not FONT.is_file(), reason="needs fonts-dejavu-core")
@pytest.mark.parametrize("rotate", [0, 90])
def test_generated_scan(tmp_path: Path, rotate: int) -> None:
    import pdfplumber

    scan = make_scan(tmp_path, rotate)
    with pdfplumber.open(scan) as pdf:  # really a scan: no characters, one image
        assert not pdf.pages[0].chars and pdf.pages[0].images
    doc = pdf_to_document_ocr(scan)
    assert isinstance(doc, Document) and doc.n_pages == 1 and len(doc.source_sha256) == 64
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (len(BODY) + 1, len(HEADER))
    assert table.backend == "ocr-tesseract"
    # boxes in PDF points of the upright page: the rules were drawn at COLS and TOP
    assert table.col_edges == pytest.approx(COLS, abs=2.5)
    assert table.bbox[1] == pytest.approx(TOP, abs=2.5)
    expected = [HEADER, *BODY]
    got = _cell_texts(table)
    exact = sum(
        g == e for grow, erow in zip(got, expected, strict=True) for g, e in zip(grow, erow, strict=True)
    )
    total = sum(len(r) for r in expected)
    assert exact / total >= 0.9, f"{exact}/{total} cells exact: {got}"
    # the title outside the table is a text line, Kazakh letters intact
    assert any("білім беру тапсырысы" in x.text for x in doc.text_lines), [x.text for x in doc.text_lines]


# --------------------------------------------------------------------------- the real scans

SCANS = {
    "astana_energy_anticorruption_plan_scan_ru.pdf": {"cols": 6, "min_rows": 4, "pages": (1, 2),
                                                       "words": ["Мероприятие", "01.09.2023", "складом"]},
    "astana_energy_service_quality_indicators_scan_ru.pdf": {"cols": 7, "min_rows": 4, "pages": (1,),
                                                             "words": ["Достижение", "2372,54", "Гкал/час"]},
    "astana_energy_tariff_estimate_report_scan_ru.pdf": {"cols": 7, "min_rows": 60, "pages": (1, 2, 3, 4, 5),
                                                         "words": ["Наименование показателей", "Амортизация",
                                                                   "тыс. тенге"]},
}  # fmt: skip

_CYR = re.compile(r"[А-Яа-яЁё]")
_KZ = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@pytest.fixture(scope="module")
def real_docs() -> dict[str, tuple[Document, float]]:
    if not REAL_PDFS.is_dir():
        pytest.skip(f"{REAL_PDFS} is absent")
    out = {}
    for name in SCANS:
        start = time.perf_counter()
        doc = pdf_to_document_ocr(REAL_PDFS / name)
        out[name] = (doc, time.perf_counter() - start)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCANS))
def test_real_scan_tables(real_docs: dict[str, tuple[Document, float]], name: str) -> None:
    doc, seconds = real_docs[name]
    want = SCANS[name]
    table = max(doc.tables, key=lambda t: t.n_rows * t.n_cols)
    texts = _cell_texts(table)
    print(
        f"\n{name}: {doc.n_pages} pages in {seconds:.1f}s; tables {[(t.pages, t.n_rows, t.n_cols) for t in doc.tables]}"
    )
    for row in texts[:4]:
        print("   |", " | ".join(t[:30] for t in row))
    assert table.n_cols == want["cols"]
    assert table.n_rows >= want["min_rows"]
    assert table.pages == want["pages"]
    joined = "\n".join(" ".join(r) for r in texts)
    for word in want["words"]:
        assert word in joined, word
    # Russian comes out as Russian: Kazakh-only letters are rare slips
    letters = len(_CYR.findall(joined)) + len(_KZ.findall(joined))
    assert letters > 300
    assert len(_KZ.findall(joined)) / letters < 0.01
    # most cells of the body are filled
    body = [t for row in texts[table.header_rows :] for t in row]
    assert sum(bool(t) for t in body) / len(body) >= 0.6


@pytest.mark.slow
def test_real_scan_rotated_page_reads_upright(real_docs: dict[str, tuple[Document, float]]) -> None:
    doc, _ = real_docs["astana_energy_anticorruption_plan_scan_ru.pdf"]
    assert any("ПЛАН МЕРОПРИЯТИЙ" in x.text for x in doc.text_lines)
    table = doc.tables[0]
    # the page was turned upright: the table is wider than it is tall, in a landscape frame
    assert table.bbox[2] > 600 and table.bbox[2] - table.bbox[0] > 700
