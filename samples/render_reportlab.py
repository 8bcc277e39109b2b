"""reportlab rendering of the additional-education state order (seed 000).

The page is drawn with the canvas API: decree text, then the table with explicit grid lines, the
multi-line header (with the letter-spaced "а р н а л ғ а н" and "( н е м е с е )" lines of the
seed), direction rows, item rows wrapped as in the seed and the grand-total row whose annual sum
spans both cost columns.

Every text line is laid out once as "runs" (x position, text, extra character spacing) computed
from font A's advance widths.  The normal PDF draws the runs in reading order.  The out-of-order
PDF draws, on each line, the non-Kazakh characters first in font A and then the Kazakh-specific
letters one by one in font B at the x positions the layout gave them, as in Adilet PDFs whose
Kazakh letters come in a second font: the page looks the same, the content stream order is not
the reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"A": "DejaVuSans.ttf", "A-Bold": "DejaVuSans-Bold.ttf",
              "B": "DejaVuSerif.ttf", "B-Bold": "DejaVuSerif-Bold.ttf"}
KAZAKH = set("ӘәҒғҚқҢңӨөҰұҮүҺһ")

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 17 * mm, 10 * mm, 15 * mm, 15 * mm
TEXT_W = PAGE_W - LEFT - RIGHT
SIZE, LEAD = 9.5, 13.5             # table text
BODY_SIZE, BODY_LEAD = 12.0, 19.0   # decree text (about 1.5 line spacing)
PARA_GAP = 8.0
PAD = 5.0                          # cell padding
# Widths chosen so that the seed's wraps are the natural ones at SIZE (each printed line fits, the
# line plus the next word does not), and so the direction names fit on one line across р/н + name.
CONTENT_MM = (18.5, 37.3, 38.0, 34.5, 34.5)
COLS = tuple(c * mm + 2 * PAD for c in CONTENT_MM)


def register_fonts() -> None:
    for name, file in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            path = DEJAVU / file
            if not path.exists():
                raise SystemExit(f"missing font {path}: apt-get install fonts-dejavu-core")
            pdfmetrics.registerFont(TTFont(name, str(path)))


def width(text: str, font: str = "A", size: float = SIZE) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass
class Run:
    """Text drawn from x with its natural advances plus char_space after every character."""
    x: float
    text: str
    char_space: float = 0.0


def layout_line(text: str, x: float, avail: float, align: str,
                font: str = "A", size: float = SIZE) -> list[Run]:
    """align: left | center | right | justify (spread the word gaps) | spread (spread the letters)."""
    w = width(text, font, size)
    if w > avail + 0.01:
        raise ValueError(f"{text!r} ({w:.1f}pt) does not fit {avail:.1f}pt")
    if align == "center":
        return [Run(x + (avail - w) / 2, text)]
    if align == "right":
        return [Run(x + avail - w, text)]
    if align == "spread" and len(text) > 1:
        return [Run(x, text, (avail - w) / (len(text) - 1))]
    words = text.split(" ")
    if align != "justify" or len(words) == 1:
        return [Run(x, text)]
    gap = (avail - sum(width(wd, font, size) for wd in words)) / (len(words) - 1)
    runs, cur = [], x
    for wd in words:
        runs.append(Run(cur, wd))
        cur += width(wd, font, size) + gap
    return runs


def wrap(text: str, avail: float, font: str, size: float, indent: float = 0.0) -> list[str]:
    lines, cur = [], ""
    for word in text.replace("№ ", "№\ue000").split():      # keep "№" with its number
        word = word.replace("\ue000", " ")
        trial = f"{cur} {word}".strip()
        if cur and width(trial, font, size) > avail - (indent if not lines else 0):
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return lines + [cur]


@dataclass
class Writer:
    canvas: Canvas
    out_of_order: bool
    y: float = TOP                       # distance from the top edge of the page
    pending: list[tuple[float, list[Run], str, float]] = field(default_factory=list)

    def text(self, baseline: float, runs: list[Run], bold: bool = False, size: float = SIZE) -> None:
        """Draw one visual line; baseline is measured from the top of the page."""
        font = "A-Bold" if bold else "A"
        y = PAGE_H - baseline
        if not self.out_of_order:
            for run in runs:
                self._draw(run.x, y, run.text, font, size, run.char_space)
            return
        kazakh: list[tuple[float, str]] = []
        for run in runs:                       # pass 1: everything but the Kazakh letters, font A
            seg_x, seg = run.x, ""
            x = run.x
            for ch in run.text:
                if ch in KAZAKH:
                    if seg:
                        self._draw(seg_x, y, seg, font, size, run.char_space)
                    kazakh.append((x, ch))
                    seg = ""
                else:
                    if not seg:
                        seg_x = x
                    seg += ch
                x += width(ch, font, size) + run.char_space
            if seg:
                self._draw(seg_x, y, seg, font, size, run.char_space)
        for x, ch in kazakh:                   # pass 2: the Kazakh letters, font B, same positions
            self._draw(x, y, ch, "B-Bold" if bold else "B", size, 0.0)

    def _draw(self, x: float, y: float, text: str, font: str, size: float, char_space: float) -> None:
        t = self.canvas.beginText(x, y)
        t.setFont(font, size)
        t.setCharSpace(char_space)     # Tc outlives ET in PDF: always set it, also back to 0
        t.textOut(text)
        self.canvas.drawText(t)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.y = TOP


# ---------------------------------------------------------------- decree


def centred(w: Writer, text: str, font: str, size: float, lead: float) -> None:
    for line in wrap(text, TEXT_W - 20 * mm, font, size):
        w.y += lead
        w.text(w.y, layout_line(line, LEFT, TEXT_W, "center", font, size), font.endswith("Bold"), size)


def draw_decree(w: Writer, act: dict) -> None:
    centred(w, act["title"], "A-Bold", BODY_SIZE + 1, BODY_LEAD)
    w.y += BODY_LEAD * 0.5
    centred(w, act["act_line"], "A", BODY_SIZE, BODY_LEAD)
    w.y += BODY_LEAD * 0.5
    indent = 12 * mm
    for para in act["body"]:
        lines = wrap(para, TEXT_W, "A", BODY_SIZE, indent)
        for i, line in enumerate(lines):
            w.y += BODY_LEAD
            x = LEFT + (indent if i == 0 else 0)
            avail = TEXT_W - (indent if i == 0 else 0)
            align = "justify" if i < len(lines) - 1 else "left"
            w.text(w.y, layout_line(line, x, avail, align, "A", BODY_SIZE), size=BODY_SIZE)
        w.y += PARA_GAP
    w.y += BODY_LEAD
    runs = layout_line(act["signature"], LEFT + indent, TEXT_W - indent, "left", "A-Bold", BODY_SIZE)
    w.text(w.y, runs, True, BODY_SIZE)
    w.y += BODY_LEAD * 2


# ---------------------------------------------------------------- table


def col_x(i: int) -> float:
    return LEFT + sum(COLS[:i])


def cell_lines(w: Writer, lines: list[str], spaced: list[int], col: int, span: int, top: float,
               height: float, align: str, valign: str = "top") -> None:
    """Lines of one cell. align "justify" justifies all lines but the last; spaced lines spread."""
    x, avail = col_x(col) + PAD, sum(COLS[col:col + span]) - 2 * PAD
    # middle: whole half-leads below the top line, so baselines of neighbouring cells differ by 0 or
    # by >= LEAD / 2 (pdfplumber chains lines closer than 3pt into one and interleaves them)
    block = len(lines) * LEAD
    first = top + PAD if valign == "top" else top + PAD + (height - 2 * PAD - block) / 2
    for i, line in enumerate(lines):
        mode = align
        if i in spaced:
            mode = "spread"
        elif align == "justify" and i == len(lines) - 1:
            mode = "left"
        w.text(first + i * LEAD + SIZE * 0.93, layout_line(line, x, avail, mode))


def hline(w: Writer, y: float, col0: int, col1: int) -> None:
    w.canvas.line(col_x(col0), PAGE_H - y, col_x(col1), PAGE_H - y)


def vline(w: Writer, x: float, y0: float, y1: float) -> None:
    w.canvas.line(x, PAGE_H - y0, x, PAGE_H - y1)


def draw_header(w: Writer, header: dict) -> None:
    top_cells, sub_cells = header["rows"]
    n = max(len(c["lines"]) for c in top_cells)
    height = n * LEAD + 2 * PAD
    group_h = LEAD + 2 * PAD                         # "Шығын құны" over the two cost columns
    top = w.y
    cell_lines(w, top_cells[0]["lines"], [], 0, 1, top, height, "center")
    for col, cell in enumerate(top_cells[1:3], start=1):
        cell_lines(w, cell["lines"], cell["spaced_lines"], col, 1, top, height, "justify")
    cost = top_cells[3]
    cell_lines(w, cost["lines"], cost["spaced_lines"], 3, 2, top, group_h, "center")
    for k, cell in enumerate(sub_cells):
        cell_lines(w, cell["lines"], cell["spaced_lines"], 3 + k, 1, top + group_h, height - group_h,
                   "justify")
    hline(w, top, 0, 5)
    hline(w, top + group_h, 3, 5)
    for i in range(6):
        if i == 4:
            vline(w, col_x(i), top + group_h, top + height)
        else:
            vline(w, col_x(i), top, top + height)
    w.y = top + height


def row_height(row: dict) -> float:
    return max(len(row.get("name_lines", [""])), 1) * LEAD + 2 * PAD


def draw_row(w: Writer, row: dict) -> None:
    top, height = w.y, row_height(row)
    if row["kind"] == "item":
        cell_lines(w, [row["row_no"]], [], 0, 1, top, height, "center", "middle")
        cell_lines(w, row["name_lines"], row["spaced_lines"], 1, 1, top, height, "justify")
        for col, key in ((2, "places"), (3, "cost"), (4, "cost_special_needs")):
            cell_lines(w, [row[key]], [], col, 1, top, height, "center", "middle")
        bounds = range(6)
    elif row["kind"] == "direction":
        cell_lines(w, [row["text"]], [], 0, 2, top, height, "left", "middle")
        cell_lines(w, [row["places"]], [], 2, 1, top, height, "center", "middle")
        bounds = (0, 2, 3, 4, 5)
    else:                                            # grand total: the annual sum spans both cost columns
        cell_lines(w, [row["label"]], [], 0, 2, top, height, "left", "middle")
        cell_lines(w, [row["places"]], [], 2, 1, top, height, "center", "middle")
        cell_lines(w, [row["annual_sum"]], [], 3, 2, top, height, "center", "middle")
        bounds = (0, 2, 3, 5)
    hline(w, top, 0, 5)                              # each grid line is drawn once
    for i in bounds:
        vline(w, col_x(i), top, top + height)
    w.y = top + height


def draw_table(w: Writer, table: dict, breaks_before: set[int]) -> None:
    draw_header(w, table["header"])
    for i, row in enumerate(table["rows"]):
        fits = w.y + row_height(row) <= PAGE_H - BOTTOM
        if i in breaks_before and fits:
            print(f"note: forced page break before table row {i}: it would still fit on the page")
        if i in breaks_before or not fits:
            hline(w, w.y, 0, 5)                      # close the table at the page foot
            w.new_page()
        draw_row(w, row)
    hline(w, w.y, 0, 5)


def render(doc: dict, out_pdf: Path, out_of_order: bool = False) -> None:
    register_fonts()
    canvas = Canvas(str(out_pdf), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(doc["act"]["title"])
    canvas.setSubject(doc["act"]["act_line"])
    canvas.setLineWidth(0.75)
    writer = Writer(canvas, out_of_order)
    draw_decree(writer, doc["act"])
    breaks = {b["row_index"] for b in doc["seed_page_breaks"] if b["kind"] == "before_row"}
    draw_table(writer, doc["table"], breaks)
    canvas.showPage()
    canvas.save()
