"""HTML -> PDF rendering of the order samples (issue 19): samples/content/orders/<name>.json ->
samples/<name>.pdf, by headless Chromium, or by WeasyPrint (its own layout engine: Pango/HarfBuzz
text, pydyf writer) when the content says ``"producer": "weasyprint"``, so the families are read
from more than one producer's output.

Page 1 holds the act (title, act line, body, signature); page 2 the approval block at the top
right, the appendix title and the ruled table (portrait, or landscape for a wide layout). Cells
wrap naturally at the column widths given in the content. Fonts and Chromium flags as in
render_html.py: Liberation Serif with the Kazakh letters falling back to DejaVu Serif, print
dates pinned.
"""

from __future__ import annotations

from pathlib import Path

from order_content import as_table
from render_html import esc, print_pdf

CSS = """
@page { size: A4; margin: 15mm 12mm 15mm 20mm; }
@page wide { size: A4 landscape; margin: 15mm 15mm 15mm 15mm; }
body { font-family: "Liberation Serif", "DejaVu Serif"; font-size: 10pt; line-height: 14px; margin: 0; color: #000; }
h1 { font-size: 12pt; font-weight: bold; text-align: center; margin: 0 0 8pt 0; }
.act-line { text-align: center; margin: 0 0 10pt 0; }
p { text-align: justify; text-indent: 12mm; margin: 0 0 4pt 0; }
.signature { font-weight: bold; margin-top: 10pt; }
.appendix { break-before: page; }
.wide { page: wide; }
.approval { margin: 0 0 10pt auto; width: 64mm; text-align: center; }
.approval div { white-space: nowrap; }
h2 { font-size: 10pt; font-weight: bold; text-align: center; margin: 0 10mm 8pt 10mm; }
table { border-collapse: collapse; table-layout: fixed; margin: 0 auto; font-size: 9pt; line-height: 12px; }
td { border: 1px solid #000; padding: 1pt 2pt; vertical-align: top; }
thead td { text-align: center; vertical-align: middle; }
td.n { text-align: center; }
"""


def _td(cell: dict, cls: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' colspan="{cell["colspan"]}"' if cell.get("colspan", 1) > 1 else ""
    attrs += f' rowspan="{cell["rowspan"]}"' if cell.get("rowspan", 1) > 1 else ""
    return f"<td{attrs}>{esc(cell['text'])}</td>"


def table_html(doc: dict) -> str:
    table = as_table(doc)
    numeric = {i for i, c in enumerate(doc["columns"]) if "measure" in c or c.get("role") == "row_no"}
    head = "".join("<tr>" + "".join(_td(c) for c in cells) + "</tr>" for cells in table["header"]["rows"])
    body = []
    for row in table["rows"]:
        tds, col = [], 0
        for cell in row["cells"]:
            tds.append(_td(cell, "n" if col in numeric and cell.get("colspan", 1) == 1 else ""))
            col += cell.get("colspan", 1)
        body.append("<tr>" + "".join(tds) + "</tr>")
    widths = doc["widths_mm"]
    cols = "".join(f'<col style="width:{w}mm">' for w in widths)
    return (f'<table style="width:{sum(widths)}mm"><colgroup>{cols}</colgroup><thead>{head}</thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def document_html(doc: dict) -> str:
    act = doc["act"]
    parts = [f'<h1>{esc(act["title"])}</h1><div class="act-line">{esc(act["act_line"])}</div>',
             *(f"<p>{esc(p)}</p>" for p in act["body"]),
             '<div class="signature">' + "<br>".join(esc(s) for s in act["signature"]) + "</div>"]
    wide = " wide" if doc.get("landscape") else ""
    parts.append(f'<div class="appendix{wide}"><div class="approval">'
                 + "".join(f"<div>{esc(x)}</div>" for x in doc["approval"]) + "</div>"
                 f'<h2>{esc(doc["appendix_title"])}</h2>{table_html(doc)}</div>')
    return (f'<!DOCTYPE html><html lang="{doc["language"]}"><head><meta charset="utf-8"><title>'
            f'{esc(act["title"])}</title><style>{CSS}</style></head><body>{"".join(parts)}</body></html>\n')


def render(doc: dict, out_pdf: Path) -> None:
    producer = doc.get("producer", "chromium")
    if producer == "chromium":
        print_pdf(document_html(doc), out_pdf)
    elif producer == "weasyprint":
        import weasyprint  # the [render] extra; only this renderer needs it

        # the same HTML; dates and the identifier pinned so the output is reproducible
        html = document_html(doc).replace("<head>", '<head><meta name="dcterms.created" content="2025-01-01T00:00:00">'
                                          '<meta name="dcterms.modified" content="2025-01-01T00:00:00">', 1)
        weasyprint.HTML(string=html).write_pdf(out_pdf, pdf_identifier=b"adilet-order-sample")
    elif producer == "fpdf2":
        import render_orders_fpdf2  # the [render] extra; only this renderer needs it

        render_orders_fpdf2.render(doc, out_pdf)
    else:
        raise SystemExit(f"{doc['pdf']}: unknown producer {producer!r}")
