"""One document's result -> its report page (HTML), made in the worker that read the document.

The page shows, per table, the grid as it was read (an HTML table: repaired cells, flagged rows
and totals that disagree highlighted, the reason on hover) and, where a person should look (a
flagged row or a total that disagrees with its rows), a crop of the printed table beside it.
Images are small JPEGs rendered with pypdfium2 only for those tables, so a clean document costs
no rendering at all; the page is cached with the rest of the document's result.
"""

from __future__ import annotations

import base64
import html
import io
from collections import defaultdict
from typing import Any

from adilet.results import DocumentResult

CROP_SCALE = 1.2  # 86 dpi: the printed digits stay legible
CROP_MARGIN = 6.0  # points around the table's cells
JPEG_QUALITY = 70
MAX_CROPS = 12  # per document: a document with problems everywhere needs its grids more than its images
TYPED_DATASETS_SKIPPED = ("tables", "totals", "documents", "appendices", "crosscheck")

STYLE = """body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid #bbb;padding:2px 5px;font-size:12px;text-align:left;vertical-align:top}
th{background:#eef3fa}.ok{color:#176617}.bad{color:#b00}.warn{color:#8a5a00}
td.rep{background:#fff4c2}tr.flag td{background:#fde2e2}tr.flag td.rep{background:#f9cfa8}
.pair{display:flex;gap:1em;align-items:flex-start;flex-wrap:wrap}.pair img{border:1px solid #999;max-width:48vw}
.grid{overflow-x:auto;max-width:100%}caption{text-align:left;font-weight:bold;padding:.3em 0}
.legend span{padding:0 .4em;margin-right:.5em}"""


def text(value: object) -> str:
    """A value as shown: nulls blank, never "None"."""
    return "" if value is None else html.escape(str(value))


def _rows_flagged(res: DocumentResult) -> dict[tuple[int, int], str]:
    """(table, grid row) -> the flags of the typed rows read from it."""
    flagged: dict[tuple[int, int], set[str]] = defaultdict(set)
    for name, rows in res.datasets.items():
        if name in TYPED_DATASETS_SKIPPED:
            continue
        for r in rows:
            flags = str(r.get("flags") or "")
            if flags and r.get("table_index") is not None and r.get("row") is not None:
                flagged[(int(r["table_index"]), int(r["row"]))].update(f for f in flags.split(";") if f)  # type: ignore[call-overload]
    return {k: ", ".join(sorted(v)) for k, v in flagged.items()}


def _grid_html(index: int, cells: list[dict[str, Any]], flagged: dict[tuple[int, int], str]) -> str:
    by_row: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in cells:
        by_row[int(c["row"])].append(c)
    rows = []
    for r in sorted(by_row):
        flag = flagged.get((index, r))
        tds = []
        for c in sorted(by_row[r], key=lambda c: int(c["col"])):
            tag = "th" if c.get("is_header") else "td"
            span = "".join(f' {a}="{int(c[a])}"' for a in ("rowspan", "colspan") if int(c.get(a) or 1) > 1)
            repaired = c.get("text_raw") is not None and c.get("text") != c.get("text_raw")
            hint = f' class="rep" title="printed: {text(c.get("text_raw"))}"' if repaired else ""
            tds.append(f"<{tag}{span}{hint}>{text(c.get('text'))}</{tag}>")
        attrs = f' class="flag" title="flags: {text(flag)}"' if flag else ""
        rows.append(f'<tr data-row="{r}"{attrs}>{"".join(tds)}</tr>')
    return "".join(rows)


