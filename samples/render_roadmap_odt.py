"""Flat ODT -> PDF (LibreOffice Writer, headless) rendering of seed 003: samples/003_roadmap.pdf.

Page 1 holds the decree; the roadmap starts on a new page with its approval block, its title and
a fully ruled 6-column table: the header, a row of column numbers "1 2 3 4 5 6", then rows 1-19.
The header is NOT repeated on the following pages (the header rows are ordinary rows, not
table-header-rows), and rows may split across pages (keep-together "auto"): LibreOffice breaks
the tall rows at the page foot.  Every cell is written with the line breaks of the seed (one
paragraph per printed line); a line the original spreads letter by letter gets a letter-spacing
computed from the font metrics so that it fills the cell width ("Ж А О", "2 0 2 0").  After the
table comes the note with the abbreviations, as plain text.

Needs `soffice` (apt-get install libreoffice-writer-nogui) and fonts-dejavu-core.  The PDF's
creation date is pinned so that the output is the same on every run.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = ("DejaVu Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SIZE = 8.0                      # table type, pt
BODY = 11.0                     # decree type, pt
PAD_CM = 0.08
TABLE_CM = 18.0
PT_PER_CM = 72 / 2.54
FIXED_DATE = "2025-08-06T00:00:00"


@cache
def _font() -> str:
    pdfmetrics.registerFont(TTFont("OdtSerif", FONT[1]))
    return "OdtSerif"


def width_pt(text: str, size: float = SIZE) -> float:
    return pdfmetrics.stringWidth(text, _font(), size)


def col_widths_cm(table: dict) -> list[float]:
    need = [0.6] * table["n_cols"]
    for cells in [*table["header"]["rows"], *(r["cells"] for r in table["rows"])]:
        for c, cell in enumerate(cells):
            for ln in cell["lines"]:
                need[c] = max(need[c], (width_pt(ln) + 3) / PT_PER_CM + 2 * PAD_CM)
    extra = TABLE_CM - sum(need)
    if extra < 0:
        raise ValueError(f"table needs {sum(need):.1f} cm")
    total = sum(need)
    return [round(w + extra * w / total, 3) for w in need]


class Styles:
    """Automatic text styles, one per letter-spacing value."""

    def __init__(self) -> None:
        self.spacing: dict[str, str] = {}

    def spaced(self, pt: float) -> str:
        key = f"{pt:.3f}pt"
        if key not in self.spacing:
            self.spacing[key] = f"Ts{len(self.spacing) + 1}"
        return self.spacing[key]

    def xml(self) -> str:
        return "".join(f'<style:style style:name="{name}" style:family="text"><style:text-properties '
                       f'fo:letter-spacing="{value}"/></style:style>' for value, name in self.spacing.items())


def cell_xml(cell: dict, inner_pt: float, para: str, styles: Styles, cell_style: str) -> str:
    paras = []
    for i, ln in enumerate(cell["lines"]):
        text = escape(ln)
        if i in cell.get("spaced_lines", []) and len(ln) > 1:
            gap = (inner_pt - width_pt(ln) - 2.5) / len(ln)
            text = f'<text:span text:style-name="{styles.spaced(gap)}">{text}</text:span>'
        paras.append(f'<text:p text:style-name="{para}">{text}</text:p>')
    if not paras:
        paras.append(f'<text:p text:style-name="{para}"/>')
    return f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">{"".join(paras)}</table:table-cell>'


def table_xml(table: dict, styles: Styles) -> str:
    widths = col_widths_cm(table)
    inner = [(w - 2 * PAD_CM) * PT_PER_CM for w in widths]
    cols = "".join(f'<table:table-column table:style-name="Col{c + 1}"/>' for c in range(len(widths)))
    rows = []
    for cells in table["header"]["rows"]:
        rows.append("".join(cell_xml(cell, inner[c], "PHead", styles, "Cell") for c, cell in enumerate(cells)))
    if table["header"]["column_numbers"]:
        rows.append("".join(cell_xml({"lines": [n]}, inner[c], "PCentre", styles, "Cell")
                            for c, n in enumerate(table["header"]["column_numbers"])))
    for row in table["rows"]:
        rows.append("".join(cell_xml(cell, inner[c], "PCentre" if c == 0 else "PCell", styles, "Cell")
                            for c, cell in enumerate(row["cells"])))
    body = "".join(f'<table:table-row table:style-name="Row">{r}</table:table-row>' for r in rows)
    col_styles = "".join(f'<style:style style:name="Col{c + 1}" style:family="table-column"><style:table-column-properties '
                         f'style:column-width="{w}cm"/></style:style>' for c, w in enumerate(widths))
    return col_styles, f'<table:table table:name="{table["id"]}" table:style-name="Tbl">{cols}{body}</table:table>'


def document_xml(doc: dict) -> str:
    styles = Styles()
    act = doc["act"]
    table = doc["tables"][0]
    col_styles, tbl = table_xml(table, styles)
    text = [f'<text:p text:style-name="PTitle">{escape(act["title"])}</text:p>',
            f'<text:p text:style-name="PAct">{escape(act["act_line"])}</text:p>']
    text += [f'<text:p text:style-name="PBody">{escape(p)}</text:p>' for p in act["body"]]
    text += [f'<text:p text:style-name="PSign">{escape(s)}</text:p>' for s in act["signature"]]
    block = table["approval_block"]
    text.append(f'<text:p text:style-name="PApprovalFirst">{escape(block[0])}</text:p>')
    text += [f'<text:p text:style-name="PApproval">{escape(s)}</text:p>' for s in block[1:]]
    text.append(f'<text:p text:style-name="PTableTitle">{escape(table["title"])}</text:p>')
    text.append(tbl)
    note = doc["note"]
    text.append(f'<text:p text:style-name="PNoteTitle">{escape(note["title"])}</text:p>')
    text += [f'<text:p text:style-name="PNote">{escape(a)} {escape(b)}</text:p>' for a, b in note["items"]]
    border = "0.5pt solid #000000"
    auto = f"""
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{TABLE_CM}cm" table:align="center" style:may-break-between-rows="true"/></style:style>
{col_styles}
<style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="auto"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="{PAD_CM}cm" fo:border="{border}" style:vertical-align="top"/></style:style>
{styles.xml()}"""
    para = f"""
