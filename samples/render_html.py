"""HTML -> PDF (headless Chromium) rendering of the TVET state-order act (seed 001).

Page 1 holds the decree; every appendix starts on a new page with its approval block at the
top right, the centred title and subtitle, then a fully ruled table.  The name cells are drawn
with the line breaks of the seed (one block per line), so mid-word cuts such as
"мультимедиялы" / "қ дизайн" come out exactly as printed, and a line the original spread letter by
letter ("С ә н д і к") gets a CSS letter-spacing computed from the font metrics so that it fills
the cell width.  Page breaks are placed where the seed has them (see "seed_page_breaks" in the
JSON): a forced break before a row, or a forced break inside the name cell for the two rows the
seed shows split across pages.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu")
# Times-compatible body font (as in Adilet's PDFs); it has no Kazakh letters, so Chromium falls back
# to DejaVu Serif for them, the way real Adilet PDFs carry Kazakh letters in a second font.
PRIMARY_FONT = ("Liberation Serif", "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
FALLBACK_FONT = ("DejaVu Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
FONT_PT = 10.0
LINE_HEIGHT = "16px"          # whole CSS px: Chromium snaps line boxes to px
PAD_PT = 2.0                 # horizontal cell padding
MM = 72 / 25.4
# column widths in mm: №, code, name (narrow, as in the original), places, city, rural
COLS_MM = (8.0, 29.0, 30.0, 26.0, 28.0, 28.0)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer")
FIXED_PDF_DATE = b"D:20250806000000+00'00'"

CSS = f"""
@page {{ size: A4; margin: 15mm 12mm 15mm 20mm; }}
body {{ font-family: "{PRIMARY_FONT[0]}", "{FALLBACK_FONT[0]}"; font-size: {FONT_PT}pt;
        line-height: {LINE_HEIGHT}; margin: 0; color: #000; }}
.decree h1 {{ font-size: 12pt; font-weight: bold; text-align: center; margin: 0 0 8pt 0; }}
.decree .act-line {{ text-align: center; margin: 0 0 10pt 0; }}
.decree p {{ text-align: justify; text-indent: 12mm; margin: 0 0 4pt 0; }}
.decree .signature {{ font-weight: bold; margin-top: 10pt; }}
.appendix {{ break-before: page; }}
.approval {{ margin: 0 0 10pt auto; width: 62mm; text-align: center; }}
.approval div {{ white-space: nowrap; }}
.appendix h2 {{ font-size: {FONT_PT}pt; font-weight: bold; text-align: center; margin: 0 8mm 4pt 8mm; }}
.appendix .subtitle {{ font-weight: bold; text-align: center; margin: 0 8mm 8pt 8mm; }}
table {{ border-collapse: collapse; table-layout: fixed; width: {sum(COLS_MM)}mm; margin: 0 auto; }}
td {{ border: 1px solid #000; padding: 1pt {PAD_PT}pt; vertical-align: top; }}
tr, td {{ break-inside: auto; }}
td.c {{ text-align: center; }}
td.group {{ text-align: left; }}
td.bottom {{ vertical-align: bottom; }}
.ln {{ display: block; white-space: nowrap; text-align: left; }}
.ln.j {{ text-align: justify; text-align-last: justify; }}
.ln.c {{ text-align: center; }}
.break {{ break-before: page; }}
"""


@cache
def _fonts() -> tuple[str, str, frozenset[int]]:
    for _name, path in (PRIMARY_FONT, FALLBACK_FONT):
        if not Path(path).exists():
            raise SystemExit(f"missing font {path}: apt-get install fonts-liberation fonts-dejavu-core")
    primary = TTFont("HtmlPrimary", PRIMARY_FONT[1])
    pdfmetrics.registerFont(primary)
    pdfmetrics.registerFont(TTFont("HtmlFallback", FALLBACK_FONT[1]))
    return "HtmlPrimary", "HtmlFallback", frozenset(primary.face.charToGlyph)


def text_width(text: str, size: float = FONT_PT) -> float:
    """Advance width in pt, taking each glyph from the font Chromium will use for it."""
    primary, fallback, covered = _fonts()
    return sum(pdfmetrics.stringWidth(ch, primary if ord(ch) in covered else fallback, size) for ch in text)


def col_inner_pt(first: int, span: int = 1) -> float:
    return sum(COLS_MM[first:first + span]) * MM - 2 * PAD_PT - 1.0


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def line_spans(lines: list[str], spaced: list[int], inner_pt: float, align: str = "j",
               break_before: int | None = None) -> str:
    """One block per printed line. Non-final lines are justified, letter-spaced ones spread."""
    out = []
    for i, line in enumerate(lines):
        width = text_width(line)
        if width > inner_pt + 0.5:
            raise ValueError(f"line {line!r} ({width:.1f}pt) does not fit a {inner_pt:.1f}pt cell")
        classes = ["ln"]
        style = ""
        if i in spaced and len(line) > 1:
            style = f' style="letter-spacing: {(inner_pt - width) / (len(line) - 1):.3f}pt"'
        elif align == "c":
            classes.append("c")
        elif align == "j" and i < len(lines) - 1:
            classes.append("j")
        if break_before is not None and i == break_before:
            classes.append("break")
        out.append(f'<span class="{" ".join(classes)}"{style}>{esc(line)}</span>')
    return "".join(out)


def td(content: str, cls: str = "", colspan: int = 1, rowspan: int = 1) -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' colspan="{colspan}"' if colspan > 1 else ""
    attrs += f' rowspan="{rowspan}"' if rowspan > 1 else ""
    return f"<td{attrs}>{content}</td>"


def header_rows(header: dict) -> str:
    rows, col = [], 0
    for r, cells in enumerate(header["rows"]):
        col = 0 if r == 0 else 4        # the second header row sits under the cost columns
        tds = []
        for cell in cells:
            span = cell.get("colspan", 1)
            align = "c" if span > 1 or r == 1 or col == 0 else "j"
            spans = line_spans(cell["lines"], cell.get("spaced_lines", []), col_inner_pt(col, span), align)
            tds.append(td(spans, "c", span, cell.get("rowspan", 1)))
            col += span
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return "".join(rows)


def late_cell(spans: str, pad_lines: int) -> str:
    """A cell printed after the page break, bottom-aligned with the rest of the split row.

    The empty first line keeps the forced break off the start of the cell (there Chromium would
    move the whole row to the next page), and since vertical-align has no effect on the fragment
    of a split cell, empty lines above the value put it on the row's last line.
    """
    blank = '<span class="ln">&#160;</span>'
    return f'{blank}<div class="break">{blank * max(pad_lines, 0)}{spans}</div>'


def item_row(row: dict, split: dict | None) -> str:
    brk = split["name_lines_before"] if split else None
    late = split["cells_after_break"] if split else []
    name = line_spans(row["name_lines"], row["spaced_lines"], col_inner_pt(2), "j", brk)
    cells = [td(esc(row["row_no"]), "c"), td(esc(row["code"]), "c"), td(name), td(esc(row["places"]), "c")]
    for i, key in ((4, "cost_city"), (5, "cost_rural")):
        spans = line_spans(row[f"{key}_lines"], [], col_inner_pt(i), "c")
        if key in late:
            spans = late_cell(spans, len(row["name_lines"]) - brk - len(row[f"{key}_lines"]))
        cells.append(td(spans, "c bottom" if key in late else "c"))
    return "".join(cells)


def table_row(row: dict, split: dict | None) -> str:
    if row["kind"] == "group":
        return td(esc(row["text"]), "group", colspan=6)
    if row["kind"] in ("subtotal", "grand_total"):
        return (td(esc(row["label"]), "", colspan=3) + td(esc(row["places"]), "c")
                + td(esc(row["cost_city"]), "c") + td(esc(row["cost_rural"]), "c"))
    return item_row(row, split)


def appendix_html(app: dict) -> str:
    breaks = {b["row_index"]: b for b in app["seed_page_breaks"]}
    body = []
    for i, row in enumerate(app["rows"]):
        b = breaks.get(i)
        split = b if b and b["kind"] == "inside_row" else None
        style = ' style="break-before: page"' if b and b["kind"] == "before_row" else ""
        body.append(f'<tr class="{row["kind"]}"{style}>{table_row(row, split)}</tr>')
    colgroup = "<colgroup>" + "".join(f'<col style="width:{w}mm">' for w in COLS_MM) + "</colgroup>"
    header = header_rows(app["header"])
    # appendix 1 and 3 repeat their header on every page (thead); appendix 2 does not (tbody)
    if app["number"] == 2:
        table = f"<table>{colgroup}<tbody>{header}{''.join(body)}</tbody></table>"
    else:
        table = f"<table>{colgroup}<thead>{header}</thead><tbody>{''.join(body)}</tbody></table>"
    approval = "".join(f"<div>{esc(line)}</div>" for line in app["approval_block"])
    return (f'<section class="appendix" id="appendix-{app["number"]}">'
            f'<div class="approval">{approval}</div><h2>{esc(app["title"])}</h2>'
            f'<div class="subtitle">{esc(app["subtitle"])}</div>{table}</section>')


def decree_html(act: dict) -> str:
    paras = "".join(f"<p>{esc(p)}</p>" for p in act["body"])
    return (f'<section class="decree"><h1>{esc(act["title"])}</h1>'
            f'<div class="act-line">{esc(act["act_line"])}</div>{paras}'
            f'<p class="signature">{esc(act["signature"])}</p></section>')


def document_html(doc: dict) -> str:
    parts = [decree_html(doc["act"])] + [appendix_html(app) for app in doc["appendices"]]
    return (f'<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8"><title>{esc(doc["act"]["title"])}'
            f'</title><style>{CSS}</style></head><body>{"".join(parts)}</body></html>\n')


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    raise SystemExit("chromium not found: apt-get install chromium")


def fix_dates(pdf: Path) -> None:
    """Chromium stamps the print time; give both dates a fixed value of the same length."""
    data = pdf.read_bytes()
    pattern = re.compile(rb"/(CreationDate|ModDate) \((D:[0-9]{14}[^)]*)\)")

    def same_length(m: re.Match[bytes]) -> bytes:
        value = FIXED_PDF_DATE[:len(m.group(2))].ljust(len(m.group(2)), b" ")
        return b"/" + m.group(1) + b" (" + value + b")"

    pdf.write_bytes(pattern.sub(same_length, data))


def print_pdf(html_text: str, out_pdf: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="adilet-samples-") as tmp:
        page = Path(tmp) / "act.html"
        page.write_text(html_text, encoding="utf-8")
        profile = Path(tmp) / "profile"
        cmd = [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
               f"--print-to-pdf={out_pdf}", page.as_uri()]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    if not out_pdf.exists():
        raise SystemExit(f"chromium did not write {out_pdf}")
    fix_dates(out_pdf)


def render(doc: dict, out_pdf: Path, keep_html: Path | None = None) -> None:
    text = document_html(doc)
    if keep_html:
        keep_html.write_text(text, encoding="utf-8")
    print_pdf(text, out_pdf)
