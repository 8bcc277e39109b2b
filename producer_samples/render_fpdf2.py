"""Canvas drawing with fpdf2 (its own PDF writer, TrueType subsets): a table with no rules at all.

Lines are wrapped by fpdf2 (soft hyphens at the syllable breaks, printed as "-" where a line breaks)
and placed one by one, so that a row runs on over the page foot like a word processor's: the
header is printed once, on the first page only.  Each line of a name but the last is justified:
the Kazakh table by character spacing (the PDF's Tc operator, as inter-character justification
does), the Russian one by placing each word (word-space justification).  Group titles are
letter-spaced by Tc.  In the Kazakh table a row's numbers stand on its first line, in the Russian
one on its last (vertical-align bottom), so a split row has its values on either page.
"""

from __future__ import annotations

from pathlib import Path

from content import Table, hyphenate
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WIDTHS = (16.0, 20.0, 70.0, 22.0, 42.0)     # mm
LINE = 4.6                                  # mm
TOP, BOTTOM, LEFT = 20.0, 277.0, 22.0


def _lines(pdf: FPDF, text: str, width: float) -> list[str]:
    return [str(x) for x in pdf.multi_cell(width, LINE, text, dry_run=True, output=MethodReturnValue.LINES)]


def _draw_justified(pdf: FPDF, line: str, x: float, y: float, width: float, how: str) -> None:
    natural = pdf.get_string_width(line)
    if how == "chars" and len(line) > 1:
        pdf.set_char_spacing((width - natural - 0.3) / (len(line) - 1) * 72 / 25.4)
        pdf.text(x, y, line)
        pdf.set_char_spacing(0)
        return
    words = line.split(" ")
    if len(words) == 1:
        pdf.text(x, y, line)
        return
    gap = (width - sum(pdf.get_string_width(w) for w in words) - 0.3) / (len(words) - 1)
    for w in words:
        pdf.text(x, y, w)
        x += pdf.get_string_width(w) + gap


def render(table: Table, out_pdf: Path, first_top: float = 150.0) -> None:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(__import__("datetime").datetime(2025, 8, 6, tzinfo=__import__("datetime").timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    pdf.set_xy(LEFT, TOP)
    pdf.multi_cell(sum(WIDTHS), 5.5, table.title, align="C")
    pdf.set_font("DejaVu", size=9)
    xs = [LEFT + sum(WIDTHS[:i]) for i in range(len(WIDTHS))]
    inner = [w - 2.0 for w in WIDTHS]
    justify = "chars" if table.language == "kk" else "words"
    values_last = table.language == "ru"
    y = first_top
    head = [_lines(pdf, c, inner[i]) for i, c in enumerate(table.columns)]
    for i, lines in enumerate(head):
        for k, line in enumerate(lines):
            pdf.text(xs[i] + 1.0, y + k * LINE, line)
    y += max(len(h) for h in head) * LINE + 2.0
    for row in table.rows:
        if row[0] == "item":
            _, no, code, name, places, cost = row
            name_lines = _lines(pdf, hyphenate(name, table.language), inner[2])
            left, right = [no, code], [places, cost]
        elif row[0] == "group":
            name_lines, left, right = [row[2]], [row[1], ""], ["", ""]
        else:
            name_lines, left, right = [row[1]], ["", ""], [row[2], row[3]]
        for k, line in enumerate(name_lines):
            if y > BOTTOM:
                pdf.add_page()
                y = TOP
            if k == 0:
                for i, v in enumerate(left):
                    pdf.text(xs[i] + 1.0, y, v)
            if k == (len(name_lines) - 1 if values_last else 0):
                for i, v in enumerate(right):
                    pdf.text(xs[3 + i] + WIDTHS[3 + i] - 1.0 - pdf.get_string_width(v), y, v)
            if row[0] == "group":
                pdf.set_char_spacing(2.2)
                pdf.text(xs[2] + 1.0, y, line)
                pdf.set_char_spacing(0)
            elif k < len(name_lines) - 1:
                _draw_justified(pdf, line, xs[2] + 1.0, y, inner[2], justify)
            else:
                pdf.text(xs[2] + 1.0, y, line)
            y += LINE
        y += 1.2
    pdf.output(str(out_pdf))
