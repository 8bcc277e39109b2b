"""The benchmark corpus: samples/, the real PDFs in ../shared/real_pdfs, and Adilet-like PDFs
generated on the fly into a temporary folder (never committed).

The generated documents imitate a TVET state-order act: an act page (title, act line, body
text), then an appendix whose ruled table (No / code / specialty name / places / city cost /
rural cost, two header rows, group rows and subtotals) runs over many pages with its header
repeated on each. Text is Kazakh in DejaVu fonts; the table grid is drawn with stroked lines
(reportlab ``Table``), unlike the samples' filled rectangles. Content comes from a seeded
random generator, so a given (documents, pages, seed) always renders the same PDFs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REAL_PDFS = ROOT.parent / "shared" / "real_pdfs"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

GROUPS = [
    "01 Педагогикалық ғылымдар", "02 Өнер және гуманитарлық ғылымдар", "04 Бизнес, басқару және құқық",
    "06 Ақпараттық-коммуникациялық технологиялар", "07 Инженерлік, өңдеу және құрылыс салалары",
    "08 Ауыл шаруашылығы және биоресурстар", "09 Денсаулық сақтау", "10 Қызметтер",
]  # fmt: skip
WORDS = [
    "технологиясы", "өндірісі", "жабдықтарын", "пайдалану", "және", "жөндеу", "қызмет", "көрсету",
    "ұйымдастыру", "электр", "энергетикалық", "қондырғыларын", "монтаждау", "бағдарламалық",
    "қамтамасыз", "ету", "тамақтандыру", "кәсіпорындарының", "өнімдерін", "сату", "көлік",
    "құралдарын", "тасымалдауды", "мейірбике", "ісі", "дизайн", "сәндік", "қолданбалы", "өнері",
    "құрылыс", "ғимараттар", "мен", "құрылыстарды", "салу", "есеп", "аудит", "қаржы", "бойынша",
]  # fmt: skip


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    pages: int
    kind: str  # "sample", "real" or "generated"


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def existing(kind: str, folder: Path) -> list[CorpusFile]:
    return [CorpusFile(p, page_count(p), kind) for p in sorted(folder.glob("*.pdf"))] if folder.is_dir() else []


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7))).capitalize()


def _cost(rng: random.Random) -> str:
    v = rng.randint(350_000, 990_000)
    return f"{v // 1000} {v % 1000:03d}"


def render_act(path: Path, pages: int, seed: int) -> None:
    """One generated act of about ``pages`` pages (act page + appendix table)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    for name, file in (("BenchSerif", "DejaVuSerif.ttf"), ("BenchSerif-Bold", "DejaVuSerif-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(DEJAVU / file)))
    rng = random.Random(seed)
    body = ParagraphStyle("body", fontName="BenchSerif", fontSize=11, leading=15)
    title = ParagraphStyle("title", parent=body, fontName="BenchSerif-Bold", alignment=1)
    cell = ParagraphStyle("cell", fontName="BenchSerif", fontSize=8.5, leading=10.5)
    day, number = rng.randint(1, 28), f"{rng.randint(10, 99)}/{rng.randint(1, 40)}"
    story = [
        Paragraph(f"Қарағанды облысының әкімдігінің 2025 жылғы {day} тамыздағы № {number} қаулысы", body),
        Spacer(1, 6 * mm),
        Paragraph("Техникалық және кәсіптік, орта білімнен кейінгі білімі бар кадрларды даярлауға 2025-2026 оқу "
                  "жылына арналған мемлекеттік білім беру тапсырысын бекіту туралы", title),  # fmt: skip
        Spacer(1, 6 * mm),
    ]
    for _ in range(6):
        story.append(Paragraph(" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".", body))
        story.append(Spacer(1, 3 * mm))
    story += [PageBreak(), Paragraph(f"Қарағанды облысы әкімдігінің 2025 жылғы {day} тамыздағы № {number} "
                                     "қаулысына 1-қосымша", body), Spacer(1, 4 * mm)]  # fmt: skip
    header = [
        ["№", Paragraph("Білім деңгейінің, мамандық және біліктілік коды", cell), Paragraph("Мамандық атауы", cell),
         Paragraph("2025-2026 оқу жылына мемлекеттік білім беру тапсырысы көлемі (орын саны)", cell),
         Paragraph("Оқу жылында бір маманды оқытуға жұмсалатын орташа шығыстар, теңге", cell), ""],
        ["", "", "", "", "қала", "ауыл"],
    ]  # fmt: skip
    rows: list[list[object]] = []
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("SPAN", (3, 0), (3, 1)),
        ("SPAN", (4, 0), (5, 0)), ("FONTNAME", (0, 0), (-1, -1), "BenchSerif"), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]  # fmt: skip
    n, per_page = 0, 27
    for _ in range(max(1, (pages - 1) * per_page // 8)):
        rows.append(["", Paragraph(rng.choice(GROUPS), cell), "", "", "", ""])
        style.append(("SPAN", (1, len(header) + len(rows) - 1), (5, len(header) + len(rows) - 1)))
        places = []
        for _ in range(rng.randint(3, 9)):
            n += 1
            p = rng.choice([15, 20, 25, 50, 75])
            places.append(p)
            rows.append([str(n), f"{rng.randint(1, 11):02d}{rng.randint(100000, 999999)}",
                         Paragraph(_name(rng), cell), str(p), _cost(rng), _cost(rng)])  # fmt: skip
        rows.append(["", "", Paragraph("Барлығы", cell), str(sum(places)), "", ""])
        if len(rows) >= (pages - 1) * per_page:
            break
    story.append(Table(header + rows, colWidths=[9 * mm, 28 * mm, 70 * mm, 28 * mm, 22 * mm, 22 * mm],
                       repeatRows=2, style=TableStyle(style)))  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, invariant=1).build(story)  # fmt: skip


def generated(folder: Path, documents: int = 12, pages: int = 30, seed: int = 2025) -> list[CorpusFile]:
    """``documents`` generated acts of about ``pages`` pages each in ``folder`` (rendered once)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(documents):
        path = folder / f"generated_{seed}_{i:03d}_{pages}p.pdf"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            render_act(tmp, pages, seed + i)
            tmp.rename(path)
        out.append(CorpusFile(path, page_count(path), "generated"))
    return out


def corpus(tmp: Path, documents: int = 12, pages: int = 30) -> list[CorpusFile]:
    """samples/ + ../shared/real_pdfs + the generated documents."""
    return existing("sample", SAMPLES) + existing("real", REAL_PDFS) + generated(tmp / "generated", documents, pages)
