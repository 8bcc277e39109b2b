"""Document -> Document with its Kazakh letters repaired, and a report of what was done.

Characters were already placed by their geometry (:mod:`extract.chars_to_lines`), which undoes glyphs
drawn out of order. What geometry cannot undo (a text layer that lost the letters Windows-1251
lacks and appended them to each run, KZ-1048 bytes read as cp1251, legacy fonts on Serbian /
Macedonian code points) is repaired here on the document's text as a whole, so the detector
decides once per document: every page line and every cell line is repaired together, line for
line, by :func:`normalize.glyph_repair.repair_text`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from core.document import Document
from normalize.glyph_cid import CID, CODE, apply_cids, coded_words, learn_cids
from normalize.glyph_repair import repair_text
from normalize.lexicon import load_lexicon


@dataclass(frozen=True)
class GlyphReport:
    kind: str  # clean | displaced | kz1048 | legacy_codepoints | unmapped_learned
    lines_changed: int
    letters_placed: int
    letters_unplaced: int
    unmapped_glyphs: int = 0  # "(cid:NN)": glyphs whose font has no Unicode map, kept as printed


UNMAPPED_LEARNED = "unmapped_learned"  # only glyphs without a Unicode mapping were repaired


def _all_lines(doc: Document) -> list[str]:
    lines = [x.text for x in doc.text_lines]
    for table in doc.tables:
        for cell in table.cells:
            lines.extend(cell.lines)
    return [line.replace("\n", " ") for line in lines]


def _with_lines(doc: Document, fixed: Iterator[str]) -> Document:
    """``doc`` with its page lines, then its cells' lines (in :func:`_all_lines` order) replaced."""
    text_lines = tuple(replace(x, text=next(fixed)) for x in doc.text_lines)
    tables = []
    for table in doc.tables:
        cells = tuple(replace(c, lines=tuple(next(fixed) for _ in c.lines)) for c in table.cells)
        tables.append(replace(table, cells=cells))
    return replace(doc, text_lines=text_lines, tables=tuple(tables))


def _learn_unmapped(doc: Document, lines: list[str]) -> tuple[Document, list[str], int, int]:
    """Glyphs without a Unicode mapping (or on Latin-1 code points) inside Kazakh words replaced
    by the letters the document supports (:mod:`normalize.glyph_cid`): the document, its lines,
    lines and glyphs changed."""
    if not any(CODE.search(line) and coded_words(line) for line in lines):
        return doc, lines, 0, 0
    lm = load_lexicon()
    mapping = learn_cids(lines, lm) if lm is not None else {}
    if not mapping:
        return doc, lines, 0, 0
    new = [apply_cids(line, mapping) for line in lines]
    glyphs = sum(len(CODE.findall(a)) - len(CODE.findall(b)) for a, b in zip(lines, new, strict=True))
    changed = sum(a != b for a, b in zip(lines, new, strict=True))
    return _with_lines(doc, iter(new)), new, changed, glyphs


def repair_document_glyphs(doc: Document) -> tuple[Document, GlyphReport]:
    """Repair every line of ``doc`` when the document-level detector finds broken letters (after
    learning what glyphs without a Unicode mapping stand for, when the document says)."""
    lines = _all_lines(doc)
    doc, lines, cid_lines, cid_glyphs = _learn_unmapped(doc, lines)
    result = repair_text("\n".join(lines))
    kind = UNMAPPED_LEARNED if cid_glyphs and result.kind == "clean" else result.kind
    report = GlyphReport(kind, result.lines_changed + cid_lines, result.letters_placed + cid_glyphs,
                         sum(len(s.replace(" ", "")) for _, s in result.unplaced),
                         sum(len(CID.findall(line)) for line in lines))  # fmt: skip
    if result.lines_changed == 0:
        return doc, report
    return _with_lines(doc, iter(result.text.split("\n"))), report
