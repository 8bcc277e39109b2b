"""reportlab rendering of the State Programme tables (seed 002): samples/002_state_programme_tables.pdf.

Page 1 holds the decree; the action plan (an excerpt of the programme's appendix) starts on page 2
with its approval block and title.  The plan is a 15-column grid in 7 pt type with the seed's
very narrow columns: every cell is drawn with the line breaks of the seed, so numbers come out
broken across lines ("82" / ",6", "87" / "9" / "94" / "1") and words cut mid-word
("Мемлекетті" / "к білім").  The header has two levels ("Оның ішінде жылдар бойынша (млн.
теңге)" over the year columns 2020 ... 2025 and "Барлығы") and a row of column numbers 1 ... 15;
both are repeated at the top of every page.  A row that does not fit the rest of a page is split
line by line: its first lines stay on the page, the table is closed at the page foot, and the
rest of the row continues under the repeated header.

As in the seed, the Kazakh letters are drawn after the rest of each text line, one by one in a
second font, at their printed positions (the seed's text layer lists them at the end of each run).
Output is reproducible (invariant=1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"P": "DejaVuSerif.ttf", "P-Bold": "DejaVuSerif-Bold.ttf", "K": "DejaVuSans.ttf", "K-Bold": "DejaVuSans-Bold.ttf"}
KAZAKH = set("ӘәҒғҚқҢңӨөҰұҮүҺһ")
PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 15 * mm, 10 * mm, 15 * mm, 15 * mm
TEXT_W = PAGE_W - LEFT - RIGHT
SIZE, LEAD, PAD = 6.6, 8.2, 1.8          # table type
BODY, BODY_LEAD = 11.0, 15.5             # decree type
NUMERIC_FROM = 6                         # columns from here on are centred (years, total, source, code)


def register_fonts() -> None:
    for name, file in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(DEJAVU / file)))


def width(text: str, size: float = SIZE, bold: bool = False) -> float:
    return pdfmetrics.stringWidth(text, "P-Bold" if bold else "P", size)


class Pen:
    """Draws text lines; Kazakh letters go last, in font K, at the positions font P gives them."""

    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas

    def line(self, x: float, baseline_from_top: float, text: str, size: float = SIZE, bold: bool = False) -> None:
        y = PAGE_H - baseline_from_top
        font = "P-Bold" if bold else "P"
        late: list[tuple[float, str]] = []
        seg, seg_x, cur = "", x, x
        for ch in text:
            if ch in KAZAKH:
                if seg:
                    self.c.setFont(font, size)
                    self.c.drawString(seg_x, y, seg)
                late.append((cur, ch))
                seg = ""
            else:
                if not seg:
                    seg_x = cur
                seg += ch
            cur += pdfmetrics.stringWidth(ch, font, size)
        if seg:
            self.c.setFont(font, size)
            self.c.drawString(seg_x, y, seg)
        for lx, ch in late:
            self.c.setFont("K-Bold" if bold else "K", size)
            self.c.drawString(lx, y, ch)


def wrap(text: str, avail: float, size: float, bold: bool = False, first_indent: float = 0.0) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.replace("№ ", "№\u00a0").split(" "):
        trial = f"{cur} {word}" if cur else word
        limit = avail - (first_indent if not lines else 0)
        if cur and width(trial.replace("\u00a0", " "), size, bold) > limit:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return [ln.replace("\u00a0", " ") for ln in lines + [cur]]


# ---------------------------------------------------------------- grid


@dataclass
class Placed:
    cell: dict
    row: int
    col: int
    rowspan: int
    colspan: int


def place(rows: list[list[dict]], n_cols: int) -> tuple[list[Placed], list[list[Placed]]]:
    grid: list[list[Placed | None]] = [[None] * n_cols for _ in rows]
    placed = []
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while grid[r][c] is not None:
                c += 1
            p = Placed(cell, r, c, cell.get("rowspan", 1), cell.get("colspan", 1))
            placed.append(p)
            for dr in range(p.rowspan):
                for dc in range(p.colspan):
                    grid[r + dr][c + dc] = p
            c += p.colspan
    return placed, grid  # type: ignore[return-value]


def column_widths(table: dict) -> list[float]:
    n = table["n_cols"]
    need = [14.0] * n
    everything = [table["header"]["rows"], [r["cells"] for r in table["rows"]]]
    for rows in everything:
        placed, _ = place(rows, n)
        for p in placed:
            if p.colspan == 1:
                for ln in p.cell["lines"]:
                    need[p.col] = max(need[p.col], width(ln) + 2 * PAD + 0.5)
    extra = TEXT_W - sum(need)
    if extra > 0:                       # the spare width goes to the name column
        need[1] += extra
    return need


class TableDrawer:
    def __init__(self, canvas: Canvas, pen: Pen, table: dict) -> None:
        self.c, self.pen, self.t = canvas, pen, table
        self.n = table["n_cols"]
        self.widths = column_widths(table)
        self.x = [LEFT]
        for w in self.widths:
            self.x.append(self.x[-1] + w)
        self.y = TOP

    # -- primitives
    def hline(self, y: float, c0: int, c1: int) -> None:
        self.c.line(self.x[c0], PAGE_H - y, self.x[c1], PAGE_H - y)

    def vline(self, c: int, y0: float, y1: float) -> None:
        self.c.line(self.x[c], PAGE_H - y0, self.x[c], PAGE_H - y1)

    def cell_text(self, p: Placed, lines: list[str], top: float, height: float, centre: bool, middle: bool) -> None:
        x0, x1 = self.x[p.col], self.x[p.col + p.colspan]
        block = len(lines) * LEAD
        first = top + PAD + ((height - 2 * PAD - block) / 2 if middle else 0)
        for i, ln in enumerate(lines):
            w = width(ln)
            x = (x0 + x1 - w) / 2 if centre else x0 + PAD
            self.pen.line(x, first + i * LEAD + SIZE * 0.8, ln)

    # -- header
    def header_height(self) -> float:
        rows = self.t["header"]["rows"]
        placed, _ = place(rows, self.n)
        per_row = [0.0] * len(rows)
        for p in placed:
            if p.rowspan == 1:
                per_row[p.row] = max(per_row[p.row], len(p.cell["lines"]) * LEAD + 2 * PAD)
        total = sum(per_row)
        for p in placed:
            if p.rowspan > 1:
                total = max(total, len(p.cell["lines"]) * LEAD + 2 * PAD)
        return total + (LEAD + 2 * PAD if self.t["header"]["column_numbers"] else 0)

    def draw_header(self) -> None:
        rows = self.t["header"]["rows"]
        placed, grid = place(rows, self.n)
        per_row = [0.0] * len(rows)
        for p in placed:
            if p.rowspan == 1:
                per_row[p.row] = max(per_row[p.row], len(p.cell["lines"]) * LEAD + 2 * PAD)
        tall = max(len(p.cell["lines"]) * LEAD + 2 * PAD for p in placed)
        if sum(per_row) < tall:
            per_row[-1] += tall - sum(per_row)
        tops = [self.y]
        for h in per_row:
            tops.append(tops[-1] + h)
        for p in placed:
            top, bottom = tops[p.row], tops[p.row + p.rowspan]
            self.cell_text(p, p.cell["lines"], top, bottom - top, True, True)
            self.hline(top, p.col, p.col + p.colspan)
            self.vline(p.col, top, bottom)
        self.vline(self.n, tops[0], tops[-1])
        self.y = tops[-1]
        numbers = self.t["header"]["column_numbers"]
        if numbers:
            top = self.y
            self.hline(top, 0, self.n)
            for c, num in enumerate(numbers):
                p = Placed({"lines": [num]}, 0, c, 1, 1)
                self.cell_text(p, [num], top, LEAD + 2 * PAD, True, False)
                self.vline(c, top, top + LEAD + 2 * PAD)
            self.vline(self.n, top, top + LEAD + 2 * PAD)
            self.y = top + LEAD + 2 * PAD
        self.hline(self.y, 0, self.n)

    # -- body
    def new_page(self) -> None:
        self.hline(self.y, 0, self.n)          # close the table at the page foot
        self.c.showPage()
        self.y = TOP
        self.draw_header()

    def draw_body(self) -> None:
        rows = [r["cells"] for r in self.t["rows"]]
        placed, grid = place(rows, self.n)
        starts: dict[int, list[Placed]] = {}
        for p in placed:
            starts.setdefault(p.row, []).append(p)
        heights = [max([len(p.cell["lines"]) for p in starts[r] if p.rowspan == 1] + [1]) * LEAD + 2 * PAD
                   for r in range(len(rows))]
        r = 0
        while r < len(rows):
            span = max(p.rowspan for p in starts[r])          # draw row-spanning groups together
            group = list(range(r, r + span))
            need = sum(heights[g] for g in group)
            avail = PAGE_H - BOTTOM - self.y
            if need > avail and span == 1 and avail > 3 * LEAD + 2 * PAD:
                self.draw_split_row(starts[r], avail)
                r += 1
                continue
            if need > avail:
                self.new_page()
            tops = [self.y]
            for g in group:
                tops.append(tops[-1] + heights[g])
            for p in (q for g in group for q in starts[g]):
                top, bottom = tops[p.row - r], tops[p.row - r + p.rowspan]
                kind = self.t["rows"][p.row]["kind"]
                centre = p.col >= NUMERIC_FROM and kind != "section" or p.col == 0 and kind == "item"
                self.cell_text(p, p.cell["lines"], top, bottom - top, centre and p.colspan < 7, False)
                self.hline(top, p.col, p.col + p.colspan)
                self.vline(p.col, top, bottom)
            self.vline(self.n, tops[0], tops[-1])
            self.y = tops[-1]
            r += span
        self.hline(self.y, 0, self.n)

    def draw_split_row(self, cells: list[Placed], avail: float) -> None:
        fit = int((avail - 2 * PAD) // LEAD)
        first = {id(p): p.cell["lines"][:fit] for p in cells}
        rest = {id(p): p.cell["lines"][fit:] for p in cells}
        for part, page_break in ((first, True), (rest, False)):
            height = max(len(v) for v in part.values()) * LEAD + 2 * PAD
            if page_break:
                height = avail
            top = self.y
            for p in cells:
                centre = p.col >= NUMERIC_FROM or p.col == 0
                self.cell_text(p, part[id(p)], top, height, centre, False)
                if not page_break:
                    pass
                else:
                    self.hline(top, p.col, p.col + p.colspan)
                self.vline(p.col, top, top + height)
            self.vline(self.n, top, top + height)
            self.y = top + height
            if page_break:
                self.new_page()


# ---------------------------------------------------------------- document


def centred(pen: Pen, y: float, text: str, size: float, bold: bool, lead: float) -> float:
    for ln in wrap(text, TEXT_W - 20 * mm, size, bold):
        y += lead
        pen.line(LEFT + (TEXT_W - width(ln, size, bold)) / 2, y, ln, size, bold)
    return y


def draw_decree(pen: Pen, act: dict) -> None:
    y = centred(pen, TOP, act["title"], BODY + 1, True, BODY_LEAD)
    y = centred(pen, y + 6, act["act_line"], BODY, False, BODY_LEAD) + 6
    indent = 12 * mm
    for para in act["body"]:
        for i, ln in enumerate(wrap(para, TEXT_W, BODY, False, indent)):
            y += BODY_LEAD
            pen.line(LEFT + (indent if i == 0 else 0), y, ln, BODY)
        y += 4
    y += BODY_LEAD
    for ln in act["signature"]:
        y += BODY_LEAD
        pen.line(LEFT + indent, y, ln, BODY, True)


def draw_table_page(canvas: Canvas, pen: Pen, table: dict) -> None:
    y = TOP
    block_x = LEFT + TEXT_W - 62 * mm
    for ln in table["approval_block"]:
        y += 11
        pen.line(block_x + (62 * mm - width(ln, 8.5)) / 2, y, ln, 8.5)
    y = centred(pen, y + 8, table["title"], 9, True, 12) + 8
    drawer = TableDrawer(canvas, pen, table)
    drawer.y = y
    drawer.draw_header()
    drawer.draw_body()


def render(doc: dict, out_pdf: Path) -> None:
    register_fonts()
    canvas = Canvas(str(out_pdf), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(doc["act"]["title"])
    canvas.setSubject(doc["act"]["act_line"])
    canvas.setLineWidth(0.6)
    pen = Pen(canvas)
    draw_decree(pen, doc["act"])
    for table in doc["tables"]:
        canvas.showPage()
        canvas.setLineWidth(0.6)
        draw_table_page(canvas, pen, table)
    canvas.showPage()
    canvas.save()


if __name__ == "__main__":
    import json
    here = Path(__file__).resolve().parent
    render(json.loads((here / "content" / "002_programme_tables.json").read_text(encoding="utf-8")),
           here / "002_state_programme_tables.pdf")
