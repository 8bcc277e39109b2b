"""Tables that are not fully ruled (extract/tables/text_aligned.py): found when they are tables, never
in prose, two-column text or forms; ruled tables unchanged.

The test PDF is generated here with reportlab: page 1 holds a table in aligned columns with a
header and eight rows, no vertical rules, only a rule above and below; page 2 holds numbered
prose paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import extract.pdf_to_document as document
from core.settings import DEFAULT_LAYOUT
from extract.pdf_to_document import pdf_to_document
from tests.conftest import REAL_PDFS, SAMPLES

HEADER = ["Р/с", "Мамандық атауы", "Орын саны", "Құны, теңге"]
BODY = [
    ["1", "Бағдарламалық қамтамасыз ету", "25", "465 161"],
    ["2", "Есеп және аудит", "30", "398 200"],
    ["3", "Мейрамхана ісі", "20", "412 050"],
    ["4", "Электр жабдықтары", "15", "501 300"],
    ["5", "Туризм", "25", "377 900"],
    ["6", "Сәндік-қолданбалы өнер", "10", "455 000"],
    ["7", "Құрылыс", "35", "520 100"],
    ["8", "Тігін өндірісі", "12", "366 400"],
]
PROSE = (
    "Осы бұйрық Қазақстан Республикасы Білім және ғылым министрлігінің техникалық және кәсіптік "
    "білім беру ұйымдарына арналған үлгілік қағидаларына өзгерістер енгізу туралы. Білім беру "
    "ұйымдары оқу жылының басында қабылдау комиссиясын құрады және оның жұмысын ұйымдастырады. "
)
TEXT_ONLY = [
    "college_training_centre_regulation_kk_ru.pdf",  # two-column kk | ru text and a letterhead
    "adilet_kk_mon_order305_2019_tvet_admission_amendment.pdf",  # text only
    "adilet_kk_mon_order172_2020_education_documents_forms.pdf",  # form layout
]


def _font() -> str:
    for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        for path in folder.rglob("DejaVuSans.ttf"):
            pdfmetrics.registerFont(TTFont("TTDejaVu", str(path)))
            return "TTDejaVu"
    pytest.skip("DejaVuSans.ttf is not installed")


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


@pytest.fixture(scope="module")
def text_table_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    font = _font()
    path = tmp_path_factory.mktemp("text_tables") / "unruled_table.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    c.setFont(font, 11)
    y = height - 72
    c.drawString(72, y, "Қосымша 1. Колледждер бойынша мемлекеттік білім беру тапсырысы")
    y -= 30
    xs = [72, 110, 330, 420]
    c.setLineWidth(0.8)
    c.line(72, y + 14, 540, y + 14)
    for x, text in zip(xs, HEADER, strict=True):
        c.drawString(x, y, text)
    y -= 20
    for row in BODY:
        for j, (x, text) in enumerate(zip(xs, row, strict=True)):
            if j == 3:  # numbers right-aligned, as they are printed
                c.drawRightString(x + 60, y, text)
            else:
                c.drawString(x, y, text)
        y -= 18
    c.line(72, y + 12, 540, y + 12)
    c.drawString(72, y - 20, "Бұйрық қол қойылған күнінен бастап қолданысқа енгізіледі.")
    c.showPage()
    c.setFont(font, 11)
    y = height - 72
    for k in range(1, 7):
        for line in _wrap(f"{k}. {PROSE}{PROSE}", 85):
            c.drawString(72, y, line)
            y -= 15
        y -= 8
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_unruled_table_found_with_its_rows_and_columns(text_table_pdf: Path, backend: str) -> None:
    """Either reader finds it (the pdfium fast path with its own characters and without camelot's
    second opinions, which re-read the page with pdfminer)."""
    doc = pdf_to_document(text_table_pdf, reader=backend)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.pages == (1,)
    if backend == "pdfium":
        assert table.backend == "pdfium-text"
    else:
        assert table.backend in {"pdfplumber-text", "camelot-network", "camelot-stream"}
    assert (table.n_rows, table.n_cols, table.header_rows) == (1 + len(BODY), len(HEADER), 1)
    rows = [[" ".join(c.lines) for c in row] for row in table.rows()]
    assert rows == [HEADER, *BODY]
    assert table.quality["score"] >= DEFAULT_LAYOUT.min_score
    assert {"fill", "alignment", "intact", "short_cells"} <= set(table.quality)
    # the table's text is not page text; the title and the closing sentence are
    page1 = [line.text for line in doc.text_lines if line.page == 1]
    assert len(page1) == 2 and page1[0].startswith("Қосымша 1.") and page1[1].startswith("Бұйрық")


def test_prose_page_gives_no_table(text_table_pdf: Path) -> None:
    doc = pdf_to_document(text_table_pdf)
    assert all(t.pages == (1,) for t in doc.tables)
    assert any(line.page == 2 for line in doc.text_lines)


def test_pdfium_backend_never_asks_camelot(text_table_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.tables.text_aligned as text_tables

    def no_camelot(*args: object, **kwargs: object) -> None:
        raise AssertionError("camelot was asked on the pdfium path")

    monkeypatch.setattr(text_tables, "_camelot_edges", no_camelot)
    assert len(pdf_to_document(text_table_pdf, reader="pdfium").tables) == 1


@pytest.mark.skipif(not REAL_PDFS.is_dir(), reason="../shared/real_pdfs is not here")
@pytest.mark.parametrize("name", TEXT_ONLY)
def test_real_text_only_pdfs_give_no_table(name: str) -> None:
    assert pdf_to_document(REAL_PDFS / name).tables == ()


@pytest.mark.parametrize("pdf", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_ruled_samples_unchanged(pdf: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sample gives exactly the tables it gives without the fallback (all lattice)."""
    with_fallback = pdf_to_document(SAMPLES / pdf).tables
    monkeypatch.setattr(document, "page_to_text_grids", lambda *args, **kwargs: [])
    without = pdf_to_document(SAMPLES / pdf).tables
    assert with_fallback == without
    assert with_fallback and {t.backend for t in with_fallback} == {"pdfium-lattice"}  # the default reader
