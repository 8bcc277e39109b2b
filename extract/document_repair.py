"""Document -> Document with its Kazakh letters repaired, and a report of what was done.

Characters were already placed by their geometry (:mod:`extract.chars`), which undoes glyphs
drawn out of order. What geometry cannot undo (a text layer that lost the letters Windows-1251
lacks and appended them to each run, KZ-1048 bytes read as cp1251, legacy fonts on Serbian /
Macedonian code points) is repaired here on the document's text as a whole, so the detector
decides once per document: every page line and every cell line is repaired together, line for
line, by :func:`normalize.glyph_repair.repair_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from extract.document import Document
from normalize.glyph_repair import repair_text


@dataclass(frozen=True)
class GlyphReport:
    kind: str  # clean | displaced | kz1048 | legacy_codepoints
    lines_changed: int
    letters_placed: int
    letters_unplaced: int
    unmapped_glyphs: int = 0  # "(cid:NN)": glyphs whose font has no Unicode map, kept as printed


CID = regex.compile(r"\(cid:\d+\)")


def _all_lines(doc: Document) -> list[str]:
    lines = [x.text for x in doc.text_lines]
    for table in doc.tables:
        for cell in table.cells:
            lines.extend(cell.lines)
    return [line.replace("\n", " ") for line in lines]


def repair_document_glyphs(doc: Document) -> tuple[Document, GlyphReport]:
    """Repair every line of ``doc`` when the document-level detector finds broken letters."""
    lines = _all_lines(doc)
    result = repair_text("\n".join(lines))
    report = GlyphReport(result.kind, result.lines_changed, result.letters_placed,
                         sum(len(s.replace(" ", "")) for _, s in result.unplaced),
                         sum(len(CID.findall(line)) for line in lines))  # fmt: skip
    if result.lines_changed == 0:
        return doc, report
    fixed = iter(result.text.split("\n"))
    text_lines = tuple(replace(x, text=next(fixed)) for x in doc.text_lines)
    tables = []
    for table in doc.tables:
        cells = tuple(replace(c, lines=tuple(next(fixed) for _ in c.lines)) for c in table.cells)
        tables.append(replace(table, cells=cells))
    return replace(doc, text_lines=text_lines, tables=tuple(tables)), report