<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="{FONT[0]}" fo:font-size="{BODY}pt" fo:language="kk" fo:country="KZ"/></style:style>
<style:style style:name="PTitle" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-weight="bold" fo:font-size="12pt"/></style:style>
<style:style style:name="PAct" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="PBody" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1.25cm" fo:margin-bottom="0.1cm"/></style:style>
<style:style style:name="PSign" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.2cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="PApprovalFirst" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page" fo:text-align="center" fo:margin-left="11cm"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="PApproval" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-left="11cm"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="PTableTitle" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm" fo:margin-bottom="0.3cm" fo:margin-left="1cm" fo:margin-right="1cm"/><style:text-properties fo:font-weight="bold" fo:font-size="10pt"/></style:style>
<style:style style:name="PCell" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="{SIZE}pt" fo:hyphenate="false"/></style:style>
<style:style style:name="PCentre" style:family="paragraph" style:parent-style-name="PCell"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="PHead" style:family="paragraph" style:parent-style-name="PCell"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="PNoteTitle" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="0.4cm" fo:text-indent="1.25cm"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="PNote" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="10pt"/></style:style>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{escape(act["title"])}</dc:title><meta:creation-date>{FIXED_DATE}</meta:creation-date><dc:date>{FIXED_DATE}</dc:date></office:meta>
<office:font-face-decls><style:font-face style:name="{FONT[0]}" svg:font-family="'{FONT[0]}'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>{para}</office:styles>
<office:automatic-styles>{auto}
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="1cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>{"".join(text)}</office:text></office:body>
</office:document>
"""


def soffice_binary() -> str:
    for name in ("soffice", "libreoffice"):
        if path := shutil.which(name):
            return path
    raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui")


def pin_dates(pdf: Path) -> None:
    """LibreOffice stamps the conversion time; give every PDF date a fixed value of the same length."""
    data = pdf.read_bytes()

    def same(m: re.Match[bytes]) -> bytes:
        value = b"D:20250806000000" + m.group(2)[16:]
        return m.group(1) + value[:len(m.group(2))]

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()(D:[0-9]{14}[^)]*)", same, data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)",
                  lambda m: m.group(1) + b"2025-08-06T00:00:00Z"[:len(m.group(2))].ljust(len(m.group(2))), data)
    # the trailer /ID and /DocChecksum change on every run: derive it from the rest of the file instead (same length)
    ident = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>")
    checksum = re.compile(rb"/DocChecksum /([0-9A-Fa-f]{32})")
    digest = hashlib.md5(checksum.sub(b"", ident.sub(b"/ID", data))).hexdigest().upper().encode()
    data = ident.sub(lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), data)
    data = checksum.sub(lambda m: m.group(0).replace(m.group(1), digest), data)
    pdf.write_bytes(data)


def render(doc: dict, out_pdf: Path, keep_fodt: Path | None = None) -> None:
    xml = document_xml(doc)
    if keep_fodt:
        keep_fodt.write_text(xml, encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="adilet-lo-") as tmp:
        src = Path(tmp) / f"{out_pdf.stem}.fodt"
        src.write_text(xml, encoding="utf-8")
        profile = Path(tmp) / "profile"
        cmd = [soffice_binary(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(src)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        produced = Path(tmp) / f"{out_pdf.stem}.pdf"
        if not produced.exists():
            raise SystemExit(f"soffice did not write {produced}")
        shutil.copyfile(produced, out_pdf)
    pin_dates(out_pdf)


if __name__ == "__main__":
    import json
    here = Path(__file__).resolve().parent
    render(json.loads((here / "content" / "003_roadmap.json").read_text(encoding="utf-8")),
           here / "003_roadmap.pdf", Path("/tmp/003.fodt"))
