"""HTML -> PDF (headless Chromium) rendering of seed 004: samples/004_norms_open_data.pdf.

Page 1 holds the order, page 2 the list of amended orders.  Appendix 1 (the norms of the minimal
social standard, a table of 5 wide text columns with very tall rows) is printed on LANDSCAPE pages
(a CSS named page), appendix 2 (the open-data list, 61 numbered rows) on portrait pages.  Both
tables repeat their header on every page (thead); their rows may split across pages, and the
tall norms rows do.  Every cell is drawn with the line breaks of the seed, one block per line, so
the № column prints "27" / "." on two lines as in the seed, and a line the original spreads letter
by letter gets a CSS letter-spacing that fills the cell width.  Chromium flags and the pinned print
dates are those of render_html.py.
"""

from __future__ import annotations

from pathlib import Path

from render_html import MM, esc, print_pdf, text_width

FONT_PT = 10.0
PAD_PT = 2.0
PORTRAIT_MM = 210 - 20 - 12
LANDSCAPE_MM = 297 - 15 - 15

CSS = """
@page { size: A4; margin: 15mm 12mm 15mm 20mm; }
@page wide { size: A4 landscape; margin: 15mm 15mm 15mm 15mm; }
body { font-family: "Liberation Serif", "DejaVu Serif"; font-size: 10pt; line-height: 14px; margin: 0; color: #000; }
h1 { font-size: 12pt; font-weight: bold; text-align: center; margin: 0 0 8pt 0; }
.act-line { text-align: center; margin: 0 0 10pt 0; }
p { text-align: justify; text-indent: 12mm; margin: 0 0 4pt 0; }
.signature { font-weight: bold; margin-top: 10pt; }
.page { break-before: page; }
.wide { page: wide; break-before: page; }
.approval { margin: 0 0 8pt auto; width: 70mm; text-align: center; }
.approval div { white-space: nowrap; }
h2 { font-size: 10pt; font-weight: bold; text-align: center; margin: 0 10mm 8pt 10mm; }
table { border-collapse: collapse; table-layout: fixed; margin: 0 auto; }
td { border: 1px solid #000; padding: 1pt 2pt; vertical-align: top; }
tr, td { break-inside: auto; }
thead td { text-align: center; vertical-align: middle; }
.ln { display: block; white-space: nowrap; }
"""


def col_widths_mm(table: dict, avail_mm: float) -> list[float]:
    n = table["n_cols"]
    need = [5.0] * n
    for rows in (table["header"]["rows"], [r["cells"] for r in table["rows"]]):
        for cells in rows:
            if len(cells) != n:
                continue
            for c, cell in enumerate(cells):
                for ln in cell["lines"]:
                    need[c] = max(need[c], (text_width(ln) + 2 * PAD_PT + 2) / MM)
    extra = avail_mm - sum(need)
    if extra < 0:
        raise ValueError(f"table needs {sum(need):.0f} mm, {avail_mm} mm available")
    total = sum(need)
    return [round(w + extra * w / total, 2) for w in need]     # spare width shared in proportion


def cell_html(cell: dict, inner_pt: float, align: str) -> str:
    spans = []
    for i, ln in enumerate(cell["lines"]):
        style = f"text-align:{align}"
        if i in cell.get("spaced_lines", []) and len(ln) > 1:
            gap = (inner_pt - text_width(ln)) / (len(ln) - 1)
            style = f"letter-spacing:{gap:.3f}pt"
        spans.append(f'<span class="ln" style="{style}">{esc(ln) or "&#160;"}</span>')
    return "".join(spans)


def table_html(table: dict, widths: list[float]) -> str:
    def inner(c: int) -> float:
        return widths[c] * MM - 2 * PAD_PT - 1.0

    head = "".join("<tr>" + "".join(f"<td>{cell_html(cell, inner(c), 'center')}</td>" for c, cell in enumerate(cells))
                   + "</tr>" for cells in table["header"]["rows"])
    body = []
    for row in table["rows"]:
        tds = []
        for c, cell in enumerate(row["cells"]):
            align = "center" if c == 0 or (c == 2 and table["id"] == "open_data") else "left"
            tds.append(f"<td>{cell_html(cell, inner(c), align)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    cols = "".join(f'<col style="width:{w}mm">' for w in widths)
    return (f'<table style="width:{sum(widths):.2f}mm"><colgroup>{cols}</colgroup>'
            f'<thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')


def approval(lines: list[str]) -> str:
    return '<div class="approval">' + "".join(f"<div>{esc(ln)}</div>" for ln in lines) + "</div>"


def document_html(doc: dict) -> str:
    act = doc["act"]
    parts = [f'<h1>{esc(act["title"])}</h1><div class="act-line">{esc(act["act_line"])}</div>',
             "".join(f"<p>{esc(p)}</p>" for p in act["body"]),
             "".join(f'<div class="signature">{esc(s)}</div>' for s in act["signature"])]
    lst = doc["list"]
    parts.append(f'<section class="page">{approval(lst["approval_block"])}<h2>{esc(lst["title"])}</h2>'
                 + "".join(f"<p>{esc(p)}</p>" for p in lst["body"]) + "</section>")
    for table in doc["tables"]:
        wide = table["id"] == "norms"
        widths = col_widths_mm(table, LANDSCAPE_MM if wide else PORTRAIT_MM)
        title = f'<h2>{esc(table["title"])}</h2>' if table.get("title") else ""
        parts.append(f'<section class="{"wide" if wide else "page"}">{approval(table["approval_block"])}'
                     f'{approval(table["approval_block_2"])}{title}{table_html(table, widths)}</section>')
    return (f'<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8"><title>{esc(act["title"])}</title>'
            f'<style>{CSS}</style></head><body>{"".join(parts)}</body></html>\n')


def render(doc: dict, out_pdf: Path, keep_html: Path | None = None) -> None:
    text = document_html(doc)
    if keep_html:
        keep_html.write_text(text, encoding="utf-8")
    print_pdf(text, out_pdf)


if __name__ == "__main__":
    import json
    import sys
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    render(json.loads((here / "content" / "004_norms_open_data.json").read_text(encoding="utf-8")),
           here / "004_norms_open_data.pdf", Path("/tmp/004.html"))
