"""HTML -> PDF by WeasyPrint (its own layout engine: Pango/HarfBuzz text, pydyf PDF writer).

A table with no cell borders, one rule under the header (thead, repeated on every page by
WeasyPrint), text justified in the name column with automatic hyphenation: Russian by CSS
`hyphens: auto` (lang="ru", WeasyPrint's pyphen dictionary), Kazakh by soft hyphens at syllable
breaks (no Kazakh dictionary exists) and `hyphens: manual`.  Group titles are letter-spaced
(CSS letter-spacing).  Rows may split across the page break.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from content import Table, hyphenate

CSS = """
@page { size: A4; margin: 18mm 15mm 18mm 22mm; }
body { font-family: "DejaVu Serif"; font-size: 10pt; line-height: 1.25; }
h1 { font-size: 11pt; text-align: center; margin: 0 0 6mm 0; }
p.lead { text-align: justify; margin: 0 0 4mm 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead td { border-bottom: 0.8pt solid #000; text-align: center; vertical-align: bottom; font-size: 9pt; }
td { padding: 1.2pt 3pt; vertical-align: top; }
td.name { text-align: justify; }
td.num { text-align: right; white-space: nowrap; }
tr.group td.name { letter-spacing: 0.18em; }
tr { break-inside: auto; }
"""


def _name(text: str, language: str) -> str:
    return escape(hyphenate(text, language)) if language == "kk" else escape(text)


def table_html(table: Table, lead_paragraphs: int) -> str:
    lang = table.language
    widths = (9, 13, 47, 11, 20)
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in table.columns) + "</tr>"
    body = []
    for row in table.rows:
        if row[0] == "item":
            _, no, code, name, places, cost = row
            body.append(f'<tr><td>{escape(no)}</td><td>{escape(code)}</td><td class="name">{_name(name, lang)}</td>'
                        f'<td class="num">{escape(places)}</td><td class="num">{escape(cost)}</td></tr>')
        elif row[0] == "group":
            body.append(f'<tr class="group"><td>{escape(row[1])}</td><td></td><td class="name">{escape(row[2])}</td>'
                        '<td></td><td></td></tr>')
        else:
            body.append(f'<tr><td></td><td></td><td class="name">{escape(row[1])}</td><td class="num">{escape(row[2])}'
                        f'</td><td class="num">{escape(row[3])}</td></tr>')
    lead = "".join(f'<p class="lead">{escape(table.title)}. {escape(table.title)}.</p>' for _ in range(lead_paragraphs))
    hyph = "manual" if lang == "kk" else "auto"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{CSS}'
            f'td.name {{ hyphens: {hyph}; }}</style></head><body><h1>{escape(table.title)}</h1>{lead}'
            f'<table><colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
            '</body></html>')


def render(table: Table, out_pdf: Path, lead_paragraphs: int = 7) -> None:
    import weasyprint

    html = table_html(table, lead_paragraphs)
    weasyprint.HTML(string=html).write_pdf(out_pdf, pdf_identifier=b"adilet-sample")
