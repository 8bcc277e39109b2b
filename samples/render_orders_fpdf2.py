"""fpdf2 rendering of order samples (issue 19) whose content says ``"producer": "fpdf2"``:
samples/content/orders/<name>.json -> samples/<name>.pdf.

fpdf2 writes the PDF itself (its own layout of text, TrueType subsets of DejaVu Serif, the
table drawn by ``FPDF.table`` with column and row spans): a third producer beside Chromium and
WeasyPrint, so the families are not read from one layout engine's output only. Page 1 holds the
act, page 2 the approval block at the top right, the appendix title and the ruled table. The
creation date is pinned, so the output is reproducible.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from order_content import as_table

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def render(doc: dict, out_pdf: Path) -> None:
    pdf = FPDF(orientation="L" if doc.get("landscape") else "P", unit="mm", format="A4")
    pdf.set_creation_date(datetime.datetime(2025, 8, 6, tzinfo=datetime.UTC))
    pdf.add_font("DejaVuSerif", fname=FONT)
    pdf.add_font("DejaVuSerif", style="B", fname=FONT_BOLD)
    pdf.set_margins(20, 15, 12)
    pdf.set_auto_page_break(True, 15)
    act = doc["act"]
    pdf.add_page()
    pdf.set_font("DejaVuSerif", "B", 11)
    pdf.multi_cell(0, 5.5, act["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVuSerif", "", 10)
    pdf.multi_cell(0, 5, act["act_line"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for paragraph in act["body"]:
        pdf.multi_cell(0, 5, "      " + paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(3)
    pdf.set_font("DejaVuSerif", "B", 10)
    for line in act["signature"]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    pdf.set_font("DejaVuSerif", "", 10)
    for line in doc["approval"]:
        pdf.set_x(pdf.w - pdf.r_margin - 70)
        pdf.cell(70, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVuSerif", "B", 10)
    pdf.multi_cell(0, 5, doc["appendix_title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    table = as_table(doc)
    numeric = {i for i, c in enumerate(doc["columns"]) if "measure" in c or c.get("role") == "row_no"}
    pdf.set_font("DejaVuSerif", "", 8.5)
    with pdf.table(col_widths=tuple(doc["widths_mm"]), width=sum(doc["widths_mm"]), line_height=4.2,
                   num_heading_rows=len(table["header"]["rows"]), text_align="LEFT", v_align="TOP",
                   headings_style=FontFace(emphasis=None)) as grid:  # fmt: skip
        for cells in table["header"]["rows"]:
            row = grid.row()
            for c in cells:
                row.cell(c["text"], align="CENTER", v_align="MIDDLE", colspan=c.get("colspan", 1),
                         rowspan=c.get("rowspan", 1))  # fmt: skip
        for body in table["rows"]:
            row, col = grid.row(), 0
            for c in body["cells"]:
                span = c.get("colspan", 1)
                row.cell(c["text"], align="CENTER" if col in numeric and span == 1 else "LEFT", colspan=span)
                col += span
    pdf.output(str(out_pdf))