def _table_crops(res: DocumentResult, wanted: dict[int, list[dict[str, Any]]]) -> dict[int, str]:
    """table -> base64 JPEG of the printed table (its cells' bounding box on its first page)."""
    if not wanted or not res.source_path:
        return {}
    import pypdfium2 as pdfium

    crops: dict[int, str] = {}
    pdf = pdfium.PdfDocument(res.source_path)
    try:
        for index, cells in sorted(wanted.items())[:MAX_CROPS]:
            page_no = min(int(c["page"]) for c in cells)
            on_page = [c for c in cells if int(c["page"]) == page_no]
            page = pdf[page_no - 1]
            width, height = page.get_size()
            x0 = max(0.0, min(float(c["x0"]) for c in on_page) - CROP_MARGIN)
            top = max(0.0, min(float(c["top"]) for c in on_page) - CROP_MARGIN)
            x1 = min(width, max(float(c["x1"]) for c in on_page) + CROP_MARGIN)
            bottom = min(height, max(float(c["bottom"]) for c in on_page) + CROP_MARGIN)
            # pdfium crops in points from each edge (left, bottom, right, top)
            image = page.render(scale=CROP_SCALE, crop=(x0, height - bottom, width - x1, top)).to_pil()
            buf = io.BytesIO()
            image.convert("RGB").save(buf, format="JPEG", quality=JPEG_QUALITY)
            crops[index] = base64.b64encode(buf.getvalue()).decode("ascii")
    finally:
        pdf.close()
    return crops


def document_report_page(res: DocumentResult) -> str:
    """The document's report page body (a self-contained HTML document)."""
    doc = res.document
    cells_by_table: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for cell in res.datasets.get("tables", []):
        cells_by_table[int(cell["table_index"])].append(cell)  # type: ignore[call-overload]
    flagged = _rows_flagged(res)
    disagree: dict[int, list[str]] = defaultdict(list)
    for t in res.totals:
        if t.agrees is False:
            computed = "" if t.computed is None else f"{t.computed:g}"
            disagree[t.table_index].append(f"{text(t.kind)} {text(t.group)} ({text(t.measure)}): printed "
                                           f"{text(t.printed_raw)}, rows sum to {computed}")  # fmt: skip
    look = {i: cells for i, cells in cells_by_table.items()
            if i in disagree or any(k[0] == i for k in flagged)}  # fmt: skip
    try:
        crops = _table_crops(res, look)
        crop_error = ""
    except Exception as exc:  # noqa: BLE001 - a page that cannot be rendered must not lose the report
        crops, crop_error = {}, f"<p class='bad'>page images could not be rendered: {text(exc)}</p>"
    facts = "".join(f"<tr><th>{text(k)}</th><td>{text(v)}</td></tr>" for k, v in doc.items())
    repairs = "".join(f"<tr><th>{text(k)}</th><td>{v}</td></tr>" for k, v in res.repairs.items() if v)
    sections = []
    for index in sorted(cells_by_table):
        problems = "".join(f"<li class='warn'>total disagrees: {p}</li>" for p in disagree.get(index, []))
        grid = (f'<div class="grid"><table data-table="{index}"><caption>table {index}, page '
                f'{min(int(c["page"]) for c in cells_by_table[index])}</caption>'
                f"{_grid_html(index, cells_by_table[index], flagged)}</table></div>")  # fmt: skip
        image = (f'<img alt="table {index} as printed" src="data:image/jpeg;base64,{crops[index]}">'
                 if index in crops else "")  # fmt: skip
        sections.append(f'<section id="table-{index}"><ul>{problems}</ul><div class="pair">{image}{grid}</div></section>')
    status = str(doc.get("status"))
    css = "ok" if status in ("ok", "no_tables") else "bad"
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{text(doc.get("source_file"))}</title>'
            f"<style>{STYLE}</style></head><body><p><a href='../report.html'>&larr; all documents</a></p>"
            f'<h1 class="{css}">{text(doc.get("source_file"))}: {text(status)}</h1>'
            f"<table>{facts}</table><h2>Repairs</h2><table>{repairs or '<tr><td>none</td></tr>'}</table>"
            f'<h2>Tables</h2><p class="legend"><span class="rep" style="background:#fff4c2">repaired cell '
            f'(hover: as printed)</span><span style="background:#fde2e2">flagged row (hover: flags)</span>'
            f"<span>crop of the printed table shown where a row is flagged or a total disagrees</span></p>"
            f"{crop_error}{''.join(sections) or '<p>no table</p>'}</body></html>")  # fmt: skip
